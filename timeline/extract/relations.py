"""Stage 1b: a meeting's name read through the relations of series.yaml — its working group, its exercises.

"Nhóm chuyên gia Hội nghị Bộ trưởng Quốc phòng các nước ASEAN mở rộng (ADMM+) về an ninh mạng" names
the ADMM-Plus only inside the name of one of its Experts' Working Groups: the group's word before the
name (the language's ``group_before`` cue) makes it the group (``relation: experts-working-group``),
its area said before the name ("nhóm chuyên gia công tác an ninh mạng thuộc ADMM+") or after it.
An exercise word (``exercise_word``: "diễn tập", "tập trận") is the exercise of the family it is
said of (``relation: exercise`` under the group, or the groups, of the series named): a name right
next to it (only ``exercise_owner`` words between) says whose exercise it is and is no meeting of its own; with no name in its sentence, the
family named last before it in the article. Which series have working groups and exercises is data.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from weakref import WeakKeyDictionary

from timeline.extract import weights as W
from timeline.extract.anaphora import Named
from timeline.extract.gazetteer import Gazetteer, fold
from timeline.extract.mentions import SeriesMention, area_names, ordinal_of, with_area
from timeline.extract.rules import Rules

_EXERCISES: WeakKeyDictionary[Gazetteer, dict[str, str | None]] = WeakKeyDictionary()


def exercise_of(gaz: Gazetteer, key: str) -> str | None:
    """The series of the exercises held by ``key``'s family: the one with ``relation: exercise``
    whose parent is ``key``, a series ``key`` belongs to, or one of ``key``'s own groups
    (the ADMM-Plus's exercises are its working groups')."""
    cache = _EXERCISES.setdefault(gaz, {})
    if key in cache:
        return cache[key]
    ancestors = [key]
    while (
        parent := gaz.series[ancestors[-1]].parent if ancestors[-1] in gaz.series else None
    ) and parent not in ancestors:
        ancestors.append(parent)
    found = None
    for series in sorted(gaz.series.values(), key=lambda s: s.key):
        if series.relation != "exercise" or series.parent is None:
            continue
        owner = gaz.series.get(series.parent)
        if series.parent in ancestors or (owner is not None and owner.parent == key):
            found = series.key
            break
    cache[key] = found
    return found


def of_group(gaz: Gazetteer, rules: Rules, text: str, mentions: list[SeriesMention]) -> None:
    """A working group's word right before a meeting's name: the name is the group's (its area, when
    the words between say one of its groups' areas, the area's group)."""
    for mention in mentions:
        group = gaz.related(mention.key, "experts-working-group")
        if group is None:
            continue
        lo = max(0, mention.start - W.BEFORE_NAME)
        match = rules.re("group_before").search(text[lo : mention.start])
        if match is None:
            # "Hội nghị nhóm chuyên gia các nước ASEAN mở rộng (ADMM+)": the group's word inside a name in full
            if rules.re("group_inside").search(text, mention.start, mention.end):
                mention.key = group
                with_area(gaz, rules, text, [mention])
            continue
        mention.key = group
        mention.start = lo + match.start()
        # "với tư cách là đồng chủ trì nhóm chuyên gia của ADMM+": the context words are before the group's
        mention.ref = mention.ref or bool(
            rules.re("ref_before").search(text[max(0, mention.start - W.BEFORE_NAME) : mention.start])
        )
        said = " ".join(fold(match["area"] or "").split())
        for phrase, key in area_names(gaz, rules, group):
            if said == phrase or said.startswith(phrase + " "):
                mention.key = key
                break
        else:
            with_area(gaz, rules, text, [mention])


def exercises(gaz: Gazetteer, rules: Rules, text: str, mentions: list[SeriesMention]) -> list[SeriesMention]:
    """The exercise words of a sentence naming meetings, each the exercise of the family named
    nearest before it (else right after it); a name right next to an exercise (its word or a known
    exercise's name) is whose exercise it is, and exercises listed together are one."""
    if not mentions:
        return mentions
    out = list(mentions)
    for match in _words(rules, text):
        if any(m.start < match.end() and match.start() < m.end for m in mentions):
            continue
        before = [(m, k) for m in mentions if m.end <= match.start() and (k := exercise_of(gaz, m.key))]
        after = [(m, k) for m in mentions if m.start >= match.end() and (k := exercise_of(gaz, m.key))]
        if not before and not after:
            continue
        owner, key = before[-1] if before else after[0]
        out.append(SeriesMention(match.start(), match.end(), key, None, ref=owner.ref, prep=owner.prep))
    out.sort(key=lambda m: m.start)
    drop: set[int] = set()
    for i, m in enumerate(out):
        series = gaz.series.get(m.key)
        if series is None or series.relation != "exercise" or id(m) in drop:
            continue
        for j in (i - 1, i + 1):
            if 0 <= j < len(out) and out[j].key != m.key and exercise_of(gaz, out[j].key) == m.key:
                gap = text[out[j].end : m.start] if j < i else text[m.end : out[j].start]
                if len(gap) <= W.EXERCISE_OWNER_GAP and rules.re("exercise_owner").fullmatch(gap):
                    drop.add(id(out[j]))  # "ADMM+ diễn tập", "Nhóm chuyên gia ... đã khai mạc các cuộc diễn tập"
        n = i + 1
        while n < len(out) and out[n].key == m.key and _listed(rules, text[m.end : out[n].start]):
            m.end = out[n].end  # "diễn tập bàn tròn và diễn tập thực địa": one exercise, of two parts
            drop.add(id(out[n]))
            n += 1
    # "the sea phase of the exercise under the ADMM-Plus": a part of an exercise, and no ministers' meeting
    for match in _words(rules, text, parts=True):
        for m in out:
            gap = text[m.end : match.start()] if m.end <= match.start() else text[match.end() : m.start]
            if (
                (m.end <= match.start() or m.start >= match.end())
                and exercise_of(gaz, m.key) not in {None, m.key}
                and len(gap) <= W.EXERCISE_OWNER_GAP
                and rules.re("exercise_owner").fullmatch(gap)
            ):
                drop.add(id(m))
    return [m for m in out if id(m) not in drop]


def _listed(rules: Rules, gap: str) -> bool:
    return (
        len(gap) <= W.EXERCISE_OWNER_GAP and not any(c in gap for c in ",;") and bool(rules.re("list_gap").search(gap))
    )


_TRILATERAL: WeakKeyDictionary[Gazetteer, str | None] = WeakKeyDictionary()


def three_sides(gaz: Gazetteer, rules: Rules, text: str, mentions: list[SeriesMention]) -> list[SeriesMention]:
    """ "Cuộc gặp Bộ trưởng Quốc phòng ba nước ...": a meeting named by its count of sides (the
    ``three_sides`` cue) is one of the series with ``relation: trilateral``, unless a name covers it."""
    if gaz not in _TRILATERAL:  # read once per gazetteer, not per sentence
        _TRILATERAL[gaz] = next(
            (s.key for s in sorted(gaz.series.values(), key=lambda s: s.key) if s.relation == "trilateral"), None
        )
    key = _TRILATERAL[gaz]
    if key is None:
        return mentions
    out = list(mentions)
    for match in rules.re("three_sides").finditer(text):
        if any(m.start < match.end() and match.start() < m.end for m in mentions):
            continue
        ordinal = ordinal_of(rules, None, text[match.end() : match.end() + W.AFTER_NAME])
        out.append(SeriesMention(match.start(), match.end(), key, ordinal, ref=False))
    return sorted(out, key=lambda m: m.start)


def bloc_met(gaz: Gazetteer, rules: Rules, text: str, mentions: list[SeriesMention]) -> list[SeriesMention]:
    """ "Defense ministers from the Association of Southeast Asian Nations met Wednesday in Vientiane", "Southeast
    Asian defence ministers will meet in Indonesia this week": a sentence naming no meeting, whose bloc's
    ministers meet (the ``bloc_met`` cue), tells of the bloc's meeting (``bloc_meeting``), or of its related
    series the cue's ``sub`` word names ("met ... for a one-day retreat")."""
    if not rules.bloc_meeting or any(not m.ref for m in mentions):
        return mentions
    key = gaz.series_named(rules.bloc_meeting)
    match = rules.re("bloc_met").search(text) if key is not None else None
    if key is None or match is None:
        return mentions
    word = match.groupdict().get("sub")
    relation = rules.subseries.get(word) or rules.subseries.get(word.lower()) if word else None
    if relation is not None:
        key = next(
            (
                s.key
                for s in sorted(gaz.series.values(), key=lambda s: s.key)
                if s.parent == key and s.relation == relation
            ),
            key,
        )
    return sorted(
        [*mentions, SeriesMention(match.start("who"), match.end("who"), key, None, ref=False)], key=lambda m: m.start
    )


def visit_verb(gaz: Gazetteer, rules: Rules, text: str, mentions: list[SeriesMention]) -> list[SeriesMention]:
    """ "Philippine Defense Secretary Gilberto Teodoro will visit Vietnam on January 30": a defence leader
    visiting a country (the ``visit_verb`` cue), in a sentence naming no such visit, tells of a defence visit
    (``visit_meeting``)."""
    key = gaz.series_named(rules.visit_meeting) if rules.visit_meeting else None
    if key is None or any(m.key == key for m in mentions):
        return mentions
    match = rules.re("visit_verb").search(text)
    if match is None:
        return mentions
    visit = SeriesMention(match.start("visit"), match.end("visit"), key, None, ref=False)
    return sorted([*mentions, visit], key=lambda m: m.start)


def exercise_anaphors(
    gaz: Gazetteer, rules: Rules, text: str, at: int, named: list[Named], offsets: list[int]
) -> list[SeriesMention]:
    """The exercise words of a sentence naming no meeting: the exercises of the family named last
    before it (within ``ANAPHOR_REACH``)."""
    out: list[SeriesMention] = []
    for match in _words(rules, text):
        here = at + match.start()
        lo, hi = bisect_left(offsets, here - W.ANAPHOR_REACH), bisect_right(offsets, here)
        keys = [exercise_of(gaz, n.key) for n in named[lo:hi]]
        key = next((k for k in reversed(keys) if k is not None), None)
        if key is not None:
            out.append(SeriesMention(match.start(), match.end(), key, None, ref=False, anaphor=True))
    return out


def _words(rules: Rules, text: str, *, parts: bool = False) -> list[re.Match[str]]:
    """The exercise words of ``text`` that name an exercise, not a part of one ("tham quan diễn tập");
    with ``parts``, those that name a part of one instead."""
    return [
        match
        for match in rules.re("exercise_word").finditer(text)
        if parts
        == bool(rules.re("exercise_part_before").search(text[max(0, match.start() - W.BEFORE_NAME) : match.start()]))
    ]
