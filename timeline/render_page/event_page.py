"""One page per event and language (its permanent link): the facts, the sources with their
addresses and quotes, the history of its changes from the ledger, and add-to-calendar links.

Add-to-calendar links that take a date (Google, Outlook) are offered only for a known day: for
an event whose day is not known they would claim one, so only the .ics file (which spans the
whole window, marked "date TBC") is offered then.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from datetime import date, datetime, timedelta
from urllib.parse import quote_plus

from timeline import text
from timeline.edtf import Point, When
from timeline.ledger import Revision
from timeline.model import Dataset, Event, pick
from timeline.render_page import cards
from timeline.render_page.layout import a, document, esc, event_path, index_path, language_switch, rel
from timeline.render_page.words import language_name, words


def _day(day: date, lang: str) -> str:
    return text.describe(When(Point(day.year, day.month, day.day)), lang)


def _details(event: Event, lang: str, ds: Dataset, here: str, by_id: dict[str, Event], today: date) -> str:
    w = words(lang)
    rows = []
    for name, value in text.details(event, lang, by_id, today):
        if name == text.label(lang, "when"):
            shown = cards.when_value(event, lang, today)
        elif name == text.label(lang, "part_of") and event.part_of in by_id:
            shown = a(rel(here, event_path(event.part_of, lang, ds.config)), value)
        else:
            shown = esc(value)
        rows.append(f"<dt>{esc(name)}</dt><dd>{shown}</dd>")
    related = [
        a(rel(here, event_path(r, lang, ds.config)), text.title(by_id[r], lang)) for r in event.related if r in by_id
    ]
    if related:
        rows.append(f"<dt>{esc(w['related'])}</dt><dd>{', '.join(related)}</dd>")
    return "<dl>" + "".join(rows) + "</dl>"


def _sources(event: Event, lang: str) -> str:
    w = words(lang)
    items = []
    for citation in event.sources:
        src = citation.source
        name = f"<cite>{a(src.url, src.title) if src.url else esc(src.title)}</cite>"
        bits = [name]
        if src.publisher:
            bits.append(esc(src.publisher))
        if src.published is not None:
            bits.append(esc(text.describe(src.published, lang)))
        if src.language != lang:
            bits.append(esc(w["source_lang"].format(language=language_name(src.language, lang))))
        cite = f' cite="{esc(src.url)}"' if src.url else ""
        address = f'<p class="muted"><code>{esc(src.url)}</code></p>' if src.url else ""
        items.append(
            f"<li><p>{', '.join(bits)}</p>"
            f'<blockquote lang="{esc(src.language)}"{cite}><p>{esc(citation.quote)}</p></blockquote>{address}</li>'
        )
    return f'<ol class="sources">{"".join(items)}</ol>'


def _history(event: Event, revision: Revision | None, lang: str) -> str:
    """Every revision the ledger knows, oldest first: when, and what it changed."""
    w = words(lang)
    if revision is None:
        return ""
    items = []
    for step in revision.steps():
        day = step.at.date()
        stamp = f'<time datetime="{day.isoformat()}">{esc(_day(day, lang))}</time>'
        if step.sequence == 0:
            items.append(f"<li>{esc(w['first_seen'])}: {stamp}</li>")
            continue
        what = text.changes(step.changes, event, lang) if step.changes else text.label(lang, "changed_details")
        items.append(f"<li>{esc(w['revision'].format(n=step.sequence))}, {stamp}: {esc(what)}</li>")
    return f"<ol>{''.join(items)}</ol>"


# What quote_plus leaves as it is (letters, digits, "_.-~") and the space it turns into "+".
_PLAIN = re.compile(r"[A-Za-z0-9_.~ -]*")


def _quote_plus(value: str) -> str:
    """``quote_plus(value)``; most values (titles, places, dates) need only their spaces changed."""
    return value.replace(" ", "+") if _PLAIN.fullmatch(value) else quote_plus(value)


def _query(pairs: dict[str, str]) -> str:
    """``urllib.parse.urlencode(pairs)`` for plain keys and text values, without its per-item type checks."""
    return "&".join(f"{key}={_quote_plus(value)}" for key, value in pairs.items())


def add_links(event: Event, lang: str, ds: Dataset, here: str, files: Collection[str]) -> str:
    """The .ics file always; Google and Outlook only when the day is known (they take one)."""
    w = words(lang)
    ics = f"events/{event.id}.ics"
    links = [a(rel(here, ics), w["add_ics"], type="text/calendar")] if ics in files else []
    when = event.when
    if when.exact:
        title = text.title(event, lang)
        where = text.place(event, lang) or ""
        details = ds.config.base_url + event_path(event.id, lang, ds.config)
        first, after = when.first_day, when.last_day + timedelta(days=1)
        if event.start_time is not None:
            end_time = event.end_time or event.start_time
            start_stamp = f"{first:%Y%m%d}T{event.start_time:%H%M%S}"
            dates = f"{start_stamp}/{when.last_day:%Y%m%d}T{end_time:%H%M%S}"
            zone = {"ctz": event.place.timezone} if event.place is not None else {}
            start_iso = datetime.combine(first, event.start_time).isoformat()
            end_iso = datetime.combine(when.last_day, end_time).isoformat()
            outlook_dates = {"startdt": start_iso, "enddt": end_iso}
        else:
            dates, zone = f"{first:%Y%m%d}/{after:%Y%m%d}", {}
            outlook_dates = {"startdt": first.isoformat(), "enddt": after.isoformat(), "allday": "true"}
        google = {"action": "TEMPLATE", "text": title, "dates": dates, "details": details, "location": where, **zone}
        outlook = {"path": "/calendar/action/compose", "rru": "addevent", "subject": title, **outlook_dates,
                   "body": details, "location": where}  # fmt: skip
        compose = _query(outlook)
        links.append(a("https://calendar.google.com/calendar/render?" + _query(google), w["add_google"]))
        links.append(a("https://outlook.live.com/calendar/0/deeplink/compose?" + compose, w["add_outlook"]))
        links.append(a("https://outlook.office.com/calendar/0/deeplink/compose?" + compose, w["add_office"]))
    note = "" if when.exact else f'<p class="muted">{esc(w["add_tbc"])}</p>'
    items = "".join(f"<li>{link}</li>" for link in links)
    return f'<ul class="links">{items}</ul>{note}'


_BY_ID: list[tuple[tuple[Event, ...], dict[str, Event]]] = []


def _by_id(events: tuple[Event, ...]) -> dict[str, Event]:
    """The events by id, worked out once per dataset rather than once per page."""
    if not _BY_ID or _BY_ID[0][0] is not events:
        _BY_ID[:] = [(events, {e.id: e for e in events})]
    return _BY_ID[0][1]


def event_page(
    event: Event, lang: str, ds: Dataset, revision: Revision | None, files: Collection[str], today: date, style: str
) -> bytes:
    config = ds.config
    w = words(lang)
    here = event_path(event.id, lang, config)
    by_id = _by_id(ds.events)
    page_of = {code: event_path(event.id, code, config) for code in config.languages}
    title = text.title(event, lang)
    headline = text.headline(event, lang, today)
    body = [
        "<header>",
        language_switch(page_of, here, lang),
        f'<p><a href="{esc(rel(here, index_path(lang, config)))}">← {esc(w["back"])}</a></p>',
        "</header>",
        "<main>",
        f'<article id="{esc(event.id)}" class="{esc(event.status.value)}">',
        f'<h1 class="name">{esc(title)}</h1>',
        f"<p>{cards.rel_span(event.when, today, lang)}</p>",
        _details(event, lang, ds, here, by_id, today),
        f'<section id="_add" aria-labelledby="_add-h"><h2 id="_add-h">{esc(w["add"])}</h2>'
        f"{add_links(event, lang, ds, here, files)}</section>",
        f'<section id="_sources" aria-labelledby="_sources-h"><h2 id="_sources-h">{esc(w["sources"])}</h2>'
        f"{_sources(event, lang)}</section>",
        f'<section id="_history" aria-labelledby="_history-h"><h2 id="_history-h">{esc(w["history"])}</h2>'
        f"{_history(event, revision, lang)}</section>",
        f'<p class="muted">{esc(w["permalink"])}: <code>{esc(config.base_url + here)}</code></p>',
        "</article>",
        "</main>",
    ]
    return document(
        config, lang, here, f"{title} · {pick(config.title, lang)}", headline, body, page_of=page_of, style=style
    )
