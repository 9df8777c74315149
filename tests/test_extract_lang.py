"""The language files of `timeline extract` (timeline/extract/lang/*.yaml): every cue finds each of
its examples and none of its counter-examples; the engine applies only the article's language."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from timeline.cli import main
from timeline.extract import Gazetteer, detect_language, extract
from timeline.extract import dates as D
from timeline.extract import grammar as G
from timeline.extract.rules import CUES, RulesError, languages, load, read
from timeline.normalise import normalise

DATA = Path(__file__).resolve().parent.parent / "data"

CASES = [
    (lang, name, example, True)
    for lang in languages()
    for name, cue in load(lang).cues.items()
    for example in cue.examples
] + [(lang, name, text, False) for lang in languages() for name, cue in load(lang).cues.items() for text in cue.counter]


def test_there_are_languages_and_every_file_has_every_cue() -> None:
    assert {"en", "vi"} <= set(languages())
    for lang in languages():
        assert set(CUES) <= set(load(lang).cues), lang


@pytest.mark.parametrize(
    ("lang", "cue", "text", "found"), CASES, ids=[f"{c[0]}-{c[1]}-{i}" for i, c in enumerate(CASES)]
)
def test_every_rule_example(lang: str, cue: str, text: str, found: bool) -> None:
    assert (load(lang).re(cue).search(text) is not None) is found


DATE_CASES = [
    (lang, rule.name, text, value)
    for lang in languages()
    for rule in G.load(lang).rules
    if rule.lang == lang or lang == languages()[0]  # the common rules once
    for text, value in [*rule.examples, *((t, None) for t in rule.counter)]
]


@pytest.mark.parametrize(
    ("lang", "rule", "text", "value"), DATE_CASES, ids=[f"{c[0]}-{c[1]}-{i}" for i, c in enumerate(DATE_CASES)]
)
def test_every_date_rule_example(lang: str, rule: str, text: str, value: str | None) -> None:
    # the article language's whole grammar reads the example as exactly one phrase, by this rule
    # (a counter-example: no phrase at all)
    found = D.find(text, lang=lang)
    if value is None:
        assert found == []
        return
    assert [D.describe(m) for m in found] == [value]
    (own,) = [r for r in G.load(lang).rules if r.name == rule]
    assert own.pattern.search(text) is not None


def test_every_language_has_date_rules_with_examples() -> None:
    for lang in languages():
        own = [r for r in G.load(lang).rules if r.lang == lang]
        assert own, lang
        assert all(r.examples for r in own), [r.name for r in own if not r.examples]


def test_a_date_rule_with_an_unknown_placeholder_is_a_clear_error() -> None:
    with pytest.raises(RulesError, match=r"\{monht\} is no fragment"):
        G._expand("lang/xx.yaml: dates.rules[0]", "{monht:m} {day:d}", {"day": "[0-3]?\\d"})


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer(normalise(DATA))


def test_no_vietnamese_rule_fires_on_english_text() -> None:
    # "5/3" is a Vietnamese day-first date; in an English article it is no date at all
    assert [m.text for m in D.find("The vote was 5/3 in favour.", lang="en")] == []
    assert [m.text for m in D.find("Ngày 5/3, hội nghị diễn ra.", lang="vi")] == ["Ngày 5/3"]


def test_relative_weeks_count_from_the_published_day(gaz: Gazetteer) -> None:
    found = extract("The ADMM Retreat will be held next week.", gaz, lang="en", published=date(2025, 2, 12)).candidates
    assert [(c.series, str(c.start), (str(c.end) if c.end else None), c.status) for c in found] == [
        ("admm-retreat", "2025-02", None, "planned")
    ]
    found = extract("Hội nghị ADSOM sẽ diễn ra vào tuần tới.", gaz, lang="vi", published=date(2025, 9, 29)).candidates
    assert [(c.series, str(c.start), (str(c.end) if c.end else None)) for c in found] == [("adsom", "2025-10", None)]
    # a week across two months keeps both
    found = extract("The ADSOM was held last week.", gaz, lang="en", published=date(2025, 11, 5)).candidates
    assert [(str(c.start), (str(c.end) if c.end else None), c.status) for c in found] == [
        ("2025-10", "2025-11", "held")
    ]


def test_a_vietnamese_weekday(gaz: Gazetteer) -> None:
    found = extract("Thứ Bảy, Hội nghị ADMM+ đã diễn ra.", gaz, lang="vi", published=date(2025, 11, 3)).candidates
    assert [str(c.start) for c in found] == ["2025-11-01"]
    assert D.find("Hội nghị lần thứ năm", lang="vi") == []


@pytest.mark.parametrize(
    ("lang", "n", "title"),
    [("en", 12, "12th ADMM-Plus"), ("en", 21, "21st ADMM-Plus"), ("en", 111, "111th ADMM-Plus"),
     ("vi", 12, "ADMM-Plus lần thứ 12"), ("ms", 12, "ADMM-Plus ke-12"), ("id", 2, "ADMM-Plus ke-2")],
)  # fmt: skip
def test_a_title_with_an_ordinal_is_the_language_file_s(lang: str, n: int, title: str) -> None:
    assert load(lang).numbered("ADMM-Plus", n) == title


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("The ASEAN defence ministers met in Kuala Lumpur on Friday to discuss maritime security.", "en"),
        ("Các Bộ trưởng Quốc phòng ASEAN đã họp tại Kuala Lumpur để thảo luận về an ninh hàng hải.", "vi"),
        (
            "Menteri-menteri pertahanan ASEAN telah bersidang di Kuala Lumpur dan beliau berkata bahawa "
            "kerjasama itu penting kerana rantau ini berdepan cabaran.",
            "ms",
        ),
        (
            "Para menteri pertahanan ASEAN telah bertemu di Jakarta dan Menhan mengatakan bahwa kerja sama "
            "itu penting karena kawasan ini menghadapi tantangan.",
            "id",
        ),
    ],
)
def test_auto_picks_the_language_whose_marks_are_most_frequent(text: str, lang: str) -> None:
    assert detect_language(text) == lang


def test_a_language_file_with_a_base_replaces_what_it_names_and_keeps_the_rest() -> None:
    bases = {lang: read(lang).get("base") for lang in languages()}
    assert any(bases.values())  # id.yaml starts from ms.yaml
    for lang, base in bases.items():
        if base is None:
            continue
        own, under = G.load(lang), G.load(base)
        assert set(load(lang).cues) == set(load(base).cues), lang
        assert [r.name for r in under.rules] == [r.name for r in own.rules][: len(under.rules)], lang
        assert own.months != under.months, lang  # its own month names replace the base's


def test_lang_takes_only_a_language_with_rules() -> None:
    result = CliRunner().invoke(main, ["extract", "-", "--lang", "xx", "--data", str(DATA)], input="x")
    assert result.exit_code == 2
    assert "'xx' is not one of" in result.output
    assert all(f"'{lang}'" in result.output for lang in languages())


@pytest.mark.parametrize(
    ("lang", "text", "published", "expected"),
    [
        ("ms", "Mesyuarat Menteri-Menteri Pertahanan ASEAN ke-19 akan diadakan di Kuala Lumpur pada 31 Oktober 2025.",
         None, [("admm", 19, "2025-10-31", None, "planned", "Kuala Lumpur")]),
        ("ms", "KUALA LUMPUR, 1 Nov (Bernama) -- Mesyuarat Menteri-Menteri Pertahanan ASEAN-Plus ke-12 diadakan hari ini.",
         date(2025, 11, 1), [("admm-plus", 12, "2025-11-01", None, "held", None)]),
        ("ms", "Retreat ADMM akan diadakan minggu depan.", date(2025, 2, 19),
         [("admm-retreat", None, "2025-02", "2025-03", "planned", None)]),
        ("ms", "BANDAR SERI BEGAWAN, 10 NOV – Menteri-menteri pertahanan ASEAN, hari ini, telah bersidang secara dalam "
         "talian bagi Retreat Mesyuarat Menteri-menteri Pertahanan ASEAN (ADMM).",
         None, [("admm-retreat", None, "XXXX-11-10", None, "held", None)]),
        ("id", "Pertemuan Kepala Staf Angkatan Laut se-ASEAN ke-19 telah berlangsung pada 18–21 Agustus 2025 di Pulau Penang.",
         None, [("ancm", 19, "2025-08-18", "2025-08-21", "held", "Penang")]),
        ("id", "Konferensi ke-17 Panglima Angkatan Udara ASEAN (AACC) diadakan secara virtual pada Kamis (26/11).",
         date(2020, 11, 27), [("aacc", 17, "2020-11-26", None, "held", None)]),
        ("id", "Menhan dijadwalkan menghadiri rangkaian ADMM Retreat dan ADMM-Plus ke-6 tanggal 16 sampai dengan 18 November 2019 di Bangkok.",
         None, [("admm-plus", 6, "2019-11-16", "2019-11-18", "planned", "Bangkok"),
                ("admm-retreat", None, "2019-11-16", "2019-11-18", "planned", "Bangkok")]),
        # "dan" between a date and the next name: the date is the item's before it (the and_word cue)
        ("id", "Kemhan telah melaksanakan ADSOM pada 2-3 Februari 2021 dan ADSOM WG kedua pada 22-23 Maret 2021.",
         None, [("adsom", None, "2021-02-02", "2021-02-03", "held", None),
                ("adsom-wg", None, "2021-03-22", "2021-03-23", "held", None)]),
        # the date that closes the sentence is its main clause's, past the venue's names (date_closing_after)
        ("id", "Panglima TNI memimpin sidang ASEAN Chiefs of Defence Forces Meeting (ACDFM) ke-20 yang diselenggarakan "
               "di Ballroom Hotel Mulia, Nusa Dua, Bali, Rabu (7/6/2023).",
         None, [("acdfm", 20, "2023-06-07", None, "held", "Bali")]),
        # no published day: "hari ini" is the day of a dateline without its year (as in every language), and
        # "Retreat <the ADMM's name> (ADMM)" is the retreat, not the ADMM its acronym names
        ("ms", "BANDAR SERI BEGAWAN, 10 NOV – Menteri-menteri pertahanan ASEAN hari ini telah bersidang secara "
               "dalam talian bagi Retreat Mesyuarat Menteri-menteri Pertahanan ASEAN (ADMM).",
         None, [("admm-retreat", None, "XXXX-11-10", None, "held", None)]),
    ],
)  # fmt: skip
def test_malay_and_indonesian_articles(
    gaz: Gazetteer, lang: str, text: str, published: date | None, expected: list[tuple[object, ...]]
) -> None:
    found = extract(text, gaz, lang=lang, published=published).candidates
    got = [(c.series, c.ordinal, str(c.start), str(c.end) if c.end else None, c.status, c.city) for c in found]
    assert sorted(got) == sorted(expected)


def test_a_bilateral_meeting_on_the_sidelines_in_malay(gaz: Gazetteer) -> None:
    text = (
        "Di sela-sela ADMM Retreat pada 26 Februari 2025, Mohamed Khaled mengadakan mesyuarat dua hala "
        "dengan Menteri Pertahanan Jepun."
    )
    found = extract(text, gaz, lang="ms").candidates
    assert [(c.series, str(c.start), c.countries) for c in found if c.series == "bilateral"] == [
        ("bilateral", "2025-02-26", ("JP",))
    ]
