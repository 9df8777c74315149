"""The static page ``feeds/index.html``: subscribe links and the whole timeline. Pure: data in, bytes out.

The markup is HTML5 that is also well-formed XML (void elements closed, every attribute quoted,
only the XML entities), so that tests can read it with ``xml.etree``. It needs no JavaScript,
web font or stylesheet from elsewhere: it works offline and from a plain static host.

Feed autodiscovery (``<link rel="alternate">`` in ``<head>``) names only the feeds of the
"all" selection: a reader offered forty feeds on discovery picks the wrong one; the others are
linked from the subscribe section. Page elements use ids with an underscore (``_timeline``),
which event ids, being slugs, can never take.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date
from html import escape
from urllib.parse import quote

from timeline import text
from timeline.edtf import When
from timeline.model import Dataset, Event, pick
from timeline.select import Selection

WORDS: dict[str, dict[str, str]] = {
    "en": {
        "contents": "Contents", "subscribe": "Subscribe", "timeline": "Timeline",
        "honest": "Dates are shown only as precisely as the sources give them: “date TBC” marks an event "
                  "whose day is not known yet, and it is never shown as a day it might not be on.",
        "how": "“Subscribe” opens the calendar in Apple Calendar, Outlook for desktop, Thunderbird and other apps "
               "that understand webcal links. Elsewhere, add the ICS address as a calendar “from URL”. "
               "Subscribed calendars update themselves; the feeds are for feed readers.",
        "main": "The whole timeline", "series": "By series", "host": "By host country",
        "participant": "By participating country", "other": "More calendars",
        "calendar": "Calendar", "feeds": "Feeds", "webcal": "Subscribe (webcal)", "google": "Google Calendar",
        "outlook": "Outlook.com", "ics": "ICS file (https)", "atom": "Atom", "rss": "RSS", "json": "JSON Feed",
        "event": "event", "events": "events", "add": "Add to calendar (.ics)", "local": "local time",
        "related": "Related", "atom_title": "Atom feed", "rss_title": "RSS feed", "json_title": "JSON Feed",
    },
    "vi": {
        "contents": "Mục lục", "subscribe": "Đăng ký theo dõi", "timeline": "Dòng thời gian",
        "honest": "Ngày tháng chỉ được ghi chính xác đến mức nguồn tin cho biết: “chưa rõ ngày” đánh dấu sự kiện "
                  "chưa biết ngày cụ thể, và sự kiện đó không bao giờ được ghi vào một ngày chưa chắc chắn.",
        "how": "“Đăng ký (webcal)” mở lịch trong Apple Calendar, Outlook trên máy tính, Thunderbird và các ứng dụng "
               "hiểu liên kết webcal. Với ứng dụng khác, hãy thêm địa chỉ ICS dưới dạng lịch “từ URL”. "
               "Lịch đã đăng ký tự cập nhật; các bản tin (feed) dành cho trình đọc tin.",
        "main": "Toàn bộ dòng thời gian", "series": "Theo chuỗi sự kiện", "host": "Theo nước chủ nhà",
        "participant": "Theo nước tham gia", "other": "Các lịch khác",
        "calendar": "Lịch", "feeds": "Bản tin", "webcal": "Đăng ký (webcal)", "google": "Google Calendar",
        "outlook": "Outlook.com", "ics": "Tệp ICS (https)", "atom": "Atom", "rss": "RSS", "json": "JSON Feed",
        "event": "sự kiện", "events": "sự kiện", "add": "Thêm vào lịch (.ics)", "local": "giờ địa phương",
        "related": "Liên quan", "atom_title": "Bản tin Atom", "rss_title": "Bản tin RSS", "json_title": "JSON Feed",
    },
}  # fmt: skip

FEEDS = (
    (".atom.xml", "application/atom+xml", "atom"),
    (".rss", "application/rss+xml", "rss"),
    (".json", "application/feed+json", "json"),
)

GROUPS = {
    "all": "main",
    "lang": "main",
    "upcoming": "main",
    "series": "series",
    "host": "host",
    "participant": "participant",
}
AUTONYMS = {"en": "English", "vi": "Tiếng Việt"}
"""Language names as their speakers write them, as language pickers show them."""

STYLE = """
:root{color-scheme:light dark;--muted:#555;--line:#ccc;--accent:#0b57d0;--tbc:#8a4b00}
@media (prefers-color-scheme:dark){:root{--muted:#aaa;--line:#444;--accent:#8ab4f8;--tbc:#f0b060}}
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;line-height:1.5;max-width:48rem;
margin:0 auto;padding:0 1rem 3rem;overflow-wrap:anywhere}
a{color:var(--accent)}
header{border-bottom:1px solid var(--line);margin-bottom:1rem}
nav ul,ul.links{list-style:none;padding:0;margin:0;display:flex;flex-wrap:wrap;gap:.25rem 1rem}
.muted,figcaption,.count{color:var(--muted)}
ul.calendars{list-style:none;padding:0}
ul.calendars>li{border-top:1px solid var(--line);padding:.5rem 0}
.calendars h4{margin:0}
.calendars p{margin:.25rem 0}
.kind{font-weight:600;margin-right:.5rem}
details{margin:.75rem 0}
summary{cursor:pointer}
summary h3{display:inline;margin:0}
article{border-top:1px solid var(--line);padding:.5rem 0 1rem}
article h4{margin:.25rem 0;font-size:1.15rem}
article h4 a{color:inherit;text-decoration:none}
.cancelled h4,.postponed h4{text-decoration:line-through}
.tbc{color:var(--tbc);font-weight:600}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.1rem 1rem;margin:.5rem 0}
dt{font-weight:600}
dd{margin:0}
@media (max-width:30rem){dl{display:block}dd{margin:0 0 .4rem}}
blockquote{margin:.25rem 0;padding-left:.75rem;border-left:3px solid var(--line);font-style:italic}
figure{margin:.5rem 0}
"""


def esc(value: str) -> str:
    return escape(value, quote=True)


def words(lang: str) -> dict[str, str]:
    return WORDS.get(lang, WORDS["en"])


def webcal(url: str) -> str:
    """The ``webcal://`` form of an http(s) URL, which calendar apps take as "subscribe"."""
    _, _, rest = url.partition("://")
    return f"webcal://{rest}"


def google(url: str) -> str:
    """Google Calendar's "add by URL" link; it wants the webcal form in ``cid``."""
    return "https://calendar.google.com/calendar/render?cid=" + quote(webcal(url), safe="")


def outlook(url: str, name: str) -> str:
    """Outlook.com's "subscribe from web" link."""
    return f"https://outlook.live.com/calendar/0/addfromweb?url={quote(url, safe='')}&name={quote(name, safe='')}"


def _a(href: str, label: str, **attributes: str) -> str:
    extra = "".join(f' {name}="{esc(value)}"' for name, value in sorted(attributes.items()))
    return f'<a href="{esc(href)}"{extra}>{esc(label)}</a>'


def head(ds: Dataset, selections: Sequence[Selection], files: Collection[str]) -> str:
    config, lang = ds.config, ds.config.language
    w = words(lang)
    title = pick(config.title, lang)
    lines = [
        '<meta charset="utf-8" />',
        '<meta name="viewport" content="width=device-width, initial-scale=1" />',
        '<meta name="color-scheme" content="light dark" />',
        f"<title>{esc(title)}</title>",
        f'<meta name="description" content="{esc(pick(config.description, lang))}" />',
        f'<link rel="canonical" href="{esc(config.base_url)}" />',
    ]
    # Discovery offers the "all" feeds only (else the first selection's, when "all" is not declared).
    main = next((s for s in selections if s.key == "all"), selections[0] if selections else None)
    if main is not None:
        for suffix, mime, kind in FEEDS:
            path = main.key + suffix
            if path in files:
                label = f"{main.name} ({w[f'{kind}_title']})"
                lines.append(
                    f'<link rel="alternate" type="{mime}" title="{esc(label)}" href="{esc(config.base_url + path)}" />'
                )
    lines.append(f"<style>{STYLE}</style>")
    return "<head>\n" + "\n".join(lines) + "\n</head>"


def calendar_item(sel: Selection, ds: Dataset, files: Collection[str]) -> str | None:
    """One selection's name, description and links; None when none of its files exist."""
    config, lang = ds.config, ds.config.language
    w = words(lang)
    base = config.base_url
    ics = f"{sel.key}.ics"
    calendar_links = []
    if ics in files:
        url = base + ics
        calendar_links = [
            _a(webcal(url), w["webcal"]),
            _a(google(url), w["google"]),
            _a(outlook(url, sel.name), w["outlook"]),
            _a(url, w["ics"], type="text/calendar"),
        ]
    feed_links = [
        _a(base + sel.key + suffix, w[kind], type=mime) for suffix, mime, kind in FEEDS if sel.key + suffix in files
    ]
    if not calendar_links and not feed_links:
        return None
    # A heading names the calendar without the page title that most calendar names start with.
    shown = sel.name.removeprefix(f"{pick(config.title, sel.lang)}: ")
    if shown != sel.name:
        shown = shown[:1].upper() + shown[1:]
    if sel.key.startswith("lang-"):
        shown = f"{shown} — {AUTONYMS.get(sel.lang, sel.lang)}"
    count = len(sel.events)
    count_text = f"{count} {w['event'] if count == 1 else w['events']}"
    lang_attr = f' lang="{esc(sel.lang)}"' if sel.lang != lang else ""
    out = [
        f'<li id="_cal-{esc(sel.key)}">',
        f'<h4><span{lang_attr}>{esc(shown)}</span> <span class="count">({esc(count_text)})</span></h4>',
    ]
    if sel.description:
        out.append(f'<p class="muted"{lang_attr}>{esc(sel.description)}</p>')
    for kind, links in (("calendar", calendar_links), ("feeds", feed_links)):
        if links:
            items = "".join(f"<li>{link}</li>" for link in links)
            out.append(f'<div><span class="kind">{esc(w[kind])}:</span><ul class="links">{items}</ul></div>')
    out.append("</li>")
    return "\n".join(out)


def subscribe(ds: Dataset, selections: Sequence[Selection], files: Collection[str]) -> str:
    w = words(ds.config.language)
    groups: dict[str, list[str]] = {}
    for sel in selections:
        item = calendar_item(sel, ds, files)
        if item is not None:
            groups.setdefault(GROUPS.get(sel.key.split("-", 1)[0], "other"), []).append(item)
    out = [
        '<section id="_subscribe" aria-labelledby="_subscribe-h">',
        f'<h2 id="_subscribe-h">{esc(w["subscribe"])}</h2>',
        f"<p>{esc(w['how'])}</p>",
    ]
    for group in ("main", "series", "host", "participant", "other"):
        items = groups.get(group)
        if not items:
            continue
        body = '<ul class="calendars">\n' + "\n".join(items) + "\n</ul>"
        if group == "main":
            out.append(f"<h3>{esc(w['main'])}</h3>\n{body}")
        else:
            label = f"{w[group]} ({len(items)})"
            out.append(f"<details>\n<summary><h3>{esc(label)}</h3></summary>\n{body}\n</details>")
    out.append("</section>")
    return "\n".join(out)


def _datetime(when: When) -> str | None:
    """A machine-readable date for ``<time>``, only where it claims nothing the data does not say."""
    if when.end is not None or when.approximate or when.uncertain:
        return None
    return str(when.start)


def when_value(event: Event, lang: str, today: date | None = None) -> str:
    """The date, as precisely as known, marked as of ``today`` (the build moment's date): "date
    TBC", "day not reported" or "no report since …" (see :func:`timeline.text.marker`); with times if timed."""
    w = words(lang)
    described = esc(text.describe(event.when, lang))
    stamp = _datetime(event.when)
    out = f'<time datetime="{esc(stamp)}">{described}</time>' if stamp else described
    mark = text.marker(event, lang, today)
    if mark:
        out += f' <span class="tbc">({esc(mark)})</span>'
    if event.start_time is not None:
        hours = event.start_time.isoformat(timespec="minutes")
        if event.end_time is not None:
            hours += f"–{event.end_time.isoformat(timespec='minutes')}"
        zone = f", {event.place.timezone}" if event.place is not None else ""
        out += f", {esc(hours)} ({esc(w['local'])}{esc(zone)})"
    return out


def article(
    event: Event, lang: str, by_id: dict[str, Event], files: Collection[str], base_url: str, today: date | None = None
) -> str:
    w = words(lang)
    title = text.title(event, lang)
    rows = []
    for name, value in text.details(event, lang, by_id, today):
        if name == text.label(lang, "when"):
            shown = when_value(event, lang, today)
        elif name == text.label(lang, "part_of") and event.part_of in by_id:
            shown = _a(f"#{event.part_of}", value)
        else:
            shown = esc(value)
        rows.append(f"<dt>{esc(name)}</dt><dd>{shown}</dd>")
    related = [_a(f"#{r}", text.title(by_id[r], lang)) for r in event.related if r in by_id]
    if related:
        rows.append(f"<dt>{esc(w['related'])}</dt><dd>{', '.join(related)}</dd>")
    out = [
        f'<article id="{esc(event.id)}" class="{esc(event.status.value)}">',
        f"<h4>{_a(f'#{event.id}', title)}</h4>",
        "<dl>" + "".join(rows) + "</dl>",
    ]
    if event.sources:
        out.append(f"<h5>{esc(text.label(lang, 'sources'))}</h5>")
    for citation in event.sources:
        src = citation.source
        cite = f' cite="{esc(src.url)}"' if src.url else ""
        name = f"<cite>{_a(src.url, src.title) if src.url else esc(src.title)}</cite>"
        bits = [name]
        if src.publisher:
            bits.append(esc(src.publisher))
        if src.published is not None:
            bits.append(esc(text.describe(src.published, lang)))
        out.append(
            f'<figure><blockquote lang="{esc(src.language)}"{cite}><p>{esc(citation.quote)}</p></blockquote>'
            f"<figcaption>— {', '.join(bits)}</figcaption></figure>"
        )
    ics = f"events/{event.id}.ics"
    if ics in files:
        out.append(f"<p>{_a(base_url + ics, w['add'], type='text/calendar')}</p>")
    out.append("</article>")
    return "\n".join(out)


def timeline(ds: Dataset, files: Collection[str], today: date | None = None) -> str:
    lang = ds.config.language
    w = words(lang)
    by_id = {e.id: e for e in ds.events}
    out = [
        '<section id="_timeline" aria-labelledby="_timeline-h">',
        f'<h2 id="_timeline-h">{esc(w["timeline"])}</h2>',
        f"<p>{esc(w['honest'])}</p>",
    ]
    year = None
    for event in sorted(ds.events, key=lambda e: (e.when.first_day, e.id)):
        if event.when.first_day.year != year:
            year = event.when.first_day.year
            out.append(f'<h3 id="_{year}">{year}</h3>')
        out.append(article(event, lang, by_id, files, ds.config.base_url, today))
    out.append("</section>")
    return "\n".join(out)


def page(ds: Dataset, selections: Sequence[Selection], files: Collection[str], today: date | None = None) -> bytes:
    """``feeds/index.html`` for ``ds``, linking the calendars and feeds of ``selections`` that are in ``files``,
    as of ``today`` (the build moment's date: "day not reported", "no report since").

    ``files`` holds every generated path relative to the output folder ("all.ics", "events/<id>.ics").
    """
    config, lang = ds.config, ds.config.language
    w = words(lang)
    description = pick(config.description, lang)
    body = [
        "<header>",
        f"<h1>{esc(pick(config.title, lang))}</h1>",
        f"<p>{esc(description)}</p>" if description else "",
        f'<nav aria-label="{esc(w["contents"])}"><ul>',
        f'<li><a href="#_subscribe">{esc(w["subscribe"])}</a></li>',
        f'<li><a href="#_timeline">{esc(w["timeline"])}</a></li>',
        "</ul></nav>",
        "</header>",
        "<main>",
        subscribe(ds, selections, files),
        timeline(ds, files, today),
        "</main>",
    ]
    html = "\n".join(
        [
            "<!DOCTYPE html>",
            f'<html lang="{esc(lang)}">',
            head(ds, selections, files),
            "<body>",
            *(part for part in body if part),
            "</body>",
            "</html>",
            "",
        ]
    )
    return html.encode("utf-8")
