"""News article → candidate events (`timeline extract`), and merging them into ``data/``.

reading    HTML → text; sentences with character offsets
anaphora   "the retreat", "hội nghị": the meeting the article named last
dates      date phrases (vi/en) → EDTF with the text's own precision
gazetteer  series, places and countries, from the data's gazetteers
events     pairing meetings with dates; status, venue, year inference, confidence
merge      `--write`: new event files, or a further source of an existing event
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from timeline.extract.events import Candidate, Options, extract_text
from timeline.extract.gazetteer import Gazetteer
from timeline.extract.reading import read_text

__all__ = ["Candidate", "Extraction", "Gazetteer", "detect_language", "extract"]

_VI_MARKS = re.compile(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", re.IGNORECASE)


@dataclass(frozen=True)
class Extraction:
    """What one article yields: its text (markup stripped) and the candidate events in it."""

    name: str
    text: str
    lang: str
    published: date | None
    candidates: tuple[Candidate, ...]

    def as_dict(self) -> dict[str, object]:
        return {"file": self.name, "events": [c.as_dict() for c in self.candidates]}


def detect_language(text: str) -> str:
    """'vi' when Vietnamese diacritics are frequent, else 'en'."""
    letters = sum(1 for ch in text if ch.isalpha()) or 1
    return "vi" if len(_VI_MARKS.findall(text)) / letters > 0.02 else "en"  # noqa: PLR2004


def extract(
    raw: str, gazetteer: Gazetteer, *, name: str = "-", lang: str = "auto", published: date | None = None
) -> Extraction:
    """Read ``raw`` (plain text or HTML) and propose the dated events it reports."""
    text = read_text(raw)
    language = detect_language(text) if lang == "auto" else lang
    candidates = extract_text(text, gazetteer, Options(language, published))
    return Extraction(name, text, language, published, tuple(candidates))
