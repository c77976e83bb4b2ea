"""The console's texts as its screens show them, read from the message catalogues in
web/src (the shared one and every feature's)."""

from __future__ import annotations

import functools
import json
import re

from tests.support.browser import ROOT

WEB_SRC = ROOT / "web" / "src"


@functools.cache
def catalogue(locale: str) -> dict[str, str]:
    """Every text of the console in `locale`, by message id. Feature catalogues never define
    a key twice (web/scripts/check-catalogues.mjs), so merging them all loses nothing."""
    texts: dict[str, str] = {}
    shared = WEB_SRC / "i18n" / "messages" / f"{locale}.json"
    for path in (shared, *sorted(WEB_SRC.glob(f"features/*/messages/{locale}.json"))):
        texts.update(json.loads(path.read_text()))
    return texts


def say(key: str, locale: str = "en", /, **values: object) -> str:
    """A message without plural or select forms, its {placeholders} filled."""
    text = catalogue(locale)[key]
    for name, value in values.items():
        text = text.replace(f"{{{name}}}", str(value))
    assert "{" not in text, f"{key} has parts this helper does not fill: {text}"
    return text


def starting(key: str, locale: str = "en") -> re.Pattern[str]:
    """A message's text up to its first placeholder (e.g. "Saved at" of "Saved at {time}")."""
    return re.compile(re.escape(catalogue(locale)[key].split("{")[0].strip()))
