"""`timeline extract`: date phrases, events, places, status, year inference, HTML, CLI, --write."""

from __future__ import annotations

import json
import re
import shutil
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from timeline.cli import main
from timeline.evaluate import Score, load_gold, predict
from timeline.extract import Gazetteer, extract
from timeline.extract import dates as D
from timeline.extract.candidate import Options
from timeline.normalise import normalise

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "data"
GOLD = REPO / "tests" / "gold"


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer(normalise(DATA))


@pytest.fixture
def data(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


def one(text: str, published: date | None = None, tense: str | None = None, anchor: date | None = None) -> str:
    found = D.find(text)
    assert len(found) == 1, found
    resolved = D.resolve(found[0], published, None, tense, anchor)
    assert resolved is not None
    assert resolved.start is not None
    out = resolved.edtf_start + (f"/{resolved.edtf_end}" if resolved.end else "")
    return out + (f" {resolved.mod.value}" if resolved.mod else "")


# fmt: off
PHRASES = [
    ("ngày 5/3", date(2024, 3, 5), None, "2024-03-05"),
    ("ngày 25/9", date(2025, 9, 26), None, "2025-09-25"),
    ("(30/4/2025)", None, None, "2025-04-30"),
    ("ngày 4-9", date(2025, 9, 10), None, "2025-09-04"),
    ("19-22/11", date(2025, 11, 1), "future", "2025-11-19/2025-11-22"),
    ("tháng 11/2025", None, None, "2025-11"),
    ("tháng 3 năm 2025", None, None, "2025-03"),
    ("cuối năm 2024", None, None, "2024 late"),
    ("đầu tháng 12", date(2025, 11, 20), "future", "2025-12 early"),
    ("sáng nay (19/12)", date(2025, 12, 19), None, "2025-12-19"),
    ("hôm qua", date(2025, 12, 19), None, "2025-12-18"),
    ("vừa qua", date(2025, 9, 26), None, "2025"),
    ("5 March 2024", None, None, "2024-03-05"),
    ("March 5", date(2024, 3, 6), "past", "2024-03-05"),
    ("from August 2 to 3", date(2023, 8, 1), "future", "2023-08-02/2023-08-03"),
    ("on Wednesday", date(2025, 9, 25), "past", "2025-09-24"),
    ("yesterday", date(2025, 2, 26), None, "2025-02-25"),
    ("the next day", None, None, "2025-09-25"),
    ("in November", date(2025, 2, 26), "future", "2025-11"),
    ("từ ngày 14 đến 17-11", date(2023, 11, 14), None, "2023-11-14/2023-11-17"),
    ("30/10-2/11", date(2025, 10, 30), None, "2025-10-30/2025-11-02"),
    ("October 31 to November 1, 2025", None, None, "2025-10-31/2025-11-01"),
]
# fmt: on


@pytest.mark.parametrize(("phrase", "published", "tense", "expected"), PHRASES, ids=[p[0] for p in PHRASES])
def test_date_phrase(phrase: str, published: date | None, tense: str | None, expected: str) -> None:
    anchor = date(2025, 9, 24) if phrase == "the next day" else None
    assert one(phrase, published, tense, anchor) == expected


@pytest.mark.parametrize(
    "text",
    [
        "lần thứ 12",
        "the 12th meeting",
        "kỷ niệm 50 năm",
        "10 nước thành viên",
        "tăng 25%",
        "thứ 5",
        "chu kỳ 2024-2027",
        "ADMM-19",
    ],
)
def test_not_a_date(text: str) -> None:
    assert D.find(text) == []


def test_day_first_always() -> None:
    assert one("ngày 5/3/2024") == "2024-03-05"  # 5 March, never 3 May


def test_no_year_stays_unknown_and_confidence_drops(gaz: Gazetteer) -> None:
    ex = extract("Sáng 18/5, tại Phnom Penh, Campuchia đã diễn ra Hội nghị ADSOM+.", gaz, lang="vi")
    (c,) = ex.candidates
    assert str(c.start) == "XXXX-05-18"
    assert c.confidence < 0.5
    assert c.city == "Phnom Penh"
    assert c.country == "KH"


def test_year_from_published_and_tense(gaz: Gazetteer) -> None:
    past = extract("Ngày 20/12, Hội nghị ADSOM đã diễn ra tại Hà Nội.", gaz, lang="vi", published=date(2025, 1, 10))
    assert [str(c.start) for c in past.candidates] == ["2024-12-20"]
    future = extract("Hội nghị ADSOM+ dự kiến diễn ra vào tháng 2 tới.", gaz, lang="vi", published=date(2024, 12, 10))
    assert [(str(c.start), c.status) for c in future.candidates] == [("2025-02", "planned")]


def test_year_from_the_article(gaz: Gazetteer) -> None:
    text = "Sáng ngày 17/11, Hội nghị ADSOM đã diễn ra. Việt Nam là Chủ tịch ASEAN năm 2020."
    (c,) = extract(text, gaz, lang="vi").candidates
    assert str(c.start) == "2020-11-17"
    assert c.confidence < 0.95


def test_ordinal_is_never_the_day(gaz: Gazetteer) -> None:
    text = "Các bên chuẩn bị cho Hội nghị ADMM+ lần thứ 12 dự kiến diễn ra vào tháng 11/2025."
    (c,) = extract(text, gaz, lang="vi", published=date(2025, 9, 26)).candidates
    assert (c.series, c.ordinal, str(c.start), c.status) == ("admm-plus", 12, "2025-11", "planned")


def test_dateline_is_not_the_venue(gaz: Gazetteer) -> None:
    text = "KUALA LUMPUR — Delegates attended the ASEAN Defence Senior Officials' Meeting (ADSOM) held on Wednesday."
    (c,) = extract(text, gaz, lang="en", published=date(2025, 9, 25)).candidates
    assert (c.series, str(c.start), c.city, c.country) == ("adsom", "2025-09-24", None, None)
    text = "KUALA LUMPUR — The ADSOM was held in Johor, Malaysia, on Wednesday."
    (c,) = extract(text, gaz, lang="en", published=date(2025, 9, 25)).candidates
    assert (c.city, c.country) == ("Johor", "MY")


def test_departure_date_is_not_the_meeting_date(gaz: Gazetteer) -> None:
    text = "Sáng 30/10, Đại tướng Phan Văn Giang rời Hà Nội lên đường tham dự Hội nghị ADMM-19 tại Kuala Lumpur."
    assert extract(text, gaz, lang="vi", published=date(2025, 10, 30)).candidates == ()
    text = "Đoàn đại biểu tham dự ADMM-19, ADMM+ lần thứ 12 và các hoạt động liên quan từ ngày 30/10-2/11."
    assert extract(text, gaz, lang="vi", published=date(2025, 10, 30)).candidates == ()


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("The ADMM-Plus scheduled for November 19 was postponed.", "postponed"),
        ("The ADMM Retreat planned for March 5 was cancelled.", "cancelled"),
        ("The ADSOM was held on March 5.", "held"),
        ("The ADSOM will take place on March 25.", "planned"),
    ],
)
def test_status_from_the_verbs(gaz: Gazetteer, text: str, status: str) -> None:
    (c,) = extract(text, gaz, lang="en", published=date(2025, 3, 10)).candidates
    assert c.status == status


def test_series_names_and_aliases(gaz: Gazetteer) -> None:
    for text, key in [
        ("Hội nghị ADMM Hẹp đã diễn ra ngày 5/3.", "admm-retreat"),
        ("Hội nghị ADSOM+ đã diễn ra ngày 5/3.", "adsom-plus"),
        ("Hội nghị quan chức quốc phòng cấp cao ASEAN mở rộng đã diễn ra ngày 5/3.", "adsom-plus"),
        ("The ADMM-Plus was held on March 5.", "admm-plus"),
        ("The ASEAN Defence Ministers’ Meeting (ADMM) Retreat was held on March 5.", "admm-retreat"),
    ]:
        (c,) = extract(text, gaz, published=date(2025, 3, 10)).candidates
        assert c.series == key, text


def test_html_input(gaz: Gazetteer) -> None:
    raw = (
        "<html><head><title>x</title><script>var d = 'ngày 9/9';</script></head><body>"
        "<p>Ngày 5/3 tại Luang Prabang, Lào, Hội nghị ADMM Hẹp đã diễn ra.</p></body></html>"
    )
    ex = extract(raw, gaz, lang="auto", published=date(2024, 3, 5))
    (c,) = ex.candidates
    assert ex.lang == "vi"
    assert (str(c.start), c.city, c.country) == ("2024-03-05", "Luang Prabang", "LA")
    assert ex.text[c.span[0] : c.span[1]] == c.evidence
    assert "9/9" not in ex.text


def test_no_language_is_assumed(gaz: Gazetteer) -> None:
    """The engine's options have no default language: the caller passes one, or `auto` detects it
    (an English article is not read with the Vietnamese rules because nobody said otherwise)."""
    with pytest.raises(TypeError):
        Options()  # type: ignore[call-arg]
    text = "The 12th ADMM-Plus was held in Kuala Lumpur on November 1, 2025."
    ex = extract(text, gaz, published=date(2025, 11, 2))  # lang: auto by default
    assert ex.lang == "en"
    assert [(c.series, str(c.start)) for c in ex.candidates] == [("admm-plus", "2025-11-01")]


def test_json_from_stdin() -> None:
    text = "Ngày 5/3 tại Luang Prabang, Lào, Hội nghị ADMM Hẹp đã diễn ra."
    result = CliRunner().invoke(
        main,
        ["extract", "-", "--format", "json", "--lang", "vi", "--published", "2024-03-05", "--data", str(DATA)],
        input=text,
    )
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    assert doc["file"] == "-"
    (event,) = doc["events"]
    assert set(event) >= {
        "series",
        "ordinal",
        "title",
        "start",
        "end",
        "city",
        "country",
        "status",
        "evidence",
        "span",
        "confidence",
    }
    assert event["series"] == "admm-retreat"
    assert event["start"] == "2024-03-05"
    assert event["status"] in {"planned", "confirmed", "held", "postponed", "cancelled"}
    assert text[event["span"][0] : event["span"][1]] == event["evidence"]
    assert 0 <= event["confidence"] <= 1


def test_several_files_give_an_array(tmp_path: Path) -> None:
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text("The ADSOM was held on March 5.", encoding="utf-8")
    args = [
        "extract",
        str(tmp_path / "a.txt"),
        str(tmp_path / "b.txt"),
        "--format",
        "json",
        "--published",
        "2025-03-10",
    ]
    result = CliRunner().invoke(main, [*args, "--data", str(DATA)])
    assert result.exit_code == 0, result.output
    assert [d["file"] for d in json.loads(result.output)] == [(tmp_path / n).as_posix() for n in ("a.txt", "b.txt")]


def test_bad_published_is_a_clear_error() -> None:
    result = CliRunner().invoke(main, ["extract", "-", "--published", "2025-13-01", "--data", str(DATA)], input="x")
    assert result.exit_code == 1
    assert "--published: published: '2025-13-01' is not a date; write it as YYYY-MM-DD" in result.output


def _snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _write(data: Path, article: Path, published: str, lang: str = "vi") -> str:
    url = f"https://news.example.org/{article.stem}"  # its text is not committed: it is cached by URL
    args = ["extract", str(article), "--lang", lang, "--published", published, "--url", url, "--write"]
    args += ["--data", str(data)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    return result.output


def test_write_new_event_then_nothing(data: Path, tmp_path: Path) -> None:
    # 1999: before the ADSOM existed, so the real data can never already hold this meeting.
    article = tmp_path / "adsom-jakarta.txt"
    article.write_text("Ngày 2/8, Hội nghị ADSOM đã diễn ra tại Jakarta, Indonesia.\n", encoding="utf-8")
    before = _snapshot(data)
    out = _write(data, article, "1999-08-02")
    assert "added" in out
    ds = normalise(data)  # what --write adds passes `timeline check`
    assert [e.when.edtf for e in ds.events if e.series.key == "adsom" and e.when.first_day.year == 1999] == [
        "1999-08-02"
    ]
    after = _snapshot(data)
    assert after != before
    _write(data, article, "1999-08-02")
    assert _snapshot(data) == after


def test_write_merges_a_matching_candidate_as_a_source(data: Path, tmp_path: Path) -> None:
    article = tmp_path / "johor.txt"
    article.write_text("Ngày 25/9, Hội nghị ADSOM+ đã được tổ chức tại Johor (Malaysia).\n", encoding="utf-8")
    old = normalise(data)
    cited = len(next(e for e in old.events if e.id == "2025-09-25-adsom-plus").sources)
    out = _write(data, article, "2025-09-26")
    assert "cited as a further source" in out
    ds = normalise(data)
    assert len(ds.events) == len(old.events)
    event = next(e for e in ds.events if e.id == "2025-09-25-adsom-plus")
    assert len(event.sources) == cited + 1
    after = _snapshot(data)
    _write(data, article, "2025-09-26")
    assert _snapshot(data) == after


def test_write_upgrades_precision(data_copy: Path, tmp_path: Path) -> None:
    """On the fixture, whose 12th ADMM-Plus is still planned for November 2025."""
    data = data_copy
    article = tmp_path / "admm-plus.txt"
    article.write_text(
        "Ngày 1/11, tại Kuala Lumpur, Malaysia, Hội nghị ADMM+ lần thứ 12 đã diễn ra.\n", encoding="utf-8"
    )
    _write(data, article, "2025-11-01")
    event = next(e for e in normalise(data).events if e.id == "2025-11-admm-plus-12")
    assert (event.when.edtf, event.status.value, len(event.sources)) == ("2025-11-01", "held", 2)


@pytest.mark.parametrize(
    ("source", "published"), [("vtc-2024-03-admm-retreat", "2024-03-05"), ("2025-09-adsom-plus-johor", "2025-09-26")]
)
def test_seed_articles_change_nothing(data: Path, source: str, published: str) -> None:
    before = _snapshot(data)
    _write(data, data / "sources" / f"{source}.txt", published)
    assert _snapshot(data) == before


def test_seed_articles_every_dated_event_found(gaz: Gazetteer) -> None:
    for article in load_gold(GOLD):
        if article.split != "seed":
            continue
        score = Score()
        score.add(predict(article, gaz), list(article.events))
        assert score.loose == score.gold, article.id
        assert score.false_precision == 0


def test_gold_files_are_well_formed() -> None:
    articles = load_gold(GOLD)
    assert len(articles) >= 12
    assert {a.lang for a in articles} >= {"vi", "en"}
    assert len({a.id for a in articles}) == len(articles)
    for article in articles:
        assert re.fullmatch(r"[a-z]{2}", article.lang), article.id
        assert re.fullmatch(r"[a-z][a-z0-9-]*", article.split), article.id
        assert article.path.stem == article.id
        assert article.url or article.split == "seed"
        for event in article.events:
            assert event["status"] in {"planned", "confirmed", "held", "postponed", "cancelled"}


def test_output_is_deterministic(gaz: Gazetteer) -> None:
    text = (DATA / "sources" / "2025-09-adsom-plus-johor.txt").read_text(encoding="utf-8")
    first = extract(text, gaz, lang="vi", published=date(2025, 9, 26))
    assert first == extract(text, gaz, lang="vi", published=date(2025, 9, 26))
