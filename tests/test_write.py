"""`extract --write` as a transaction, and line-by-line edits of event files (round trip)."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from timeline.cli import main
from timeline.edtf import Point
from timeline.errors import TimelineError
from timeline.extract import Candidate, Extraction
from timeline.extract.create import new_id, slug
from timeline.extract.merge import SourceInfo, headline, merge
from timeline.model import Status
from timeline.normalise import normalise
from timeline.roundtrip import Document, EditError
from timeline.stage import Stage

ARTICLE = "Ngày 1/11, tại Kuala Lumpur, Malaysia, Hội nghị ADMM+ lần thứ 12 đã diễn ra.\n"


def _snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _extract(data: Path, *args: str, stdin: bytes | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["extract", *args, "--lang", "vi", "--write", "--data", str(data)], input=stdin)
    return result.exit_code, result.output


def test_update_edits_only_the_lines_it_changes(data_copy: Path, tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    path = data_copy / "events" / "2025" / "2025-11-admm-plus-12.yaml"
    before = path.read_text("utf-8")
    code, out = _extract(data_copy, str(article), "--published", "2025-11-01", "--url", "https://news.example.org/a")
    assert code == 0, out
    after = path.read_text("utf-8")
    assert before.replace('when: "2025-11"', 'when: "2025-11-01"').replace("status: planned", "status: held") in after
    event = next(e for e in normalise(data_copy).events if e.id == "2025-11-admm-plus-12")
    assert (event.when.edtf, event.status.value, len(event.sources)) == ("2025-11-01", "held", 2)
    assert "wrote 2 files" in out  # the event and the source (its text is kept in the local cache)
    assert (data_copy.parent / ".timeline-cache" / "articles").is_dir()


def test_new_event_keeps_review_text_out_of_the_note(data_copy: Path, tmp_path: Path) -> None:
    article = tmp_path / "b.txt"
    article.write_text("Ngày 2/8, Hội nghị ADSOM+ đã diễn ra tại Hà Nội.\n", encoding="utf-8")
    code, out = _extract(data_copy, str(article), "--published", "2026-08-02", "--url", "https://news.example.org/b")
    assert code == 0, out
    ds = normalise(data_copy)
    event = next(e for e in ds.events if e.when.edtf == "2026-08-02")
    assert event.note == {}
    text = next((data_copy / "events").rglob(f"{event.id}.yaml")).read_text("utf-8")
    assert "review:\n" in text
    assert "confidence:" in text
    assert "Proposed by" not in text


def test_refused_write_leaves_data_byte_identical(data_copy: Path, tmp_path: Path) -> None:
    article = tmp_path / "c.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    (data_copy / "series.yaml").write_text(
        (data_copy / "series.yaml").read_text("utf-8") + "broken:\n  name: {en: x}\n", encoding="utf-8"
    )  # the data folder fails `check` (no vi name): nothing may be written
    before = _snapshot(data_copy)
    code, out = _extract(data_copy, str(article), "--published", "2025-11-01")
    assert code == 1
    assert "nothing was written" in out
    assert _snapshot(data_copy) == before


def test_failed_commit_rolls_back(data_copy: Path) -> None:
    stage = Stage(data_copy)
    first = data_copy / "sources" / "fixture-article.yaml"
    stage.write(Path("sources/fixture-article.yaml"), first.read_text("utf-8") + "note: changed\n")
    stage.write(Path("events/2031/2031-01-01-x.yaml"), "id: x\n")  # in a folder the commit creates
    stage.write(Path("zz-blocker.yaml"), "id: x\n")  # renamed last, onto a folder in the way: fails
    (data_copy / "zz-blocker.yaml").mkdir()
    before = _snapshot(data_copy)
    with pytest.raises(TimelineError, match="nothing was written"):
        stage.commit()
    assert _snapshot(data_copy) == before
    assert not list(data_copy.rglob("*.tmp"))


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(1)", "https://x.example/a\r\nb", "https://x.example/a\tb", "https://x.example/a b", "x.example"],
)
def test_url_is_validated_before_anything(data_copy: Path, tmp_path: Path, url: str) -> None:
    article = tmp_path / "d.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    before = _snapshot(data_copy)
    code, out = _extract(data_copy, str(article), "--published", "2025-11-01", "--url", url)
    assert code == 1
    assert "--url: url:" in out
    assert _snapshot(data_copy) == before


def test_stdin_must_be_utf8(data_copy: Path) -> None:
    before = _snapshot(data_copy)
    code, out = _extract(data_copy, "-", "--published", "2025-11-01", stdin=b"Ng\xe0y 1/11 ADMM+ \xff\xfe")
    assert code == 1
    assert "standard input is not UTF-8 text" in out
    assert "Traceback" not in out
    assert _snapshot(data_copy) == before


def test_new_source_title_and_publisher(data_copy: Path, tmp_path: Path) -> None:
    long_line = "Hà Nội (TTXVN) - " + "Hội nghị ADMM+ lần thứ 12 đã diễn ra ngày 1/11 tại Kuala Lumpur, Malaysia, " * 4
    article = tmp_path / "e.txt"
    article.write_text(long_line + "\n", encoding="utf-8")
    code, out = _extract(data_copy, str(article), "--published", "2025-11-01", "--url", "https://news.example.org/e")
    assert code == 0, out
    source = next(s for s in normalise(data_copy).sources.values() if s.url == "https://news.example.org/e")
    assert source.publisher == "TTXVN"
    assert source.title.endswith("…")
    assert len(source.title) <= 161
    assert long_line.startswith(source.title[:-1])
    assert not long_line[len(source.title) - 1].isalnum()  # cut between words, never mid-word


def test_headline_and_slug_cut_between_words() -> None:
    assert headline("Short title\nbody") == "Short title"
    assert headline("word " * 50).endswith("word…")
    assert slug("senior officials to meet in hanoi next march", 40) == "senior-officials-to-meet-in-hanoi-next"


def test_document_edits() -> None:
    text = (
        "# comment kept\nid: x\nwhen: '2025'   # trailing comment kept\nmod: late\nstatus: planned\n"
        'note:\n  en: >-\n    folded text\n    kept as it was\nsources:\n- source: a\n  quote: "q"\n\n# tail\n'
    )
    doc = Document(text)
    doc.set("when", "2025-11-01")
    doc.delete("mod")
    doc.set("place", "hanoi", after=("mod", "when"))
    doc.append("sources", {"source": "b", "quote": 'say "hi"'})
    assert doc.text == (
        '# comment kept\nid: x\nwhen: "2025-11-01"   # trailing comment kept\nplace: hanoi\nstatus: planned\n'
        'note:\n  en: >-\n    folded text\n    kept as it was\nsources:\n- source: a\n  quote: "q"\n'
        '- source: b\n  quote: "say \\"hi\\""\n\n# tail\n'
    )
    with pytest.raises(EditError):
        Document("sources: [a, b]\n").append("sources", {"source": "c"})
    with pytest.raises(EditError):
        Document("when: >-\n  2025\n  -11\n").set("when", "2025-11")


def test_unknown_series_is_proposed_in_series_yaml(data_copy: Path) -> None:
    frozen = Candidate.__dataclass_params__.frozen  # type: ignore[attr-defined]

    @dataclasses.dataclass(frozen=frozen)
    class Proposing(Candidate):  # the extract engine's candidates for a meeting series.yaml lacks
        known_series: bool = False
        proposed: dict[str, object] | None = None

    c = Proposing(
        series="acdfm", ordinal=None, title="ACDFM", start=Point(2026, 3, 10), end=None, city=None, country=None,
        status=Status.PLANNED, evidence="The ACDFM will meet on 10 March 2026.", span=(0, 37), confidence=0.8,
        proposed={"names": {"en": "ASEAN Chiefs of Defence Forces Meeting"}, "short": {"en": "ACDFM"}, "parent": None},
    )  # fmt: skip
    ex = Extraction("x", "The ACDFM will meet on 10 March 2026.\n", "en", None, (c,))
    series_before = (data_copy / "series.yaml").read_text("utf-8")
    stage = Stage(data_copy, data_copy.parent / "cache")
    report = merge(
        stage,
        normalise(data_copy),
        ex,
        SourceInfo("2026-x", "ACDFM", "en", url="https://news.example.org/x", text=ex.text),
    )
    assert report.series == ["acdfm"]
    ds = stage.validate()
    assert ds.series["acdfm"].name == {
        "en": "ASEAN Chiefs of Defence Forces Meeting",
        "vi": "ASEAN Chiefs of Defence Forces Meeting",
    }
    assert [e.series.key for e in ds.events if e.when.edtf == "2026-03-10"] == ["acdfm"]
    stage.commit()
    after = (data_copy / "series.yaml").read_text("utf-8")
    assert after.startswith(series_before)  # appended; every line before stays byte-identical
    assert "review:" in after[len(series_before) :]


def test_help_does_not_import_the_fetch_libraries() -> None:
    code = (
        "import sys, timeline.cli; print(sorted(m for m in ('httpx', 'trafilatura', 'feedparser') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_sideline_meeting_is_part_of_its_main_event(data_copy: Path) -> None:
    c = Candidate(
        series="bilateral", ordinal=None, title="Bilateral", start=Point(2025, 11, 20), end=None, city=None, country=None,
        status=Status.HELD, evidence="On the sidelines, the two ministers met on 20 November 2025.", span=(0, 60),
        confidence=0.8, countries=("NO",), part_of={"series": "adsom-plus", "ordinal": None, "start": "2025-11-19"},
    )  # fmt: skip
    ex = Extraction("x", c.evidence + "\n", "en", None, (c,))
    stage = Stage(data_copy, data_copy.parent / "cache")
    info = SourceInfo("2025-x", "Sidelines", "en", url="https://news.example.org/s", text=ex.text)
    report = merge(stage, normalise(data_copy), ex, info)
    [added] = report.added
    ds = stage.validate()
    event = next(e for e in ds.events if added.endswith(f"/{e.id}.yaml"))
    assert event.id == "2025-11-20-bilateral-no"
    assert event.part_of == "2025-11-19-adsom-plus"
    assert [x.code for x in event.countries] == ["NO"]


def test_bilateral_ids_name_the_followed_country_from_the_data() -> None:
    c = Candidate(
        "bilateral", None, "B", Point(2025, 11, 20), None, None, None, Status.HELD, "e", (0, 1), 0.8, countries=("NO",)
    )
    assert new_id(c, set(), "VN") == "2025-11-20-bilateral-vn-no"
    assert new_id(c, {"2025-11-20-bilateral-vn-no"}, "VN") == "2025-11-20-bilateral-vn-no-2"
    assert new_id(c, set(), None) == "2025-11-20-bilateral-no"
