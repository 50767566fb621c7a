"""Partner sites: the only origins allowed to embed the widget, frame the chat page and call the
chat API from a browser. One YAML file (bot/channels/partners.yml, or the file named by
SIGNPOST_PARTNERS), loaded and validated when the web app starts: a bad entry stops the start with
the file, the entry and what is wrong.

    partners:
      - name: Swindon Borough Council
        council: swindon              # optional: visitors from these origins get this council
        origins: [https://www.swindon.gov.uk]

An origin is scheme://host[:port] with no path. A port of `*` (http://localhost:*) matches any
port: for development only, and refused in production unless the host is loopback.
"""
from __future__ import annotations

import logging
import os
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import yaml

logger = logging.getLogger(__name__)
DEFAULT_FILE = Path(__file__).resolve().parent / "partners.yml"
ENV = "SIGNPOST_PARTNERS"
COUNCILS = ("swindon", "wiltshire")
LOOPBACK = ("localhost", "127.0.0.1", "[::1]")
_ORIGIN = re.compile(r"^(https?)://([a-z0-9.-]+|\[::1\])(?::(\d{1,5}|\*))?$")


class PartnersError(ValueError):
    pass


@dataclass(frozen=True)
class Origin:
    scheme: str
    host: str
    port: str | None       # None (scheme default), digits, or "*"

    @classmethod
    def parse(cls, text: str) -> Origin:
        match = _ORIGIN.match(text)
        if not match:
            raise ValueError("an origin is scheme://host[:port], lower case, with no path, "
                             "e.g. https://www.swindon.gov.uk")
        scheme, host, port = match.groups()
        default = "443" if scheme == "https" else "80"
        if port and port != "*" and not 0 < int(port) < 65536:
            raise ValueError("port out of range")
        return cls(scheme, host, None if port in (None, default) else port)

    def matches(self, other: Origin) -> bool:
        return (self.scheme, self.host) == (other.scheme, other.host) and (
            self.port == "*" or self.port == other.port)

    def csp(self) -> str:
        return f"{self.scheme}://{self.host}" + (f":{self.port}" if self.port else "")


@dataclass(frozen=True)
class Partner:
    name: str
    origins: tuple
    council: str | None = None


class Partners:
    def __init__(self, partners: list, source: str = "<memory>") -> None:
        self.partners = tuple(partners)
        self.source = source

    @classmethod
    def load(cls, path=None, production: bool = False) -> Partners:
        path = Path(path or os.environ.get(ENV) or DEFAULT_FILE)
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except OSError as exc:
            raise PartnersError(f"{path}: cannot read the partners file ({exc.strerror})") from exc
        except yaml.YAMLError as exc:
            raise PartnersError(f"{path}: not valid YAML: {exc}") from exc
        if not isinstance(data, dict) or not isinstance(data.get("partners"), list):
            raise PartnersError(f"{path}: expected a mapping with a 'partners' list")
        partners = []
        for i, entry in enumerate(data["partners"], 1):
            where = f"{path}: partner {i}"
            if not isinstance(entry, dict):
                raise PartnersError(f"{where}: expected a mapping with name and origins")
            unknown = set(entry) - {"name", "origins", "council"}
            if unknown:
                raise PartnersError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
            name = entry.get("name")
            if not isinstance(name, str) or not name.strip():
                raise PartnersError(f"{where}: 'name' must be text")
            where = f"{path}: partner {i} ({name})"
            council = entry.get("council")
            if council is not None and council not in COUNCILS:
                raise PartnersError(f"{where}: 'council' must be one of {', '.join(COUNCILS)}")
            origins = entry.get("origins")
            if not isinstance(origins, list) or not origins:
                raise PartnersError(f"{where}: 'origins' must be a non-empty list")
            parsed = []
            for text in origins:
                try:
                    origin = Origin.parse(text if isinstance(text, str) else "")
                except ValueError as exc:
                    raise PartnersError(f"{where}: origin {text!r}: {exc}") from exc
                if production and origin.port == "*" and origin.host not in LOOPBACK:
                    raise PartnersError(f"{where}: origin {text!r}: a wildcard port is for "
                                        "development only")
                if production and origin.scheme == "http" and origin.host not in LOOPBACK:
                    logger.warning("%s: origin %s is not https", where, text)
                parsed.append(origin)
            partners.append(Partner(name.strip(), tuple(parsed), council))
        return cls(partners, str(path))

    def find(self, origin: str | None) -> Partner | None:
        if not origin:
            return None
        try:
            candidate = Origin.parse(origin.lower())
        except ValueError:
            return None
        if candidate.port == "*":
            return None
        for partner in self.partners:
            if any(o.matches(candidate) for o in partner.origins):
                return partner
        return None

    def allows(self, origin: str | None) -> bool:
        return self.find(origin) is not None

    def csp_sources(self) -> list:
        return list(dict.fromkeys(o.csp() for p in self.partners for o in p.origins))


def is_same_origin(origin: str, host_header: str) -> bool:
    """The page calling us was served by us. Compared on host and port, not scheme: behind a TLS
    terminator we see http. A Host header without a port (nginx's $host) matches any port."""
    try:
        parsed = urlsplit(origin)
        theirs_host, theirs_port = parsed.hostname, parsed.port
        ours = urlsplit(f"//{host_header}")
        ours_host, ours_port = ours.hostname, ours.port
    except ValueError:
        return False
    if not theirs_host or parsed.scheme not in ("http", "https") or theirs_host != ours_host:
        return False
    if ours_port is None:
        return True
    default = 443 if parsed.scheme == "https" else 80
    return (theirs_port or default) == ours_port
