"""One event as a card in a list, with its date as precisely as known and how far away it is.

"How far away" is counted from the build moment, never from the clock of whoever views the
page: the bytes stay the same for a given build. The script updates it in the browser, from the
same ``data-`` attributes.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from timeline import text
from timeline.edtf import When
from timeline.model import Config, Event, pick
from timeline.render_page.layout import a, esc, event_path, rel
from timeline.render_page.words import words
from timeline.select import host_country, participants


def _datetime(when: When) -> str | None:
    """A machine-readable date for ``<time>``, only where it claims nothing the data does not say."""
    if when.end is not None or when.approximate or when.uncertain:
        return None
    return str(when.start)


def when_value(event: Event, lang: str, today: date | None = None) -> str:
    """The date, as precisely as known, with its marker as of ``today`` ("date TBC", "day not
    reported", "no report since …"; see :func:`timeline.text.marker`); with times if timed."""
    w = words(lang)
    described = esc(text.describe(event.when, lang))
    stamp = _datetime(event.when)
    out = f'<time datetime="{esc(stamp)}">{described}</time>' if stamp else described
    marker = text.marker(event, lang, today)
    if marker:
        out += f' <span class="tbc">({esc(marker)})</span>'
    if event.start_time is not None:
        hours = event.start_time.isoformat(timespec="minutes")
        if event.end_time is not None:
            hours += f"–{event.end_time.isoformat(timespec='minutes')}"
        zone = f", {event.place.timezone}" if event.place is not None else ""
        out += f", {esc(hours)} ({esc(w['local'])}{esc(zone)})"
    return out


def _months(start: date, end: date) -> int:
    return (end.year - start.year) * 12 + end.month - start.month


def _amount(days: int, months: int, exact: bool, lang: str) -> str:
    """ "3 days", "2 weeks", "about 5 months": in units no finer than the date is known."""
    w = words(lang)
    if exact and days < 14:  # noqa: PLR2004 - two weeks
        n, unit = days, "day"
    elif exact and days < 60:  # noqa: PLR2004 - about two months
        n, unit = days // 7, "week"
    elif months < 24:  # noqa: PLR2004 - two years
        n, unit = max(months, 1), "month"
    else:
        n, unit = months // 12, "year"
    plural = {"day": "days", "week": "weeks", "month": "months", "year": "year_s"}[unit]
    amount = f"{n} {w[unit] if n == 1 else w[plural]}"
    return amount if exact else f"{w['about']} {amount}"


def relative(when: When, today: date, lang: str) -> str:
    """How far ``when`` is from ``today``: "in 12 days", "about 3 months ago", "under way"."""
    w = words(lang)
    first, last = when.window
    exact = when.exact
    if first <= today <= last:
        if not exact:
            return w["due"]
        return w["today"] if first == last else w["now"]
    if today < first:
        amount = _amount((first - today).days, _months(today, first), exact, lang)
        return w["in"].format(amount=amount)
    amount = _amount((today - last).days, _months(last, today), exact, lang)
    return w["ago"].format(amount=amount)


def rel_span(when: When, today: date, lang: str) -> str:
    """ "in 12 days", with what the script needs to keep it current in the browser."""
    w = words(lang)
    first, last = when.window
    now = (w["today"] if first == last else w["now"]) if when.exact else w["due"]
    return (
        f'<span class="rel" data-first="{first.isoformat()}" data-last="{last.isoformat()}"'
        f' data-exact="{"1" if when.exact else "0"}" data-now="{esc(now)}">{esc(relative(when, today, lang))}</span>'
    )


def countries(event: Event) -> list[str]:
    """Every country code an event is filed under: its participants and its host."""
    codes = {c.code.lower() for c in participants(event)}
    host = host_country(event)
    if host is not None:
        codes.add(host.code.lower())
    return sorted(codes)


def all_countries(events: Iterable[Event]) -> set[str]:
    """Every code :func:`countries` gives for any of ``events`` (their participants — countries,
    delegations, host, chair — and the country they are held in), without a list per event."""
    codes: set[str] = set()
    for e in events:
        codes.update(c.code for c in e.countries)
        codes.update(d.country.code for d in e.delegations if d.country is not None)
        for c in (e.host, e.chair, e.place.country if e.host is None and e.place is not None else None):
            if c is not None:
                codes.add(c.code)
    return {code.lower() for code in codes}


def years(when: When) -> list[str]:
    first, last = when.window
    return [str(y) for y in range(first.year, last.year + 1)]


def card(event: Event, lang: str, config: Config, here: str, today: date, *, heading: str = "h3") -> str:
    """A short card: title (linking to the event's page), date, how far away, place, status, series."""
    title = text.title(event, lang)
    link = rel(here, event_path(event.id, lang, config))
    when = event.when
    facts = [when_value(event, lang, today)]
    where = text.place(event, lang)
    if where:
        facts.append(esc(where))
    facts.append(esc(text.standing(event, lang, today)))
    w = words(lang)
    count = len(event.sources)
    cited = w["source_1"] if count == 1 else w["sources_n"].format(n=count)
    attributes = {
        "data-series": event.series.key,
        "data-countries": " ".join(countries(event)),
        "data-years": " ".join(years(when)),
    }
    data = "".join(f' {name}="{esc(value)}"' for name, value in attributes.items())
    return "\n".join(
        [
            f'<li><article id="{esc(event.id)}" class="event {esc(event.status.value)}"{data}>',
            f'<{heading}><a class="name" href="{esc(link)}">{esc(title)}</a></{heading}>',
            f"<p>{rel_span(when, today, lang)} · {' · '.join(facts)}</p>",
            f'<p><span class="chip">{esc(pick(event.series.short, lang))}</span> {a(link + "#_sources", cited)}</p>',
            "</article></li>",
        ]
    )
