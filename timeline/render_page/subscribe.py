"""The subscribe section: the main calendar's address with a copy button and a link for each app
that takes it, then every other calendar and its feeds, grouped by kind.

What each link claims is what the app does today: webcal:// subscribes in Apple Calendar and
Thunderbird; Google Calendar takes ``render?cid=`` (with its "From URL" settings page as the
fallback); Outlook.com and Microsoft 365 take ``addfromweb`` on their own hosts.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from timeline.model import Config, pick
from timeline.render_page.layout import GOOGLE_ADD_BY_URL, a, esc, google, office, outlook, rel, webcal
from timeline.render_page.words import AUTONYMS, words
from timeline.select import Selection

FEEDS = (
    (".atom.xml", "application/atom+xml", "atom"),
    (".rss", "application/rss+xml", "rss"),
    (".json", "application/feed+json", "json"),
)

GROUPS = {"all": "main", "lang": "main", "upcoming": "main", "series": "series", "host": "host",
          "participant": "participant"}  # fmt: skip


def calendar_links(url: str, name: str, lang: str, here: str, path: str) -> list[str]:
    """Subscribe links for the calendar at ``url`` (``path`` in the output folder)."""
    w = words(lang)
    return [
        a(webcal(url), w["webcal"]),
        a(google(url), w["google"]),
        a(outlook(url, name), w["outlook"]),
        a(office(url, name), w["office"]),
        a(rel(here, path), w["ics"], type="text/calendar"),
    ]


def address(url: str, field_id: str, lang: str) -> str:
    """The calendar's address in a read-only field, with a copy button the script reveals."""
    w = words(lang)
    return (
        f'<div class="address"><label for="{esc(field_id)}">{esc(w["address"])}</label>'
        f'<input id="{esc(field_id)}" type="url" readonly="readonly" value="{esc(url)}" />'
        f'<button type="button" data-copy="{esc(field_id)}" data-done="{esc(w["copied"])}" hidden="hidden">'
        f"{esc(w['copy'])}</button></div>"
    )


def shown_name(sel: Selection, config: Config) -> str:
    """A calendar's heading, without the page title that most calendar names start with."""
    shown = sel.name.removeprefix(f"{pick(config.title, sel.lang)}: ")
    if shown != sel.name:
        shown = shown[:1].upper() + shown[1:]
    if sel.key.startswith("lang-"):
        shown = f"{shown} — {AUTONYMS.get(sel.lang, sel.lang)}"
    return shown


def calendar_item(sel: Selection, config: Config, lang: str, here: str, files: Collection[str]) -> str | None:
    """One selection's name, description and links; None when none of its files exist."""
    w = words(lang)
    ics = f"{sel.key}.ics"
    links = calendar_links(config.base_url + ics, sel.name, lang, here, ics) if ics in files else []
    feed_links = [
        a(rel(here, sel.key + suffix), w[kind], type=mime) for suffix, mime, kind in FEEDS if sel.key + suffix in files
    ]
    if not links and not feed_links:
        return None
    count = len(sel.events)
    count_text = f"{count} {w['event'] if count == 1 else w['events']}"
    lang_attr = f' lang="{esc(sel.lang)}"' if sel.lang != lang else ""
    out = [
        f'<li id="_cal-{esc(sel.key)}">',
        f'<h4><span{lang_attr}>{esc(shown_name(sel, config))}</span> <span class="count">({esc(count_text)})</span></h4>',
    ]
    if sel.description:
        out.append(f'<p class="muted"{lang_attr}>{esc(sel.description)}</p>')
    if links:
        out.append(f'<p class="muted"><code>{esc(config.base_url + ics)}</code></p>')
    for kind, group in (("calendar", links), ("feeds", feed_links)):
        if group:
            items = "".join(f"<li>{link}</li>" for link in group)
            out.append(f'<div><span class="kind">{esc(w[kind])}:</span><ul class="links">{items}</ul></div>')
    out.append("</li>")
    return "\n".join(out)


def main_box(sel: Selection, config: Config, lang: str, here: str, files: Collection[str]) -> str:
    """The calendar most people want, with its address to copy and one explained link per app."""
    w = words(lang)
    ics = f"{sel.key}.ics"
    if ics not in files:
        return ""
    url = config.base_url + ics
    rows = [
        (a(webcal(url), w["webcal"]), w["how_webcal"]),
        (f"{a(google(url), w['google'])} · {a(GOOGLE_ADD_BY_URL, w['google_url'])}", w["how_google"]),
        (f"{a(outlook(url, sel.name), w['outlook'])} · {a(office(url, sel.name), w['office'])}", w["how_outlook"]),
        (a(rel(here, ics), w["ics"], type="text/calendar"), w["how_other"]),
    ]
    items = "".join(f"<li>{link}<br /><span class='muted'>{esc(help_)}</span></li>" for link, help_ in rows)
    feeds = [
        a(rel(here, sel.key + suffix), w[kind], type=mime) for suffix, mime, kind in FEEDS if sel.key + suffix in files
    ]
    feed_list = f'<p><span class="kind">{esc(w["feeds"])}:</span> {" · ".join(feeds)}</p>' if feeds else ""
    return "\n".join(
        [
            '<div class="main-calendar">',
            address(url, f"_address-{sel.key}", lang),
            f'<ul class="apps">{items}</ul>',
            feed_list,
            "</div>",
        ]
    )


def subscribe(config: Config, lang: str, here: str, selections: Sequence[Selection], files: Collection[str]) -> str:
    w = words(lang)
    own = [s for s in selections if not s.key.startswith("lang-") or s.lang == lang]
    # The default language's page offers the "all" calendar; another language's page its own one.
    wanted = ("all",) if lang == config.language else (f"lang-{lang}", "all")
    main = next((s for key in wanted for s in own if s.key == key), None)
    groups: dict[str, list[str]] = {}
    for sel in selections:
        item = calendar_item(sel, config, lang, here, files)
        if item is not None:
            groups.setdefault(GROUPS.get(sel.key.split("-", 1)[0], "other"), []).append(item)
    out = [
        '<section id="_subscribe" aria-labelledby="_subscribe-h">',
        f'<h2 id="_subscribe-h">{esc(w["subscribe"])}</h2>',
    ]
    if main is not None:
        out.append(main_box(main, config, lang, here, files))
    for group in ("main", "series", "host", "participant", "other"):
        items = groups.get(group)
        if not items:
            continue
        body = '<ul class="calendars">\n' + "\n".join(items) + "\n</ul>"
        label = w[group] if group == "main" else f"{w[group]} ({len(items)})"
        out.append(f"<details>\n<summary><h3>{esc(label)}</h3></summary>\n{body}\n</details>")
    out.append("</section>")
    return "\n".join(out)
