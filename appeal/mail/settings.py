"""The mail server's settings: a YAML file, overridden by environment variables.

The password is never read from a file or a case: it comes from
``APPEAL_SMTP_PASSWORD`` or, on a terminal, from a prompt (the command line
asks). A user name on a connection without TLS is refused unless
``allow_plain_auth`` says the password may travel in clear text.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any

import yaml

from appeal.mail.errors import MailError
from appeal.mail.message import parse_address

#: Looked for in the working folder when no settings file is given.
SETTINGS_FILE = "appeal-smtp.yaml"
ENV_PREFIX = "APPEAL_SMTP_"
PASSWORD_VARIABLE = f"{ENV_PREFIX}PASSWORD"


class Security(str, Enum):
    starttls = "starttls"
    """Connect in clear text, then upgrade with STARTTLS (port 587)."""
    ssl = "ssl"
    """TLS from the first byte (port 465)."""
    none = "none"
    """No encryption: a server on this machine or a test server."""


DEFAULT_PORTS = {Security.starttls: 587, Security.ssl: 465, Security.none: 25}

#: The keys of a settings file, each also ``APPEAL_SMTP_<KEY>`` in the environment.
KEYS = ("host", "port", "security", "user", "from", "ca_file", "allow_plain_auth", "timeout")


@dataclass(frozen=True)
class ServerSettings:
    host: str
    port: int
    security: Security = Security.starttls
    user: str | None = None
    sender: str | None = None
    """The From address of the messages."""
    ca_file: Path | None = None
    """Certificates to trust besides the system's (a server with its own CA)."""
    allow_plain_auth: bool = False
    timeout: float = 60.0

    @property
    def encrypted(self) -> bool:
        return self.security != Security.none


def load_settings(
    path: Path | None = None,
    environ: Mapping[str, str] | None = None,
    folder: Path | None = None,
) -> ServerSettings:
    """The settings from ``path`` (or ``appeal-smtp.yaml`` in ``folder`` if there is
    one), each overridden by its environment variable."""
    environ = os.environ if environ is None else environ
    values: dict[str, Any] = {}
    if path is None:
        default = (folder or Path.cwd()) / SETTINGS_FILE
        path = default if default.is_file() else None
    if path is not None:
        values.update(_read(path))
    for key in KEYS:
        value = environ.get(ENV_PREFIX + key.upper())
        if value is not None and value.strip():
            values[key] = value.strip()
    where = f"{path} or {ENV_PREFIX}*" if path else f"{SETTINGS_FILE} or {ENV_PREFIX}*"
    return _settings(values, where)


def _read(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise MailError(f"cannot read {path}: {exc.strerror or exc}") from None
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise MailError(f"{path} is not a YAML file: {exc}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise MailError(f"{path} must be a mapping of {', '.join(KEYS)}")
    if "password" in data:
        raise MailError(
            f"{path}: a password is never read from a file; set {PASSWORD_VARIABLE} "
            "or let appeal ask for it"
        )
    unknown = [str(key) for key in data if key not in KEYS]
    if unknown:
        raise MailError(f"{path}: unknown key '{unknown[0]}'; known keys: {', '.join(KEYS)}")
    return data


def _settings(values: dict[str, Any], where: str) -> ServerSettings:
    host = _text(values.get("host"))
    if not host:
        raise MailError(f"no mail server: set 'host' in {where}")
    try:
        security = Security(str(values.get("security", "starttls")).strip().lower())
    except ValueError:
        choices = ", ".join(s.value for s in Security)
        raise MailError(f"security must be one of {choices}, not '{values['security']}'") from None
    port = _number(values.get("port"), "port", int) if "port" in values else None
    timeout = _number(values.get("timeout", 60), "timeout", float)
    sender = _text(values.get("from"))
    if sender:
        parse_address(sender)
    ca_file = _text(values.get("ca_file"))
    settings = ServerSettings(
        host=host,
        port=int(port) if port is not None else DEFAULT_PORTS[security],
        security=security,
        user=_text(values.get("user")),
        sender=sender,
        ca_file=Path(ca_file) if ca_file else None,
        allow_plain_auth=_flag(values.get("allow_plain_auth", False)),
        timeout=timeout,
    )
    if settings.user and not settings.encrypted and not settings.allow_plain_auth:
        raise MailError(
            "refusing to send a password without TLS: use security: starttls or ssl, "
            "or set allow_plain_auth: true for a server on a trusted network"
        )
    return settings


def _text(value: object) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _number(value: object, key: str, kind: type[int] | type[float]) -> float:
    try:
        number = kind(str(value).strip())
    except ValueError:
        raise MailError(f"{key} must be a number, not '{value}'") from None
    if number <= 0:
        raise MailError(f"{key} must be more than 0")
    return number


def _flag(value: object) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("1", "true", "yes", "on"):
        return True
    if text in ("0", "false", "no", "off", ""):
        return False
    raise MailError(f"allow_plain_auth must be true or false, not '{value}'")
