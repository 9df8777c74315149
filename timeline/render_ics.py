"""ICS calendars (RFC 5545 with RFC 7986 calendar properties). Pure: events in, bytes out.

Each event is serialised once per language into VEVENT bytes, which every calendar that holds
the event reuses; a calendar is its header, the VTIMEZONEs it needs (sorted by TZID, unlike
icalendar's ``add_missing_timezones``, which iterates a set), and those VEVENTs.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar, Timezone, vDuration
from icalendar import Event as VEvent

from timeline import __version__, text
from timeline.ledger import Revision
from timeline.model import Config, Event, Status, pick

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


def uid(event_id: str, config: Config) -> str:
    return f"{event_id}@{config.uid_domain}"


def included(event: Event, config: Config) -> bool:
    """Whether the imprecise-dates policy lets the event into calendars."""
    return event.when.exact or config.imprecise_dates == "span"


def vevent(event: Event, revision: Revision, config: Config, lang: str, events: dict[str, Event]) -> bytes:
    """The VEVENT of ``event`` in ``lang``, as bytes (CRLF lines, folded at 75 octets)."""
    ev = VEvent()
    ev.add("UID", uid(event.id, config))
    ev.add("DTSTAMP", revision.modified)
    ev.add("CREATED", revision.created)
    ev.add("LAST-MODIFIED", revision.modified)
    ev.add("SEQUENCE", revision.sequence)
    ev.add("SUMMARY", text.summary(event, lang))
    if event.start_time is not None and event.place is not None:
        zone = ZoneInfo(event.place.timezone)
        start = datetime.combine(event.when.first_day, event.start_time, tzinfo=zone)
        if event.end_time is None:
            end = start + timedelta(hours=1)
        else:
            end = datetime.combine(event.when.last_day, event.end_time, tzinfo=zone)
        ev.add("DTSTART", start)
        ev.add("DTEND", end)
    else:
        ev.add("DTSTART", event.when.first_day)
        ev.add("DTEND", event.when.end_exclusive)
    where = text.place(event, lang)
    if where:
        ev.add("LOCATION", where)
    if event.place is not None and event.place.coordinates is not None and event.place.kind == "city":
        ev.add("GEO", event.place.coordinates)
    status = Status.PLANNED if not event.when.exact and event.status is not Status.CANCELLED else event.status
    ev.add("STATUS", ICS_STATUS[status])
    ev.add("TRANSP", "TRANSPARENT")
    ev.add("CATEGORIES", categories(event, lang))
    urls = [c.source.url for c in event.sources if c.source.url]
    if urls:
        ev.add("URL", urls[0])
    ev.add("DESCRIPTION", description(event, lang, events))
    if event.part_of is not None:
        ev.add("RELATED-TO", uid(event.part_of, config), parameters={"RELTYPE": "PARENT"})
    return bytes(ev.to_ical())


def categories(event: Event, lang: str) -> list[str]:
    names = [pick(event.series.short, lang)]
    for country in ((event.place.country,) if event.place else ()) + ((event.host,) if event.host else ()):
        name = pick(country.name, lang)
        if name not in names:
            names.append(name)
    return names


def description(event: Event, lang: str, events: dict[str, Event]) -> str:
    lines = [f"{name}: {value}" for name, value in text.details(event, lang, events)]
    lines.append("")
    lines.append(f"{text.label(lang, 'sources')}:")
    lines.extend(f"- {text.source_line(c, lang)}" for c in event.sources)
    return "\n".join(lines)


def timezones(events: Iterable[Event]) -> bytes:
    zones = sorted({e.place.timezone for e in events if e.start_time is not None and e.place is not None})
    return b"".join(Timezone.from_tzid(z, first_date=TZ_FIRST, last_date=TZ_LAST).to_ical() for z in zones)


def calendar(name: str, desc: str, config: Config, lang: str, url: str, events: list[Event],
             vevents: dict[str, bytes]) -> bytes:  # fmt: skip
    """A whole calendar; ``vevents`` maps event id to its serialised VEVENT in ``lang``."""
    cal = Calendar()
    cal.add("PRODID", PRODID)
    cal.add("VERSION", "2.0")
    cal.add("CALSCALE", "GREGORIAN")
    cal.add("METHOD", "PUBLISH")
    cal.add("NAME", name)
    cal.add("X-WR-CALNAME", name)
    if desc:
        cal.add("DESCRIPTION", desc)
        cal.add("X-WR-CALDESC", desc)
    # X-PUBLISHED-TTL only: libical 3.0 (Evolution) rejects any RFC 7986 REFRESH-INTERVAL with
    # X-LIC-ERROR, and its GObject binding crashes on SOURCE; URL carries the address instead.
    refresh = vDuration.from_ical(config.refresh_interval)  # type: ignore[no-untyped-call]
    cal.add("X-PUBLISHED-TTL", vDuration(refresh))
    cal.add("URL", url)
    head = bytes(cal.to_ical())
    end = b"END:VCALENDAR\r\n"
    assert head.endswith(end)
    body = timezones(events) + b"".join(vevents[e.id] for e in events)
    return head[: -len(end)] + body + end
