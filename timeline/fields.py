"""Typed access to the fields of one data record, reporting problems instead of raising.

Every problem carries the file, the line and the dotted field name, quotes the offending
value and says what to do, so that ``timeline check`` can list them all at once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import urlsplit

from timeline import edtf
from timeline.errors import Problem, quote
from timeline.load import Key, Record
from timeline.model import Text

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
LANG = re.compile(r"[a-z]{2,3}")
COUNTRY = re.compile(r"[A-Z]{2}")
HOSTNAME = re.compile(
    r"(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+"
)
TAG_AUTHORITY = re.compile(HOSTNAME.pattern + r",\d{4}(?:-\d{2}(?:-\d{2})?)?")
DURATION = re.compile(r"P(?=\d|T\d)(?:\d+W)?(?:\d+D)?(?:T(?=\d)(?:\d+H)?(?:\d+M)?(?:\d+S)?)?")


# Characters no calendar or feed can carry: C0 controls but tab, LF and CR (XML 1.0 forbids them,
# RFC 5545 TEXT too), DEL and C1 controls (invisible; NEL does not even survive YAML), the
# non-characters U+FFFE/U+FFFF and lone surrogates.
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")


MAX_SLUG = 120
"""The longest id or key: ids become file names (events/<id>.ics), which file systems cap at 255 bytes."""
MAX_DURATION_DAYS = 36_525
"""The longest duration a config may give (a century): longer ones overflow date arithmetic."""
_DURATION_PARTS = re.compile(r"(\d+)([WDHMS])")
_DURATION_DAYS = {"W": 7.0, "D": 1.0, "H": 1 / 24, "M": 1 / 1440, "S": 1 / 86400}
# urlsplit silently drops tab, CR and LF, so the URL is judged as written: no white space or
# control character at all (a CR/LF in a URL would end a line of a calendar or a header).
_URL_SPACE = re.compile(r"[\s\x00-\x1f\x7f-\x9f]")


def _is_url(value: str) -> bool:
    if _URL_SPACE.search(value):
        return False
    try:
        parts = urlsplit(value)
        host = parts.hostname or ""
        parts.port  # noqa: B018 - raises ValueError on a port that is not a number or out of range
    except ValueError:
        return False
    return parts.scheme in {"http", "https"} and bool(HOSTNAME.fullmatch(host))


def duration_days(value: str) -> float:
    """The length of an ISO 8601 duration matched by DURATION, in days (T splits months from minutes)."""
    date_part, _, time_part = value[1:].partition("T")
    total = 0.0
    for part, units in ((date_part, "WD"), (time_part, "HMS")):
        for number, unit in _DURATION_PARTS.findall(part):
            if unit in units:
                total += min(int(number), 10**12) * _DURATION_DAYS[unit]
    return total


@dataclass
class Reader:
    """Typed access to one mapping of a record, reporting instead of raising."""

    record: Record
    problems: list[Problem]
    prefix: Key = ()
    mapping: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def of(cls, record: Record, problems: list[Problem], prefix: Key, value: Any, what: str) -> Reader | None:
        if not isinstance(value, dict):
            problems.append(
                record.problem(prefix, ".".join(map(str, prefix)), f"{what} must be a mapping, not {quote(value)}")
            )
            return None
        return cls(record, problems, prefix, value)

    def name(self, key: str | int) -> str:
        """The dotted field name of ``key`` ("" is the mapping itself, e.g. a bad table key)."""
        return ".".join(str(k) for k in (*self.prefix, key) if k != "")

    def report(self, key: str | int, message: str) -> None:
        self.problems.append(self.record.problem((*self.prefix, key), self.name(key), message))

    def unknown(self, allowed: Iterable[str]) -> None:
        allowed = set(allowed)
        for key in self.mapping:
            if key not in allowed:
                close = sorted(a for a in allowed if a[:3] == key[:3])
                hint = f"; did you mean {close[0]!r}?" if close else f"; allowed: {', '.join(sorted(allowed))}"
                self.report(key, f"unknown field {key!r}{hint}")

    def required(self, *keys: str) -> None:
        for key in keys:
            if self.mapping.get(key) is None:
                self.report(key, "required field is missing; add it")

    def text(self, key: str, *, required: bool = False) -> str | None:
        value = self.mapping.get(key)
        if value is None:
            if required:
                self.report(key, "required field is missing; add it")
            return None
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self.report(key, f"must be text, not {quote(value)}")
            return None
        raw = str(value)
        value = (self.clean((key,), self.name(key), raw) if FORBIDDEN.search(raw) else raw).strip()
        if not value:
            self.report(key, "is empty; give a value or remove the field")
            return None
        return value

    def clean(self, key: Key, name: str, value: str) -> str:
        """``value`` without the characters no output can carry, with a warning if there were any."""
        found = sorted(set(FORBIDDEN.findall(value)))
        if not found:
            return value
        codes = ", ".join(f"U+{ord(c):04X}" for c in found)
        problem = self.record.problem(
            (*self.prefix, *key),
            name,
            f"removed control characters ({codes}) that calendars and feeds cannot carry; delete them from the file",
        )
        self.problems.append(replace(problem, warning=True))
        return FORBIDDEN.sub("", value)

    def texts(self, key: str) -> tuple[str, ...]:
        value = self.mapping.get(key)
        if value is None:
            return ()
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            self.report(key, f"must be a list, not {quote(value)}")
            return ()
        out = []
        for i, item in enumerate(value):
            if isinstance(item, bool) or not isinstance(item, str | int) or not str(item).strip():
                self.problems.append(
                    self.record.problem(
                        (*self.prefix, key, i), f"{self.name(key)}[{i}]", f"must be non-empty text, not {quote(item)}"
                    )
                )
            else:
                raw = str(item)
                out.append(
                    (self.clean((key, i), f"{self.name(key)}[{i}]", raw) if FORBIDDEN.search(raw) else raw).strip()
                )
        return tuple(out)

    def lang_text(self, key: str, languages: Iterable[str], *, required: bool = False, complete: bool = False) -> Text:
        """A per-language text; a plain string counts as the first language's."""
        value = self.mapping.get(key)
        languages = tuple(languages)
        if value is None:
            if required:
                self.report(key, f"required field is missing; add it with a text per language ({', '.join(languages)})")
            return {}
        if isinstance(value, str):
            value = {languages[0]: value}
        sub = Reader.of(self.record, self.problems, (*self.prefix, key), value, "a text per language")
        if sub is None:
            return {}
        out: Text = {}
        for lang in sub.mapping:
            if lang not in languages:
                sub.report(
                    lang,
                    f"language {lang!r} is not configured (languages: {', '.join(languages)}); fix the code or add it to timeline.yaml",
                )
                continue
            text = sub.text(lang)
            if text is not None:
                out[lang] = text
        if complete:
            for lang in languages:
                if lang not in sub.mapping:
                    sub.report(lang, f"missing the {lang!r} text; every configured language needs one")
        return out

    def slug(self, key: str, value: str | None) -> str | None:
        if value is not None and not SLUG.fullmatch(value):
            self.report(key, f"{quote(value)} is not a slug; use lowercase letters, digits and single hyphens")
            return None
        if value is not None and len(value) > MAX_SLUG:
            self.report(key, f"{quote(value)} is {len(value)} characters long; keep it to {MAX_SLUG} (it names files)")
            return None
        return value

    def duration(self, key: str, default: str, *, days_only: bool = False) -> str:
        """An ISO 8601 duration of at most MAX_DURATION_DAYS (``default`` if absent or wrong)."""
        value = self.text(key) or default
        if not DURATION.fullmatch(value) or (days_only and "T" in value):
            example = "in days or weeks such as P30D or P8W" if days_only else "such as P1D or PT12H"
            self.report(key, f"{quote(value)} is not an ISO 8601 duration {example}")
            return default
        if duration_days(value) > MAX_DURATION_DAYS:
            self.report(
                key, f"{quote(value)} is longer than {MAX_DURATION_DAYS:,} days (a century); give a shorter one"
            )
            return default
        return value

    def url(self, key: str) -> str | None:
        value = self.text(key)
        if value is not None and not _is_url(value):
            self.report(key, f"{quote(value)} is not an absolute http(s) URL; write it as https://host/path")
            return None
        return value

    def keyed(self, key: str, table: dict[str, Any], what: str, file: str) -> Any:
        value = self.text(key)
        return self.lookup(key, value, table, what, file)

    def lookup(self, key: str | int, value: str | None, table: dict[str, Any], what: str, file: str) -> Any:
        if value is None:
            return None
        if value not in table:
            self.report(key, f"unknown {what} {quote(value)}; use a key of {file} or add it there")
            return None
        return table[value]

    def edtf(self, key: str) -> edtf.When | None:
        """An EDTF value; unquoted YAML dates and years are accepted as written."""
        value = self.mapping.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, str | int):
            self.report(key, f'{quote(value)} is not an EDTF date; write it as a quoted string such as "2025-11"')
            return None
        try:
            return edtf.parse(str(value))
        except edtf.EDTFError as exc:
            self.report(key, str(exc))
            return None

    def coordinates(self, key: str) -> tuple[float, float] | None:
        value = self.mapping.get(key)
        if value is None:
            return None
        if (
            not isinstance(value, list)
            or len(value) != 2  # noqa: PLR2004 - latitude, longitude
            or not all(isinstance(v, int | float) and not isinstance(v, bool) for v in value)
        ):
            self.report(key, f"{quote(value)} must be [latitude, longitude] in decimal degrees")
            return None
        lat, lon = float(value[0]), float(value[1])
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):  # noqa: PLR2004 - degrees
            self.report(key, f"{quote(value)} is out of range: latitude is -90..90, longitude -180..180")
            return None
        return (lat, lon)

    def sub(self, key: str, what: str) -> Reader | None:
        """The nested mapping at ``key`` (None, reported, if it is not a mapping)."""
        return Reader.of(self.record, self.problems, (*self.prefix, key), self.mapping.get(key), what)

    def item_problem(self, key: str, index: int, message: str) -> None:
        """Report item ``index`` of the list at ``key``."""
        self.problems.append(self.record.problem((*self.prefix, key, index), f"{self.name(key)}[{index}]", message))
