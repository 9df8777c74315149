"""From an article's text to candidate events, stage by stage, with the rules of its language.

Per sentence (a run-on one read in pieces of ``SENTENCE_MAX``): the meetings it names
(:mod:`mentions`, or a bare "the meeting" through :mod:`anaphora`), its date phrases
(:mod:`dates`), which date is whose (:mod:`pairing`; "respectively" distributes them in order; an
end date — "until", "extended to" — ends its meeting instead of starting it), the status
(:mod:`status`) and the venue (:mod:`venue`); bilateral meetings on the sidelines
(:mod:`bilaterals`); then the whole article (:mod:`consolidate`). A dateline's date is the
publication day (it supplies ``published`` when none was given), never a meeting's. Every
search is bounded, so the time taken is linear in the text's length.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from itertools import pairwise

from timeline.edtf import Precision
from timeline.extract import bilaterals as B
from timeline.extract import dates as D
from timeline.extract import weights as W
from timeline.extract.anaphora import Named, anaphors, numbered
from timeline.extract.candidate import Candidate, Options, Status, order_key
from timeline.extract.consolidate import (
    edition_years,
    exercise_years,
    merge_same,
    part_years,
    same_event,
    spread_ordinals,
)
from timeline.extract.gazetteer import Gazetteer, fold
from timeline.extract.mentions import SeriesMention, area_names, series_mentions
from timeline.extract.pairing import Pair, document_before, pair, share_list_dates, share_right_after
from timeline.extract.reading import Sentence, sentences
from timeline.extract.relations import (
    bloc_met,
    exercise_anaphors,
    exercise_of,
    exercises,
    of_group,
    three_sides,
    visit_verb,
)
from timeline.extract.resolve import today_of, yearless
from timeline.extract.rules import Rules
from timeline.extract.rules import load as load_rules
from timeline.extract.status import Cues, status, window
from timeline.extract.venue import Places, datelines
from timeline.extract.years import read_years

__all__ = ["Candidate", "Options", "extract_text", "same_event"]

_LIST = 2  # the fewest meetings (or dates) of a list
_POSSESSIVE = re.compile(r"['’]s\b")


@dataclass
class _Article:
    text: str
    gaz: Gazetteer
    rules: Rules
    published: date | None
    masked: tuple[tuple[int, int], ...]
    context_year: int | None
    term_year: int | None = None  # the one chair's term or edition the article names ("ASEAN Chairmanship 2025")
    issue_day: tuple[int, int] | None = None  # (month, day) of a dateline that gives no year, when none is published
    anchor: date | None = None
    loose_anchor: tuple[int, int] | None = None  # (month, day) of the day last named, when its year is unknown
    candidates: list[Candidate] = field(default_factory=list)
    sidelines: list[B.Sideline] = field(default_factory=list)
    ordinals: dict[str, set[int]] = field(default_factory=dict)
    named: list[Named] = field(default_factory=list)
    named_at: list[int] = field(default_factory=list)  # the offsets of ``named``, for bisecting
    previous: str = ""
    previous_sentence: Sentence | None = None  # the piece just read (``previous`` is its text)
    last: dict[str, Candidate] = field(default_factory=dict)  # the latest candidate of each series
    termed: list[Candidate] = field(default_factory=list)  # meetings dated only by the term (see _termed)
    untold: list[Candidate] = field(default_factory=list)  # candidates whose status the text did not say
    tenses: dict[str, set[Status]] = field(default_factory=dict)  # each series' tenses in sentences with no date
    pending: list[tuple[Sentence, tuple[tuple[int, int], ...]]] = field(default_factory=list)
    # the sentence just read, when it named no meeting: the date that opens it is read only if needed
    lead: tuple[str, tuple[tuple[int, int], ...]] | None = None

    def title(self, key: str, ordinal: int | None, countries: tuple[str, ...] = ()) -> str:
        series = self.gaz.series.get(key)
        lang = self.rules.lang
        short = (series.short.get(lang) or series.short.get("en") or key) if series is not None else key
        if countries:
            short = f"{short} ({', '.join(countries)})"
        return short if ordinal is None else self.rules.numbered(short, ordinal)


def extract_text(text: str, gaz: Gazetteer, opts: Options) -> list[Candidate]:
    """Candidate events in ``text`` (already stripped of markup), in text order."""
    rules = load_rules(opts.lang)
    lines = datelines(text, rules)
    published = opts.published
    masked = [d.city for d in lines]
    for line in lines:
        if line.date is None:
            continue
        masked.append(line.date)
        if published is None and line.date_text:
            published = _dated(line.date_text, rules.lang)
    issue_day = (
        None if published is not None else next(filter(None, (_day_only(d.date_text, rules.lang) for d in lines)), None)
    )
    years, term = read_years(text, rules)
    art = _Article(text, gaz, rules, published, tuple(sorted(masked)), years[0] if years else None, term, issue_day)
    sents = sentences(text)
    for sent in sents:
        for piece in _pieces(sent):
            _sentence(art, piece)
            art.previous, art.previous_sentence = piece.text, piece
    _add_termed(art)
    _article_area(art)
    _told_elsewhere(art)
    meetings = list(art.candidates)
    art.candidates.extend(
        B.candidates(gaz, art.sidelines, meetings, art.published, art.context_year, art.title, art.issue_day)
    )
    art.candidates.extend(B.signings(gaz, rules, sents, art.candidates, art.title))
    spread_ordinals(art.candidates, art.ordinals, art.published, art.title)
    found = exercise_years(edition_years(art.candidates), lambda key: exercise_of(gaz, key))
    return merge_same(part_years(found, lambda key: gaz.series[key].parent if key in gaz.series else None))


def _dateless_tenses(art: _Article, text: str, mentions: list[SeriesMention]) -> None:
    """The tense each meeting is named with in a sentence that gives no date ("Hội nghị ADMM lần thứ 14 ...
    sắp tới là ...", "các đại biểu tham dự ADSOM sẽ nghe báo cáo"), for :func:`_told_elsewhere`."""
    cues: Cues | None = None
    for mention in mentions:
        if mention.proposal is not None:
            continue
        cues = cues or Cues.of(text, art.rules)
        told = cues.verb(mention.start, mention.end, neutral=False)
        if told is not None:
            art.tenses.setdefault(mention.key, set()).add(told)


def _told_elsewhere(art: _Article) -> None:
    """ "Hội nghị ADMM lần thứ 14 ... diễn ra từ ngày 9 - 10/12" in a headline, "... sắp tới là hai sự kiện
    quan trọng" after it: with no published day, a meeting dated where the text says nothing of its tense
    (held by default) is planned when every sentence that names it without a date plans it, and the article
    dates that series once (with two editions dated, "ADSOM ... sẽ nghe báo cáo" may be either's)."""
    if art.published is not None:
        return  # the date against the published day said it
    starts: dict[str, set[str]] = {}
    for c in art.candidates:
        starts.setdefault(c.series, set()).add(str(c.start))
    for c in art.untold:
        if c.status is Status.HELD and len(starts[c.series]) == 1 and art.tenses.get(c.series) == {Status.PLANNED}:
            c.status = Status.PLANNED


def _article_area(art: _Article) -> None:
    """ "Hội nghị nhóm chuyên gia ADMM+ ... Hội nghị cập nhật ... về hỗ trợ nhân đạo và cứu trợ thảm họa": a
    group of groups named without its area is the group of the one area the article names."""
    folded: str | None = None
    for c in art.candidates:
        if c.series not in art.gaz.area_parents:
            continue
        if folded is None:
            folded = " ".join(fold(art.text).split())
        keys = {key for phrase, key in area_names(art.gaz, art.rules, c.series) if phrase in folded}
        if len(keys) == 1:
            key = keys.pop()
            c.series, c.title = key, art.title(key, c.ordinal)


def _dated(phrase: str, lang: str) -> date | None:
    """The day a dateline gives, when it gives the year too."""
    found = D.find(phrase, lang=lang)
    if len(found) == 1 and found[0].year and found[0].month and found[0].day:
        try:
            return date(found[0].year, found[0].month, found[0].day)
        except ValueError:
            return None
    return None


def _day_only(phrase: str | None, lang: str) -> tuple[int, int] | None:
    """(month, day) of a dateline that gives them without the year ("May 7")."""
    found = D.find(phrase, lang=lang) if phrase else []
    if len(found) == 1 and found[0].year is None and found[0].month and found[0].day and found[0].relative is None:
        return found[0].month, found[0].day
    return None


def _resolve(art: _Article, m: D.Mention, tense: str | None) -> D.Resolved | None:
    """``m`` against the published day; a relative day with none published, against a dateline's yearless day."""
    resolved = D.resolve(m, art.published, art.context_year, tense, art.anchor)
    if resolved is None and m.relative in {"next_day", "same_day"}:
        return yearless(m, *art.loose_anchor) if art.loose_anchor is not None else None
    if resolved is None and art.issue_day is not None:
        return yearless(m, *art.issue_day)
    return resolved


def _pieces(sent: Sentence) -> list[Sentence]:
    """A sentence longer than ``SENTENCE_MAX`` (a list, a run-on text) in pieces cut after a comma or space."""
    if len(sent.text) <= W.SENTENCE_MAX:
        return [sent]
    out: list[Sentence] = []
    text, start = sent.text, 0
    while start < len(text):
        end = min(len(text), start + W.SENTENCE_MAX)
        if end < len(text):
            cut = max(text.rfind(", ", start, end), text.rfind("; ", start, end))
            if cut <= start + W.SENTENCE_MAX // 2:
                cut = text.rfind(" ", start, end)
            end = cut + 1 if cut > start else end
        out.append(Sentence(sent.start + start, sent.start + end, text[start:end]))
        start = end
    return out


def _sentence(art: _Article, sent: Sentence) -> None:
    text, base, rules = sent.text, sent.start, art.rules
    masked = tuple((a - base, b - base) for a, b in art.masked if sent.start <= a < sent.end)
    hits = art.gaz.find(text, masked)
    mentions = series_mentions(art.gaz, rules, text, hits)
    of_group(art.gaz, rules, text, mentions)
    mentions = exercises(
        art.gaz,
        rules,
        text,
        visit_verb(art.gaz, rules, text, bloc_met(art.gaz, rules, text, three_sides(art.gaz, rules, text, mentions))),
    )
    for mention in mentions:
        if mention.ordinal is not None:
            art.ordinals.setdefault(mention.key, set()).add(mention.ordinal)
    if mentions:
        framing = _framing_anaphors(art, text, base, mentions)
        art.named.extend(Named(base + m.start, m.key, m.ordinal, m.within) for m in mentions)
        art.named_at.extend(base + m.start for m in mentions)
        if framing:
            mentions = sorted([*mentions, *framing], key=lambda m: m.start)
        taken = [(m.start, m.end) for m in mentions]
        extra = numbered(text, base, art.named, rules, art.gaz.bilateral, art.named_at, taken)
        if extra:
            mentions = sorted(
                [*mentions, *(SeriesMention(a.start, a.end, a.key, a.ordinal, ref=False, anaphor=True) for a in extra)],
                key=lambda m: m.start,
            )
    else:
        mentions = [
            SeriesMention(a.start, a.end, a.key, a.ordinal, ref=False, anaphor=True)
            for a in anaphors(text, base, art.named, rules, art.gaz.bilateral, art.named_at)
        ]
        # "the dialogue ... The event ... On the sidelines of the dialogue": an anaphor is named in its turn
        art.named.extend(Named(base + m.start, m.key, m.ordinal) for m in mentions)
        art.named_at.extend(base + m.start for m in mentions)
        drills = exercise_anaphors(art.gaz, rules, text, base, art.named, art.named_at)
        earlier = [  # "so với lần 1 năm 2022": an earlier edition of the series named last
            SeriesMention(a.start, a.end, a.key, a.ordinal, ref=False, anaphor=True)
            for a in numbered(text, base, art.named, rules, art.gaz.bilateral, art.named_at, [])
        ]
        if drills or earlier:
            mentions = sorted([*mentions, *drills, *earlier], key=lambda m: m.start)
    if not mentions and not (
        rules.re("bilateral_strong").search(text)
        or rules.re("sideline").search(text)
        or B.person_cue(rules, text, hits)
    ):
        art.pending.append((sent, masked))  # no meeting here: its dates matter only to a later "the next day"
        art.lead = (text, masked)
        return
    for mention in mentions:
        if not mention.ref and rules.re("ref_after").match(text[mention.end : mention.end + W.REF_AFTER_REACH]):
            mention.ref = True  # "tham dự diễn tập ... (FTX 2016) sắp tới": the coming meeting is context
            art.tenses.setdefault(mention.key, set()).add(Status.PLANNED)  # ... and is said to be coming
    found = _edition_year(rules, text, mentions, _dates(art, text, masked))
    lead, art.lead = art.lead, None
    if any(m.relative in {"next_day", "same_day"} for m in found):
        _flush(art)
    # the day last named before this sentence (a bilateral's "the same day" counts from it)
    anchor, loose_anchor = art.anchor, art.loose_anchor
    if not found:
        _dateless_tenses(art, text, mentions)
    found = _not_the_trips(rules, text, mentions, found)
    found = [_lasting(rules, text, m, art.published) for m in found]
    ends = [
        m
        for m in found
        if rules.re("end_before").search(text[max(0, m.start - W.END_BEFORE) : m.start]) and not m.is_range
    ]
    ends, spans = _with_length(rules, text, ends, art.published)
    starts = sorted(
        [m for m in found if m not in ends and m not in spans.values()] + list(spans), key=lambda m: m.start
    )
    pairs = _respectively(rules, text, mentions, starts) or pair(rules, text, mentions, starts, masked)
    pairs = _name_year(rules, text, pairs, starts)
    opening = _lead(art, *lead, lone_day=True) if not found and lead is not None else None
    if opening is not None:
        pairs = _led(rules, text, mentions, opening)
    share_list_dates(rules, text, mentions, pairs)
    share_right_after(rules, text, mentions, pairs)
    pairs = _sideline_dates(rules, text, mentions, pairs)
    if not found and opening is None and not pairs:
        pairs = _on_dated_sidelines(art, text, mentions)
    context: list[tuple[Cues, Places]] = []  # read only for a sentence that makes a candidate

    def read_context() -> tuple[Cues, Places]:
        if not context:
            cues = Cues.of(text, rules)
            cues.names = [(m.start, m.end) for m in mentions]
            context.append((cues, Places(art.gaz, rules, text, hits, masked)))
        return context[0]

    def emit(p: Pair) -> Candidate | None:
        candidate = _candidate(art, sent, p, *read_context())
        if candidate is not None:
            art.candidates.append(candidate)
            art.last[candidate.series] = candidate
        return candidate

    made: list[tuple[SeriesMention, Candidate]] = []
    # left to right, so that "the next day" counts from the day just before it, even in this sentence
    by_date: dict[int, list[Pair]] = {}
    for p in pairs:
        by_date.setdefault(id(p.date), []).append(p)
    dated = {id(m): m for m in found} | {id(p.date): p.date for p in pairs}
    for m in sorted(dated.values(), key=lambda m: (m.start, m.day or 0)):
        for p in by_date.get(id(m), []):
            candidate = emit(p)
            if candidate is not None:
                made.append((p.mention, candidate))
        _anchor(art, m)
    for m in ends:
        opened = _apply_end(art, text, m, mentions, made)
        if opened is not None:
            emit(opened)
    if not found and opening is None and art.term_year is not None:
        _termed(art, sent, mentions, pairs, read_context)
    # "Ngày 13/11, trong khuôn khổ X, ... đã hội đàm với ...": the day of the framework is the talks' too
    used = {id(p.date) for p in pairs if not p.mention.within} | {id(m) for m in ends}
    sideline = B.read_sentence(
        art.gaz, rules, sent, art.previous, hits, mentions, found, used, lambda: _previous_opening(art)
    )
    if sideline is not None:
        art.sidelines.append(replace(sideline, anchor=anchor, loose_anchor=loose_anchor))


def _termed(
    art: _Article,
    sent: Sentence,
    mentions: list[SeriesMention],
    pairs: list[Pair],
    read_context: Callable[[], tuple[Cues, Places]],
) -> None:
    """ "Under Malaysia's ASEAN Chairmanship 2025, the 19th ADMM will take place in Kuala Lumpur", "Năm
    Chủ tịch ASEAN 2020, Việt Nam đã tổ chức Hội nghị ADMM hẹp": a meeting named with a tense cue in a
    sentence that gives no date, in an article that names one chair's term or edition, is of that
    year (the chair year is the calendar year). Kept aside: :func:`_add_termed` adds it only when no
    other date of the article gives that meeting's day or month in that year."""
    year = art.term_year
    if year is None or str(year) not in sent.text:
        return  # (the term named in another sentence: a meeting named here undated is context)
    paired = {id(p.mention) for p in pairs}
    for mention in mentions:
        if mention.ref or mention.anaphor or mention.proposal is not None or id(mention) in paired:
            continue
        cues, places = read_context()
        if cues.verb(mention.start, mention.end, neutral=False) is None:
            continue
        phrase = D.Mention(mention.start, mention.end, sent.text[mention.start : mention.end], year=year)
        candidate = _candidate(art, sent, Pair(mention, phrase, W.PAIR_FAR), cues, places)
        if candidate is not None:
            candidate.confidence = round(max(W.CONFIDENCE_MIN, candidate.confidence - W.TERM_YEAR_PENALTY), 2)
            art.termed.append(candidate)


def _add_termed(art: _Article) -> None:
    """The meetings :func:`_termed` dated by the term, but those the article dates otherwise in that year or
    in a year it does not give (the same series, and the same ordinal where both have one)."""
    for c in art.termed:
        if not any(
            o.series == c.series
            and (o.start.year == c.start.year or not o.start.year_known)
            and (o.ordinal is None or c.ordinal is None or o.ordinal == c.ordinal)
            for o in art.candidates
        ):
            art.candidates.append(c)


def _edition_year(rules: Rules, text: str, mentions: list[SeriesMention], found: list[D.Mention]) -> list[D.Mention]:
    """ "the Vietnam-US defence policy dialogue 2017 in Washington D.C on October 17", "convened ... on June 11
    during the ... (2022 Shangri-La Dialogue)": the one year the sentence writes against a meeting's name
    (the ``edition_year_*`` cues) is the year of the days and months it gives without one."""
    years: set[int] = set()
    spans: list[tuple[int, int]] = []  # where those years are written
    before, after = rules.re("edition_year_before"), rules.re("edition_year_after")
    for mention in mentions:
        if mention.anaphor:
            continue
        ahead = before.search(text, max(0, mention.start - W.EDITION_YEAR_BEFORE), mention.start)
        if ahead is not None:
            years.add(int(ahead.group("y")))
            spans.append(ahead.span("y"))
        behind = after.match(text[mention.end : mention.end + W.EDITION_YEAR_BEFORE])
        if behind is not None:
            years.add(int(behind.group("y")))
            spans.append((mention.end + behind.start("y"), mention.end + behind.end("y")))
        inside = _NAMED_YEAR.search(text, mention.start, mention.end)  # "Indo Defence 2022 Expo & Forum"
        if inside is not None:
            years.add(int(inside.group()))
            spans.append(inside.span())
    if len(years) != 1:
        return found
    year = years.pop()
    dated = [
        replace(m, year=year, end_year=year if m.is_range else None)
        if m.year is None and m.month is not None and m.relative is None and m.end_year is None
        else m
        for m in found
    ]
    # "The DSA 2024 will be held from May 6 to 9": the edition's year, when a day or month of that year
    # follows it before the next name, is no date of its own (but "on June 11 during the 2022 Shangri-La
    # Dialogue": the year is the dialogue's, the day before it another meeting's)
    names = sorted(m.start for m in mentions if not m.anaphor)
    return [m for m in dated if not _edition_only(m, spans, names, dated, year)]


_NAMED_YEAR = re.compile(r"(?<![\d/.-])(?:19|20)\d\d(?![\d/.-])")


def _edition_only(
    m: D.Mention, spans: list[tuple[int, int]], names: list[int], found: list[D.Mention], year: int
) -> bool:
    if m.month is not None or m.relative is not None or not any(a < m.end and m.start < b for a, b in spans):
        return False
    upto = next((at for at in names if at >= m.end), 1 << 62)
    return any(o.month is not None and o.year == year and m.end <= o.start < upto for o in found)


def _name_year(rules: Rules, text: str, pairs: list[Pair], found: list[D.Mention]) -> list[Pair]:
    """ "Từ ngày 19 đến 21-11, [titles and names], ... đồng chủ trì Giao lưu ... lần thứ 5 năm 2018": a year
    written with the meeting's name (right after it, or after its ordinal) is the year of the meeting's
    day: of the day it is paired with, or, when the year itself was paired, of the day that opens the
    sentence (if no meeting has that day)."""
    if not pairs:
        return pairs
    first = found[0] if found else None
    opening = (
        first is not None
        and first.day is not None
        and first.year is None
        and first.relative is None
        and not any(p.date is first for p in pairs)
        and rules.re("date_opening_before").search(text, max(0, first.start - W.BEFORE_NAME), first.start)
        and rules.re("date_opening_after").match(text[first.end : first.end + W.AFTER_NAME])
    )
    out = list(pairs)
    for i, p in enumerate(out):
        year = _year_of_name(rules, text, p.mention, found)
        if year is None:
            continue
        m = p.date
        if m is year and opening and first is not None and not p.mention.ref:
            out[i] = replace(p, date=replace(first, year=year.year, end_year=year.year if first.is_range else None))
            opening = False
        elif m.day is not None and m.year is None and m.relative is None:
            out[i] = replace(p, date=replace(m, year=year.year, end_year=year.year if m.is_range else None))
    return out


def _year_of_name(rules: Rules, text: str, mention: SeriesMention, found: list[D.Mention]) -> D.Mention | None:
    """The year written right after a meeting's name (or its ordinal): "lần thứ 5 năm 2018"."""
    for m in found:
        if m.start < mention.end:
            continue
        if (
            m.month is None
            and m.year is not None
            and m.relative is None
            and not rules.re("list_ordinal").sub("", text[mention.end : m.start]).strip()
            # "Kế hoạch hợp tác quốc phòng năm 2025": the year a document is for, not its edition's
            and not document_before(rules, text, m.start)
        ):
            return m
        break
    return None


def _sideline_dates(rules: Rules, text: str, mentions: list[SeriesMention], pairs: list[Pair]) -> list[Pair]:
    """ "X held bilateral meetings with ... on the sidelines of the 17th ADMM in Jakarta on November
    16": the sentence dates the bilateral meetings; the meetings they were on the sidelines of are
    context, and keep the dates other sentences give them. So with one meeting named before the
    occasion and no date of its own: "the ASEAN-Australia informal meeting was held on the sidelines
    of the ADMM Retreat in Hanoi on February 19" dates the informal meeting."""
    sideline = rules.re("sideline").search(text)
    if sideline is None:
        return pairs
    if rules.re("bilateral_strong").search(text[: sideline.start()]):
        return [p for p in pairs if p.mention.start < sideline.start()]
    if any(p.mention.end <= sideline.start() for p in pairs):
        return pairs  # the meeting before the occasion has a date of its own
    host = next((m for m in reversed(mentions) if m.end <= sideline.start() and not m.ref), None)
    if host is None:
        return pairs
    for i, p in enumerate(pairs):
        if p.mention.ref and sideline.end() <= p.mention.start and p.mention.end <= p.date.start:
            return [*pairs[:i], replace(p, mention=host), *pairs[i + 1 :]]
    return pairs


def _on_dated_sidelines(art: _Article, text: str, mentions: list[SeriesMention]) -> list[Pair]:
    """ "On the sidelines of the 16th ADMM, the defence ministers of Vietnam, Laos and Cambodia discussed
    ...": in a sentence that gives no date, a meeting (not a bilateral one: bilaterals.py reads those)
    named after the occasion it was held on the sidelines of is of the day the article last gave that
    occasion (the same number, if both have one)."""
    sideline = art.rules.re("sideline").search(text)
    if sideline is None:
        return []
    occasion = next((m for m in mentions if 0 <= m.start - sideline.end() <= W.AFTER_NAME), None)
    if occasion is None:
        return []
    dated = art.last.get(occasion.key)
    if (
        dated is None
        or dated.start.precision is not Precision.DAY
        or not dated.start.year_known
        or (occasion.ordinal is not None and dated.ordinal not in {None, occasion.ordinal})
    ):
        return []
    point = dated.start
    day = D.Mention(0, 0, "", year=point.year, month=point.month, day=point.day)
    return [
        Pair(m, day, W.PAIR_FAR + 1)
        for m in mentions
        if m.start >= occasion.end and not m.ref and m.key not in {occasion.key, art.gaz.bilateral}
    ][:1]


def _dates(art: _Article, text: str, masked: tuple[tuple[int, int], ...]) -> list[D.Mention]:
    found = [
        m
        for m in D.find(text, masked, art.rules.lang)
        # "today's world" is no date of a meeting, but "next year's Trilateral Ministerial Meeting" and
        # "the following day's meeting" are
        if not _POSSESSIVE.match(text, m.end) or (m.relative or "").startswith("year:") or m.relative == "next_day"
    ]
    report_before, report_after = art.rules.re("report_before"), art.rules.re("report_after")
    if art.published is None and art.issue_day is None:
        # "Chiều qua (22/11), ... Cũng trong chiều qua, ...": with no published day, the day the article calls
        # "yesterday" in brackets says which day its own is, for the relative days that follow
        told = next((m for m in found if m.told and m.month and m.day and m.year is None), None)
        if told is not None and told.told and told.month and told.day:
            art.issue_day = today_of(told.told, told.month, told.day)
    return [
        m
        for m in found
        if not any(a <= m.start < b for a, b in masked)  # a dateline's date
        and not _lifelong(m)
        # "Tờ The Straits Times ngày 10.12 đưa tin ...", "the ministry said on Tuesday": the day of a report
        and not report_after.match(text[m.end : m.end + W.AFTER_NAME])
        and not report_before.search(text, max(0, m.start - W.AFTER_NAME), m.start)
    ]


def _lifelong(m: D.Mention) -> bool:
    """A span of more than ``LONGEST_SPAN`` days ("22/12/1944 - 22/12/2024"): an anniversary's or a term's."""
    if m.year is None or m.end_year is None or m.month is None or m.end_month is None:
        return False
    try:
        first = date(m.year, m.month, m.day or 1)
        last = date(m.end_year, m.end_month, m.end_day or 1)
    except ValueError:
        return False
    return (last - first).days > W.LONGEST_SPAN


def _anchor(art: _Article, m: D.Mention) -> None:
    """The day "the next day" counts from: the last day named (its month and day, when its year is unknown)."""
    resolved = _resolve(art, m, m.tense)
    if resolved and resolved.start and resolved.start.precision is Precision.DAY:
        point = resolved.end or resolved.start
        if point.year:
            art.anchor, art.loose_anchor = point.first_day, None
        elif point.month and point.day:
            art.anchor, art.loose_anchor = None, (point.month, point.day)
        art.pending.clear()


def _lead(art: _Article, text: str, masked: tuple[tuple[int, int], ...], lone_day: bool = False) -> D.Mention | None:
    """The date that opens a sentence naming no meeting ("Ngày 15/3, lãnh đạo ... cam kết ..."), if any;
    with ``lone_day``, else its one day ("... reaffirmed their commitment ... on Thursday (March 8).",
    "Asean defence ministers on Wednesday (Dec 9) pledged ...")."""
    found = _dates(art, text, masked)
    if not found or found[0].month is None:
        return None
    first = found[0]
    opening = art.rules.re("date_opening_before").search(text, max(0, first.start - W.BEFORE_NAME), first.start)
    if opening and art.rules.re("date_opening_after").match(text[first.end : first.end + W.AFTER_NAME]):
        return first
    last = found[-1]
    if lone_day and len(found) == 1 and last.day is not None:
        # its verb's tense goes with it ("pledged on Wednesday": the meeting named next was held)
        verb = Cues.of(text, art.rules).verb(last.start, last.end, neutral=False) if last.tense is None else None
        tense = {Status.PLANNED: "future", Status.HELD: "past"}.get(verb) if verb is not None else last.tense
        return replace(last, tense=tense)
    return None


def _previous_opening(art: _Article) -> D.Mention | None:
    """The date that opens the sentence read before this one, if any."""
    sent = art.previous_sentence
    if sent is None:
        return None
    masked = tuple((a - sent.start, b - sent.start) for a, b in art.masked if sent.start <= a < sent.end)
    return _lead(art, sent.text, masked)


def _led(rules: Rules, text: str, mentions: list[SeriesMention], lead: D.Mention) -> list[Pair]:
    """ "Ngày 15/3, lãnh đạo ... cam kết ... . Cam kết được đưa ra tại Hội nghị X.": the meeting the
    next sentence says it happened at (the ``at_meeting`` cue), with no date of its own, takes the date
    that opened the sentence before."""
    for mention in mentions:
        if not mention.ref and rules.re("at_meeting").search(
            text[max(0, mention.start - W.BEFORE_NAME) : mention.start]
        ):
            return [Pair(mention, replace(lead, start=0, end=0), W.PAIR_FAR + 1)]
    return []


def _framing_anaphors(art: _Article, text: str, base: int, mentions: list[SeriesMention]) -> list[SeriesMention]:
    """ "Diễn ra trong 2 ngày 28 - 29/4, nhiệm vụ chính của hội nghị lần này là ... trong khuôn khổ ADMM+ ...
    chuẩn bị cho ADMM-8": a bare meeting noun before the first name of a sentence that names meetings
    only as context (a framework, one being prepared for) is the meeting named before the sentence."""
    if not all(m.within or m.prep for m in mentions):
        return []
    first = mentions[0].start
    return [
        SeriesMention(a.start, a.end, a.key, a.ordinal, ref=False, anaphor=True)
        for a in anaphors(text, base, art.named, art.rules, art.gaz.bilateral, art.named_at)
        if a.end <= first
    ]


def _flush(art: _Article) -> None:
    """Read the dates of the sentences skipped since the last day named, for "the next day"."""
    pending, art.pending = art.pending, []
    for sent, masked in pending:
        for m in _dates(art, sent.text, masked):
            _anchor(art, m)


def _not_the_trips(rules: Rules, text: str, mentions: list[SeriesMention], found: list[D.Mention]) -> list[D.Mention]:
    """A delegation's trip ("lên đường", "departed for", "... và các hoạt động liên quan từ ngày ..."):
    its dates are not the meeting's — except a date the meeting's own name is given, after the trip,
    with a verb of its own ("departed for the FTX scheduled to be conducted from 25th to 30th September")."""
    if rules.re("delegation").search(text) and rules.re("trip_scope").search(text):
        return []
    attend = rules.re("attend_window").search(text) if sum(not m.listed for m in mentions) > 1 else None
    if attend is not None:
        # "From October 22nd to 25th, the minister attended the ADMM-Plus and the ...": his programme's window
        # (not "will attend informal ASEAN meetings with China and Japan on June 21-23": one name, its days;
        # nor "will pay an official visit to Vientiane from November 20 to 22 to attend the ADMM-Plus": the
        # window of what is named before it, the attending said after it)
        found = [
            m
            for m in found
            if not m.is_range
            or _own_verb(rules, text, mentions, m)
            or (attend.start() >= m.end and any(x.end <= m.start for x in mentions))
        ]
    trips = list(rules.re("trip").finditer(text))
    if not trips or any(x.start < t.end() and t.start() < x.end for t in trips for x in mentions):
        # (the trip named as the event: "for his introductory visit from Feb 4 to 8", "arrived in Hanoi on
        # July 21 for an official visit")
        return found
    return [m for m in found if _own_verb(rules, text, mentions, m, trips[0].end())]


def _own_verb(rules: Rules, text: str, mentions: list[SeriesMention], m: D.Mention, after: int = 0) -> bool:
    """A meeting named (after ``after``) before the date, with a verb of its own between ("the FTX scheduled
    to be conducted from 25th to 30th September")."""
    for x in mentions:
        if after <= x.start and x.end <= m.start:
            between = text[x.end : m.start]
            if rules.re("planned").search(between) or rules.re("held").search(between):
                return True
    return False


def _respectively(rules: Rules, text: str, mentions: list[SeriesMention], found: list[D.Mention]) -> list[Pair]:
    """ "The ADSOM and the ADSOM-Plus were held on 5 and 6 March respectively": the dates, in order,
    to the meetings named before them, in order."""
    if len(mentions) < 2 or not found:  # noqa: PLR2004
        return []
    listed = [m for m in mentions if m.end <= found[0].start]
    dates = [m for m in found if m.start >= listed[-1].end] if listed else []
    gap = rules.re("list_gap")
    if not rules.re("respectively").search(text):
        # "the 19th ADMM and the 12th ADMM-Plus ... on October 31 and November 1": two lists, in order
        lists = len(listed) == len(dates) >= _LIST and all(
            gap.fullmatch(_plain(text[a.end : b.start])) for a, b in pairwise(listed)
        )
        if not lists or not all(gap.fullmatch(text[a.end : b.start]) for a, b in pairwise(dates)):
            return []
    if len(listed) == len(dates):
        return [Pair(a, b, 0) for a, b in zip(listed, dates, strict=True)]
    if (
        len(listed) == _LIST
        and len(dates) == 1
        and dates[0].end_day is not None
        and dates[0].end_month in {None, dates[0].month}
    ):
        first = replace(dates[0], end_year=None, end_month=None, end_day=None)
        second = replace(dates[0], day=dates[0].end_day, end_year=None, end_month=None, end_day=None)
        return [Pair(listed[0], first, 0), Pair(listed[1], second, 0)]
    return []


def _plain(gap: str) -> str:
    """What stands between two names of a list, without ordinals and brackets."""
    return re.sub(r"lần\s+thứ\s+\w+|\([^()]*\)|\d+(?:st|nd|rd|th)?", "", gap)


def _with_length(
    rules: Rules, text: str, ends: list[D.Mention], published: date | None
) -> tuple[list[D.Mention], dict[D.Mention, D.Mention]]:
    """ "khép lại vào 2/6 sau ba ngày", "ended on 2 June after three days", "on a three-day working visit
    until Thursday (May 23)": an end day and a length give the whole span (the ranges made, each mapped to
    the end day it replaces)."""
    kept: list[D.Mention] = []
    spans: dict[D.Mention, D.Mention] = {}
    for m in ends:
        length = rules.re("duration").match(text, m.end, min(len(text), m.end + W.AFTER_NAME)) or rules.re(
            "duration_before"
        ).search(text, max(0, m.start - W.DURATION_BEFORE), m.start)
        days = _count(rules, length["n"]) if length else None
        if m.day is None or m.month is None or days is None or not 1 < days <= W.LONGEST_MEETING:
            kept.append(m)
            continue
        last = date(m.year or (published.year if published else 2024), m.month, m.day)  # 2024: 29/2 exists
        first = last - timedelta(days=days - 1)
        if first.year != last.year:
            kept.append(m)
            continue
        spans[replace(m, month=first.month, day=first.day, end_month=last.month, end_day=last.day)] = m
    return kept, spans


def _lasting(rules: Rules, text: str, m: D.Mention, published: date | None) -> D.Mention:
    """ "khai mạc ngày 2/3 và kéo dài 5 ngày": a start day and the length after it (the ``lasting`` cue) give
    the whole span; any other date as it is."""
    if m.is_range or m.day is None or m.month is None or m.relative is not None:
        return m
    length = rules.re("lasting").match(text, m.end, min(len(text), m.end + W.AFTER_NAME))
    days = _count(rules, length["n"]) if length else None
    if days is None or not 1 < days <= W.LONGEST_MEETING:
        return m
    first = date(m.year or (published.year if published else 2024), m.month, m.day)  # 2024: 29/2 exists
    last = first + timedelta(days=days - 1)
    if last.year != first.year:
        return m
    return replace(m, end_year=m.year, end_month=last.month, end_day=last.day)


def _count(rules: Rules, word: str) -> int | None:
    return int(word) if word.isdigit() else rules.counts.get(word.lower()) or rules.ordinals.get(word.lower())


def _apply_end(
    art: _Article, text: str, m: D.Mention, mentions: list[SeriesMention], made: list[tuple[SeriesMention, Candidate]]
) -> Pair | None:
    """ "extended by one day, to 6 March", "until November 5": the end of the nearest meeting's event.
    With no event of that meeting yet ("Hội nghị X vừa kết thúc ngày 12/7"), the pair of a new one:
    it ends that day and began in that month."""
    resolved = _resolve(art, m, m.tense)
    if resolved is None or resolved.start is None or resolved.start.precision is not Precision.DAY:
        return None
    nearest = min(mentions, key=lambda x: abs(x.start - m.start)) if mentions else None
    key = nearest.key if nearest is not None else None
    target = next((c for x, c in reversed(made) if x.key == key), None)
    if target is None and key is not None:
        target = art.last.get(key)
    if target is None and nearest is not None and not nearest.ref and nearest.end <= m.start:
        if m.month is None:  # "which concluded today": the day the relative phrase names
            day = resolved.start
            m = replace(m, year=day.year or None, month=day.month, day=day.day, relative=None, tense=None)
        return Pair(nearest, replace(m, day=None, end_year=m.year, end_month=m.month, end_day=m.day), W.PAIR_FAR)
    end = resolved.start
    if target is None or target.start.precision != end.precision or order_key(end) <= order_key(target.start):
        return None
    target.end = end  # candidates are built by this module: extend it in place
    return None


def _candidate(art: _Article, sent: Sentence, p: Pair, cues: Cues, places: Places) -> Candidate | None:
    mention, m = p.mention, p.date
    lo, hi = min(mention.start, m.start), max(mention.end, m.end)
    # a present-tense verb ("diễn ra") says nothing of the year: the date against the published day does
    verb = cues.verb(lo, hi, neutral=False)
    tense = {Status.PLANNED: "future", Status.HELD: "past"}.get(verb) if verb is not None else None
    if mention.prep and m.relative is not None and m.relative.startswith("weekday:"):
        tense = "future"  # "bilateral meetings were held ahead of the 10th ADMM on Wednesday": the coming one
    resolved = _resolve(art, m, tense)
    if resolved is None or resolved.start is None:
        return None
    span = window(resolved.start, resolved.end, resolved.mod)
    state, by_cue = status(cues, lo, hi, m.tense, span, art.published, mention.prep)
    # context: only a venue that follows it; but what happens within a meeting, dated before its name,
    # happens where it is ("Ngày 13/11, tại Tây Ninh, trong khuôn khổ Giao lưu ..."), its venue too
    framed = mention.within and m.end <= mention.start
    after = mention.end if (mention.ref and not framed) or mention.prep else None
    city, country, place = places.nearest(lo, hi, after)
    if city is None and country is None and after is None and not mention.anaphor:
        city, country, place = places.sentence()
    confidence = W.CONFIDENCE_START - W.YEAR_SOURCE_PENALTY[resolved.year_source]
    confidence -= W.RECENT_PENALTY if m.relative == "recent" else 0.0
    confidence -= W.BARE_DATE_PENALTY if m.bare else 0.0
    confidence -= W.NO_CUE_PENALTY if not by_cue else 0.0
    confidence -= W.FAR_PAIR_PENALTY if p.cost > W.PAIR_FAR else 0.0
    confidence -= W.SHARED_PENALTY if p.shared else 0.0
    confidence -= W.ANAPHOR_PENALTY if mention.anaphor else 0.0
    confidence -= W.UNKNOWN_SERIES_PENALTY if mention.proposal is not None else 0.0
    proposal = mention.proposal
    title = art.title(mention.key, mention.ordinal)
    if proposal is not None:
        name = next(iter(proposal.names.values()))
        title = f"{name} ({mention.ordinal})" if mention.ordinal is not None else name
    candidate = Candidate(
        series=mention.key,
        ordinal=mention.ordinal,
        title=title,
        start=resolved.start,
        end=resolved.end,
        mod=resolved.mod,
        city=city,
        country=country,
        place=place,
        status=state,
        evidence=sent.text,
        span=(sent.start, sent.end),
        confidence=round(max(W.CONFIDENCE_MIN, min(1.0, confidence)), 2),
        known_series=proposal is None,
        proposed=proposal.as_dict() if proposal is not None else None,
    )
    if not by_cue:
        art.untold.append(candidate)
    return candidate
