"""Stage: which date belongs to which meeting of a sentence.

Each date goes to at most one meeting, the cheapest pair first (costs: ``weights``). A meeting
introduced as context only takes a date that follows it in the same clause. A founding date, or
the date of a trip to the meeting, is no meeting's. Only dates within ``PAIR_MAX`` characters of a
name, and at most ``PAIR_NEIGHBOURS`` on either side, are considered (sorted offsets, bisect), so pairing is linear in the sentence's length.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from timeline.extract import weights as W
from timeline.extract.mentions import SeriesMention
from timeline.extract.rules import Rules
from timeline.extract.when import Mention


@dataclass
class Pair:
    mention: SeriesMention
    date: Mention
    cost: int
    shared: bool = False


def pair(
    rules: Rules, text: str, mentions: list[SeriesMention], found: list[Mention], masked: tuple[tuple[int, int], ...]
) -> list[Pair]:
    starts = [m.start for m in found]
    mention_starts = [m.start for m in mentions]
    # "Hội nghị của Nhóm chuyên gia X trong khuôn khổ ADMM+ sẽ diễn ra từ ngày 17-20/6": the framework named
    # right after a meeting, in its clause, frames it; the day after them is the meeting's, not the framework's
    framing = {
        id(mention)
        for i, mention in enumerate(mentions)
        if mention.within and any(not o.ref and "," not in text[o.end : mention.start] for o in mentions[:i])
    }
    for i, mention in enumerate(mentions):
        if mention.within and any(not other.ref for other in mentions[i + 1 :]):
            mention.within = False  # "Ngày 20/11, trong khuôn khổ X, ... dự Y": the date is Y's
        if mention.within and any("," not in text[other.end : mention.start] for other in mentions[:i]):
            mention.within = False  # "tổng duyệt ... Diễn tập Y trong khuôn khổ ADMM+": X frames Y, not the day
    if not found:
        return []
    options: list[Pair] = []
    for mention in mentions:
        middle = bisect_left(starts, mention.start)
        lo = max(_first(found, mention.start - W.PAIR_CLAUSE_REACH), middle - W.PAIR_NEIGHBOURS)
        hi = min(bisect_left(starts, mention.end + W.PAIR_CLAUSE_REACH + 1), middle + W.PAIR_NEIGHBOURS)
        for m in found[lo:hi]:
            if id(mention) in framing and m.start >= mention.end:
                continue
            cost = _cost(rules, text, mention, m, mention_starts, masked)
            if cost is not None:
                options.append(Pair(mention, m, cost))
    # a year alone ("the ACDFM-20 năm 2023") gives way to a day or month as near: it is the edition's year;
    # one written right before the name ("the 2018 Indo Defence Forum ... on November 7") to any date of its reach
    options.sort(key=lambda p: (p.cost + _year_price(text, p), p.mention.start, p.date.start))
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


def _year_price(text: str, pair: Pair) -> int:
    if not _year_only(pair.date):
        return 0
    edition = pair.date.end <= pair.mention.start and not text[pair.date.end : pair.mention.start].strip()
    return W.PAIR_YEAR_ONLY + (W.PAIR_EDITION_YEAR if edition else 0)


def _year_only(m: Mention) -> bool:
    """A year alone, as written ("2023") or relative ("năm nay", "next year")."""
    return m.month is None and ((m.relative is None and m.year is not None) or (m.relative or "").startswith("year:"))


def _first(found: list[Mention], at: int) -> int:
    """The index of the first date that ends at or after ``at`` (dates do not overlap: ends are sorted)."""
    lo, hi = 0, len(found)
    while lo < hi:
        mid = (lo + hi) // 2
        if found[mid].end < at:
            lo = mid + 1
        else:
            hi = mid
    return lo


def _cost(
    rules: Rules,
    text: str,
    mention: SeriesMention,
    m: Mention,
    mention_starts: list[int],
    masked: tuple[tuple[int, int], ...],
) -> int | None:
    # the cheap tests first, the cues (regular expressions) last: each test can only say "no pair"
    after = m.start >= mention.end
    gap = m.start - mention.end if after else mention.start - m.end
    if gap > W.PAIR_CLAUSE_REACH:
        return None  # beyond either reach
    between = text[mention.end : m.start] if after else text[m.end : mention.start]
    if ";" in between or (mention.ref and not after and not mention.within):
        return None
    commas = between.count(",")
    if commas and mention.ref and (after or not mention.within) and not _framework_day(rules, mention, between, after):
        return None
    if (
        commas
        and m.month is None
        and (m.relative is None or m.relative.startswith(("year:", "week:")))
        and not (not after and (m.relative is None or m.relative.startswith("week:")) and _opens(rules, text, m))
        and not (after and rules.re("held_clause").fullmatch(between))
        and not (after and rules.re("year_bracket_after").fullmatch(between))
    ):
        return None  # a year alone across a comma, unless written to open the sentence ("In 2006, ... held the first ADMM")
        # or in a clause on the name that says when it was held ("the ACDFIM, which was first held in 2001"),
        # or in brackets after its venue ("the 1st ACMMC in Jakarta, Indonesia (2011)")
    if after and m.month is None and m.relative is None and document_before(rules, text, m.start):
        return None  # "đã ký Kế hoạch hợp tác quốc phòng năm 2025": the year a document is for, not its signing's
    if after and m.month is None and m.relative is None and rules.re("subclause").search(between):
        return None  # "X lần này có chủ đề ... sau khi hội nhập Cộng đồng ASEAN vào năm 2015": the clause's year
    cost = len(between) + W.PAIR_COMMA * commas
    lo, hi = (mention.end, m.start) if after else (m.end, mention.start)
    others = bisect_left(mention_starts, hi) - bisect_left(mention_starts, lo)
    cost += W.PAIR_OTHER_MEETING * others
    if not after:
        inside = text.rfind("(", 0, m.start) > text.rfind(")", 0, m.start) and "(" not in between.split(")")[0]
        if text[max(0, m.start - 1) : m.start] == "(" or (inside and ")" in between):
            # "(30/4/2025) và ...", "ADMM-1 (Kuala Lumpur, 9/5/2006), ADMM-2 ...": the bracket belongs to what precedes
            cost += W.PAIR_BRACKET_BEFORE
        if rules.re("and_word").search(between):
            cost += W.PAIR_AND_BEFORE  # the ``and_word`` cue: the language's own "and" ("and", "và", "dan", "serta")
    clause_cost = W.PAIR_CLAUSE + W.PAIR_OTHER_MEETING * others
    if after and commas and rules.re("held_clause").fullmatch(between):
        cost = min(cost, clause_cost)  # "the ADSOM-Plus, held in Kuala Lumpur in July, ...": a clause on the name
    masked_cost = W.PAIR_MASKED if any(a <= m.start < b for a, b in masked) else 0
    # the clause (a date of the name's own clause) only lowers the cost, and widens the reach
    if (gap > W.PAIR_MAX or (cost > clause_cost and clause_cost + masked_cost <= W.PAIR_MAX)) and (
        _clause_pair(rules, text, mention, m, after)
    ):
        cost = min(cost, clause_cost)
    elif gap > W.PAIR_MAX:
        return None
    cost += masked_cost
    if cost > W.PAIR_MAX:
        return None
    if after and rules.re("other_after").search(between):
        return None  # "The ADMM Retreat was preceded by the ADSOM WG yesterday": the date is the other meeting's
    if not_the_meetings(rules, text, mention, m, between, after):
        return None
    return cost


def _framework_day(rules: Rules, mention: SeriesMention, between: str, after: bool) -> bool:
    """ "Trong khuôn khổ X lần thứ hai, trưa 13/11, ...", "... trong khuôn khổ X lần thứ 2, diễn ra ngày
    13-14/11": the day right after the framework's name and its comma (or the verb of a clause on the
    name) is a day of the framework, as a day before it is; so is the day of a meeting being prepared for
    ("chuẩn bị cho ADMM-8, dự kiến được tổ chức vào tháng 5 tới")."""
    if not (after and (mention.within or mention.prep)) or between.count(",") != 1:
        return False
    name, rest = between.split(",")
    return len(name) <= W.AFTER_NAME and (
        not rest.strip() or bool(rules.re("verb_before_date").fullmatch(rest.lstrip()))
    )


def _clause_pair(rules: Rules, text: str, mention: SeriesMention, m: Mention, after: bool) -> bool:
    """The date of the sentence's own clause, however long the titles and names between: a date that
    opens the sentence ("On November 20, 2024, the Secretary-General, Dr Kao, participated in the
    ..."), the date of the verb whose subject opens it ("The 20th Shangri-La Dialogue (SLD20) in
    Singapore, organized by the IISS, officially opened on the morning of June 3"), or a date that
    closes the sentence where the language puts the main clause's date (the ``date_closing_after``
    cue: "... memimpin sidang ACDFM ke-20 yang diselenggarakan di Candi Ballroom, ..., Rabu (7/6/2023).")."""
    if mention.ref and not (mention.within and not after):
        return False
    if not after:
        return _opens(rules, text, m)
    return bool(
        mention.start <= W.BEFORE_NAME
        and rules.re("subject_before").search(text[: mention.start])
        and rules.re("verb_before_date").search(text[max(0, m.start - W.VERB_BEFORE_DATE) : m.start])
    ) or bool(rules.re("date_closing_after").match(text[m.end :]))


def _opens(rules: Rules, text: str, m: Mention) -> bool:
    """``m`` opens the sentence, before a comma ("On November 20, 2024, ...", "In 2006, ...")."""
    return bool(
        # bounded: "^" still means the sentence's start, "$" the date's
        rules.re("date_opening_before").search(text, max(0, m.start - W.BEFORE_NAME), m.start)
        and rules.re("date_opening_after").match(text[m.end : m.end + W.AFTER_NAME])
    )


def not_the_meetings(rules: Rules, text: str, mention: SeriesMention, m: Mention, between: str, after: bool) -> bool:
    """A founding date ("the establishment of the ADMM in 2006", "ASEAN established the ADMM in
    2006", "the ADMM started out ... in 2006": a founding is not a meeting), a chair's term ("the ADMM chairship in
    2026") or the date of a trip to the meeting ("visiting the country on Monday to attend the ADMM
    Retreat") is not the meeting's date."""
    if after and rules.re("chair_term").match(between):
        return True  # "the ADMM chairmanship for 2025": the chair's term
    if (m.day is None and m.relative is None) or (m.relative or "").startswith("year:"):
        # a founding given to the day ("the inception of the ADMM-Plus in Ha Noi on 12 October 2010") is the first meeting
        if rules.re("founded_date").search(text[max(0, m.start - W.FOUNDED_DATE_BEFORE) : m.start]):
            return True
        if rules.re("founded_name").search(_before_name(rules, text, mention.start)):
            return True
        if after and rules.re("founded_after").match(between):
            return True  # "the ADMM started out as a platform in 2006": the series' start, not a meeting
        if (
            after
            and m.month is None
            and rules.re("chair_before").search(text[max(0, mention.start - W.CHAIR_BEFORE) : mention.start])
        ):
            return True  # "Chủ tịch ADMM và ADMM+ năm 2024": the chair's term, named before the meeting
    return (
        not after
        and bool(rules.re("to_attend").search(between))
        and bool(rules.re("travel").search(text[max(0, m.start - W.TRAVEL_BEFORE) : m.start] + between))
    )


def _before_name(rules: Rules, text: str, start: int) -> str:
    """The ``FOUNDED_NAME_BEFORE`` characters before a name, or, for an acronym in brackets, before the long form it
    follows ("the chairmanship of the Association of Southeast Asian Nations (ASEAN) Defense
    Ministers' Meeting (ADMM)")."""
    before = text[max(0, start - 3 * W.PAIR_MAX // 2) : start]
    long_form = rules.re("long_form").search(before)
    if long_form is not None:
        before = before[: long_form.start()]
    return before[-W.FOUNDED_NAME_BEFORE :]


def share_list_dates(rules: Rules, text: str, mentions: list[SeriesMention], pairs: list[Pair]) -> None:
    """ "Triển lãm ... lần thứ hai, Giao lưu Quân nhạc ... vào cuối năm 2024": a meeting of a list
    without a date of its own takes its dated neighbour's (and passes it on: "the ACDFM along with the
    AMOM and the AMIM in Laos yesterday")."""
    if not pairs:
        return  # no date to share
    by_mention = {id(p.mention): p for p in pairs}
    # left to right, then right to left: a chain of any length passes a date on in one sweep each way
    while _share_once(rules, text, mentions, pairs, by_mention, False) | _share_once(
        rules, text, mentions, pairs, by_mention, True
    ):
        pass


def _share_once(
    rules: Rules,
    text: str,
    mentions: list[SeriesMention],
    pairs: list[Pair],
    by_mention: dict[int, Pair],
    backwards: bool,
) -> bool:
    shared = False
    for index in range(len(mentions) - 1, -1, -1) if backwards else range(len(mentions)):
        mention = mentions[index]
        if id(mention) in by_mention:
            continue
        for other_index in (index + 1, index - 1, index + 2, index - 2):
            if not 0 <= other_index < len(mentions):
                continue
            other = mentions[other_index]
            pair_of = by_mention.get(id(other))
            if pair_of is None:
                continue
            gap = text[mention.end : other.start] if mention.end <= other.start else text[other.end : mention.start]
            if len(gap) > W.PAIR_MAX:
                continue
            gap = rules.re("list_ordinal").sub("", gap)
            # a partner listed after the first of one name ("met Chinese Defence Minister Wei Fenghe and US ...
            # Secretary Miller in separate informal meetings"), whatever stands between them
            later = mention if other_index < index else other
            partners = abs(other_index - index) == 1 and later.listed
            if partners or rules.re("list_gap").fullmatch(gap):
                mention.prep = other.prep = mention.prep or other.prep  # "chuẩn bị cho các hội nghị ADMM và ADMM+"
                new = Pair(mention, pair_of.date, pair_of.cost + W.PAIR_SHARED, shared=True)
                pairs.append(new)
                by_mention[id(mention)] = new
                shared = True
                break
    return shared


def share_right_after(rules: Rules, text: str, mentions: list[SeriesMention], pairs: list[Pair]) -> None:
    """ "Ngay sau khi kết thúc Hội nghị X diễn ra sáng 22/11, ... dự Cuộc gặp Y": a meeting held right
    after another one (the ``right_after`` cue before it) takes its day when it has none of its own."""
    if not pairs:
        return
    by_mention = {id(p.mention): p for p in pairs}
    for index, first in enumerate(mentions):
        dated = by_mention.get(id(first))
        if dated is None or dated.date.day is None:
            continue
        if not rules.re("right_after").search(text[max(0, first.start - W.BEFORE_NAME) : first.start]):
            continue
        for later in mentions[index + 1 :]:
            if id(later) in by_mention:
                break
            if later.key == first.key or later.start - first.end > W.SENTENCE_MAX:
                continue
            new = Pair(later, dated.date, dated.cost + W.PAIR_SHARED, shared=True)
            pairs.append(new)
            by_mention[id(later)] = new


def document_before(rules: Rules, text: str, at: int) -> bool:
    """Whether a document's name ends right before ``at`` ("Kế hoạch hợp tác quốc phòng năm 2025"): the year
    written there is the year the document is for, not a meeting's (the ``year_document_before`` cue)."""
    return rules.re("year_document_before").search(text, max(0, at - W.FOUNDED_NAME_BEFORE), at) is not None
