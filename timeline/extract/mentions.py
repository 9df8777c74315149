"""Stage 1: the meetings a sentence names — known series (the gazetteer), related series read through
``relation:`` ("ADMM ... Retreat", "ADSOM mở rộng"), ordinals, and meetings the gazetteer lacks.

A name and its acronym in brackets are one mention. A meeting introduced as context ("following",
"chuẩn bị cho", "on the sidelines of") is marked ``ref``; one being prepared for, ``prep``. A meeting
the series gazetteer does not know ("the 13th ASEAN Chiefs of Military Operations Meeting (AMOM-13)")
is a mention too, with a proposed slug, when its name has one of the beat's words.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, replace
from itertools import pairwise
from weakref import WeakKeyDictionary

from timeline.extract import weights as W
from timeline.extract.candidate import Proposal
from timeline.extract.gazetteer import Gazetteer, Hit, fold
from timeline.extract.rules import Rules

_BRACKET_OPEN = re.compile(r"\s*\(\s*")
_BRACKET_CLOSE = re.compile(r"\s*\)")
_LISTED = re.compile(r"(?<!\w)(?:và|and)(?!\w)")
_SLUG_DROP = {"of", "on", "and", "for", "the", "in", "meeting", "&", "hội", "nghị", "các", "nước", "của", "về", "lần"}


@dataclass
class SeriesMention:
    start: int  # offsets in the sentence
    end: int
    key: str
    ordinal: int | None
    ref: bool
    prep: bool = False  # being prepared for: not yet held when the sentence was written
    anaphor: bool = False  # "the retreat": the meeting named last in the article
    proposal: Proposal | None = None  # a meeting series.yaml does not know
    within: bool = False  # context, but what happens within it before its name is dated by it ("khuôn khổ")
    listed: bool = False  # a partner after the first of one name ("informal meetings with China and Japan")


def series_mentions(gaz: Gazetteer, rules: Rules, text: str, hits: list[Hit]) -> list[SeriesMention]:
    out: list[SeriesMention] = []
    series_hits = [h for h in hits if h.kind == "series"]
    context = Context(rules, text, len(series_hits))
    i = 0
    while i < len(series_hits):
        hit = series_hits[i]
        start, end, key = hit.start, hit.end, hit.key
        # "Hội nghị ... mở rộng (ADSOM+)": a name and its acronym in brackets are one mention
        while i + 1 < len(series_hits):
            nxt = series_hits[i + 1]
            close = _BRACKET_OPEN.fullmatch(text, end, nxt.start) and _BRACKET_CLOSE.match(text, nxt.end)
            if close:
                # the acronym is the more specific name, but not of a name's own parent ("Retreat
                # Mesyuarat Menteri-menteri Pertahanan ASEAN (ADMM)" is the Retreat)
                parent = gaz.series[key].parent if key in gaz.series else None
                key = key if parent is not None and parent == nxt.key else nxt.key
                end = close.end()
                i += 1
            else:
                break
        key, end, dropped = _subseries(gaz, rules, key, text, end)
        i += 1
        if dropped or key == gaz.bilateral:
            continue
        out.append(_mention(rules, text, start, end, key, context))
    out = _bracketed_again(text, out)
    out = _absorb_qualifiers(gaz, text, out)
    out = _named_in_full(rules, text, out)
    _with_partner(gaz, rules, text, hits, out)
    with_area(gaz, rules, text, out)
    out.extend(_informal_with(gaz, rules, text, hits, context))
    known = [(h.start, h.end) for h in series_hits] + [(m.start, m.end) for m in out]
    for mention in joint_mentions(gaz, rules, text, hits, known, context):
        out.append(mention)
        known.append((mention.start, mention.end))
    for mention in unknown_mentions(gaz, rules, text, known, context):
        out.append(mention)
    out.sort(key=lambda m: m.start)
    _listed_context(rules, text, out)
    _anniversaries(gaz, rules, text, out)
    return out


def _anniversaries(gaz: Gazetteer, rules: Rules, text: str, mentions: list[SeriesMention]) -> None:
    """ "The 10th anniversary of the ADMM-Plus, which will be held on Thursday": a meeting named as what an
    anniversary is of (the ``anniversary_before`` cue) stands for the commemoration (``anniversary_meeting``)."""
    key = gaz.series_named(rules.anniversary_meeting) if rules.anniversary_meeting else None
    if key is None:
        return
    cue = rules.re("anniversary_before")
    for mention in mentions:
        if cue.search(text[max(0, mention.start - W.BEFORE_NAME) : mention.start]):
            mention.key, mention.ordinal = key, None


def _listed_context(rules: Rules, text: str, mentions: list[SeriesMention]) -> None:
    """ "tiếp quản vai trò chủ tịch Hội nghị ADMM và Hội nghị ADMM+", "ahead of the ADMM and the ADMM-Plus":
    the meetings listed after one named as context (a framework, one being prepared for) are context too."""
    gap, ordinals = rules.re("list_gap"), rules.re("list_ordinal")
    for a, b in pairwise(mentions):
        if not (a.ref or a.prep) or (b.ref and b.prep) or b.start < a.end:
            continue
        if gap.fullmatch(ordinals.sub("", text[a.end : b.start])):
            b.ref, b.prep, b.within = b.ref or a.ref, b.prep or a.prep, b.within or a.within


_OF = re.compile(r"\s*(?:\([^()]{1,20}\)\s*)?(?:(?:of|for|under|by)\s+(?:the\s+)?|(?:của|thuộc|chung(?:\s+của)?)\s+)?")


_ADJACENT = re.compile(r"\s*(?:\([^()]{1,20}\)\s*)?(?:['’]s?\s*)?")


_AGAIN_OPEN = re.compile(r"\s*\(\s*")
_AGAIN_CLOSE = re.compile(r"\s*(?:[-–]\s*\d{1,3}\s*)?\)")


def _bracketed_again(text: str, mentions: list[SeriesMention]) -> list[SeriesMention]:
    """ "the 7th ADMM Plus (ADMM +)", "ADSOM Plus (ADSOM +)": a name and, in brackets right after it, a
    shorter name of the same series (an acronym read with its "+" as the Plus) are one mention."""
    out: list[SeriesMention] = []
    for m in mentions:
        last = out[-1] if out else None
        if last is not None and last.key == m.key and _AGAIN_OPEN.fullmatch(text, last.end, m.start):
            close = _AGAIN_CLOSE.match(text, m.end)
            if close is not None:
                out[-1] = replace(
                    last, end=close.end(), ordinal=last.ordinal if last.ordinal is not None else m.ordinal
                )
                continue
        out.append(m)
    return out


def _absorb_qualifiers(gaz: Gazetteer, text: str, mentions: list[SeriesMention]) -> list[SeriesMention]:
    """ "Table Top Exercise of the ADMM Plus EWG on Counter Terrorism", "EWG on CT Field Training
    Exercise": the working group next to an exercise (``relation: exercise``) says whose exercise it
    is; it is no meeting of its own."""
    drop: set[int] = set()
    for i, m in enumerate(mentions):
        series = gaz.series.get(m.key)
        if series is None or series.relation != "exercise":
            continue
        if i + 1 < len(mentions) and _OF.fullmatch(text, m.end, mentions[i + 1].start):
            drop.add(i + 1)
            # "... under the ADMM-Plus (ADMM+) Experts' Working Group on Peacekeeping Operations": the whole name
            j = i + 2
            while j < len(mentions) and _ADJACENT.fullmatch(text, mentions[j - 1].end, mentions[j].start):
                drop.add(j)
                j += 1
        if i > 0 and re.fullmatch(r"\s*(?:\([^()]{1,20}\)\s*)?", text[mentions[i - 1].end : m.start]):
            drop.add(i - 1)
    return [m for i, m in enumerate(mentions) if i not in drop]


def _named_in_full(rules: Rules, text: str, mentions: list[SeriesMention]) -> list[SeriesMention]:
    """ "Hội nghị trực tuyến Tư lệnh Hải quân các nước ASEAN lần thứ 14 (ANCM)": a name written out
    in full before a known acronym in brackets is that meeting's name (its date and ordinal are the
    acronym's, and the words inside it name no meeting of their own)."""
    if not mentions:
        return mentions
    by_start = {m.start: m for m in mentions}
    drop: set[int] = set()
    for match in rules.re("unknown_meeting").finditer(text):
        if match["abbr"] is None:
            continue
        mention = by_start.get(match.start("abbr"))
        if mention is None or mention.end > match.end("abbr") + 1:
            continue
        lo = match.start("name")
        if _LISTED.search(match["name"]):
            continue  # "Hội nghị ADMM và Hội nghị ... (ADMM+)": two meetings, not one name
        inner = [m for m in mentions if lo <= m.start and m.end <= match.start("abbr") and m is not mention]
        drop.update(id(m) for m in inner)
        mention.start = lo
        mention.ref = mention.ref or any(m.ref for m in inner)  # "trong khuôn khổ chuyến tham dự Hội nghị ..."
        mention.prep = mention.prep or any(m.prep for m in inner)
        mention.within = mention.within or any(m.within for m in inner)
        raw = match["ord"]
        if mention.ordinal is None and raw:
            mention.ordinal = int(raw) if raw.isdigit() else rules.ordinals.get(raw.lower())
    return [m for m in mentions if id(m) not in drop]


def _with_partner(gaz: Gazetteer, rules: Rules, text: str, hits: list[Hit], mentions: list[SeriesMention]) -> None:
    """ "Hội nghị Bộ trưởng Quốc phòng ASEAN - Nhật Bản": the ministers' meeting joined to a partner
    country (the ``partner_join`` cue between them; or the country first, then ``partner_before``:
    "the India-ASEAN Defence Ministers' Meeting") is the informal meeting with that partner, when
    series.yaml has one whose parent is that meeting's series."""
    countries = [h for h in hits if h.kind == "country"]
    if not countries:
        return
    starts = [h.start for h in countries]
    ends = [h.end for h in countries]
    for mention in mentions:
        i = bisect_left(starts, mention.end)
        j = bisect_left(ends, mention.start + 1) - 1  # the last country ending before the name
        if i < len(countries) and rules.re("partner_join").fullmatch(text, mention.end, countries[i].start):
            partner, start, end = countries[i], mention.start, countries[i].end
        elif j >= 0 and rules.re("partner_before").fullmatch(text, countries[j].end, mention.start):
            partner, start, end = countries[j], countries[j].start, mention.end
        else:
            continue
        key = gaz.informal_with(partner.key)
        series = gaz.series.get(key) if key is not None else None
        if series is not None and series.parent == mention.key:
            mention.key, mention.start, mention.end = series.key, start, end


def with_area(gaz: Gazetteer, rules: Rules, text: str, mentions: list[SeriesMention]) -> None:
    """ "Nhóm chuyên gia ADMM mở rộng về an ninh biển": a group of groups named with an area (the
    ``area_after`` cue, then the area as one of its groups' names gives it) is that area's group."""
    for mention in mentions:
        if mention.key not in gaz.area_parents:
            continue  # no group of it is named by area
        areas = area_names(gaz, rules, mention.key)
        if not areas:
            continue
        joint = rules.re("area_after").match(text, mention.end)
        if joint is None:
            continue
        tail = " ".join(fold(text[joint.end() : joint.end() + W.AREA_REACH]).split())
        for phrase, key in areas:
            if tail.startswith(phrase) and (len(tail) == len(phrase) or not tail[len(phrase)].isalnum()):
                mention.key = key
                mention.end = joint.end() + len(phrase)
                break


_AREAS: WeakKeyDictionary[Gazetteer, dict[tuple[str, str], list[tuple[str, str]]]] = WeakKeyDictionary()


def area_names(gaz: Gazetteer, rules: Rules, key: str) -> list[tuple[str, str]]:
    """The areas of the groups under ``key`` (``relation: area`` in series.yaml), as their names say
    them after the ``area_after`` cue ("... về an ninh biển" → "an ninh biển"), longest first."""
    cache = _AREAS.setdefault(gaz, {})
    found = cache.get((rules.lang, key))
    if found is None:
        pairs: dict[str, str] = {}
        for series in gaz.series.values():
            if series.parent != key or series.relation != "area":
                continue
            for name in (*series.name.values(), *series.aliases):
                joint = rules.re("area_after").search(name)
                if joint is not None and joint.end() < len(name):
                    pairs.setdefault(" ".join(fold(name[joint.end() :]).split()), series.key)
        found = cache[(rules.lang, key)] = sorted(pairs.items(), key=lambda item: (-len(item[0]), item[0]))
    return found


class Context:
    """The cues that read the text before a name, for one sentence: each runs once over the sentence
    unanchored (not once per name) to say where it can match at all; only a name with such a match
    close before it has the cue's anchored pattern run on the text before it."""

    def __init__(self, rules: Rules, text: str, names: int) -> None:
        self.rules, self.text = rules, text
        self.many = names > W.FEW_NAMES
        self.bilateral = bool(rules.re("bilateral_strong").search(text) or rules.re("sideline").search(text))
        self._starts: dict[str, list[int]] = {}

    def at(self, name: str, start: int, reach: int = W.BEFORE_NAME) -> re.Match[str] | None:
        if not self.many:  # a few names: reading the text before each costs less than a pass
            return self.rules.re(name).search(self.text[max(0, start - reach) : start])
        starts = self._starts.get(name)
        if starts is None:
            starts = self._starts[name] = [m.start() for m in self.rules.before(name).finditer(self.text)]
        if not starts:
            return None
        i = bisect_left(starts, start - reach)
        if i == len(starts) or starts[i] > start:
            return None
        return self.rules.re(name).search(self.text[max(0, start - reach) : start])


def _informal_with(gaz: Gazetteer, rules: Rules, text: str, hits: list[Hit], context: Context) -> list[SeriesMention]:
    """ "informal ASEAN meetings with China and Japan", "the ASEAN-ROK Informal Defense Ministers Meeting"
    (``informal_with``, ``informal_named``; "Defence ministers of ASEAN and Australia attended an informal
    meeting", ``informal_among``; "the ASEAN ministers also met Chinese Defence Minister Wei Fenghe in an informal
    meeting", ``informal_met``): one mention per partner, at its name (the
    first from the words "informal meeting" on, so that a meeting listed before it is its neighbour)."""
    out = []
    matches = [
        *rules.re("informal_with").finditer(text),
        *rules.re("informal_named").finditer(text),
        *rules.re("informal_among").finditer(text),
        *rules.re("informal_met").finditer(text),
    ]
    for match in sorted(matches, key=lambda m: m.start()):
        lo, hi = match.span("list")
        first = True
        for hit in hits:
            if hit.kind in {"country", "demonym"} and lo <= hit.start < hi:  # "met Chinese Defence Minister Wei"
                key = gaz.informal_with(hit.key)
                if key is not None:
                    start = match.start() if first else hit.start
                    mention = _mention(rules, text, start, hit.end, key, context)
                    mention.listed = not first
                    out.append(mention)
                    first = False
    return out


def joint_mentions(
    gaz: Gazetteer, rules: Rules, text: str, hits: list[Hit], known: list[tuple[int, int]], context: Context
) -> list[SeriesMention]:
    """A meeting of the ministers of several countries named together: "the Japan-US-Australia-
    Philippines defence ministers' meeting" (countries joined by the ``joint_join`` cue, then the
    ``joint_after`` cue), "the meeting of the defence ministers of Viet Nam, Laos and Cambodia"
    (the ``joint_before`` cue, then countries in a list), "the defence ministers of Japan, Australia and
    the US met" (``joint_of``, the list, ``joint_met``). The
    number of countries gives the language's word (``parties``: 3 → "trilateral"), and the word
    its series ("Trilateral meeting"), or a proposed slug (``quadrilateral``). Two countries make a
    bilateral meeting, read with its counterpart elsewhere (bilaterals.py), not here."""
    if not rules.parties:
        return []
    parties = [h for h in hits if h.kind in {"country", "demonym"}]
    out: list[SeriesMention] = []
    i = 0
    while i < len(parties):
        j = i
        joined = True
        while j + 1 < len(parties):
            a, b = parties[j].end, parties[j + 1].start
            if rules.re("joint_join").fullmatch(text, a, b):
                j += 1
            elif rules.re("list_gap").fullmatch(text, a, b):
                joined = False
                j += 1
            else:
                break
        chain = parties[i : j + 1]
        i = j + 1
        codes = list(dict.fromkeys(h.key for h in chain))
        if len(codes) < 2:  # noqa: PLR2004 - one country meets no one
            continue
        start, end = chain[0].start, chain[-1].end
        after = rules.re("joint_after").match(text, end) if joined else None
        if after is not None:
            end = after.end()
        elif joined or not (
            rules.re("joint_before").search(text[max(0, start - W.BEFORE_NAME) : start])
            or (
                rules.re("joint_of").search(text[max(0, start - W.BEFORE_NAME) : start])
                and rules.re("joint_met").match(text, end)
            )
        ):
            continue
        if any(a < end and start < b for a, b in known):
            continue
        word = rules.parties.get(len(codes))
        if word is None:
            continue
        name = f"{word} meeting"
        key = gaz.series_named(name) or gaz.series_padded(name, rules.cues["name_filler"].pattern)
        if key == gaz.bilateral:
            continue
        proposal = None
        if key is None:
            key = proposed_slug(None, word)
            proposal = Proposal(key, {rules.lang: " ".join(text[start:end].split())}, {})
        out.append(_mention(rules, text, start, end, key, context, proposal))
    return out


def _mention(
    rules: Rules, text: str, start: int, end: int, key: str, context: Context, proposal: Proposal | None = None
) -> SeriesMention:
    numbered = context.at("ord_before", start)
    ordinal = ordinal_of(rules, numbered, text[end : end + W.ORDINAL_AFTER])
    within = context.at("within_before", start) is not None
    ref = within or context.at("ref_before", start) is not None
    # being prepared for: read before the name's ordinal too ("ahead of the 10th ADMM")
    at = start - (numbered.end() - numbered.start()) if numbered is not None else start
    prep = context.at("prep_before", at) is not None or context.at("prep_named", at, W.PREP_NAMED_BEFORE) is not None
    return SeriesMention(start, end, key, ordinal, ref, prep, proposal=proposal, within=within)


def _subseries(gaz: Gazetteer, rules: Rules, key: str, text: str, end: int) -> tuple[str, int, bool]:
    """ "ASEAN Defence Ministers' Meeting (ADMM) Retreat": a following word can name a related series."""
    skip = rules.subseries_re().match(text, end)
    if skip is None:
        return key, end, False
    relation = rules.subseries[skip["w"]]
    other = gaz.related(key, relation)
    if other is not None:
        return other, skip.end(), False
    if relation == "working-group":
        return key, end, True  # a working group the gazetteer does not know: not this series
    return key, end, False


def ordinal_of(rules: Rules, match: re.Match[str] | None, after: str) -> int | None:
    if match:
        return int(match["n"]) if match["n"] else rules.ordinals[match["w"].lower()]
    match = rules.re("ord_after").match(after)
    if match:
        groups = match.groupdict()
        value = groups.get("v")
        if value:
            return int(value) if value.isdigit() else rules.ordinals[value.lower()]
        return int(groups.get("h") or groups.get("s") or 0) or None
    return None


def unknown_mentions(
    gaz: Gazetteer, rules: Rules, text: str, known: list[tuple[int, int]], context: Context
) -> list[SeriesMention]:
    """Meetings the gazetteer lacks: a title-case name ending in a meeting word ("... Meeting",
    "Hội nghị ... (ABC-11)") with one of the beat's words, not overlapping a known name; or a known
    series named with words its names leave out (the ``name_filler`` cue: "Trilateral Defence
    Ministerial Meeting" for "trilateral ministerial meeting")."""
    out: list[SeriesMention] = []
    for match in rules.re("unknown_meeting").finditer(text):
        name = match["name"]
        start, end = match.start("name"), match.end()
        if any(a < end and start < b for a, b in known) or not rules.re("unknown_topic").search(name):
            continue
        abbr = match["abbr"]
        plain = _short_forms(rules, f"{name} ({abbr})" if abbr else name)
        if abbr and not plain.endswith(")"):
            abbr = None  # "... Hiệp hội các quốc gia Đông Nam Á (ASEAN)": an organisation's acronym, not the meeting's
        same = (
            gaz.series_named(plain)
            or gaz.series_padded(plain, rules.cues["name_filler"].pattern)
            or _of_kind(gaz, rules, name)
        )
        if same == gaz.bilateral:
            continue  # a bilateral meeting is read with its counterpart (bilaterals.py), not by its name
        if same is not None:  # a known series named with words its names leave out
            mention = _mention(rules, text, start, end, same, context)
            raw_ord = match["ord"]
            if raw_ord:
                mention.ordinal = int(raw_ord) if raw_ord.isdigit() else rules.ordinals.get(raw_ord.lower())
            out.append(mention)
            continue
        ordinal: int | None = None
        short = None
        if abbr:
            acro = rules.re("acronym").fullmatch(abbr)
            if acro:
                short = acro["abbr"]
                ordinal = int(acro["n"]) if acro["n"] else None
        raw_ord = match["ord"]
        if raw_ord:
            ordinal = int(raw_ord) if raw_ord.isdigit() else rules.ordinals.get(raw_ord.lower(), ordinal)
        if not (abbr or ordinal is not None or name.split()[0] in {"ASEAN", "Asean"}):
            continue  # "a meeting": too vague to be a series
        if abbr is None and _other_name(text, start, known):
            continue  # "Đối thoại Shangri-La 2024 (Diễn đàn an ninh châu Á lần thứ 21)": the known one's other name
        # with no acronym, only a name the language's name words say in full ("Đối thoại Chiến lược Quốc
        # phòng ... lần thứ 8") is a series of its own: "Hội nghị Tùy viên Quốc phòng lần thứ 20" is not
        english = translated_slug(gaz, rules, name)
        known_key = _known_by_words(gaz, english)
        if known_key == gaz.bilateral:
            continue
        if known_key is not None:  # "Đối thoại quốc phòng ba bên (DTT) lần thứ XII": the trilateral series
            mention = _mention(rules, text, start, end, known_key, context)
            mention.ordinal = ordinal if ordinal is not None else mention.ordinal
            out.append(mention)
            continue
        slug = proposed_slug(short, name) if short else english or (proposed_slug(None, name) if abbr else "")
        if not slug:
            continue
        proposal = Proposal(slug, {rules.lang: " ".join(name.split())}, {rules.lang: short} if short else {})
        mention = _mention(rules, text, start, end, slug, context, proposal)
        if ordinal is not None:
            mention.ordinal = ordinal
        out.append(mention)
    return out


def _of_kind(gaz: Gazetteer, rules: Rules, name: str) -> str | None:
    """ "Indo Defence 2022 Expo & Forum": a name whose head word is one of the language's ``name_kinds``
    is of the one series whose key has that kind ("expo": ``defence-expo``); None when none or several do."""
    if not rules.name_kinds:
        return None
    words = re.findall(r"[\w+]+", fold(name))
    kind = next((rules.name_kinds[w] for w in reversed(words[-3:]) if w in rules.name_kinds), None)
    if kind is None:
        return None
    keys = [key for key in gaz.series if kind in key.split("-")]
    return keys[0] if len(keys) == 1 else None


_ACRONYM_AFTER = re.compile(r"\s*\(\s*([A-Z][\w+]*)\s*\)")


def _short_forms(rules: Rules, name: str) -> str:
    """The name with each organisation written out before its acronym (the ``org_long_form`` cue:
    "Hiệp hội các quốc gia Đông Nam Á (ASEAN)") said by the acronym alone, as the series' names say it."""
    out, at = [], 0
    for match in rules.re("org_long_form").finditer(name):
        short = _ACRONYM_AFTER.match(name, match.end())
        if short is None or match.start() < at:
            continue
        out.append(name[at : match.start()] + short[1])
        at = short.end()
    return "".join(out) + name[at:] if out else name


_OTHER_NAME_GAP = 12  # "Đối thoại Shangri-La 2024 (": at most this between a known name and a bracket opening another


def _other_name(text: str, start: int, known: list[tuple[int, int]]) -> bool:
    """The name opens a bracket right after a known name: it is that meeting's other name."""
    before = text[max(0, start - _OTHER_NAME_GAP - 2) : start].rstrip()
    if not before.endswith("("):
        return False
    at = start - (len(text[:start]) - len(text[:start].rstrip())) - 1  # the bracket
    return any(0 <= at - b <= _OTHER_NAME_GAP for _, b in known)


def _known_by_words(gaz: Gazetteer, english: str) -> str | None:
    """The known series of the number of sides an English slug says ("trilateral-defence-dialogue": the
    series named "trilateral meeting")."""
    for word in english.split("-"):
        if word.endswith("lateral") and (key := gaz.series_named(f"{word} meeting")) is not None:
            return key
    return None


_BRACKETED_ACRONYM = re.compile(r"\(\s*[A-Z][\w+-]*\s*\)")
_NAME_WORD_SPAN = 4  # the most words one entry of ``name_words`` has


def translated_slug(gaz: Gazetteer, rules: Rules, name: str) -> str:
    """A slug in English from the language's ``name_words`` ("Đối thoại Chiến lược Quốc phòng Việt Nam
    - Nga" → ``defence-strategic-dialogue``): every word of the name must have its English word (an
    empty one says nothing: "các nước"), a country is the counterpart and is left out, a place keeps
    its English name; a head-first language's words are read in reverse. Empty when a word has none."""
    if not rules.name_words:
        return ""
    out: list[str] = []
    at = 0
    name = _BRACKETED_ACRONYM.sub(lambda m: " " * len(m.group()), name)  # "(DTT)" is no word of the name
    for hit in [*sorted(gaz.find(name), key=lambda h: h.start), None]:
        if hit is not None and hit.kind not in {"country", "place", "demonym"}:
            continue
        piece = name[at : hit.start] if hit is not None else name[at:]
        words = re.findall(r"[\w+]+", fold(piece))
        i = 0
        while i < len(words):
            for n in range(min(_NAME_WORD_SPAN, len(words) - i), 0, -1):
                english = rules.name_words.get(" ".join(words[i : i + n]))
                if english is not None:
                    out.extend(reversed(english.split()) if rules.head_first else english.split())
                    i += n
                    break
            else:
                return ""  # a word the table lacks: no English name
        if hit is None:
            break
        if hit.kind == "place":
            place = gaz.places.get(hit.key)
            out.append(fold(place.name.get("en", "")) if place is not None else "")
        at = hit.end
    if rules.head_first:
        out.reverse()
    words = [re.sub(r"[^a-z0-9]+", "-", w.lower()).strip("-") for w in out]
    return "-".join(w for w in words if w)[:60].strip("-")


def proposed_slug(short: str | None, name: str) -> str:
    """ "AMOM" → ``amom``; else the name's words ("ASEAN Defence Industry Forum" → ``asean-defence-industry-forum``)."""
    if short:
        return re.sub(r"[^a-z0-9]+", "-", short.lower().replace("+", "-plus")).strip("-")
    words = [w for w in re.split(r"[^\w]+", fold(name)) if w and w not in _SLUG_DROP]
    ascii_words = [re.sub(r"[^a-z0-9]", "", w) for w in words]
    return "-".join(w for w in ascii_words if w)[:60].strip("-")
