"""`timeline extract --jsonl`: articles in, candidates out, one line each, in order; --jobs N gives
the same bytes; a bad line is reported on its own line; the Dask example gives the same results."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from timeline.cli import main

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
ARTICLES = [
    {
        "id": "vi-1",
        "text": "Ngày 5/3 tại Luang Prabang, Lào, Hội nghị ADMM Hẹp đã diễn ra.",
        "lang": "vi",
        "published": "2024-03-05",
    },
    {"id": "en-1", "text": "The 12th ADMM-Plus was held on November 1 in Kuala Lumpur.", "published": "2025-11-02"},
    {"id": "en-2", "text": "Nothing happened.", "url": "https://example.org/a"},
]


def _archive(tmp_path: Path, copies: int = 1) -> Path:
    path = tmp_path / "articles.jsonl"
    lines = [json.dumps({**a, "id": f"{a['id']}-{i}"}, ensure_ascii=False) for i in range(copies) for a in ARTICLES]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _run(*args: str, input: str | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["extract", *args, "--data", str(DATA)], input=input)
    return result.exit_code, result.output


def test_one_result_line_per_article_in_order(tmp_path: Path) -> None:
    code, out = _run("--jsonl", str(_archive(tmp_path)))
    assert code == 0, out
    results = [json.loads(line) for line in out.splitlines()]
    assert [r["id"] for r in results] == ["vi-1-0", "en-1-0", "en-2-0"]
    assert [[(e["series"], e["start"]) for e in r["events"]] for r in results] == [
        [("admm-retreat", "2024-03-05")],
        [("admm-plus", "2025-11-01")],
        [],
    ]
    assert results[1]["lang"] == "en"
    assert results[2]["url"] == "https://example.org/a"
    # the same candidates as --format json on the same text
    code, single = _run("-", "--format", "json", "--lang", "vi", "--published", "2024-03-05", input=ARTICLES[0]["text"])
    assert json.loads(single)["events"] == results[0]["events"]


def test_jobs_give_the_same_bytes(tmp_path: Path) -> None:
    archive = _archive(tmp_path, copies=70)  # more than one chunk of 64
    one = _run("--jsonl", str(archive))
    two = _run("--jsonl", str(archive), "--jobs", "2")
    assert one[0] == two[0] == 0
    assert one[1] == two[1]
    assert len(one[1].splitlines()) == 210


def test_a_bad_line_is_reported_and_the_rest_extracted(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('not json\n{"id": "x"}\n[1]\n{"text": "The ADSOM was held on March 5.", "published": "bad"}\n'
                    '{"text": "The ADSOM was held on March 5, 2025."}\n', encoding="utf-8")  # fmt: skip
    code, out = _run("--jsonl", str(path))
    assert code == 0, out
    results = [json.loads(line) for line in out.splitlines()]
    assert [r.get("line") for r in results[:4]] == [1, 2, 3, 4]
    assert "not JSON" in results[0]["error"]
    assert "text" in results[1]["error"]
    assert "published" in results[3]["error"]
    assert [(e["series"], e["start"]) for e in results[4]["events"]] == [("adsom", "2025-03-05")]


def test_jsonl_refuses_write() -> None:
    code, out = _run("--jsonl", "-", "--write", input="")
    assert code == 2
    assert "--jsonl" in out


def test_the_dask_example_gives_the_same_results(tmp_path: Path) -> None:
    pytest.importorskip("dask.bag")
    archive = _archive(tmp_path, copies=20)
    out = tmp_path / "out"
    done = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "extract_with_dask.py"), str(archive), str(out),
         "--data", str(DATA), "--blocksize", "2KB", "--scheduler", "synchronous"],
        capture_output=True, text=True, check=False, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    parts = sorted(out.glob("part-*.jsonl"))
    assert len(parts) > 1
    _, expected = _run("--jsonl", str(archive))
    assert "".join(p.read_text(encoding="utf-8") for p in parts) == expected


def _readme_archive_session() -> list[tuple[str, list[str]]]:
    """The console block of the README's "Archives" paragraph: (command, the lines it shows)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("tests/test_extract_jsonl.py runs these lines", 1)[1].split("```console\n", 1)[1]
    session: list[tuple[str, list[str]]] = []
    for line in block.split("\n```", 1)[0].splitlines():
        if line.startswith("$ "):
            session.append((line[2:], []))
        else:
            session[-1][1].append(line)
    return session


def test_the_readme_archive_example_runs_as_shown(tmp_path: Path) -> None:
    """Every line of the README's example runs in a clone's shell (the data folder given explicitly)
    and prints what the README shows (up to each "...": the rest, confidences and evidence, may change)."""
    session = _readme_archive_session()
    assert [command.split()[0] for command, _ in session] == ["printf", "timeline", "pip", "python", "cat"]
    has_dask = subprocess.run([sys.executable, "-c", "import dask.bag"], capture_output=True, check=False)
    for command, shown in session:
        if command.startswith("pip "):
            continue  # installed by the test environment (or the Dask lines are skipped)
        if command.startswith("python ") and has_dask.returncode:
            break
        run = command.replace("--data data", f"--data {DATA}")
        if run.startswith("timeline "):
            run = f"{sys.executable} -m timeline {run.removeprefix('timeline ')} --data {DATA}"
        elif run.startswith("python "):
            run = f"{sys.executable} {ROOT / run.split()[1]} {' '.join(run.split()[2:])}"
        done = subprocess.run(
            ["bash", "-c", run], cwd=tmp_path, capture_output=True, text=True, check=False, timeout=300
        )
        assert done.returncode == 0, (command, done.stderr)
        printed = done.stdout.splitlines()
        assert len(printed) == len(shown), (command, done.stdout)
        for want, got in zip(shown, printed, strict=True):
            assert got.startswith(want.removesuffix("...")) if want.endswith("...") else got == want, (want, got)
