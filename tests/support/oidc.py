"""A real OpenID Connect provider for tests: `tools/oidc-provider` (panva's certified
oidc-provider on the pinned Node.js) as a process, and the Authorization Code + PKCE flow a
browser goes through, done with httpx.

    with oidc_provider(tmp_path) as provider:           # or start_provider(...) / .stop()
        token = provider.token("officer")               # "coordinator:<org id>", "viewer", …
        new_kid = provider.rotate_keys()

Browser tests start it with their own redirect URIs (`redirect_uris=[...]`) and sign in
through its login form; `provider.issuer` is what the platform's `OIDC_ISSUER` must be.
"""

from __future__ import annotations

import base64
import fcntl
import hashlib
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode, urljoin, urlsplit

import httpx
import jwt

REPO = Path(__file__).resolve().parents[2]
PROVIDER_DIR = REPO / "tools" / "oidc-provider"
NODE_BIN = REPO / ".tools" / "node" / "bin"
DEFAULT_CLIENT_ID = "icld-console"
DEFAULT_AUDIENCE = "icld-platform"
DEFAULT_REDIRECT_URI = "http://127.0.0.1:5173/auth/callback"
READY = re.compile(r"oidc-provider ready issuer=(\S+)")
START_TIMEOUT_S = 60.0
INSTALL_TIMEOUT_S = 600.0
MAX_FLOW_STEPS = 20


class ProviderError(RuntimeError):
    """The provider did not start, or a flow through it did not end with a code."""


def node_env(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment with the pinned Node.js first on PATH."""
    env = {**os.environ, **(extra or {})}
    env["PATH"] = f"{NODE_BIN}{os.pathsep}{env.get('PATH', '')}"
    return env


def install() -> None:
    """`npm ci` in tools/oidc-provider unless its node_modules is there (once, even when
    several test processes ask at the same time)."""
    modules = PROVIDER_DIR / "node_modules"
    if (modules / "oidc-provider" / "package.json").is_file():
        return
    with (PROVIDER_DIR / ".install.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if (modules / "oidc-provider" / "package.json").is_file():
            return
        npm = shutil.which("npm", path=node_env()["PATH"])
        if npm is None:
            raise ProviderError(f"npm not found (expected the pinned Node.js in {NODE_BIN})")
        result = subprocess.run(
            [npm, "ci", "--no-audit", "--no-fund"],
            cwd=PROVIDER_DIR,
            env=node_env(),
            capture_output=True,
            text=True,
            timeout=INSTALL_TIMEOUT_S,
            check=False,
        )
        if result.returncode != 0:
            raise ProviderError(f"npm ci failed in {PROVIDER_DIR}:\n{result.stderr[-4000:]}")


@dataclass
class OidcProvider:
    """A running provider; `stop()` (or the `oidc_provider` block) ends it."""

    issuer: str
    client_id: str
    audience: str
    redirect_uris: tuple[str, ...]
    keys_file: Path
    log: Path
    process: subprocess.Popen[bytes] = field(repr=False)

    def tokens(self, login: str, *, redirect_uri: str | None = None, scope: str = "openid") -> Any:
        """The token endpoint's answer (`access_token`, `id_token`, …) for `login`, through
        the whole Authorization Code + PKCE flow."""
        return authorization_code_flow(
            self.issuer,
            login,
            client_id=self.client_id,
            redirect_uri=redirect_uri or self.redirect_uris[0],
            scope=scope,
        )

    def token(self, login: str, **options: Any) -> str:
        """An access token (a JWT for the platform's audience) for `login`."""
        access_token: str = self.tokens(login, **options)["access_token"]
        return access_token

    def rotate_keys(self) -> str:
        """A new signing key (the old ones stay published); its kid."""
        response = httpx.post(f"{self.issuer}/admin/rotate-keys", timeout=30)
        response.raise_for_status()
        kid: str = response.json()["kid"]
        return kid

    def signing_key(self) -> tuple[str, Any]:
        """The kid and private key tokens are signed with now, to forge tokens that are
        wrong in exactly one respect (expired, another audience …)."""
        jwk = json.loads(self.keys_file.read_text())["keys"][0]
        return jwk["kid"], jwt.PyJWK(jwk).key

    def sign(self, claims: Mapping[str, Any], **headers: Any) -> str:
        """`claims` signed with the provider's current key (RS256, its kid)."""
        kid, key = self.signing_key()
        return jwt.encode(dict(claims), key, algorithm="RS256", headers={"kid": kid, **headers})

    def output(self) -> str:
        return self.log.read_text(errors="replace")[-4000:]

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def start_provider(
    *,
    workdir: Path | None = None,
    client_id: str = DEFAULT_CLIENT_ID,
    audience: str = DEFAULT_AUDIENCE,
    redirect_uris: Sequence[str] = (DEFAULT_REDIRECT_URI,),
    post_logout_redirect_uris: Sequence[str] = (),
    env: Mapping[str, str] | None = None,
    start_timeout_s: float = START_TIMEOUT_S,
) -> OidcProvider:
    """Installs (if needed) and starts the provider on a free port of 127.0.0.1 (the
    provider picks it: no race with other processes); returns once it is ready.

    `workdir` holds its private keys and its log (a new temporary directory by default)."""
    install()
    workdir = workdir or Path(tempfile.mkdtemp(prefix="oidc-provider-"))
    workdir.mkdir(parents=True, exist_ok=True)
    keys_file = workdir / "keys.json"
    log = workdir / "provider.log"
    logout_uris = post_logout_redirect_uris or [
        f"{urlsplit(uri).scheme}://{urlsplit(uri).netloc}/" for uri in redirect_uris
    ]
    settings = {
        "OIDC_PORT": "0",
        "OIDC_CLIENT_ID": client_id,
        "OIDC_AUDIENCE": audience,
        "OIDC_REDIRECT_URIS": ",".join(redirect_uris),
        "OIDC_POST_LOGOUT_REDIRECT_URIS": ",".join(logout_uris),
        "OIDC_KEYS_FILE": str(keys_file),
        **(env or {}),
    }
    with log.open("wb") as output:
        process = subprocess.Popen(
            ["node", str(PROVIDER_DIR / "provider.mjs")],
            cwd=PROVIDER_DIR,
            env=node_env(settings),
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    deadline = time.monotonic() + start_timeout_s
    while (found := READY.search(log.read_text(errors="replace"))) is None:
        if process.poll() is not None or time.monotonic() > deadline:
            if process.poll() is None:
                process.kill()
                process.wait()
            raise ProviderError(
                f"the OIDC provider did not start (exit {process.returncode}):\n"
                + log.read_text(errors="replace")[-4000:]
            )
        time.sleep(0.05)
    return OidcProvider(
        issuer=found.group(1),
        client_id=client_id,
        audience=audience,
        redirect_uris=tuple(redirect_uris),
        keys_file=keys_file,
        log=log,
        process=process,
    )


@contextmanager
def oidc_provider(workdir: Path | None = None, **options: Any) -> Iterator[OidcProvider]:
    """`start_provider(...)` for the block; stopped after it."""
    provider = start_provider(workdir=workdir, **options)
    try:
        yield provider
    finally:
        provider.stop()


def authorization_code_flow(
    issuer: str,
    login: str,
    *,
    client_id: str = DEFAULT_CLIENT_ID,
    redirect_uri: str = DEFAULT_REDIRECT_URI,
    scope: str = "openid",
    password: str = "any password",
) -> Any:
    """What a browser and a public client do: authorize with a PKCE challenge, sign in on
    the provider's login form, consent, take the code from the redirect and exchange it
    with the verifier. Returns the token endpoint's JSON answer."""
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest())
    state = secrets.token_urlsafe(16)
    with httpx.Client(timeout=30, follow_redirects=False) as http:
        discovery = http.get(f"{issuer.rstrip('/')}/.well-known/openid-configuration")
        discovery.raise_for_status()
        endpoints = discovery.json()
        query = {
            "client_id": client_id,
            "response_type": "code",
            "redirect_uri": redirect_uri,
            "scope": scope,
            "state": state,
            "nonce": secrets.token_urlsafe(16),
            "code_challenge": challenge.rstrip(b"=").decode(),
            "code_challenge_method": "S256",
        }
        response = http.get(f"{endpoints['authorization_endpoint']}?{urlencode(query)}")
        code = _code(http, response, redirect_uri, state, login, password)
        exchanged = http.post(
            endpoints["token_endpoint"],
            data={
                "grant_type": "authorization_code",
                "code": code,
                "redirect_uri": redirect_uri,
                "client_id": client_id,
                "code_verifier": verifier,
            },
        )
        if exchanged.status_code != 200:
            raise ProviderError(f"token request refused: {exchanged.text}")
        return exchanged.json()


def _code(
    http: httpx.Client,
    response: httpx.Response,
    redirect_uri: str,
    state: str,
    login: str,
    password: str,
) -> str:
    """Follows redirects and submits the login and consent forms until the provider
    redirects to `redirect_uri`."""
    for _ in range(MAX_FLOW_STEPS):
        if response.is_redirect:
            location = urljoin(str(response.url), response.headers["location"])
            if location.split("?", 1)[0] == redirect_uri:
                params = parse_qs(urlsplit(location).query)
                if "error" in params:
                    raise ProviderError(f"authorization refused: {params}")
                if params.get("state") != [state]:
                    raise ProviderError(f"state mismatch in {location}")
                return params["code"][0]
            response = http.get(location)
            continue
        form = _Form.parse(response.text) if response.status_code == 200 else None
        if form is None:
            raise ProviderError(
                f"unexpected answer {response.status_code} from {response.url}:\n"
                f"{response.text[:2000]}"
            )
        fields = dict(form.hidden)
        if "login" in form.inputs:
            fields |= {"login": login, "password": password}
        response = http.post(urljoin(str(response.url), form.action), data=fields)
    raise ProviderError(f"no code after {MAX_FLOW_STEPS} steps")


class _Form(HTMLParser):
    """The first POST form of a page: its action, hidden fields and input names."""

    def __init__(self) -> None:
        super().__init__()
        self.action: str | None = None
        self.hidden: dict[str, str] = {}
        self.inputs: set[str] = set()
        self._done = False
        self._inside = False

    @classmethod
    def parse(cls, html: str) -> _Form | None:
        form = cls()
        form.feed(html)
        return form if form.action is not None else None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "form" and not self._done and values.get("method", "").lower() == "post":
            self.action = values.get("action", "")
            self._inside = True
        elif tag == "input" and self._inside and (name := values.get("name")):
            self.inputs.add(name)
            if values.get("type") == "hidden":
                self.hidden[name] = values.get("value", "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "form" and self._inside:
            self._inside = False
            self._done = True
