"""What every page shares: escaping, paths and links, subscribe URLs, the document shell.

The markup is HTML5 that is also well-formed XML (void elements closed, every attribute quoted,
only the XML entities), so that tests can read it with ``xml.etree``. Links between the site's
own files are relative, so that the folder works from any address (and from ``timeline serve``);
subscription addresses are absolute, from the config's ``base_url``. Page elements use ids that
start with an underscore (``_next``), which event ids, being slugs, never do.
"""

from __future__ import annotations

import posixpath
from collections.abc import Sequence
from html import escape
from urllib.parse import quote

from timeline.model import Config, pick
from timeline.render_page.words import AUTONYMS, words

SCRIPT = "assets/timeline.js"
FAVICON = "assets/favicon.svg"


def esc(value: str) -> str:
    """``html.escape(value)``; most of what a page escapes (labels, ids, dates) has nothing to escape."""
    if "&" in value or "<" in value or ">" in value or '"' in value or "'" in value:
        return escape(value, quote=True)
    return value


def a(href: str, label: str, **attributes: str) -> str:
    extra = "".join(f' {name.rstrip("_")}="{esc(value)}"' for name, value in sorted(attributes.items()))
    return f'<a href="{esc(href)}"{extra}>{esc(label)}</a>'


def index_path(lang: str, config: Config) -> str:
    """The timeline page of ``lang``: ``index.html`` in the default language, ``<lang>/index.html`` else."""
    return "index.html" if lang == config.language else f"{lang}/index.html"


def event_path(event_id: str, lang: str, config: Config) -> str:
    """An event's permanent page: ``events/<id>.html``, ``<lang>/events/<id>.html``."""
    return f"events/{event_id}.html" if lang == config.language else f"{lang}/events/{event_id}.html"


def rel(from_page: str, target: str) -> str:
    """``target`` relative to the page ``from_page`` (both relative to the output folder).

    The paths the pages link are plain (no ``.``, ``..``, empty or absolute parts), so their
    relation is worked out on the parts; ``posixpath.relpath`` (which asks for the working
    folder on every call) is kept for anything else, and gives the same answer.
    """
    start, target_parts = from_page.split("/")[:-1], target.split("/")
    if any(p in _ODD_PARTS for p in start) or any(p in _ODD_PARTS for p in target_parts):
        return posixpath.relpath(target, posixpath.dirname(from_page) or ".")
    common = 0
    for mine, theirs in zip(start, target_parts, strict=False):
        if mine != theirs:
            break
        common += 1
    parts = [".."] * (len(start) - common) + target_parts[common:]
    return "/".join(parts) if parts else "."


_ODD_PARTS = frozenset({"", ".", ".."})


def webcal(url: str) -> str:
    """The ``webcal://`` form of an http(s) URL, which Apple Calendar and Thunderbird take as "subscribe"."""
    _, _, rest = url.partition("://")
    return f"webcal://{rest}"


def google(url: str) -> str:
    """Google Calendar's subscribe link: ``render?cid=`` with the webcal form of the address."""
    return "https://calendar.google.com/calendar/render?cid=" + quote(webcal(url), safe="")


GOOGLE_ADD_BY_URL = "https://calendar.google.com/calendar/u/0/r/settings/addbyurl"
"""Google Calendar's "From URL" settings page: the fallback when the subscribe link offers nothing."""


def outlook(url: str, name: str) -> str:
    """Outlook.com's (personal Microsoft accounts) "subscribe from web" link."""
    return f"https://outlook.live.com/calendar/0/addfromweb?url={quote(url, safe='')}&name={quote(name, safe='')}"


def office(url: str, name: str) -> str:
    """Outlook on the web for work and school (Microsoft 365) accounts: the same form on outlook.office.com."""
    return f"https://outlook.office.com/calendar/0/addfromweb?url={quote(url, safe='')}&name={quote(name, safe='')}"


def language_switch(page_of: dict[str, str], here: str, lang: str) -> str:
    """Links to this page in the other languages, each named in its own language."""
    w = words(lang)
    items = [
        f"<li>{a(rel(here, path), AUTONYMS.get(code, code), hreflang=code, lang_=code)}</li>"
        for code, path in page_of.items()
        if code != lang
    ]
    if not items:
        return ""
    return f'<nav class="langs" aria-label="{esc(w["language"])}"><ul>{"".join(items)}</ul></nav>'


def document(
    config: Config,
    lang: str,
    here: str,
    title: str,
    description: str,
    body: Sequence[str],
    *,
    head_extra: Sequence[str] = (),
    page_of: dict[str, str] | None = None,
    style: str = "",
    script: bool = True,
) -> bytes:
    """A whole page: ``<head>`` (charset, viewport, colour schemes, favicon, alternates), then ``body``."""
    head = [
        '<meta charset="utf-8" />',
        '<meta name="viewport" content="width=device-width, initial-scale=1" />',
        '<meta name="color-scheme" content="light dark" />',
        f"<title>{esc(title)}</title>",
    ]
    if description:
        head.append(f'<meta name="description" content="{esc(description)}" />')
    head.append(f'<link rel="canonical" href="{esc(config.base_url + here.removesuffix("index.html"))}" />')
    for code, path in (page_of or {}).items():
        href = config.base_url + path.removesuffix("index.html")
        head.append(f'<link rel="alternate" hreflang="{esc(code)}" href="{esc(href)}" />')
    head.append(f'<link rel="icon" type="image/svg+xml" href="{esc(rel(here, FAVICON))}" />')
    head += head_extra
    if style:
        head.append(f"<style>{style}</style>")
    if script:
        head.append(f'<script src="{esc(rel(here, SCRIPT))}" defer="defer"></script>')
    # Encoded part by part and joined once: a page of every event's card (some 10 MB at 10,000
    # events) is not also held as one text before it is bytes.
    lines = ["<!DOCTYPE html>", f'<html lang="{esc(lang)}">', "<head>", *head, "</head>", "<body>"]
    return b"\n".join([*(line.encode() for line in lines), *(part.encode() for part in body if part), b"</body>",
                        b"</html>", b""])  # fmt: skip


def site_title(config: Config, lang: str) -> str:
    return pick(config.title, lang)
