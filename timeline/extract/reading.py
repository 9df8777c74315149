"""Read an article: strip HTML to text, split the text into sentences with character offsets.

Offsets always refer to the text this module returns (for HTML input: the text after the
markup is stripped), so that a quote and its span can be checked against the stored source.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser

_BLOCK = {
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th",
    "table", "section", "article", "header", "footer", "blockquote", "figcaption", "figure", "title",
    "pre", "hr", "dd", "dt",
}  # fmt: skip
_SKIP = {"script", "style", "noscript", "template", "svg", "head"}
_LOOKS_HTML = re.compile(r"<\s*(?:html|body|p|div|br|span|a|h[1-6]|article|section|!doctype)\b", re.IGNORECASE)


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0
        self.title: list[str] = []
        self.in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skipping += 1
        elif tag in _BLOCK:
            self.parts.append("\n")
        if tag == "title":
            self.in_title = True

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCK:
            self.parts.append("\n")
        if tag == "title":
            self.in_title = False

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
        if not self.skipping:
            self.parts.append(data)


def looks_like_html(raw: str) -> bool:
    return bool(_LOOKS_HTML.search(raw[:5000]))


def strip_html(raw: str) -> str:
    """The visible text of an HTML document, one block per paragraph."""
    parser = _Text()
    parser.feed(raw)
    parser.close()
    text = html.unescape("".join(parser.parts)) if "&" in "".join(parser.parts) else "".join(parser.parts)
    lines = [" ".join(line.split()) for line in text.splitlines()]
    out: list[str] = []
    for line in lines:
        if line:
            out.append(line)
    return "\n\n".join(out) + "\n" if out else ""


def read_text(raw: str) -> str:
    """The article's text: markup stripped when the input is HTML, newlines normalised."""
    raw = raw.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    return strip_html(raw) if looks_like_html(raw) else raw


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str


# A sentence ends at . ! ? (or ./.) followed by space and a capital/quote/digit, or at a line break;
# or, in scraped text whose sentences run together, at a full stop after a word and before a
# capitalised word ("Wongsunwan.The participation ...": checked in `_glued`), or after a date's last
# figure ("từ ngày 26 -30/7.Chiều 27/7, ...": a page that lost its spaces).
# (Every end is after one of .!?… or at a line break: tested first, re does not try the rest elsewhere.)
_END = re.compile(
    r"(?:(?<=[.!?…])|(?=\n))"
    r"(?:(?<=[.!?…])[\"”’)]*\s+(?=[\"“‘(\[]?[A-ZĐÀ-Ỹ0-9])|\n\s*\n|\n|(?<=[^\W_]{2}\.)(?=“?[^\W\d_]{3})"
    r"|(?<=\d\.)(?=“?[^\W\d_]{3}))"
)
_ABBREV = re.compile(
    r"(?:(?<=\s)[A-Z]\.$|\b(?:Gen|Lt|Lieut|Col|Maj|Brig|Adm|Sen|Mr|Mrs|Ms|Dr|St|No|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|U\.S|Rtd|R|Dato|Datuk|Mt|Vol|vs|etc|TP|Tp|TS|PGS|GS|ThS)\.)$"
)


def sentences(text: str) -> list[Sentence]:
    """Sentences with their offsets in ``text``; abbreviations such as "Gen." do not end one."""
    out: list[Sentence] = []
    start = 0
    for match in _END.finditer(text):
        cut = match.start()
        if not match.group() and not _glued(text, cut):
            continue
        if "\n" not in match.group() and _ABBREV.search(text[max(start, cut - 8) : cut]):
            continue
        if "\n" in match.group() and _wrapped(text, cut, match.end()):
            continue
        _add(out, text, start, cut)
        start = match.end()
    _add(out, text, start, len(text))
    return out


_LINE_END = re.compile(r"(?<![\w'’])[A-Z][\w'’]*$")
_LINE_GOES_ON = re.compile(r"\([A-Z][A-Za-z]*[A-Z][A-Za-z+]*\)\s+[\w+]")


def _wrapped(text: str, cut: int, after: int) -> bool:
    """A line break inside a sentence, as a page's layout leaves one: the line ends in a capitalised word (no
    stop) and the next goes on with a bracketed acronym ("... Defence Ministers Meeting\n\n(ADMM) Plus
    was held ...")."""
    return bool(_LINE_END.search(text, max(0, cut - 40), cut)) and bool(_LINE_GOES_ON.match(text, after))


def _glued(text: str, cut: int) -> bool:
    """A full stop with no space after it ends a sentence when a capitalised word follows it:
    "ADMM.The", "27.Both", "lần thứ 8.“TTXVN cho biết" (a quotation opening), not "vietnamplus.vn", "News.AZ", nor an
    initial ("J.Smith")."""
    if text[cut] == "“":
        return text[cut + 1].isupper()  # a quotation opens the next sentence, whatever its first word
    return text[cut].isupper() and text[cut + 1 : cut + 3].islower()


def _add(out: list[Sentence], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Sentence(start, end, text[start:end]))
