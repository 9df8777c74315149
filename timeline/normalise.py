"""Validate the raw records of ``data/`` and turn them into the model, collecting every problem.

Nothing here stops at the first error: ``timeline check`` must report them all. Each problem
names the file, the line, the field and the offending value, and says what to do.
"""

from __future__ import annotations

import re
import zoneinfo
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from timeline import edtf
from timeline.errors import DataError, Problem, quote
from timeline.load import Key, LoadError, Record, data_files, load
from timeline.model import (
    Author,
    Citation,
    Config,
    Country,
    Dataset,
    Delegation,
    Event,
    Place,
    Series,
    Source,
    Status,
    Text,
)

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
LANG = re.compile(r"[a-z]{2,3}")
COUNTRY = re.compile(r"[A-Z]{2}")
HOSTNAME = re.compile(
    r"(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+"
)
TAG_AUTHORITY = re.compile(HOSTNAME.pattern + r",\d{4}(?:-\d{2}(?:-\d{2})?)?")
CLOCK = re.compile(r"([01]\d|2[0-3]):([0-5]\d)")
DURATION = re.compile(r"P(?=\d|T\d)(?:\d+W)?(?:\d+D)?(?:T(?=\d)(?:\d+H)?(?:\d+M)?(?:\d+S)?)?")
CALENDAR_KINDS = ("all", "series")
IMPRECISE_POLICIES = ("span", "skip")

EVENT_FIELDS = {
    "id", "series", "ordinal", "title", "when", "mod", "time", "place", "venue", "status", "host",
    "chair", "participants", "part_of", "related", "note", "sources",
}  # fmt: skip
EVENT_REQUIRED = ("id", "series", "when", "status", "sources")


def _is_url(value: str) -> bool:
    parts = urlsplit(value)
    return parts.scheme in {"http", "https"} and bool(HOSTNAME.fullmatch(parts.hostname or "")) and " " not in value


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
        return ".".join(str(k) for k in (*self.prefix, key))

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
        value = str(value).strip()
        if not value:
            self.report(key, "is empty; give a value or remove the field")
            return None
        return value

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
                out.append(str(item).strip())
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


class Normaliser:
    def __init__(self, root: Path, shown_root: str) -> None:
        self.root = root
        self.shown_root = shown_root.rstrip("/")
        self.problems: list[Problem] = []

    def shown(self, path: Path) -> str:
        return f"{self.shown_root}/{path.relative_to(self.root).as_posix()}"

    def read(self, path: Path, *, required: bool = True) -> Record | None:
        if not path.is_file():
            if required:
                self.problems.append(
                    Problem(self.shown(path), 0, "", "file is missing; create it (see data/README.md)")
                )
            return None
        try:
            record, problems = load(path, self.shown(path))
        except LoadError as exc:
            self.problems.append(exc.problem)
            return None
        self.problems.extend(problems)
        return record

    def top(self, record: Record | None, what: str) -> Reader | None:
        if record is None:
            return None
        return Reader.of(record, self.problems, (), record.data, what)

    # -- config --------------------------------------------------------------------------

    def config(self) -> Config | None:
        record = self.read(self.root / "timeline.yaml")
        r = self.top(record, "the config")
        if r is None:
            return None
        fields = {"title", "description", "base_url", "uid_domain", "tag_authority", "languages", "author",
                  "calendars", "refresh_interval", "imprecise_dates"}  # fmt: skip
        r.unknown(fields)
        r.required("title", "base_url", "uid_domain", "tag_authority", "languages", "author")
        languages = r.texts("languages")
        for i, lang in enumerate(languages):
            if not LANG.fullmatch(lang):
                self.problems.append(
                    r.record.problem(
                        ("languages", i),
                        f"languages[{i}]",
                        f"{quote(lang)} is not a language code such as 'en' or 'vi'",
                    )
                )
        languages = languages or ("en",)
        title = r.lang_text("title", languages, required=True, complete=True)
        description = r.lang_text("description", languages)
        base_url = r.url("base_url")
        if base_url is not None and not base_url.endswith("/"):
            r.report("base_url", f"{quote(base_url)} must end with '/' (it is the folder that holds the feeds)")
        uid_domain = r.text("uid_domain")
        if uid_domain is not None and not HOSTNAME.fullmatch(uid_domain):
            r.report("uid_domain", f"{quote(uid_domain)} is not a domain name such as timeline.example.org")
        tag_authority = r.text("tag_authority")
        if tag_authority is not None and not TAG_AUTHORITY.fullmatch(tag_authority):
            r.report("tag_authority", f"{quote(tag_authority)} is not an RFC 4151 authority such as 'example.org,2026'")
        author = None
        a = (
            Reader.of(r.record, self.problems, ("author",), r.mapping.get("author"), "the author")
            if "author" in r.mapping
            else None
        )
        if a is not None:
            a.unknown({"name", "email", "uri"})
            name = a.text("name", required=True)
            email = a.text("email")
            if email is not None and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", email):
                a.report("email", f"{quote(email)} is not an email address")
            author = Author(name, email, a.url("uri")) if name else None
        calendars = r.texts("calendars") or ("all",)
        for i, kind in enumerate(calendars):
            if kind not in CALENDAR_KINDS:
                self.problems.append(
                    r.record.problem(
                        ("calendars", i),
                        f"calendars[{i}]",
                        f"unknown calendar kind {quote(kind)}; use one of {', '.join(CALENDAR_KINDS)}",
                    )
                )
        refresh = r.text("refresh_interval") or "P1D"
        if not DURATION.fullmatch(refresh):
            r.report("refresh_interval", f"{quote(refresh)} is not an ISO 8601 duration such as P1D or PT12H")
        imprecise = r.text("imprecise_dates") or "span"
        if imprecise not in IMPRECISE_POLICIES:
            r.report("imprecise_dates", f"{quote(imprecise)} is not one of {', '.join(IMPRECISE_POLICIES)}")
        if not (title and base_url and uid_domain and tag_authority and author):
            return None
        return Config(
            title, description, base_url, uid_domain, tag_authority, languages, author, calendars, refresh, imprecise
        )

    # -- gazetteers ----------------------------------------------------------------------

    def table(self, name: str) -> list[tuple[str, Reader]]:
        r = self.top(self.read(self.root / name), f"{name}")
        if r is None:
            return []
        out = []
        for key, value in r.mapping.items():
            entry = Reader.of(r.record, self.problems, (key,), value, f"entry {key!r}")
            if entry is not None:
                out.append((key, entry))
        return out

    def countries(self, languages: tuple[str, ...]) -> dict[str, Country]:
        out = {}
        for key, r in self.table("countries.yaml"):
            if not COUNTRY.fullmatch(key):
                r.report("", f"{quote(key)} is not an ISO 3166-1 alpha-2 code such as VN")
                continue
            r.unknown({"name", "aliases"})
            out[key] = Country(key, r.lang_text("name", languages, required=True, complete=True), r.texts("aliases"))
        return out

    def series(self, languages: tuple[str, ...]) -> dict[str, Series]:
        out: dict[str, Series] = {}
        seen: dict[str, str] = {}
        entries = self.table("series.yaml")
        keys = {key for key, _ in entries}
        for key, r in entries:
            if r.slug("", key) is None:
                continue
            r.unknown({"name", "short", "aliases", "parent"})
            parent = r.text("parent")
            if parent is not None and parent not in keys:
                r.report("parent", f"unknown series {quote(parent)}; use a key of series.yaml")
                parent = None
            aliases = r.texts("aliases")
            for i, alias in enumerate(aliases):
                other = seen.setdefault(alias.casefold(), key)
                if other != key:
                    self.problems.append(
                        r.record.problem(
                            (key, "aliases", i),
                            f"{key}.aliases[{i}]",
                            f"alias {quote(alias)} is also an alias of {other!r}; an alias must name one series",
                        )
                    )
            name = r.lang_text("name", languages, required=True, complete=True)
            out[key] = Series(key, name, r.lang_text("short", languages) or name, aliases, parent)
        return out

    def places(self, languages: tuple[str, ...], countries: dict[str, Country]) -> dict[str, Place | None]:
        """Places by key; a place with problems maps to None, so its users are not blamed too."""
        out: dict[str, Place | None] = {}
        for key, r in self.table("places.yaml"):
            if r.slug("", key) is None:
                continue
            r.unknown({"name", "country", "timezone", "coordinates", "kind", "aliases"})
            r.required("country", "timezone")
            name = r.lang_text("name", languages, required=True, complete=True)
            country = r.keyed("country", countries, "country", "countries.yaml")
            tz = r.text("timezone")
            if tz is not None and not _valid_zone(tz):
                r.report("timezone", f"unknown time zone {quote(tz)}; use an IANA name such as Asia/Ho_Chi_Minh")
                tz = None
            kind = r.text("kind") or "city"
            if kind not in {"city", "country"}:
                r.report("kind", f"{quote(kind)} is not 'city' or 'country'")
            coordinates = self.coordinates(r)
            out[key] = None
            if name and country and tz:
                out[key] = Place(key, name, country, tz, kind, coordinates, r.texts("aliases"))
        return out

    def coordinates(self, r: Reader) -> tuple[float, float] | None:
        value = r.mapping.get("coordinates")
        if value is None:
            return None
        if (
            not isinstance(value, list)
            or len(value) != 2  # noqa: PLR2004 - latitude, longitude
            or not all(isinstance(v, int | float) and not isinstance(v, bool) for v in value)
        ):
            r.report("coordinates", f"{quote(value)} must be [latitude, longitude] in decimal degrees")
            return None
        lat, lon = float(value[0]), float(value[1])
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):  # noqa: PLR2004 - degrees
            r.report("coordinates", f"{quote(value)} is out of range: latitude is -90..90, longitude -180..180")
            return None
        return (lat, lon)

    # -- sources ---------------------------------------------------------------------------

    def sources(self, languages: tuple[str, ...]) -> dict[str, Source | None]:
        """Sources by id; a source with problems maps to None, so its citations are not blamed too."""
        out: dict[str, Source | None] = {}
        folder = self.root / "sources"
        for path in data_files(folder):
            r = self.top(self.read(path), "a source")
            if r is None:
                continue
            r.unknown({"id", "title", "publisher", "language", "published", "url", "file", "note", "seed"})
            r.required("id", "title", "language")
            source_id = r.slug("id", r.text("id"))
            if source_id is not None and source_id != path.stem:
                r.report("id", f"{quote(source_id)} differs from the file name {path.stem!r}; make them equal")
            language = r.text("language")
            if language is not None and not LANG.fullmatch(language):
                r.report("language", f"{quote(language)} is not a language code such as 'vi'")
            published = self.when(r, "published", None)
            url = r.url("url")
            file = r.text("file")
            text = ""
            if file is not None:
                target = path.parent / file
                if not target.is_file() or target.resolve().parent != folder.resolve():
                    r.report(
                        "file", f"{quote(file)} is not a file in {self.shown(folder)}; put the article's text there"
                    )
                else:
                    text = target.read_text(encoding="utf-8")
            elif url is None:
                r.report("file", "a source needs its text (file) or at least a url")
            if source_id in out:
                r.report("id", f"duplicate source id {quote(source_id)}")
            elif source_id is not None and language is not None:
                out[source_id] = Source(
                    source_id, r.text("title") or "", r.text("publisher"), language, published, url, file, text
                )
            else:
                out.setdefault(path.stem, None)
        return out

    def when(self, r: Reader, key: str, mod: str | None) -> edtf.When | None:
        value = r.mapping.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, str | int):
            r.report(key, f'{quote(value)} is not an EDTF date; write it as a quoted string such as "2025-11"')
            return None
        try:
            return edtf.parse(str(value), mod)
        except edtf.EDTFError as exc:
            r.report(key, str(exc))
            return None

    # -- events ----------------------------------------------------------------------------

    def events(self, ds: _Tables) -> tuple[Event, ...]:
        found: dict[str, Record] = {}
        unreadable: set[str] = set()  # ids (file names) of events whose file did not load
        pending: list[tuple[Reader, Event]] = []
        for path in data_files(self.root / "events"):
            record = self.read(path)
            r = self.top(record, "an event")
            if r is None or record is None:
                unreadable.add(path.stem)
                continue
            event_id = r.slug("id", r.text("id"))
            if event_id is not None and event_id != path.stem:
                r.report(
                    "id", f"{quote(event_id)} differs from the file name {path.stem!r}; rename the file or fix the id"
                )
            if event_id is not None and event_id in found:
                first = found[event_id]
                r.report(
                    "id",
                    f"duplicate id {quote(event_id)}, already used by {first.shown}:{first.line('id')}; ids are never reused",
                )
                continue
            event = self.event(r, ds)
            if event_id is not None:
                found[event_id] = record
            if event is not None:
                pending.append((r, event))
        events = []
        for r, event in pending:
            known = found.keys() | unreadable
            if event.part_of is not None and (event.part_of not in known or event.part_of == event.id):
                r.report("part_of", f"{quote(event.part_of)} is not the id of another event")
            for i, other in enumerate(event.related):
                if other not in known or other == event.id:
                    self.problems.append(
                        r.record.problem(
                            ("related", i), f"related[{i}]", f"{quote(other)} is not the id of another event"
                        )
                    )
            events.append(event)
        return tuple(sorted(events, key=lambda e: (e.when.first_day, e.id)))

    def event(self, r: Reader, ds: _Tables) -> Event | None:
        m = r.mapping
        r.unknown(EVENT_FIELDS)
        r.required(*EVENT_REQUIRED)
        langs = ds.config.languages if ds.config else ("en",)
        series = r.keyed("series", ds.series, "series", "series.yaml")
        ordinal = m.get("ordinal")
        if ordinal is not None and (isinstance(ordinal, bool) or not isinstance(ordinal, int) or ordinal < 1):
            r.report("ordinal", f"{quote(ordinal)} must be a whole number from 1 (the 12th meeting: 12)")
            ordinal = None
        title = r.lang_text("title", langs)
        mod = r.text("mod")
        when = self.when(r, "when", None)
        if mod is not None:
            try:
                when = edtf.parse(when.edtf, mod) if when else None
            except edtf.EDTFError as exc:
                r.report("mod", str(exc))
        place = r.keyed("place", ds.places, "place", "places.yaml")
        start_time, end_time = self.times(r, when)
        if start_time is not None and "place" not in r.mapping:
            r.report("time", "a time needs a place, whose time zone says what the time means; add place or remove time")
        status_text = r.text("status")
        status = None
        if status_text is not None:
            try:
                status = Status(status_text)
            except ValueError:
                r.report(
                    "status", f"{quote(status_text)} is not a status; use one of {', '.join(s.value for s in Status)}"
                )
        host = r.keyed("host", ds.countries, "country", "countries.yaml")
        chair = r.keyed("chair", ds.countries, "country", "countries.yaml")
        countries, organisations, delegations = self.participants(r, ds)
        part_of = r.text("part_of")
        related = r.texts("related")
        note = r.lang_text("note", langs)
        citations = self.citations(r, ds)
        event_id = r.text("id")
        if not (event_id and SLUG.fullmatch(event_id) and series and when and status and citations):
            return None
        return Event(
            id=event_id, series=series, title=title, when=when, status=status, sources=citations,
            ordinal=ordinal, start_time=start_time, end_time=end_time, place=place, venue=r.text("venue"),
            host=host, chair=chair, countries=countries, organisations=organisations, delegations=delegations,
            part_of=part_of, related=related, note=note,
        )  # fmt: skip

    def times(self, r: Reader, when: edtf.When | None) -> tuple[time | None, time | None]:
        if "time" not in r.mapping:
            return None, None
        t = Reader.of(r.record, self.problems, ("time",), r.mapping["time"], "time")
        if t is None:
            return None, None
        t.unknown({"start", "end"})
        t.required("start")
        found: list[time | None] = []
        for key in ("start", "end"):
            value = t.text(key)
            match = CLOCK.fullmatch(value) if value is not None else None
            if value is not None and match is None:
                t.report(key, f'{quote(value)} is not a 24-hour time such as "09:30"')
            found.append(time(int(match[1]), int(match[2])) if match else None)
        start, end = found
        if start is not None and when is not None and not when.exact:
            t.report("start", f"a time needs an exact day, but when is {when.edtf!r}; remove time or give the day")
            return None, None
        if start is not None and end is not None and when is not None and when.end is None and end <= start:
            t.report("end", f"{end:%H:%M} is not after the start {start:%H:%M}")
            return None, None
        return start, end

    def participants(
        self, r: Reader, ds: _Tables
    ) -> tuple[tuple[Country, ...], tuple[str, ...], tuple[Delegation, ...]]:
        if "participants" not in r.mapping:
            return (), (), ()
        p = Reader.of(r.record, self.problems, ("participants",), r.mapping["participants"], "participants")
        if p is None:
            return (), (), ()
        p.unknown({"countries", "organisations", "delegations"})
        countries = []
        for i, code in enumerate(p.texts("countries")):
            country = ds.countries.get(code)
            if code not in ds.countries:
                self.problems.append(
                    r.record.problem(
                        ("participants", "countries", i),
                        f"participants.countries[{i}]",
                        f"unknown country {quote(code)}; use a key of countries.yaml or add it there",
                    )
                )
            elif country is not None:
                countries.append(country)
        delegations = []
        raw = p.mapping.get("delegations") or []
        if not isinstance(raw, list):
            p.report("delegations", f"must be a list, not {quote(raw)}")
            raw = []
        langs = ds.config.languages if ds.config else ("en",)
        for i, item in enumerate(raw):
            d = Reader.of(r.record, self.problems, ("participants", "delegations", i), item, "a delegation")
            if d is None:
                continue
            d.unknown({"country", "head", "role"})
            head = d.text("head", required=True)
            country = d.keyed("country", ds.countries, "country", "countries.yaml")
            if head:
                delegations.append(Delegation(head, country, d.lang_text("role", langs)))
        return tuple(countries), p.texts("organisations"), tuple(delegations)

    def citations(self, r: Reader, ds: _Tables) -> tuple[Citation, ...]:
        raw = r.mapping.get("sources")
        if raw is None:
            return ()
        if not isinstance(raw, list) or not raw:
            r.report("sources", f"must be a non-empty list of {{source, quote}}, not {quote(raw)}")
            return ()
        out = []
        for i, item in enumerate(raw):
            s = Reader.of(r.record, self.problems, ("sources", i), item, "a source reference")
            if s is None:
                continue
            s.unknown({"source", "quote"})
            source = s.keyed("source", ds.sources, "source", "the files in sources/")
            text = s.text("quote", required=True)
            if source is not None and text is not None and source.text and _squash(text) not in _squash(source.text):
                s.report(
                    "quote", f"{quote(text, 60)} does not occur in {source.file}; copy the exact words of the article"
                )
            elif source is not None and text is not None:
                out.append(Citation(source, text))
        return tuple(out)


def _squash(text: str) -> str:
    return " ".join(text.split())


def _valid_zone(name: str) -> bool:
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return False
    return True


@dataclass
class _Tables:
    config: Config | None
    series: dict[str, Series]
    places: dict[str, Place | None]
    countries: dict[str, Country]
    sources: dict[str, Source | None]


def normalise(root: Path, shown_root: str | None = None) -> Dataset:
    """Load and validate everything under ``root``; raise :class:`DataError` with every problem."""
    n = Normaliser(root, shown_root if shown_root is not None else root.as_posix())
    if not root.is_dir():
        raise DataError([Problem(n.shown_root, 0, "", "is not a folder; give the data folder with --data")])
    config = n.config()
    languages = config.languages if config else ("en",)
    countries = n.countries(languages)
    tables = _Tables(config, n.series(languages), n.places(languages, countries), countries, n.sources(languages))
    events = n.events(tables)
    if n.problems or config is None:
        if not n.problems:
            n.problems.append(Problem(f"{n.shown_root}/timeline.yaml", 1, "", "the config is incomplete"))
        raise DataError(n.problems)
    places = {key: place for key, place in tables.places.items() if place is not None}
    sources = {key: source for key, source in tables.sources.items() if source is not None}
    return Dataset(config, tables.series, places, countries, sources, events)
