"""Atom feeds (RFC 4287) through feedgen. Pure: events in, bytes out.

The entries and their order come from :mod:`timeline.entries`; they are added with
``order="append"`` because feedgen's default prepends and would reverse that order.
"""

from __future__ import annotations

from feedgen.ext.base import BaseEntryExtension, BaseExtension
from feedgen.feed import FeedGenerator
from feedgen.util import xml_elem

from timeline import __version__
from timeline.entries import Entry, FeedInfo


class EntryLinks(BaseEntryExtension):  # type: ignore[misc]
    """Entry links written with all their attributes.

    feedgen 1.0's ``FeedEntry.link`` drops ``rel`` and ``type`` when writing Atom (its loop
    variable shadows the link data), which would turn every source link into a second
    ``rel="alternate"``; this extension writes the links itself.
    """

    def __init__(self) -> None:
        self.links: list[dict[str, str]] = []

    def extend_atom(self, entry: object) -> object:
        for attributes in self.links:
            xml_elem("link", entry, **attributes)
        return entry


def feed(meta: FeedInfo, items: list[Entry]) -> bytes:
    """An Atom feed of ``items`` (already in their order), as bytes."""
    config = meta.config
    fg = FeedGenerator()
    fg.id(meta.id)
    fg.title(meta.title)
    if meta.subtitle:
        fg.subtitle(meta.subtitle)
    author = {"name": config.author.name}
    if config.author.email:
        author["email"] = config.author.email
    if config.author.uri:
        author["uri"] = config.author.uri
    fg.author(author)
    fg.link(href=meta.url(".atom.xml"), rel="self", type="application/atom+xml")
    fg.link(href=meta.page, rel="alternate", type="text/html")
    if config.icon:
        fg.icon(config.icon)
    if config.logo:
        fg.logo(config.logo)
    fg.language(meta.lang)
    fg.generator("timeline", version=__version__)
    fg.register_extension("links", BaseExtension, EntryLinks, atom=True, rss=False)
    fg.updated(meta.updated)
    for item in items:
        fe = fg.add_entry(order="append")
        fe.id(item.id)
        fe.title(item.title)
        fe.published(item.published)
        fe.updated(item.updated)
        fe.summary(item.summary)
        fe.content(item.content, type="html")
        fe.links.links.append({"rel": "alternate", "type": "text/html", "href": item.link})
        for url in item.related:
            fe.links.links.append({"rel": "related", "type": "text/html", "href": url})
        for term, label in item.categories:
            fe.category(term=term, label=label)
    return bytes(fg.atom_str(pretty=True))
