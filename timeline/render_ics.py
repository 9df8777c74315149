"""ICS calendars (RFC 5545 with RFC 7986 calendar properties). Pure: events in, bytes out.

Each event is serialised once per language into VEVENT bytes, which every calendar that holds
the event reuses; a calendar is its header, the VTIMEZONEs it needs (sorted by TZID, unlike
icalendar's ``add_missing_timezones``, which iterates a set), and those VEVENTs.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from icalendar import Timezone, vDuration, vText

from timeline import __version__, text
from timeline import serialise_ics as ics
from timeline.edtf import When
from timeline.edtf import parse as parse_edtf
from timeline.ledger import Revision, Shown
from timeline.model import Config, Event, Status, pick
from timeline.serialise_ics import Component

PRODID = f"-//timeline//timeline {__version__}//EN"

ICS_STATUS = {
    Status.PLANNED: "TENTATIVE",
    Status.POSTPONED: "TENTATIVE",
    Status.CONFIRMED: "CONFIRMED",
    Status.HELD: "CONFIRMED",
    Status.CANCELLED: "CANCELLED",
}

# VTIMEZONE definitions cover this window; wide enough for any event of the beat.
TZ_FIRST, TZ_LAST = date(1970, 1, 1), date(2038, 1, 1)


class Text(vText):
    """A TEXT value escaped exactly as RFC 5545 3.3.11 says.

    icalendar's own escaping first turns a literal backslash-N into a line break (its docs call
    ``\\N`` a way to add one), so "C:\\New folder" would come back broken; and icalendar types
    NAME and X-WR-CALNAME as UNKNOWN, which it does not escape at all. Every text we write goes
    through here. CR and CRLF become line breaks: TEXT has no escape for a lone CR.
    """

    def to_ical(self) -> bytes:
        return ics.text(str(self)).encode("utf-8")


def uid(event_id: str, config: Config) -> str:
    return f"{event_id}@{config.uid_domain}"


# The longest block a calendar holds: a month. An event whose window is longer (a year, "late
# 2024", "March–May 2025") is in the feeds and on the page but in no calendar.
LONGEST_BLOCK_DAYS = 31


def fits(when: When) -> bool:
    """Whether a calendar block over the event's whole window is at most a month long."""
    return when.window_days <= LONGEST_BLOCK_DAYS


def included(event: Event, config: Config) -> bool:
    """Whether the event goes into calendars: its day is known, or the imprecise-dates policy is
    ``span`` and its window (see :attr:`timeline.edtf.When.window`) is at most a month."""
    if not fits(event.when):
        return False
    return event.when.exact or config.imprecise_dates == "span"


@functools.cache
def _zone(name: str) -> ZoneInfo:
    """The zone ``name`` (ZoneInfo keeps only the last few it made: with more places it reads them again)."""
    return ZoneInfo(name)


def span(when: When, start_time: time | None, end_time: time | None, timezone: str | None) -> tuple[date, date]:
    """DTSTART and DTEND: zoned times for a timed event, else all-day dates with an exclusive end
    over the event's window ("late July 2025" is 21 to 31 July).

    A timed event without an end time lasts an hour.
    """
    if start_time is None or timezone is None:
        return when.window[0], when.window_end
    zone = _zone(timezone)
    start = datetime.combine(when.first_day, start_time, tzinfo=zone)
    end = start + timedelta(hours=1) if end_time is None else datetime.combine(when.last_day, end_time, tzinfo=zone)
    return start, end


def vevent(
    event: Event,
    revision: Revision,
    config: Config,
    lang: str,
    events: dict[str, Event],
    today: date | None = None,
    also: tuple[str, ...] = (),
) -> bytes:
    """The VEVENT of ``event`` in ``lang``, as bytes (CRLF lines, folded at 75 octets).

    ``today`` is the build moment's date (for "day not reported", "no report since"); the
    description also carries the text in the languages ``also`` lists, after its own.
    """
    props = _stamped(event.id, revision, config)
    props["SUMMARY"] = ics.text_line("SUMMARY", text.summary(event, lang, today))
    start, end = span(event.when, event.start_time, event.end_time, event.place.timezone if event.place else None)
    props["DTSTART"] = ics.moment_line("DTSTART", start)
    props["DTEND"] = ics.moment_line("DTEND", end)
    where = text.place(event, lang)
    if where:
        props["LOCATION"] = ics.text_line("LOCATION", where)
    if event.place is not None and event.place.coordinates is not None and event.place.kind == "city":
        props["GEO"] = ics.content_line("GEO", event.place.coordinates)
    status = Status.PLANNED if not event.when.exact and event.status is not Status.CANCELLED else event.status
    props["STATUS"] = ics.content_line("STATUS", ICS_STATUS[status])
    props["TRANSP"] = _TRANSPARENT
    props["CATEGORIES"] = ics.content_line("CATEGORIES", categories(event, lang))
    urls = [c.source.url for c in event.sources if c.source.url]
    if urls:
        props["URL"] = ics.content_line("URL", urls[0])
    blocks = [description(event, lang, events, today)]
    for other in also:
        heading = f"— {text.label(other, 'language_name')}: {text.summary(event, other, today)} —"
        blocks.append(f"{heading}\n{description(event, other, events, today)}")
    props["DESCRIPTION"] = ics.text_line("DESCRIPTION", "\n\n".join(blocks))
    if event.part_of is not None:
        props["RELATED-TO"] = ics.content_line("RELATED-TO", uid(event.part_of, config), {"RELTYPE": "PARENT"})
    return ics.component("VEVENT", props)


def tombstone_included(shown: Shown, config: Config) -> bool:
    """Whether a removed event was (by the rules of :func:`included`) in calendars."""
    when = parse_edtf(shown.when, shown.mod)
    return fits(when) and (when.exact or config.imprecise_dates == "span")


def tombstone(event_id: str, revision: Revision, config: Config, lang: str) -> bytes:
    """A removed event, as published last but CANCELLED, so subscribers' apps drop or strike it."""
    shown = revision.shown
    assert shown is not None, "only events published with a ledger 'shown' record have tombstones"
    props = _stamped(event_id, revision, config)
    props["SUMMARY"] = ics.text_line("SUMMARY", text.removed_summary(pick(shown.summary, lang), lang))
    start_time, end_time = (time.fromisoformat(t) if t else None for t in shown.times)
    start, end = span(parse_edtf(shown.when, shown.mod), start_time, end_time, shown.timezone)
    props["DTSTART"] = ics.moment_line("DTSTART", start)
    props["DTEND"] = ics.moment_line("DTEND", end)
    props["STATUS"] = ics.content_line("STATUS", "CANCELLED")
    props["TRANSP"] = _TRANSPARENT
    props["DESCRIPTION"] = ics.text_line("DESCRIPTION", text.label(lang, "removed_about"))
    return ics.component("VEVENT", props)


_TRANSPARENT = ics.content_line("TRANSP", "TRANSPARENT")


def _stamped(event_id: str, revision: Revision, config: Config) -> dict[str, str]:
    """The content lines, by property name, that say which revision of which event a VEVENT is."""
    stamp = ics.moment_line("DTSTAMP", revision.modified)  # (both always in UTC: the same value)
    return {
        "UID": ics.content_line("UID", uid(event_id, config)),
        "DTSTAMP": stamp,
        "CREATED": ics.moment_line("CREATED", revision.created),
        "LAST-MODIFIED": "LAST-MODIFIED" + stamp.removeprefix("DTSTAMP"),
        "SEQUENCE": ics.content_line("SEQUENCE", revision.sequence),
    }


def categories(event: Event, lang: str) -> list[str]:
    names = [pick(event.series.short, lang)]
    for country in ((event.place.country,) if event.place else ()) + ((event.host,) if event.host else ()):
        name = pick(country.name, lang)
        if name not in names:
            names.append(name)
    return names


def description(event: Event, lang: str, events: dict[str, Event], today: date | None = None) -> str:
    lines = [f"{name}: {value}" for name, value in text.details(event, lang, events, today)]
    lines.append("")
    lines.append(f"{text.label(lang, 'sources')}:")
    lines.extend(f"- {text.source_line(c, lang)}" for c in event.sources)
    return "\n".join(lines)


def zone_of(event: Event) -> str | None:
    """The time zone a VTIMEZONE is needed for: timed events only (all-day dates are floating)."""
    return event.place.timezone if event.start_time is not None and event.place is not None else None


# VTIMEZONEs made (or given by the build cache) in this process, by TZID: each takes icalendar
# a tenth of a second to work out.
VTIMEZONES: dict[str, bytes] = {}


def vtimezone(tzid: str) -> bytes:
    """The VTIMEZONE of an IANA zone, with one RDATE per transition.

    icalendar lists every transition of a rule on one multi-valued RDATE line; ical.js and
    vobject read only its first date, which would put events in zones with daylight saving
    time (Sydney, Auckland) an hour off after the first year.
    """
    if tzid not in VTIMEZONES:
        VTIMEZONES[tzid] = _vtimezone(tzid)
    return VTIMEZONES[tzid]


def _vtimezone(tzid: str) -> bytes:
    tz = Timezone.from_tzid(tzid, first_date=TZ_FIRST, last_date=TZ_LAST)
    for sub in tz.subcomponents:
        rdates = sub.pop("RDATE", None)
        if rdates is None:
            continue
        for group in rdates if isinstance(rdates, list) else [rdates]:
            for value in group.dts:
                sub.add("RDATE", value.dt)
    return bytes(tz.to_ical())


def timezones(zones: Iterable[str]) -> bytes:
    return b"".join(vtimezone(z) for z in sorted(set(zones)))


@functools.lru_cache(maxsize=64)
def _fixed(refresh_interval: str, refresh_properties: tuple[str, ...], color: str | None) -> dict[str, list[str]]:
    """The content lines every calendar of a config shares (all but its name, description and URL)."""
    cal = Component("VCALENDAR")
    cal.add("PRODID", PRODID)
    cal.add("VERSION", "2.0")
    cal.add("CALSCALE", "GREGORIAN")
    cal.add("METHOD", "PUBLISH")
    # The refresh hints come from one config value; which properties are written is configurable
    # (see refresh_properties in the README).
    # A vDuration each: icalendar keeps parameters on the value object, so sharing one would give
    # X-PUBLISHED-TTL the VALUE=DURATION of REFRESH-INTERVAL.
    refresh = vDuration.from_ical(refresh_interval)  # type: ignore[no-untyped-call]
    if "REFRESH-INTERVAL" in refresh_properties:
        cal.add("REFRESH-INTERVAL", vDuration(refresh), parameters={"VALUE": "DURATION"})
    if "X-PUBLISHED-TTL" in refresh_properties:
        cal.add("X-PUBLISHED-TTL", vDuration(refresh))
    if color:
        cal.add("COLOR", color)
    return cal.properties


def calendar(name: str, desc: str, config: Config, url: str, zones: Iterable[str], vevents: Iterable[bytes],
             color: str | None = None) -> bytes:  # fmt: skip
    """A whole calendar from serialised VEVENTs and the time zones they use."""
    cal = Component("VCALENDAR")
    fixed = _fixed(config.refresh_interval, tuple(config.refresh_properties), color)
    cal.properties.update((key, list(lines)) for key, lines in fixed.items())
    cal.add("NAME", Text(name))
    cal.add("X-WR-CALNAME", Text(name))
    if desc:
        cal.add("DESCRIPTION", Text(desc))
        cal.add("X-WR-CALDESC", Text(desc))
    if "SOURCE" in config.refresh_properties:
        cal.add("SOURCE", url, parameters={"VALUE": "URI"})
    cal.add("URL", url)
    head = bytes(cal.to_ical())
    end = b"END:VCALENDAR\r\n"
    assert head.endswith(end)
    return head[: -len(end)] + timezones(zones) + b"".join(vevents) + end
