"""Validate the raw records of ``data/`` and turn them into the model, collecting every problem.

Nothing here stops at the first error: ``timeline check`` must report them all. Each problem
names the file, the line, the field and the offending value, and says what to do.
"""

from __future__ import annotations

import re
import zoneinfo
from collections.abc import Callable
from pathlib import Path

import webcolors

from timeline import IMPRECISE_POLICIES
from timeline.errors import DataError, Problem, quote
from timeline.events import Tables, read_event
from timeline.fields import COUNTRY, HOSTNAME, LANG, TAG_AUTHORITY, Reader
from timeline.load import LoadError, Record, data_files, load
from timeline.model import (
    Author,
    Config,
    Country,
    Dataset,
    Event,
    FullText,
    Person,
    Place,
    Role,
    Series,
    Source,
)
from timeline.normalise_cache import EventMemo, Revalidate
from timeline.select import KINDS
from timeline.sources import read_full_text, read_source, stray_texts
from timeline.validate_duplicates import duplicates, report_duplicates
from timeline.watch import read as read_watch

CALENDAR_KINDS = KINDS
# the roles a person of people.yaml may hold (the beat's: defence ministers and the chiefs of the forces)
ROLE_TITLES = (
    "defence minister",
    "deputy defence minister",
    "chief of defence forces",
    "chief of general staff",
    "army chief",
    "navy chief",
    "air force chief",
    "defence official",
    "head of government",
)
MIN_PERSON_NAME = 4  # shorter names ("Ng", "Lee") name too many people to find alone
YEARS = range(1950, 2101)
REFRESH_PROPERTIES = ("X-PUBLISHED-TTL", "REFRESH-INTERVAL", "SOURCE")


Loader = Callable[[Path, str], tuple[Record, list[Problem]]]


class Normaliser:
    def __init__(
        self,
        root: Path,
        shown_root: str,
        cache: Path | None = None,
        loader: Loader = load,
        memo: EventMemo | None = None,
    ) -> None:
        self.root = root
        self.cache = cache
        self.loader = loader  # the build cache's, which skips files whose bytes it has loaded before
        self.memo = memo  # the build cache's validated events (timeline/normalise_cache.py)
        self.shown_root = shown_root.rstrip("/")
        self.problems: list[Problem] = []

    def shown(self, path: str | Path) -> str:
        where, full = self.root.as_posix(), path if isinstance(path, str) else path.as_posix()
        if full.startswith(f"{where}/"):  # (strings: ten thousand relative_to calls add up)
            return f"{self.shown_root}/{full[len(where) + 1 :]}"
        return f"{self.shown_root}/{Path(path).relative_to(self.root).as_posix()}"

    def read(self, path: Path) -> Record | None:
        if not path.is_file():
            self.problems.append(Problem(self.shown(path), 0, "", "file is missing; create it (see data/README.md)"))
            return None
        try:
            record, problems = self.loader(path, self.shown(path))
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
                  "calendars", "refresh_interval", "imprecise_dates", "keep_removed", "color",
                  "refresh_properties", "icon", "logo", "feed_entries", "full_text"}  # fmt: skip
        r.unknown(fields)
        r.required("title", "base_url", "uid_domain", "tag_authority", "languages", "author")
        languages = r.texts("languages")
        for i, lang in enumerate(languages):
            if not LANG.fullmatch(lang):
                r.item_problem("languages", i, f"{quote(lang)} is not a language code such as 'en' or 'vi'")
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
                r.item_problem(
                    "calendars", i, f"unknown calendar kind {quote(kind)}; use one of {', '.join(CALENDAR_KINDS)}"
                )
        refresh = r.duration("refresh_interval", "P1D")
        imprecise = r.text("imprecise_dates") or "span"
        if imprecise not in IMPRECISE_POLICIES:
            r.report("imprecise_dates", f"{quote(imprecise)} is not one of {', '.join(IMPRECISE_POLICIES)}")
        keep = r.duration("keep_removed", "P30D", days_only=True)
        color = self.color(r, "color")
        refresh_properties = r.texts("refresh_properties") if "refresh_properties" in r.mapping else REFRESH_PROPERTIES
        for i, name in enumerate(refresh_properties):
            if name not in REFRESH_PROPERTIES:
                r.item_problem("refresh_properties", i, f"{quote(name)} is not one of {', '.join(REFRESH_PROPERTIES)}")
        icon, logo = r.url("icon"), r.url("logo")
        cap = r.mapping.get("feed_entries", 100)
        if isinstance(cap, bool) or not isinstance(cap, int) or cap < 1:
            r.report("feed_entries", f"{quote(cap)} must be a whole number of entries, 1 or more (default 100)")
            cap = 100
        full_text = read_full_text(r)
        if not (title and base_url and uid_domain and tag_authority and author):
            return None
        return Config(
            title, description, base_url, uid_domain, tag_authority, languages, author, calendars, refresh, imprecise,
            keep, color, refresh_properties, icon, logo, cap, full_text,
        )  # fmt: skip

    def color(self, r: Reader, key: str) -> str | None:
        """An RFC 7986 COLOR: a CSS3 color name, lower case."""
        value = r.text(key)
        if value is not None and value not in webcolors.names("css3"):
            r.report(key, f"{quote(value)} is not a CSS3 color name (RFC 7986) such as 'darkblue' or 'teal'")
            return None
        return value

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
            r.unknown({"name", "aliases", "demonyms", "role", "languages", "unsearched"})
            role = r.text("role")
            if role is not None and role != "followed":
                r.report("role", f"{quote(role)} is not 'followed' (the country whose delegations the articles follow)")
            name = r.lang_text("name", languages, required=True, complete=True)
            out[key] = Country(
                key, name, r.texts("aliases"), r.texts("demonyms"), role, r.texts("languages"), r.texts("unsearched")
            )
        return out

    def people(self, countries: dict[str, Country]) -> dict[str, Person]:
        """people.yaml (optional): each person's country, the names the press writes and the roles held."""
        if not (self.root / "people.yaml").is_file():
            return {}
        out: dict[str, Person] = {}
        seen: dict[str, str] = {}
        for key, r in self.table("people.yaml"):
            if r.slug("", key) is None:
                continue
            r.unknown({"country", "names", "roles"})
            r.required("country", "names")
            country = r.keyed("country", countries, "country", "countries.yaml")
            names = r.texts("names")
            for i, name in enumerate(names):
                other = seen.setdefault(" ".join(name.casefold().replace("-", " ").split()), key)
                if other != key:
                    r.item_problem(
                        "names", i, f"name {quote(name)} is also a name of {other!r}; a name must name one person"
                    )
                elif len(name) < MIN_PERSON_NAME:
                    r.item_problem("names", i, f"name {quote(name)} is too short to find in text; write the full name")
            roles = self.roles(r, key)
            if country is not None and names:
                out[key] = Person(key, country, names, roles)
        return out

    def roles(self, r: Reader, key: str) -> tuple[Role, ...]:
        raw = r.mapping.get("roles")
        if raw is None:
            return ()
        if not isinstance(raw, list):
            r.report("roles", f"must be a list of roles ({{role: ..., from: YEAR, to: YEAR}}), not {quote(raw)}")
            return ()
        out = []
        for i, value in enumerate(raw):
            e = Reader.of(r.record, self.problems, (key, "roles", i), value, f"role {i} of {key!r}")
            if e is None:
                continue
            e.unknown({"role", "from", "to"})
            e.required("role", "from")
            title = e.text("role")
            if title is not None and title not in ROLE_TITLES:
                e.report("role", f"{quote(title)} is not a known role; use one of: {', '.join(ROLE_TITLES)}")
                title = None
            start, end = _year(e, "from"), _year(e, "to")
            if start is not None and end is not None and end < start:
                e.report("to", f"{end} is before the role's start {start}")
                end = None
            if title is not None and start is not None:
                out.append(Role(title, start, end))
        return tuple(out)

    def series(self, languages: tuple[str, ...]) -> dict[str, Series]:
        out: dict[str, Series] = {}
        seen: dict[str, str] = {}
        entries = self.table("series.yaml")
        keys = {key for key, _ in entries}
        for key, r in entries:
            if r.slug("", key) is None:
                continue
            r.unknown({"name", "short", "aliases", "parent", "color", "relation", "review"})  # review: never rendered
            parent = r.text("parent")
            if parent is not None and parent not in keys:
                r.report("parent", f"unknown series {quote(parent)}; use a key of series.yaml")
                parent = None
            aliases = r.texts("aliases")
            for i, alias in enumerate(aliases):
                other = seen.setdefault(alias.casefold(), key)
                if other != key:
                    r.item_problem(
                        "aliases",
                        i,
                        f"alias {quote(alias)} is also an alias of {other!r}; an alias must name one series",
                    )
            name = r.lang_text("name", languages, required=True, complete=True)
            color = self.color(r, "color")
            relation = r.slug("relation", r.text("relation"))
            out[key] = Series(key, name, r.lang_text("short", languages) or name, aliases, parent, color, relation)
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
            coordinates = r.coordinates("coordinates")
            out[key] = None
            if name and country and tz:
                out[key] = Place(key, name, country, tz, kind, coordinates, r.texts("aliases"))
        return out

    # -- sources ---------------------------------------------------------------------------

    def sources(self, policy: FullText | None, config: Config | None = None) -> dict[str, Source | None]:
        """Sources by id; a source with problems maps to None, so its citations are not blamed too."""
        out: dict[str, Source | None] = {}
        folder = self.root / "sources"
        shown = self.shown(folder)
        texts: set[str] = set()
        memo = self.memo
        if memo is not None:
            memo.bind_config(config)
        for listed in memo.files(folder) if memo is not None else data_files(folder):
            hit = memo.source_get(listed, self.shown(listed), self.cache) if memo is not None else None
            if (
                memo is not None and hit is not None and hit[0].id not in out
            ):  # (a duplicate id is reported from the file)
                out[hit[0].id] = hit[0]
                memo.use_source(hit[0], hit[3])
                texts.add(hit[1])
                self.problems.extend(hit[2])
                continue
            path = listed if isinstance(listed, Path) else Path(listed)  # (made only for a file read: see Scan.listed)
            start = len(self.problems)
            r = self.top(self.read(path), "a source")
            if r is None:
                texts.add(f"{path.stem}.txt")  # its text is not blamed for the unreadable file
                continue
            source_id, source = read_source(r, path, shown, policy, self.cache)
            texts.add(str(r.mapping.get("file")))
            if source_id in out:
                r.report("id", f"duplicate source id {quote(source_id)}")
            elif source is not None and source_id is not None:
                out[source_id] = source
                mine = self.problems[start:]
                if memo is not None and all(p.warning for p in mine):
                    memo.source_put(path, self.shown(path), self.cache, source, str(r.mapping.get("file")), mine)
            else:
                out.setdefault(path.stem, None)
        self.problems.extend(stray_texts(folder, shown, texts))
        return out

    # -- events ----------------------------------------------------------------------------

    def events(self, ds: Tables) -> tuple[Event, ...]:
        found: dict[str, Record] = {}
        unreadable: set[str] = set()  # ids (file names) of events whose file did not load
        pending: list[tuple[Reader, Event]] = []
        kept: dict[str, Event] = {}  # events from the build cache: their files were not read
        if self.memo is not None:
            self.memo.bind(ds)
        folder = self.root / "events"
        for listed in self.memo.files(folder) if self.memo is not None else data_files(folder):
            hit = self.memo.get(listed, self.shown(listed)) if self.memo is not None else None
            if hit is not None:
                same, warnings = hit
                if same.id in kept or same.id in found:
                    raise Revalidate  # a duplicate id: reported with both lines, from the files
                kept[same.id] = same
                self.problems.extend(warnings)
                continue
            path = listed if isinstance(listed, Path) else Path(listed)  # (made only for a file read: see Scan.listed)
            start = len(self.problems)
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
            if event_id is not None and event_id in kept:
                raise Revalidate
            if event_id is not None and event_id in found:
                first = found[event_id]
                r.report(
                    "id",
                    f"duplicate id {quote(event_id)}, already used by {first.shown}:{first.line('id')}; ids are never reused",
                )
                continue
            event = read_event(r, ds)
            if event_id is not None:
                found[event_id] = record
            if event is not None:
                pending.append((r, event))
                mine = self.problems[start:]
                if self.memo is not None and all(p.warning for p in mine):
                    self.memo.put(path, self.shown(path), event, mine)
        events = list(kept.values())
        known = found.keys() | unreadable | kept.keys()
        for event in events:
            if (event.part_of is not None and (event.part_of not in known or event.part_of == event.id)) or any(
                other not in known or other == event.id for other in event.related
            ):
                raise Revalidate
        for r, event in pending:
            if event.part_of is not None and (event.part_of not in known or event.part_of == event.id):
                r.report("part_of", f"{quote(event.part_of)} is not the id of another event")
            for i, other in enumerate(event.related):
                if other not in known or other == event.id:
                    r.item_problem("related", i, f"{quote(other)} is not the id of another event")
            events.append(event)
        if kept:
            every = [*kept.values(), *(e for _, e in pending)]
            if _loops(every).keys() & kept.keys() or any(a.id in kept or b.id in kept for a, b, _ in duplicates(every)):
                raise Revalidate
        _part_of_cycles(pending)
        report_duplicates(pending)  # timeline/validate_duplicates.py
        return tuple(sorted(events, key=lambda e: (e.when.first_day, e.id)))


def _loops(events: list[Event]) -> dict[str, str]:
    """Per event whose chain of ``part_of`` comes back to it, the loop (one walk, no recursion)."""
    parent = {e.id: e.part_of for e in events if e.part_of is not None and e.part_of != e.id}
    done: set[str] = set()
    loops: dict[str, str] = {}
    for start in parent:
        path: list[str] = []
        at: str | None = start
        while at is not None and at not in done and at not in path:
            path.append(at)
            at = parent.get(at)
        if at is not None and at in path:
            loop = path[path.index(at) :]
            for member in loop:
                loops[member] = " → ".join([*loop[loop.index(member) :], *loop[: loop.index(member)], member])
        done.update(path)
    return loops


def _part_of_cycles(pending: list[tuple[Reader, Event]]) -> None:
    """Report every event whose chain of ``part_of`` comes back to it."""
    loops = _loops([e for _, e in pending])
    for r, event in pending:
        if event.id in loops:
            message = f"{quote(event.part_of)} makes a cycle ({loops[event.id]}); an event cannot be part of itself"
            r.report("part_of", message)


def _valid_zone(name: str) -> bool:
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return False
    return True


def normalise(
    root: Path,
    shown_root: str | None = None,
    cache: Path | None = None,
    loader: Loader = load,
    memo: EventMemo | None = None,
) -> Dataset:
    """Load and validate everything under ``root``; raise :class:`DataError` with every problem.

    ``cache`` is the local cache folder: the quotes of a source whose text is not committed are
    checked against its cached text when there is one (see :mod:`timeline.sources`). ``memo``
    gives the events of unchanged files validated before (see :mod:`timeline.normalise_cache`)."""
    try:
        return _normalise(
            Normaliser(root, shown_root if shown_root is not None else root.as_posix(), cache, loader, memo)
        )
    except Revalidate:  # a problem across files that involves a cached event: every file read
        return _normalise(Normaliser(root, shown_root if shown_root is not None else root.as_posix(), cache, loader))


def _normalise(n: Normaliser) -> Dataset:
    root = n.root
    if not root.is_dir():
        raise DataError([Problem(n.shown_root, 0, "", "is not a folder; give the data folder with --data")])
    config = n.config()
    languages = config.languages if config else ("en",)
    countries = n.countries(languages)
    policy = config.full_text if config else None  # no config: no licence to check against
    tables = Tables(config, n.series(languages), n.places(languages, countries), countries, n.sources(policy, config))
    events = n.events(tables)
    people = n.people(countries)
    read_watch(root, n.shown_root, n.problems)  # data/watch.yaml, checked like every data file
    errors = [p for p in n.problems if not p.warning]
    warnings = tuple(sorted(p for p in n.problems if p.warning))
    if errors or config is None:
        if not errors:
            errors.append(Problem(f"{n.shown_root}/timeline.yaml", 1, "", "the config is incomplete"))
        raise DataError(errors + list(warnings))
    places = {key: place for key, place in tables.places.items() if place is not None}
    sources = {key: source for key, source in tables.sources.items() if source is not None}
    return Dataset(config, tables.series, places, countries, sources, events, warnings, people)


def _year(r: Reader, key: str) -> int | None:
    value = r.mapping.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value not in YEARS:
        r.report(key, f"{quote(value)} is not a year such as 2021")
        return None
    return value
