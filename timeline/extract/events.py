"""From an article's text to candidate events: which meeting, when, where, in what state.

Per sentence: meeting names (series gazetteer) and date phrases are paired — each date goes to
at most one meeting, the nearest one it can belong to; a meeting introduced as context ("chuẩn
bị cho", "following", "on the sidelines of") only takes a date that follows it in the same
clause. Dates of a delegation's trip ("lên đường", "departed", "... và các hoạt động liên
quan từ ngày ...") are not meeting dates. Status comes from the nearest verb cue, else from
the date against the published day. A dateline city ("KUALA LUMPUR —") is never a venue.
Bilateral meetings "on the sidelines of" a meeting take that meeting's date and place, one per
counterpart country. Candidates of one article that describe the same event are merged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from timeline.edtf import Mod, Point, Precision
from timeline.extract import dates as D
from timeline.extract.anaphora import Named, anaphors
from timeline.extract.gazetteer import Gazetteer, Hit, fold
from timeline.extract.reading import Sentence, sentences
from timeline.model import Status


@dataclass
class Candidate:
    """One proposed event. ``start``/``end`` are EDTF as precise as the text (XXXX: year unknown)."""

    series: str
    ordinal: int | None
    title: str
    start: str
    end: str | None
    city: str | None
    country: str | None
    status: str
    evidence: str
    span: tuple[int, int]
    confidence: float
    mod: str | None = None
    place: str | None = None  # key in places.yaml, when the venue is a known city
    countries: tuple[str, ...] = ()  # counterparts of a bilateral meeting
    year_known: bool = True

    def as_dict(self) -> dict[str, object]:
        return {
            "series": self.series,
            "ordinal": self.ordinal,
            "title": self.title,
            "start": self.start,
            "end": self.end,
            "mod": self.mod,
            "city": self.city,
            "country": self.country,
            "status": self.status,
            "evidence": self.evidence,
            "span": list(self.span),
            "confidence": self.confidence,
        }


@dataclass(frozen=True)
class Options:
    lang: str = "vi"
    published: date | None = None


# -- cues ------------------------------------------------------------------------------

_CANCELLED = re.compile(r"\b(?:cancel+ed|cancel+ation|called off|scrapped)\b|hủy bỏ|huỷ bỏ|bị hủy|bị huỷ", re.I)
_POSTPONED = re.compile(r"\b(?:postponed?|delayed|rescheduled|put off)\b|hoãn|lùi lại|dời lại", re.I)
_PLANNED = re.compile(
    r"\b(?:will|shall|scheduled|slated|to be held|expected to|is set to|are set to|upcoming|forthcoming|"
    r"plans? to|planned|to take place|is to be|due to (?:take place|be held|open|convene|begin)|next(?! day))\b|"
    r"dự kiến|(?<!\w)sẽ(?!\w)|sắp tới|(?<!\w)sắp(?!\w)|chuẩn bị diễn ra|trân trọng mời|kế hoạch tổ chức",
    re.I,
)
# Present-tense Vietnamese verbs ("diễn ra", "được tổ chức") say nothing of the tense on their own.
_NEUTRAL = re.compile(r"^(?:diễn ra|được tổ chức|tổ chức)$", re.I)
_HELD = re.compile(
    r"\b(?:was|were) (?:held|convened|hosted|opened|organi[sz]ed|chaired)|\b(?:held|took place|convened|opened|"
    r"concluded|wrapped up|ended|hosted|chaired|presided|gathered|hailed|kicked off|commenced|signed|attended)\b|"
    r"đã diễn ra|đã được tổ chức|đã tổ chức|diễn ra|được tổ chức|tổ chức|khai mạc|bế mạc|kết thúc|ký kết|"
    r"(?<!\w)đã(?!\w)|vừa qua|(?<!\w)vừa(?!\w)",
    re.I,
)
_REF_BEFORE = re.compile(
    r"(?:tiếp theo(?: thành công tốt đẹp)? của|(?<!\w)sau|chuẩn bị cho|công tác chuẩn bị cho|báo cáo kết quả|kết quả|"
    r"khuôn khổ|bên lề|trước thềm|hướng tới|dự thảo tuyên bố chung|tuyên bố chung|ahead of|following|followed by|"
    r"after|prepare for|preparations? for|preparing for|in preparation for|results? of|outcomes? of|sidelines? of|"
    r"framework of|joint statements? of|in conjunction with)"
    r"\s+(?:the\s+|các\s+|cho\s+|upcoming\s+|forthcoming\s+|của\s+)*(?:hội nghị\s+)?$",
    re.I,
)
_PREP_CUE = r"(?:chuẩn bị cho|trước thềm|hướng tới|\bahead of|\bprepare for|\bpreparations? for|\bpreparing for|\bin preparation for)"
_PREP_BEFORE = re.compile(
    "(?:" + _PREP_CUE + r"|dự thảo[\w ]{0,30}?|\bdraft[\w ]{0,30}? (?:of|for))"
    r"\s+(?:the\s+|các\s+|cho\s+|upcoming\s+|forthcoming\s+|của\s+)*(?:hội nghị\s+)?"
    r"(?:trực tuyến\s+|virtual\s+|online\s+|annual\s+|thường niên\s+)?$",
    re.I,
)
# "chuẩn bị cho Hội nghị trực tuyến Quan chức ... Mở rộng (ADSOM+)": a long name the gazetteer lacks, then the acronym
_PREP_NAMED = re.compile(_PREP_CUE + r"\s+[^,;.()]{1,90}\(\s*$", re.I)
_OTHER_AFTER = re.compile(
    r"\b(?:preceded|followed|succeeded) by\b|(?<!\w)(?:tiếp nối bởi|tiếp theo là|sau đó là)(?!\w)", re.I
)
_TRIP = re.compile(
    r"lên đường|(?<!\w)rời (?:Hà Nội|thủ đô|TP)|\bdeparted\b|\bdeparts\b|\bleft (?:Hanoi|for)\b|\bleaves for\b|"
    r"\bset off\b|rạng sáng nay tới|\barrived in\b|đến sân bay",
    re.I,
)
# "visiting the country on Monday to attend the ADMM Retreat": the date of the trip, not of the meeting
_TO_ATTEND = re.compile(r"\bto (?:attend|join|take part in|participate in)\b|(?<!\w)để (?:tham )?dự(?!\w)", re.I)
_TRAVEL = re.compile(
    r"\bvisit(?:ing|s|ed)?\b|\barriv\w*|\btravel\w*|\bfl(?:y|ies|ew|ying)\b|\bcom(?:e|es|ing) to\b|"
    r"(?<!\w)(?:sang|tới thăm|đến thăm|lên đường)(?!\w)",
    re.I,
)
# "Since the establishment of the ADMM in 2006", "ADMM, thành lập năm 2006": a founding date, not a meeting
_FOUNDED_NAME = re.compile(
    r"(?:\b(?:establishment|founding|formation|creation|inception|launch|anniversary|chairmanship) of|"
    r"(?<!\w)(?:thành lập|ra đời|kỷ niệm[^,.;]{0,25}?))\s+(?:the\s+|của\s+|cơ chế\s+)?(?:hội nghị\s+)?$",
    re.I,
)
_FOUNDED_DATE = re.compile(
    r"(?:\b(?:established|founded|formed|created|set up|launched|inaugurated as)|(?<!\w)(?:thành lập|ra đời))"
    r"(?:\s+\w+){0,2}?\s+(?:in|on|since|vào|từ|năm)?\s*$",
    re.I,
)
_DELEGATION = re.compile(r"đoàn đại biểu|trưởng đoàn|dẫn đầu đoàn|\bdelegation\b", re.I)
_TRIP_SCOPE = re.compile(
    r"các hoạt động liên quan|related (?:activities|meetings|events)|các cuộc gặp|\binformal meetings\b", re.I
)
_SIDELINE = re.compile(r"bên lề|on the sidelines? of|in conjunction with", re.I)
_BILATERAL_STRONG = re.compile(r"song phương|hội đàm|hội kiến|\bbilateral\b|\bheld talks\b", re.I)
_BILATERAL_WEAK = re.compile(r"(?<!\w)(?:gặp|tiếp xúc)(?!\w)|\bmet with\b|\bmeeting with\b|\bcourtesy call", re.I)
_VENUE_BEFORE = re.compile(
    r"(?:(?<!\w)tại|(?<!\w)ở|\bin|\bat|\bhosted in)\s+(?:the\s+)?(?:thủ đô\s+(?:của\s+)?|thành phố\s+|tỉnh\s+|bang\s+|capital\s+(?:of\s+)?|(?:Malaysian|Indonesian|Thai|"
    r"Philippine|Cambodian|Lao|Vietnamese|Singaporean|Bruneian|Myanmar) capital\s+(?:city\s+(?:of\s+)?)?)?$",
    re.I,
)
# "at Shangri-La Hotel, Pulau Pinang", "tại Trung tâm Hội nghị Quốc gia, Hà Nội": a building, then the city
_BUILDING_BEFORE = re.compile(
    r"(?:(?<!\w)tại|\bat|\bin)\s+(?:the\s+)?[A-ZĐ][\w'’-]*(?:\s+(?:[A-ZĐ][\w'’-]*|of|de|la)){0,6},\s*$"
)


def _venue_before(text: str, start: int) -> bool:
    return bool(
        _VENUE_BEFORE.search(text[max(0, start - 30) : start])
        or _BUILDING_BEFORE.search(text[max(0, start - 70) : start])
    )


_ORD_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
    "inaugural": 1,
}  # fmt: skip
_VI_ORD = {"nhất": 1, "hai": 2, "ba": 3, "tư": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9, "mười": 10}
_ORD_BEFORE = re.compile(
    r"(?:(?P<n>\d{1,3})(?:st|nd|rd|th)|(?P<w>" + "|".join(_ORD_WORDS) + r"))\s+(?:edition\s+of\s+(?:the\s+)?)?$",
    re.I,
)
_ORD_AFTER = re.compile(
    r"^(?:\s*\([^()]{1,40}\))?(?:[^,;.\d()]{0,30}?(?=\s*lần\s+thứ))?\s*(?:lần\s+thứ\s+(?P<v>\d{1,3}|"
    + "|".join(_VI_ORD)
    + r")(?!\w)|[-–]\s?(?P<h>\d{1,2})(?![\d/.-])|\s(?P<s>\d{1,2})(?![\d/.,%-]|\s*(?:năm|nước|tháng|ngày|người|%|countries|years|nations)))",
    re.I,
)
_SUBSERIES_AFTER = re.compile(
    r"^\s*(?:\([^()]{1,40}\))?\s*(?P<w>mở rộng|hẹp|Hẹp|Plus|Retreat|\+|WG|Working Group)(?!\w)"
)
_DATELINE = re.compile(
    r"^[\"“]?\s*(?P<city>[A-ZĐ][\w .'’-]{1,40}?)\s*(?:\[[^\]\n]{1,30}\])?\s*(?:,\s*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8}(?:\s+\d{4})?))?\s*"
    r"(?:\((?:VNA|ANI|Bernama|AFP|Reuters|TTXVN|VNS|AP|Xinhua|VOV|QĐND|VTC News|Dân trí|VnExpress)\)\s*[:—–-]?|\s*[—–:-])\s",
    re.M,
)


def datelines(text: str) -> tuple[tuple[int, int], ...]:
    """Spans of dateline cities ("KUALA LUMPUR —", "Vientiane (VNA)") in the first paragraphs."""
    out = []
    for match in _DATELINE.finditer(text[:800]):
        city = match.group("city")
        if city and len(city.split()) <= 4:  # noqa: PLR2004 - "PULAU PINANG", "Kuala Lumpur"
            out.append(match.span("city"))
    return tuple(out)


# -- per sentence ---------------------------------------------------------------------------


@dataclass
class _SeriesMention:
    start: int
    end: int
    key: str
    ordinal: int | None
    ref: bool
    prep: bool = False  # being prepared for: not yet held when the sentence was written
    anaphor: bool = False  # "the retreat": the meeting named last in the article


@dataclass
class _Pair:
    mention: _SeriesMention
    date: D.Mention
    cost: int
    shared: bool = False


@dataclass
class _Article:
    text: str
    gaz: Gazetteer
    opts: Options
    masked: tuple[tuple[int, int], ...]
    context_year: int | None
    anchor: date | None = None
    candidates: list[Candidate] = field(default_factory=list)
    sidelines: list[tuple[Sentence, list[str], list[str], D.Mention | None]] = field(default_factory=list)
    ordinals: dict[str, set[int]] = field(default_factory=dict)
    named: list[Named] = field(default_factory=list)


def extract_text(text: str, gaz: Gazetteer, opts: Options) -> list[Candidate]:
    """Candidate events in ``text`` (already stripped of markup), in text order."""
    years = D.article_years(text)
    art = _Article(text, gaz, opts, datelines(text), years[0] if years else None)
    for sent in sentences(text):
        _sentence(art, sent)
    _sideline_bilaterals(art)
    _spread_ordinals(art)
    return _merge_same(art.candidates)


def _series_mentions(art: _Article, text: str, hits: list[Hit]) -> list[_SeriesMention]:
    base = 0
    out: list[_SeriesMention] = []
    series_hits = [h for h in hits if h.kind == "series"]
    i = 0
    while i < len(series_hits):
        hit = series_hits[i]
        start, end, key = hit.start - base, hit.end - base, hit.key
        # "Hội nghị ... mở rộng (ADSOM+)": a name and its acronym in brackets are one mention
        while i + 1 < len(series_hits):
            nxt = series_hits[i + 1]
            between = text[end : nxt.start - base]
            if re.fullmatch(r"\s*\(\s*", between) and re.match(r"\s*\)", text[nxt.end - base :]):
                if nxt.key != key:
                    key = nxt.key  # the acronym is the more specific name
                end = nxt.end - base + len(re.match(r"\s*\)", text[nxt.end - base :]).group())  # type: ignore[union-attr]
                i += 1
            else:
                break
        key, end, dropped = _subseries(art, key, text, end)
        i += 1
        if dropped or key == "bilateral":
            continue
        before = text[max(0, start - 60) : start]
        ordinal = _ordinal(before, text[end : end + 40])
        ref = bool(_REF_BEFORE.search(before))
        if ordinal is not None:
            art.ordinals.setdefault(key, set()).add(ordinal)
        prep = bool(_PREP_BEFORE.search(before) or _PREP_NAMED.search(text[max(0, start - 120) : start]))
        out.append(_SeriesMention(start, end, key, ordinal, ref, prep))
    return out


def _subseries(art: _Article, key: str, text: str, end: int) -> tuple[str, int, bool]:
    """ "ASEAN Defence Ministers' Meeting (ADMM) Retreat": a following word can name a sub-series."""
    match = _SUBSERIES_AFTER.match(text[end:])
    if not match:
        return key, end, False
    word = match.group("w")
    short = art.gaz.short_en.get(key, key)
    wanted = {"mở rộng": f"{short}-Plus", "Plus": f"{short}-Plus", "+": f"{short}-Plus", "hẹp": f"{short} Retreat",
              "Hẹp": f"{short} Retreat", "Retreat": f"{short} Retreat", "WG": f"{short} WG",
              "Working Group": f"{short} WG"}[word]  # fmt: skip
    other = art.gaz.series_named(wanted)
    if other is not None:
        return other, end + match.end(), False
    if word in {"WG", "Working Group"}:
        return key, end, True  # a working group the gazetteer does not know: not this series
    return key, end, False


def _ordinal(before: str, after: str) -> int | None:
    match = _ORD_BEFORE.search(before)
    if match:
        return int(match["n"]) if match["n"] else _ORD_WORDS[match["w"].lower()]
    match = _ORD_AFTER.match(after)
    if match:
        if match["v"]:
            value = match["v"].lower()
            return int(value) if value.isdigit() else _VI_ORD[value]
        return int(match["h"] or match["s"])
    return None


def _sentence(art: _Article, sent: Sentence) -> None:
    text, base = sent.text, sent.start
    masked = tuple((a - base, b - base) for a, b in art.masked if sent.start <= a < sent.end)
    hits = art.gaz.find(text, masked)
    mentions = _series_mentions(art, text, hits)
    if mentions:
        art.named.extend(Named(base + m.start, m.key, m.ordinal) for m in mentions)
    else:
        mentions = [
            _SeriesMention(a.start, a.end, a.key, a.ordinal, ref=False, anaphor=True)
            for a in anaphors(text, base, art.named, art.opts.lang)
        ]
    found = D.find(text)
    found = [m for m in found if not re.match(r"['’]s\b", text[m.end : m.end + 3])]  # "today's meeting"
    trip = bool(_TRIP.search(text)) or (bool(_DELEGATION.search(text)) and bool(_TRIP_SCOPE.search(text)))
    if trip:
        found = []
    pairs = _pair(text, mentions, found, masked)
    dated = {id(p.mention) for p in pairs}
    # "Triển lãm ... lần thứ hai, Giao lưu Quân nhạc ... vào cuối năm 2024": a list shares its date
    for mention in mentions:
        if id(mention) in dated:
            continue
        for pair in list(pairs):
            other = pair.mention
            gap = text[mention.end : other.start] if mention.end <= other.start else text[other.end : mention.start]
            gap = re.sub(r"lần\s+thứ\s+\w+|\([^()]*\)|\d+(?:st|nd|rd|th)?", "", gap)
            if re.fullmatch(r"\s*(?:,|;|và|and|,\s*and|as well as|cũng như)\s*(?:the\s+|các\s+|formal\s+)*", gap):
                mention.prep = other.prep = mention.prep or other.prep  # "chuẩn bị cho các hội nghị ADMM và ADMM+"
                pairs.append(_Pair(mention, pair.date, pair.cost + 20, shared=True))
                dated.add(id(mention))
                break
    # left to right, so that "the next day" counts from the day just before it, even in this sentence
    for m in found:
        for pair in [p for p in pairs if p.date is m]:
            candidate = _candidate(art, sent, pair, hits, masked)
            if candidate is not None:
                art.candidates.append(candidate)
        resolved = D.resolve(m, art.opts.published, art.context_year, m.tense, art.anchor)
        if resolved and resolved.start and resolved.start.precision is Precision.DAY and resolved.start.year:
            art.anchor = (resolved.end or resolved.start).first_day
    _bilateral_sentence(art, sent, text, hits, mentions, found, {id(p.date) for p in pairs})


def _pair(
    text: str, mentions: list[_SeriesMention], found: list[D.Mention], masked: tuple[tuple[int, int], ...]
) -> list[_Pair]:
    options: list[_Pair] = []
    for mention in mentions:
        for m in found:
            cost = _cost(text, mention, m, mentions, masked)
            if cost is not None:
                options.append(_Pair(mention, m, cost))
    options.sort(key=lambda p: (p.cost, p.mention.start, p.date.start))
    used_m: set[int] = set()
    used_d: set[int] = set()
    out = []
    for option in options:
        if id(option.mention) in used_m or id(option.date) in used_d:
            continue
        used_m.add(id(option.mention))
        used_d.add(id(option.date))
        out.append(option)
    return out


def _cost(
    text: str,
    mention: _SeriesMention,
    m: D.Mention,
    mentions: list[_SeriesMention],
    masked: tuple[tuple[int, int], ...],
) -> int | None:
    after = m.start >= mention.end
    between = text[mention.end : m.start] if after else text[m.end : mention.start]
    year_only = m.month is None and (m.relative is None or m.relative.startswith("year:"))
    if ";" in between or (mention.ref and not after):
        return None
    if after and _OTHER_AFTER.search(between):
        return None  # "The ADMM Retreat was preceded by the ADSOM WG yesterday": the date is the other meeting's
    if _not_the_meetings(text, mention, m, between, after):
        return None
    commas = between.count(",")
    if mention.ref and commas:
        return None
    if year_only and commas:
        return None
    cost = len(between) + 30 * commas
    lo, hi = (mention.end, m.start) if after else (m.end, mention.start)
    cost += 40 * sum(1 for other in mentions if other is not mention and lo <= other.start < hi)
    if not after:
        if text[max(0, m.start - 1) : m.start] == "(":  # "(30/4/2025) và ...": the bracket belongs to what precedes
            cost += 100
        if re.search(r"(?<!\w)(?:và|and)(?!\w)", between):
            cost += 60
    if any(a <= m.start < b for a, b in masked):
        cost += 60
    return cost if cost <= 150 else None  # noqa: PLR2004 - beyond that a date belongs to something else


def _not_the_meetings(text: str, mention: _SeriesMention, m: D.Mention, between: str, after: bool) -> bool:
    """A founding date ("the establishment of the ADMM in 2006") or the date of a trip to the meeting
    ("visiting the country on Monday to attend the ADMM Retreat") is not the meeting's date."""
    if (m.day is None and m.relative is None) or (m.relative or "").startswith("year:"):
        # a founding given to the day ("the inception of the ADMM-Plus in Ha Noi on 12 October 2010") is the first meeting
        if _FOUNDED_DATE.search(text[max(0, m.start - 40) : m.start]):
            return True
        if _FOUNDED_NAME.search(text[max(0, mention.start - 50) : mention.start]):
            return True
    return (
        not after
        and bool(_TO_ATTEND.search(between))
        and bool(_TRAVEL.search(text[max(0, m.start - 50) : m.start] + between))
    )


def _verb_cue(text: str, lo: int, hi: int, *, neutral: bool = True) -> str | None:
    """The status the nearest tense cue of the sentence gives [lo, hi), if one is close enough
    (``neutral=False``: "diễn ra", "được tổ chức" are not cues)."""
    best: tuple[int, str] | None = None
    planned_spans = [match.span() for match in _PLANNED.finditer(text)]
    for pattern, status in ((_PLANNED, Status.PLANNED), (_HELD, Status.HELD)):
        for match in pattern.finditer(text):
            a, b = match.span()
            if status is Status.HELD and any(pa <= a < pb + 12 for pa, pb in planned_spans):
                continue  # "dự kiến diễn ra", "will be held": the planned cue governs the verb
            if not neutral and status is Status.HELD and _NEUTRAL.match(match.group()):
                continue
            distance = 0 if a < hi and lo < b else min(abs(a - hi), abs(lo - b))
            if best is None or distance < best[0]:
                best = (distance, status.value)
    return best[1] if best is not None and best[0] <= 80 else None  # noqa: PLR2004 - further off: something else


def _status(
    text: str,
    lo: int,
    hi: int,
    own_tense: str | None,
    window: tuple[date, date] | None,
    published: date | None,
    prep: bool,
) -> tuple[str, bool]:
    """The status, and whether the text said so (False: inferred from the date alone).

    In order: a cancellation or postponement in the sentence; the date's own tense words
    ("tháng 12 tới", "ngày 5/3 vừa qua", "next November"); a date window wholly after the
    published day (never held, whatever the verb: "diễn ra tháng 4" written in March); the
    nearest verb cue, except that a window wholly before the published day is held unless the
    verb plans it; a meeting being prepared for ("chuẩn bị cho", "ahead of") is planned; else
    the date against the published day. With no published day, a present-tense verb ("diễn ra")
    gives way to the sentence's other tense words; with none, held, but not said by the text.
    """
    for pattern, status in ((_CANCELLED, Status.CANCELLED), (_POSTPONED, Status.POSTPONED)):
        if pattern.search(text):
            return status.value, True
    if own_tense is not None:
        return (Status.PLANNED if own_tense == "future" else Status.HELD).value, True
    if published is None:
        return _status_undated(text, lo, hi, prep)
    cue = _verb_cue(text, lo, hi)
    if window is not None:
        first, last = window
        if first > published:
            return Status.PLANNED.value, cue is not None
        if last < published and cue != Status.PLANNED.value:
            return Status.HELD.value, cue is not None
    if cue is not None:
        return cue, True
    if prep:
        return Status.PLANNED.value, True
    return Status.HELD.value, False


def _status_undated(text: str, lo: int, hi: int, prep: bool) -> tuple[str, bool]:
    cue = _verb_cue(text, lo, hi, neutral=False)
    if cue is not None:
        return cue, True
    if prep or _PLANNED.search(text) or re.search(_PREP_CUE, text, re.I):
        return Status.PLANNED.value, True
    if any(not _NEUTRAL.match(match.group()) for match in _HELD.finditer(text)):
        return Status.HELD.value, True
    return Status.HELD.value, False


def _window(point: Point, end: Point | None, mod: Mod | None) -> tuple[date, date] | None:
    if point.year == 0:
        return None
    first, last = point.first_day, (end or point).last_day
    if mod is not None and end is None and point.precision is not Precision.DAY:
        span = (last - first).days + 1
        third = span // 3
        if mod is Mod.EARLY:
            last = first + timedelta(days=third)
        elif mod is Mod.MID:
            first, last = first + timedelta(days=third), first + timedelta(days=2 * third)
        else:
            first = last - timedelta(days=third)
    return first, last


def _place(
    art: _Article,
    text: str,
    hits: list[Hit],
    lo: int,
    hi: int,
    masked: tuple[tuple[int, int], ...],
    after: int | None = None,
) -> tuple[str | None, str | None, str | None]:
    """(city, country code, place key) of the venue nearest to [lo, hi) in the sentence
    (``after``: only one that starts there or later)."""
    base = 0
    best: tuple[int, str | None, str | None, str | None] | None = None
    option: tuple[int, str | None, str | None, str | None]
    for hit in hits:
        if hit.kind not in {"place", "country"}:
            continue
        start, end = hit.start - base, hit.end - base
        if any(a <= hit.start < b for a, b in masked) or (after is not None and start < after):
            continue
        if not _venue_before(text, start):
            continue
        distance = 0 if start < hi and lo < end else min(abs(start - hi), abs(lo - end))
        if hit.kind == "place":
            place = art.gaz.places[hit.key]
            option = (distance, place.name.get("en"), place.country.code, place.key)
        else:
            option = (distance, None, hit.key, None)
        if best is None or option[0] < best[0]:
            best = option
    # "in Jakarta, Indonesia" / "tại Phnom Penh (Campuchia)": a city the gazetteer lacks, named with its country
    for hit in hits:
        if hit.kind != "country":
            continue
        start = hit.start - base
        match = re.search(
            r"(?:(?<!\w)tại|(?<!\w)ở|\bin|\bat)\s+(?:thủ đô\s+|the\s+)?(?P<city>[A-ZĐ][\w'’]+(?:\s+[A-ZĐ][\w'’]+){0,2})\s*(?:,|\()\s*(?:the\s+)?$",
            text[max(0, start - 45) : start],
        )
        if not match or art.gaz.find(match.group("city")) or (after is not None and start < after):
            continue
        city_start = max(0, start - 45) + match.start("city")
        distance = 0 if city_start < hi and lo < start else min(abs(city_start - hi), abs(lo - start))
        if best is None or distance <= best[0]:
            best = (distance, match.group("city"), hit.key, None)
    if best is None or best[0] > 120:  # noqa: PLR2004
        return None, None, None
    return best[1], best[2], best[3]


def _sentence_venue(
    art: _Article, sent: Sentence, masked: tuple[tuple[int, int], ...]
) -> tuple[str | None, str | None, str | None]:
    """The one venue of a long sentence ("... was presided over by the Minister ... at Shangri-La Hotel,
    Pulau Pinang"), however far from the meeting's name; none when it names several, or meets online."""
    para = sent.text
    if re.search(r"\bvirtual|\bonline\b|trực tuyến", para, re.I):
        return None, None, None
    venues: set[tuple[str | None, str | None, str | None]] = set()
    for hit in art.gaz.find(para, masked):
        if hit.kind not in {"place", "country"} or not _venue_before(para, hit.start):
            continue
        if hit.kind == "place":
            place = art.gaz.places[hit.key]
            venues.add((place.name.get("en"), place.country.code, place.key))
        else:
            venues.add((None, hit.key, None))
    cities = {v for v in venues if v[0] is not None}
    if len(cities) == 1 and all(v[1] == next(iter(cities))[1] for v in venues):
        return next(iter(cities))
    return next(iter(venues)) if len(venues) == 1 else (None, None, None)


def _title(art: _Article, key: str, ordinal: int | None, countries: tuple[str, ...] = ()) -> str:
    series = art.gaz.series[key]
    lang = art.opts.lang if art.opts.lang in series.short else "en"
    short = series.short.get(lang) or key
    if countries:
        short = f"{short} ({', '.join(countries)})"
    if ordinal is None:
        return short
    if lang == "vi":
        return f"{short} lần thứ {ordinal}"
    suffix = "th" if 10 <= ordinal % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(ordinal % 10, "th")  # noqa: PLR2004
    return f"{ordinal}{suffix} {short}"


def _candidate(
    art: _Article, sent: Sentence, pair: _Pair, hits: list[Hit], masked: tuple[tuple[int, int], ...]
) -> Candidate | None:
    text = sent.text
    mention, m = pair.mention, pair.date
    lo, hi = min(mention.start, m.start), max(mention.end, m.end)
    tense = {"planned": "future", "held": "past"}.get(_verb_cue(text, lo, hi) or "")
    resolved = D.resolve(m, art.opts.published, art.context_year, tense, art.anchor)
    if resolved is None or resolved.start is None:
        return None
    window = _window(resolved.start, resolved.end, resolved.mod)
    status, by_cue = _status(text, lo, hi, m.tense, window, art.opts.published, mention.prep)
    after = mention.end if mention.ref or mention.prep else None  # context: only a venue that follows it
    city, country, place = _place(art, text, hits, lo, hi, masked, after)
    if city is None and country is None and after is None and not mention.anaphor:
        city, country, place = _sentence_venue(art, sent, masked)
    confidence = 0.95
    confidence -= {"text": 0.0, "published": 0.05, "relative": 0.1, "article": 0.25, "unknown": 0.5}[
        resolved.year_source
    ]
    if m.relative == "recent":
        confidence -= 0.3
    if m.bare:
        confidence -= 0.1
    if not by_cue:
        confidence -= 0.1
    if pair.cost > 60:  # noqa: PLR2004
        confidence -= 0.1
    if pair.shared:
        confidence -= 0.1
    if mention.anaphor:
        confidence -= 0.15
    return Candidate(
        series=mention.key,
        ordinal=mention.ordinal,
        title=_title(art, mention.key, mention.ordinal),
        start=resolved.edtf_start,
        end=resolved.edtf_end,
        mod=resolved.mod.value if resolved.mod else None,
        city=city,
        country=country,
        place=place,
        status=status,
        evidence=text,
        span=(sent.start, sent.end),
        confidence=round(max(0.05, min(1.0, confidence)), 2),
        year_known=resolved.start.year != 0,
    )


# -- bilateral meetings ------------------------------------------------------------------


def _bilateral_sentence(
    art: _Article,
    sent: Sentence,
    text: str,
    hits: list[Hit],
    mentions: list[_SeriesMention],
    found: list[D.Mention],
    used: set[int],
) -> None:
    sideline = _SIDELINE.search(text)
    if not (_BILATERAL_STRONG.search(text) or (sideline and _BILATERAL_WEAK.search(text))):
        return
    self_code = "VN" if art.opts.lang == "vi" else None
    hits = [_as_country(art.gaz, text, h) for h in hits]
    venue = {h.key for h in hits if h.kind == "country" and _VENUE_BEFORE.search(text[max(0, h.start - 30) : h.start])}
    countries: list[str] = []
    for hit in hits:
        if hit.kind == "country" and hit.key != self_code and hit.key not in venue and hit.key not in countries:
            countries.append(hit.key)
    if not countries:
        return
    own = next((m for m in found if id(m) not in used), None)
    mains = [m.key for m in mentions if sideline and m.start > sideline.start()]
    if own is None and not mains:
        return
    art.sidelines.append((sent, countries, mains, own))


def _as_country(gaz: Gazetteer, text: str, hit: Hit) -> Hit:
    """ "Singapore" is a city and a country: as a counterpart, it is the country."""
    if hit.kind != "place":
        return hit
    country = gaz.places[hit.key].country
    names = {fold(n) for n in (*country.name.values(), *country.aliases)}
    return Hit(hit.start, hit.end, "country", country.code) if fold(text[hit.start : hit.end]) in names else hit


def _sideline_bilaterals(art: _Article) -> None:
    for sent, countries, mains, own in art.sidelines:
        start: str | None = None
        end: str | None = None
        city = country = place = None
        status = Status.HELD.value
        confidence = 0.75
        if own is not None:
            resolved = D.resolve(own, art.opts.published, art.context_year, "past", None)
            if resolved is None or resolved.start is None:
                continue
            start, end = resolved.edtf_start, resolved.edtf_end
            confidence = 0.8 if resolved.year_source in {"text", "published", "relative"} else 0.5
        main_events = [c for c in art.candidates if c.series in mains]
        if main_events:
            main = main_events[0]
            city, country, place = main.city, main.country, main.place
            if start is None:
                start = main.start
                if len(set(mains)) > 1 or len(main_events) != len(mains):
                    start = start[:7]  # on the sidelines of several meetings: the day is not known
                status = main.status
        if start is None:
            continue
        for code in countries:
            art.candidates.append(
                Candidate(
                    series="bilateral",
                    ordinal=None,
                    title=_title(art, "bilateral", None, (code,)) if "bilateral" in art.gaz.series else code,
                    start=start,
                    end=end,
                    city=city,
                    country=country,
                    place=place,
                    status=status,
                    evidence=sent.text,
                    span=(sent.start, sent.end),
                    confidence=confidence,
                    countries=(code,),
                    year_known=not start.startswith("XXXX"),
                )
            )


def _spread_ordinals(art: _Article) -> None:
    """ "Speaking at the 12th edition of the ADMM-Plus": one ordinal per series in the article applies to
    its current (published-year) event that was named without it."""
    if art.opts.published is None:
        return
    for i, c in enumerate(art.candidates):
        known = art.ordinals.get(c.series, set())
        if c.ordinal is None and len(known) == 1 and c.start[:4] == str(art.opts.published.year):
            ordinal = next(iter(known))
            art.candidates[i] = replace(c, ordinal=ordinal, title=_title(art, c.series, ordinal))


# -- merging within one article --------------------------------------------------------------


def _precision(edtf: str) -> int:
    return edtf.count("-") + 1


def _overlap(a: Candidate, b: Candidate) -> bool:
    def bounds(c: Candidate) -> tuple[str, str]:
        return c.start, c.end or c.start

    (a1, a2), (b1, b2) = bounds(a), bounds(b)
    return a1[: len(b2)] <= b2[: len(a1)] and b1[: len(a2)] <= a2[: len(b1)]


def same_event(a: Candidate, b: Candidate) -> bool:
    """Two mentions in one article of the same event: the same series and dates that agree, and
    something that ties them (the same date, the same ordinal or the same counterpart)."""
    if a.series != b.series or a.countries != b.countries or not _overlap(a, b):
        return False
    if a.ordinal is not None and b.ordinal is not None and a.ordinal != b.ordinal:
        return False
    if a.country is not None and b.country is not None and a.country != b.country:
        return False
    return (
        (a.start, a.end) == (b.start, b.end) or (a.ordinal is not None and a.ordinal == b.ordinal) or bool(a.countries)
    )


def _merge_same(candidates: list[Candidate]) -> list[Candidate]:
    out: list[Candidate] = []
    for c in sorted(candidates, key=lambda c: c.span):
        for i, kept in enumerate(out):
            if same_event(kept, c):
                better, other = (c, kept) if _precision(c.start) > _precision(kept.start) else (kept, c)
                out[i] = replace(
                    better,
                    ordinal=better.ordinal or other.ordinal,
                    city=better.city or other.city,
                    country=better.country or other.country,
                    place=better.place or other.place,
                    title=better.title if better.ordinal or not other.ordinal else other.title,
                    confidence=max(better.confidence, other.confidence),
                )
                break
        else:
            out.append(c)
    return sorted(out, key=lambda c: (c.span, c.series, c.start, c.countries))
