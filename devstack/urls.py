"""Connection URLs as they may be shown: without passwords."""

from __future__ import annotations

import re

# A regex rather than urlsplit: MongoDB URLs may list several hosts, which urlsplit rejects.
_PASSWORD = re.compile(r"(?P<scheme>^[a-z][a-z0-9+.-]*://)(?P<user>[^:/@]*):[^/@]*@", re.IGNORECASE)


def redact(url: str) -> str:
    """`amqp://guest:secret@host:5672/` -> `amqp://guest@host:5672/`."""
    return _PASSWORD.sub(r"\g<scheme>\g<user>@", url)
