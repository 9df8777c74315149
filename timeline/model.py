"""The validated data model: what every later stage can rely on."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import time

from timeline.edtf import When
from timeline.errors import Problem


class Status(enum.StrEnum):
    PLANNED = "planned"
    CONFIRMED = "confirmed"
    HELD = "held"
    POSTPONED = "postponed"
    CANCELLED = "cancelled"


Text = dict[str, str]
"""A text per language code, e.g. ``{"en": "Laos", "vi": "Lào"}``."""


def pick(text: Text, lang: str, fallback: str = "en") -> str:
    """The text in ``lang``, else in ``fallback``, else any (sorted, so deterministic)."""
    if lang in text:
        return text[lang]
    if fallback in text:
        return text[fallback]
    return text[sorted(text)[0]] if text else ""


@dataclass(frozen=True)
class Author:
    name: str
    email: str | None = None
    uri: str | None = None


@dataclass(frozen=True)
class FullText:
    """Whose full texts may be committed under ``sources/`` (the config's ``full_text``)."""

    publishers: tuple[str, ...] = ()
    licences: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()

    def allows(self, source_id: str, publisher: str | None, licence: str | None) -> bool:
        if source_id in self.sources:
            return True
        if publisher is not None and publisher.casefold() in {p.casefold() for p in self.publishers}:
            return True
        return licence is not None and licence.casefold() in {lic.casefold() for lic in self.licences}


@dataclass(frozen=True)
class Config:
    title: Text
    description: Text
    base_url: str
    uid_domain: str
    tag_authority: str
    languages: tuple[str, ...]
    author: Author
    calendars: tuple[str, ...]
    refresh_interval: str = "P1D"
    imprecise_dates: str = "span"
    keep_removed: str = "P30D"
    color: str | None = None
    refresh_properties: tuple[str, ...] = ("X-PUBLISHED-TTL", "REFRESH-INTERVAL", "SOURCE")
    icon: str | None = None
    logo: str | None = None
    feed_entries: int = 100
    full_text: FullText = field(default_factory=FullText)

    @property
    def language(self) -> str:
        """The default language: the first one listed."""
        return self.languages[0]


@dataclass(frozen=True)
class Country:
    code: str
    name: Text
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()  # "Japanese", "phía Nhật": how the press names its people or side
    role: str | None = None  # "followed": the country whose delegations the articles follow
    languages: tuple[str, ...] = ()  # the languages of its own press (an article in one follows its side)
    unsearched: tuple[str, ...] = ()  # names also common words or given names ("Pháp", "Đức"): never looked for in text


@dataclass(frozen=True)
class Role:
    title: str  # "defence minister", "chief of defence forces", ...: one of ROLE_TITLES
    start: int  # the year the role began
    end: int | None = None  # the year it ended; None: held to this day


@dataclass(frozen=True)
class Person:
    """One of the beat's people (people.yaml): the names the press writes, the country, the roles."""

    key: str
    country: Country
    names: tuple[str, ...]
    roles: tuple[Role, ...] = ()


@dataclass(frozen=True)
class Series:
    key: str
    name: Text
    short: Text
    aliases: tuple[str, ...] = ()
    parent: str | None = None
    color: str | None = None
    relation: str | None = None  # how it relates to its parent: plus, retreat, working-group, exercise, ...


@dataclass(frozen=True)
class Place:
    key: str
    name: Text
    country: Country
    timezone: str
    kind: str = "city"
    coordinates: tuple[float, float] | None = None
    aliases: tuple[str, ...] = ()

    def label(self, lang: str) -> str:
        """The name shown as a location: "Luang Prabang, Laos", or "Viet Nam" for a whole country."""
        own = pick(self.name, lang)
        if self.kind == "country":
            return own
        return f"{own}, {pick(self.country.name, lang)}"


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    publisher: str | None
    language: str
    published: When | None
    url: str | None
    file: str | None
    text: str = field(default="", repr=False, compare=False, hash=False)
    licence: str | None = None
    origin: str = field(default="", compare=False)
    """Where ``text`` was read: the committed file (its name) or the cached copy (its path); empty when none."""


@dataclass(frozen=True)
class Citation:
    source: Source
    quote: str


@dataclass(frozen=True)
class Delegation:
    head: str
    country: Country | None = None
    role: Text = field(default_factory=dict)


@dataclass(frozen=True)
class Event:
    id: str
    series: Series
    title: Text
    when: When
    status: Status
    sources: tuple[Citation, ...]
    ordinal: int | None = None
    start_time: time | None = None
    end_time: time | None = None
    place: Place | None = None
    venue: str | None = None
    host: Country | None = None
    chair: Country | None = None
    countries: tuple[Country, ...] = ()
    organisations: tuple[str, ...] = ()
    delegations: tuple[Delegation, ...] = ()
    part_of: str | None = None
    related: tuple[str, ...] = ()
    note: Text = field(default_factory=dict)

    @property
    def timed(self) -> bool:
        return self.start_time is not None


@dataclass(frozen=True)
class Dataset:
    config: Config
    series: dict[str, Series]
    places: dict[str, Place]
    countries: dict[str, Country]
    sources: dict[str, Source]
    events: tuple[Event, ...]
    warnings: tuple[Problem, ...] = ()
    """What was wrong but repaired (control characters removed), for the CLI to show."""
    people: dict[str, Person] = field(default_factory=dict)
    """The beat's people (people.yaml, optional): whom a bilateral meeting's sides are named by."""
