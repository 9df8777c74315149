"""Stage: bilateral meetings — "on the sidelines of the ADMM, General Giang met Japanese Defence
Minister ...": one candidate per counterpart per meeting, its counterpart read from the text
(country names, aliases and demonyms of countries.yaml), linked to the main meeting (``part_of``).

The counterparts are whom the cue names ("held bilateral talks with Malaysian Defense Minister ...",
up to the end of that clause), else, before a strong cue, the sides named ("Vietnam and Japan held
talks"). The followed country (``role: followed`` in countries.yaml) is one side, never a
counterpart; in an article outside its press's languages, a sentence with no date of its own whose
side is evidently another country's ("led the Philippine delegation ... met with counterparts from
...") and that never names the followed country yields none. A sentence whose counterpart cannot be
read yields no candidate. Talks of "both sides" that name neither (the ``both_sides`` cue: "Ngay sau
lễ đón, hai bên tiến hành hội đàm") are with the country the sentence before named, on the day that
opens it, unless that sentence told of talks itself. Talks "within the framework of" a meeting
(``within_before``) are part of it and, without a date of their own, take its date; a planned cue
just before the talks' word makes them planned.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date

from timeline.edtf import Point
from timeline.extract import dates as D
from timeline.extract import weights as W
from timeline.extract.candidate import Candidate
from timeline.extract.gazetteer import Gazetteer, Hit, fold
from timeline.extract.mentions import SeriesMention
from timeline.extract.reading import Sentence
from timeline.extract.resolve import resolve, yearless
from timeline.extract.rules import Rules
from timeline.extract.when import Mention
from timeline.model import Status

_CITY_COUNTRY = re.compile(r"\s*[,(]\s*")
_SIDES = frozenset({"country", "demonym", "person"})  # the hits that name a side: a country, its people, a person


@dataclass
class Sideline:
    sentence: Sentence
    countries: list[str]
    mains: list[str]  # series keys of the meetings it is on the sidelines of
    own: Mention | None  # a date of its own
    joint: bool = False  # one meeting of these countries with each other (the followed one is no side)
    venue: tuple[str | None, str | None, str | None] = (None, None, None)  # city, country, place it names
    planned: bool = False  # a planned cue just before the talks' word ("dự kiến ... sẽ có cuộc gặp song phương")
    anchor: date | None = None  # the day last named before the sentence: "The same day, ... met ..." counts from it
    loose_anchor: tuple[int, int] | None = None  # its (month, day), when its year is unknown


def read_sentence(
    gaz: Gazetteer,
    rules: Rules,
    sent: Sentence,
    previous: str,
    hits: list[Hit],
    mentions: list[SeriesMention],
    found: list[Mention],
    used: set[int],
    earlier: Callable[[], Mention | None] = lambda: None,
) -> Sideline | None:
    """The bilateral meeting a sentence reports, if any; ``earlier`` gives the date that opens the
    sentence before (for talks whose sides and day that sentence named: the ``both_sides`` cue)."""
    text = sent.text
    sideline = rules.re("sideline").search(text)
    strong = rules.re("bilateral_strong").search(text) or person_cue(rules, text, hits)
    cue = strong or (rules.re("bilateral_weak").search(text) if sideline else None)
    if cue is None:
        return None
    if rules.re("bilateral_other_office").search(text) and not _beat(rules, text):
        return None  # "the Prime Minister held talks with ...": not the beat's meeting
    if rules.re("bilateral_other_host").search(text):
        return None  # "Thủ tướng ... đã tiếp Bộ trưởng Quốc phòng Nhật Bản": a head of government's reception
    if (
        strong
        and not sideline
        and any(not m.ref for m in mentions)
        and not rules.re("bilateral_weak").search(text)
        and _only_counterpart(rules, text)
    ):
        return None  # "X và người đồng cấp Y đã tham dự Đối thoại ...": the sides of the meeting named, no other one
    followed = gaz.followed
    hits = _people_with_sides([_as_country(gaz, text, h) for h in hits])
    self_code = followed.code if followed is not None else None
    venue = _venue_starts(rules, text, hits)
    parties = _parties(hits, self_code, venue)
    # "held bilateral talks with Malaysian Defense Minister X on Thursday, where they discussed ... with
    # Indonesia": the counterparts are whom the cue's verb names, up to the end of its clause; "Vietnam
    # and Japan held talks": without one after the cue, those before a strong cue
    stop = rules.re("bilateral_object_end").search(text, cue.end())
    after = [h for h in parties if cue.start() <= h.start < (stop.start() if stop else len(text))]
    chosen = after or ([h for h in parties if h.start < cue.start()] if strong else [])
    countries = list(dict.fromkeys(h.key for h in chosen))
    # "đã hội đàm, ký kế hoạch hợp tác năm 2026": a document's year is not the talks'
    document = rules.re("year_document_before")
    own = next(
        (
            m
            for m in found
            if id(m) not in used
            and not (m.month is None and m.relative is None and document.search(text, max(0, m.start - 70), m.start))
        ),
        None,
    )
    carried: list[Hit] | None = None
    if (
        not countries
        and strong
        and rules.re("both_sides").search(text)
        and not rules.re("bilateral_strong").search(previous)
    ):
        # "Chiều 2/11, Đại tướng ... chủ trì lễ đón ông X, Bộ trưởng ... Hoa Kỳ. Ngay sau lễ đón, hai bên
        # tiến hành hội đàm": talks of "both sides", naming neither, are with the country the sentence
        # before named, on the day that opens it (unless that sentence told of the talks already)
        carried = [_as_country(gaz, previous, h) for h in gaz.find(previous)]
        countries = list(
            dict.fromkeys(h.key for h in _parties(carried, self_code, _venue_starts(rules, previous, carried)))
        )
        own = own or earlier()
        if own is None:
            return None
    if not countries:
        return None
    joint = _between_others(rules, text, hits, self_code, venue)
    if own is None and found and not sideline and _opens(rules, text, found[0]):
        own = found[0]  # "On 20 November, Teodoro met with the Lao Minister ... to sign the MoU": the sentence's day
    if own is None and followed is not None and rules.lang not in followed.languages:
        around = hits + gaz.find(previous)
        named = {h.key for h in around if h.kind in {"country", "demonym", "person"}}
        sides = {h.key for h in around if h.kind == "demonym"} - set(countries) - {followed.code}
        if followed.code not in named and sides:
            # "led the Philippine delegation ... At the sidelines, he met with counterparts from ...":
            # another country's round of meetings, dated by nothing of its own, is not the beat's
            return None
    mains = [m.key for m in mentions if sideline and m.start > sideline.start()]
    if sideline and not mains:
        # "Nhân dịp tham dự Hội nghị X, ... đã tiếp xúc bên lề với ...": the occasion named before the cue
        mains = [m.key for m in mentions if m.ref and m.end <= sideline.start()]
    if not sideline:
        # "Trong khuôn khổ ADMM Hẹp lần này, Bộ trưởng sẽ có cuộc gặp song phương ...": the meeting whose
        # framework the talks are held in
        within = rules.re("within_before")
        mains = [
            m.key
            for m in mentions
            if m.end <= cue.start() and within.search(text, max(0, m.start - W.BEFORE_NAME), m.start)
        ]
    if own is None and not mains:
        return None
    if joint:
        countries = joint
    where = _venue(gaz, rules, text, hits)
    if carried is not None and where[0] is None:
        where = _venue(gaz, rules, previous, carried)
    planned = rules.re("planned").search(text, max(0, cue.start() - W.VERB_CUE_REACH), cue.start()) is not None
    return Sideline(sent, countries, mains, own, joint=bool(joint), venue=where, planned=planned)


def person_cue(rules: Rules, text: str, hits: list[Hit]) -> re.Match[str] | None:
    """ "Rajnath Singh and Admiral Dong Jun met on the sidelines", "chủ trì lễ đón Đại tướng Vong Pisen": the
    ``bilateral_person`` cue, a meeting word, when the sentence names people (people.yaml) of exactly two
    countries: it names their meeting."""
    if len({h.key for h in hits if h.kind == "person"}) != 2:  # noqa: PLR2004 - two sides
        return None
    return rules.re("bilateral_person").search(text)


def _people_with_sides(hits: list[Hit]) -> list[Hit]:
    """A person names a side only in a sentence that names another side too ("General Giang welcoming Chan
    Chun Sing"); "The Asean army chiefs called on Defence Minister Ng Eng Hen" is no one country's meeting."""
    if len({h.key for h in hits if h.kind in _SIDES}) >= 2:  # noqa: PLR2004 - two sides
        return hits
    return [h for h in hits if h.kind != "person"]


def _only_counterpart(rules: Rules, text: str) -> bool:
    """Every strong bilateral cue of ``text`` is a word that only names a counterpart (the ``counterpart_word`` cue)."""
    words = [m.span() for m in rules.re("counterpart_word").finditer(text)]
    return bool(words) and all(
        any(a <= m.start() < b for a, b in words) for m in rules.re("bilateral_strong").finditer(text)
    )


def _venue_starts(rules: Rules, text: str, hits: list[Hit]) -> set[int]:
    """ "in Jakarta, Indonesia": where they met, not whom they met — that name only: the same country
    named again ("... met the Defence Minister of Indonesia") is a counterpart."""
    venue: set[int] = set()
    for i, h in enumerate(hits):
        if not rules.re("venue_before").search(text[max(0, h.start - W.VENUE_WORD_BEFORE) : h.start]):
            continue
        if h.kind == "country":
            venue.add(h.start)
        elif h.kind == "place" and i + 1 < len(hits):
            nxt = hits[i + 1]
            if nxt.kind == "country" and _CITY_COUNTRY.fullmatch(text, h.end, nxt.start):
                venue.add(nxt.start)
    return venue


def _parties(hits: list[Hit], self_code: str | None, venue: set[int]) -> list[Hit]:
    """The countries named (by name, demonym or one of their people), but the followed one and the venue's."""
    return [h for h in hits if h.kind in _SIDES and h.key != self_code and h.start not in venue]


def _venue(gaz: Gazetteer, rules: Rules, text: str, hits: list[Hit]) -> tuple[str | None, str | None, str | None]:
    """ "... đã có các cuộc gặp song phương ... tại Bangkok": the city the sentence gives as the venue."""
    for h in hits:
        if h.kind == "place" and rules.re("venue_before").search(text[max(0, h.start - 30) : h.start]):
            place = gaz.places[h.key]
            return place.name.get("en", h.key), place.country.code, h.key
    return None, None, None


def _between_others(rules: Rules, text: str, hits: list[Hit], self_code: str | None, venue: set[int]) -> list[str]:
    """ "US Defence Secretary A and Chinese Defence Minister B held talks", "cuộc gặp ... giữa Bộ trưởng
    Quốc phòng Mỹ và người đồng cấp Trung Quốc": two other countries named as the sides (before the
    meeting word, or after "between") met each other: one meeting, not one with each."""
    person = person_cue(rules, text, hits)
    cues = [
        m for m in (rules.re("bilateral_strong").search(text), rules.re("bilateral_weak").search(text), person) if m
    ]
    if not cues:
        return []
    cue = min(cues, key=lambda m: m.start())
    between = rules.re("between").search(text, cue.start())  # (in the cue too: "meeting between")
    sides = [h for h in hits if h.kind in _SIDES and h.start not in venue]
    if between is not None and between.start() - cue.end() <= W.VENUE_REACH:
        after = list(dict.fromkeys(h.key for h in sides if h.start >= between.end()))[
            :2
        ]  # a country and its minister: one side
        if len(after) == 2 and self_code not in after:  # noqa: PLR2004 - two sides
            return after
    # "Bộ trưởng Hàn Quốc A và người đồng cấp Nhật Bản B đã hội đàm song phương bên lề ...": the sides
    # are those named before the last cue of the clause (a counterpart's word may come between them)
    sideline = rules.re("sideline").search(text)
    names = (
        ("bilateral_strong", "bilateral_weak", "bilateral_person") if person else ("bilateral_strong", "bilateral_weak")
    )
    last = max(
        (
            m.start()
            for name in names
            for m in rules.re(name).finditer(text, 0, sideline.start() if sideline else len(text))
        ),
        default=cue.start(),
    )
    before = list(dict.fromkeys(h.key for h in sides if h.end <= last))
    if any(h.start >= cue.end() for h in sides):
        # "Rajnath Singh held talks with Japanese ... and met Chinese ...": the subject's person is a side only
        # where the sides are all named before the cue ("Rajnath Singh and Dong Jun met")
        before = list(dict.fromkeys(h.key for h in sides if h.end <= last and h.kind != "person"))
    if len(before) >= 2 and self_code not in before:  # noqa: PLR2004 - two sides
        return before[:2]
    return []


def _opens(rules: Rules, text: str, m: Mention) -> bool:
    """ "On 20 November, ...": a date that opens the sentence dates each of its clauses."""
    return bool(
        rules.re("date_opening_before").search(text, max(0, m.start - W.BEFORE_NAME), m.start)
        and rules.re("date_opening_after").match(text[m.end : m.end + W.AFTER_NAME])
    )


def _beat(rules: Rules, text: str) -> bool:
    """The sentence has one of the beat's words (``unknown_topic``, ``bilateral_topic``)."""
    return bool(rules.re("unknown_topic").search(text) or rules.re("bilateral_topic").search(text))


def _as_country(gaz: Gazetteer, text: str, hit: Hit) -> Hit:
    """ "Singapore" is a city and a country: as a counterpart, it is the country."""
    if hit.kind != "place":
        return hit
    country = gaz.places[hit.key].country
    names = {fold(n) for n in (*country.name.values(), *country.aliases)}
    return Hit(hit.start, hit.end, "country", country.code) if fold(text[hit.start : hit.end]) in names else hit


def _nearest(ordered: list[Candidate], at: int) -> list[Candidate]:
    """The candidates (in text order) just before and just after offset ``at``."""
    i = bisect_left([c.span[0] for c in ordered], at) if len(ordered) < 64 else _bisect_spans(ordered, at)  # noqa: PLR2004
    return ordered[max(0, i - 1) : i + 1]


def _bisect_spans(ordered: list[Candidate], at: int) -> int:
    lo, hi = 0, len(ordered)
    while lo < hi:
        mid = (lo + hi) // 2
        if ordered[mid].span[0] < at:
            lo = mid + 1
        else:
            hi = mid
    return lo


def candidates(
    gaz: Gazetteer,
    sidelines: list[Sideline],
    meetings: list[Candidate],
    published: date | None,
    context_year: int | None,
    title: Callable[[str, int | None, tuple[str, ...]], str],
    issue_day: tuple[int, int] | None = None,
) -> list[Candidate]:
    """One bilateral candidate per counterpart of each sideline sentence (``issue_day``: the (month, day)
    of a dateline with no year, that "today" and a weekday count from when no day is published)."""
    by_series: dict[str, list[Candidate]] = {}
    for c in meetings:
        by_series.setdefault(c.series, []).append(c)
    out: list[Candidate] = []
    for s in sidelines:
        start: Point | None = None
        end: Point | None = None
        city = country = place = None
        status = Status.PLANNED if s.planned else Status.HELD
        confidence = W.BILATERAL_MAIN_DATE
        if s.own is not None:
            resolved = resolve(s.own, published, context_year, "future" if s.planned else "past", s.anchor)
            if resolved is None and s.own.relative in {"next_day", "same_day"} and s.loose_anchor is not None:
                resolved = yearless(s.own, *s.loose_anchor)
            elif resolved is None and issue_day is not None:
                resolved = yearless(s.own, *issue_day)
            if resolved is None or resolved.start is None:
                continue
            start, end = resolved.start, resolved.end
            confidence = (
                W.BILATERAL_OWN_DATE
                if resolved.year_source in {"text", "published", "relative"}
                else W.BILATERAL_WEAK_YEAR
            )
        main_events = [c for key in dict.fromkeys(s.mains) for c in by_series.get(key, [])[:1]]
        main = min(
            (c for key in dict.fromkeys(s.mains) for c in _nearest(by_series.get(key, []), s.sentence.start)),
            key=lambda c: abs(c.span[0] - s.sentence.start),
            default=None,
        )
        city, country, place = s.venue if main is None else (main.city, main.country, main.place)
        if main is not None and start is None:
            start = main.start
            if len(set(s.mains)) > 1 or len(main_events) != len(s.mains):
                start = replace(start, day=None)  # on the sidelines of several meetings: the day is not known
            status = Status.PLANNED if s.planned else main.status
        if start is None:
            continue
        part_of: dict[str, object] | None = (
            {"series": main.series, "ordinal": main.ordinal, "start": str(main.start)} if main is not None else None
        )
        for codes in [tuple(s.countries)] if s.joint else [(code,) for code in s.countries]:
            out.append(
                Candidate(
                    series=gaz.bilateral,
                    ordinal=None,
                    title=title(gaz.bilateral, None, codes),
                    start=start,
                    end=end,
                    city=city,
                    country=country,
                    place=place,
                    status=status,
                    evidence=s.sentence.text,
                    span=(s.sentence.start, s.sentence.end),
                    confidence=confidence,
                    countries=codes,
                    part_of=part_of,
                )
            )
    return out


def signings(
    gaz: Gazetteer,
    rules: Rules,
    sents: list[Sentence],
    found: list[Candidate],
    title: Callable[[str, int | None, tuple[str, ...]], str],
) -> list[Candidate]:
    """ "Hai bên còn ký thỏa thuận ..." (the ``signed_at`` cue) in a sentence with no day of its own: the
    two sides signed a document at their talks, an agreement (``relation: agreement``) on the day of the
    bilateral meeting the article dates nearest before the sentence, else first after it."""
    if gaz.agreement is None:
        return []
    talks = sorted((c for c in found if c.series == gaz.bilateral and c.start.day is not None), key=lambda c: c.span)
    if not talks:
        return []
    cue = rules.re("signed_at")
    signed = {c.span[0] for c in found if c.series == gaz.agreement}
    out: list[Candidate] = []
    for sent in sents:
        if sent.start in signed or cue.search(sent.text) is None:
            continue
        if any(m.day is not None or m.relative is not None for m in D.find(sent.text, lang=rules.lang)):
            continue  # a day of its own: the sentence's dates are read as any other
        before = [c for c in talks if c.span[0] <= sent.start]
        at = before[-1] if before else talks[0]
        out.append(
            replace(
                at,
                series=gaz.agreement,
                title=title(gaz.agreement, None, ()),
                evidence=sent.text,
                span=(sent.start, sent.end),
                countries=(),
                part_of=None,
            )
        )
    return out
