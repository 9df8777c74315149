"""`timeline check`: every problem reported as path:line: field: message, quoting the value."""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from timeline.cli import main
from timeline.errors import DataError
from timeline.normalise import normalise

ADMM = "events/2025/2025-11-admm-plus-12.yaml"
ADSOM = "events/2025/2025-11-19-adsom-plus.yaml"
BILATERAL = "events/2025/2025-11-20-bilateral-vn-my.yaml"


@dataclass(frozen=True)
class Damage:
    """One kind of damage: replace ``old`` by ``new`` in ``file``; expect a problem on the
    line of ``file`` that contains ``marker``, for ``field``, with ``message`` in it."""

    name: str
    file: str
    old: str
    new: str
    marker: str
    field: str
    message: str

    def apply(self, data: Path) -> None:
        path = data / self.file
        if self.old == "<new file>":
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(self.new, encoding="utf-8")
            return
        text = path.read_text(encoding="utf-8")
        assert self.old in text, f"{self.name}: fixture changed; {self.old!r} not in {self.file}"
        path.write_text(text.replace(self.old, self.new, 1), encoding="utf-8")

    def expected_prefix(self, data: Path) -> str:
        lines = (data / self.file).read_text(encoding="utf-8").splitlines()
        number = next(i for i, line in enumerate(lines, start=1) if self.marker in line)
        return f"{data.as_posix()}/{self.file}:{number}: {self.field}".rstrip(": ")


# fmt: off
DAMAGES = [
    Damage("missing required field", ADMM, "status: planned\n", "", "id:", "status", "required field is missing"),
    Damage("unknown field", ADMM, "ordinal: 12\n", "ordinal: 12\ncolour: red\n", "colour:", "colour", "unknown field 'colour'"),
    Damage("impossible date", ADMM, 'when: "2025-11"', 'when: "2025-02-30"', "when:", "when", "'2025-02-30': 2025-02 has 28 days"),
    Damage("unquoted impossible date", ADMM, 'when: "2025-11"', "when: 2025-02-30", "when:", "when", "there is no day 30"),
    Damage("end before start", ADSOM, '"2025-11-19/2025-11-22"', '"2025-11-22/2025-11-19"', "when:", "when", "before the start"),
    Damage("not a date", ADMM, 'when: "2025-11"', 'when: "tháng 11/2025"', "when:", "when", "'tháng 11/2025' is not a date"),
    Damage("unknown series", ADMM, "series: admm-plus", "series: admm-plus-plus", "series:", "series", "unknown series 'admm-plus-plus'"),
    Damage("unknown place", ADMM, "place: kuala-lumpur", "place: putrajaya", "place:", "place", "unknown place 'putrajaya'"),
    Damage("unknown time zone", "places.yaml", "timezone: Asia/Kuala_Lumpur", "timezone: Asia/Kuala_Lumpr", "Asia/Kuala_Lumpr", "kuala-lumpur.timezone", "unknown time zone 'Asia/Kuala_Lumpr'"),
    Damage("duplicate id", "events/2026/2025-11-admm-plus-12.yaml", "<new file>",
           "id: 2025-11-admm-plus-12\nseries: admm-plus\nwhen: \"2025-11\"\nstatus: planned\nsources:\n  - source: fixture-article\n    quote: \"Hội nghị ADMM+\"\n",
           "id:", "id", "duplicate id '2025-11-admm-plus-12', already used by"),
    Damage("malformed URL", "sources/fixture-article.yaml", "url: https://news.example.org/articles/fixture?id=1&lang=vi",
           "url: htps//news.example.org/a b", "url:", "url", "'htps//news.example.org/a b' is not an absolute http(s) URL"),
    Damage("invalid YAML", BILATERAL, "  start: \"09:00\"\n", "  start: \"09:00\n", "end:", "", "not valid YAML"),
    Damage("invalid TOML", "events/2025/2025-12-01-broken.toml", "<new file>", 'id = "2025-12-01-broken"\nwhen = 2025-12-01"\n',
           "when =", "", "not valid TOML"),
    Damage("unknown participant country", ADSOM, "countries: [MY, VN]", "countries: [MY, VN, XX]", "countries:", "participants.countries[2]", "unknown country 'XX'"),
    Damage("quote not in the source", ADMM, 'quote: "Hội nghị ADMM+ lần thứ 12', 'quote: "Hội nghị ADMM+ lần thứ 13', "quote:", "sources.0.quote", "does not occur in fixture-article.txt"),
    Damage("bad status", ADMM, "status: planned", "status: rumoured", "status:", "status", "'rumoured' is not a status"),
    Damage("bad time", BILATERAL, 'start: "09:00"', 'start: "9am"', "start:", "time.start", "'9am' is not a 24-hour time"),
    Damage("duplicate key", ADMM, "ordinal: 12\n", "ordinal: 12\nordinal: 13\n", "ordinal: 13", "ordinal", "duplicate key 'ordinal'"),
    Damage("unknown part_of", BILATERAL, "part_of: 2025-11-19-adsom-plus", "part_of: 2025-11-19-adsom", "part_of:", "part_of", "'2025-11-19-adsom' is not the id of another event"),
    Damage("id differs from file name", ADMM, "id: 2025-11-admm-plus-12", "id: 2025-11-admm-plus-twelve", "id:", "id", "differs from the file name"),
    Damage("bad base URL", "timeline.yaml", "base_url: https://feeds.example.org/fixture/", "base_url: feeds.example.org", "base_url:", "base_url", "not an absolute http(s) URL"),
    Damage("person of an unknown country", "people.yaml", "<new file>", "xavier-ynez:\n  country: ZZ\n  names: [Xavier Ynez]\n",
           "country:", "xavier-ynez.country", "unknown country 'ZZ'"),
    Damage("person's name too short", "people.yaml", "<new file>", "xavier-ynez:\n  country: VN\n  names: [Xy]\n",
           "names:", "xavier-ynez.names[0]", "'Xy' is too short"),
    Damage("one name for two people", "people.yaml", "<new file>",
           "xavier-ynez:\n  country: VN\n  names: [Xavier Ynez]\nzoe-ynez:\n  country: MY\n  names: [xavier-ynez]\n",
           "[xavier-ynez]", "zoe-ynez.names[0]", "is also a name of 'xavier-ynez'"),
    Damage("unknown role", "people.yaml", "<new file>",
           "xavier-ynez:\n  country: VN\n  names: [Xavier Ynez]\n  roles: [{role: king, from: 2020}]\n",
           "roles:", "xavier-ynez.roles.0.role", "'king' is not a known role"),
    Damage("role that ends before it starts", "people.yaml", "<new file>",
           "xavier-ynez:\n  country: VN\n  names: [Xavier Ynez]\n  roles: [{role: defence minister, from: 2020, to: 2019}]\n",
           "roles:", "xavier-ynez.roles.0.to", "2019 is before the role's start 2020"),
    Damage("role's year not a year", "people.yaml", "<new file>",
           "xavier-ynez:\n  country: VN\n  names: [Xavier Ynez]\n  roles: [{role: army chief, from: soon}]\n",
           "roles:", "xavier-ynez.roles.0.from", "'soon' is not a year"),
    Damage("missing language text", "series.yaml", "  short: {en: Bilateral, vi: Song phương}\n", "  short: {en: Bilateral, vi: Song phương}\n  name: {en: Twice}\n", "name: {en: Twice}", "bilateral.name", "duplicate key 'name'"),
]
# fmt: on


def problems_of(data: Path) -> list[str]:
    with pytest.raises(DataError) as caught:
        normalise(data, data.as_posix())
    return [str(p) for p in caught.value.problems]


@pytest.mark.parametrize("damage", DAMAGES, ids=[d.name for d in DAMAGES])
def test_each_damage_is_reported_where_it_is(damage: Damage, data_copy: Path) -> None:
    damage.apply(data_copy)
    found = problems_of(data_copy)
    prefix = damage.expected_prefix(data_copy)
    matching = [p for p in found if p.startswith(prefix) and damage.message in p]
    assert matching, f"expected {prefix!r} … {damage.message!r}; got:\n" + "\n".join(found)


def test_every_problem_is_reported_at_once(data_copy: Path) -> None:
    applied = []
    for damage in DAMAGES:
        path = data_copy / damage.file
        if (
            damage.name in {"invalid YAML", "id differs from file name"}
            or (damage.old != "<new file>" and damage.old not in path.read_text("utf-8"))
            or (damage.old == "<new file>" and any(d.file == damage.file for d in applied))
        ):
            continue  # unparsable files hide their other problems; a renamed id hides the duplicate; a new
            # file written once (people.yaml)
        damage.apply(data_copy)
        applied.append(damage)
    found = problems_of(data_copy)
    for damage in applied:
        prefix = damage.expected_prefix(data_copy)
        assert any(p.startswith(prefix) and damage.message in p for p in found), f"{damage.name} not reported"
    assert len(applied) >= 12


def test_cli_check_exit_codes_and_output(data_copy: Path) -> None:
    runner = CliRunner()
    ok = runner.invoke(main, ["check", "--data", str(data_copy)])
    assert ok.exit_code == 0, ok.output
    assert ok.output.startswith("ok: 4 events, 3 series, 3 places, 1 sources")
    DAMAGES[2].apply(data_copy)
    DAMAGES[6].apply(data_copy)
    bad = runner.invoke(main, ["check", "--data", str(data_copy)])
    assert bad.exit_code == 1
    lines = bad.stderr.splitlines()
    assert lines[-1] == "2 problems found; nothing was written."
    assert all(line.startswith(f"{data_copy.as_posix()}/{ADMM}:") for line in lines[:-1])


def test_build_refuses_bad_data_and_leaves_feeds_untouched(data_copy: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "feeds"
    first = runner.invoke(main, ["build", "--data", str(data_copy), "--out", str(out), "--now", "2026-01-02T03:04:05Z"])
    assert first.exit_code == 0, first.output
    before = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in out.rglob("*.*")}
    ledger = (data_copy / "timeline.lock").read_bytes()
    for damage in DAMAGES[:3]:
        damage.apply(data_copy)
    shutil.copy(data_copy / "places.yaml", data_copy / "places.yaml.bak")
    result = runner.invoke(
        main, ["build", "--data", str(data_copy), "--out", str(out), "--now", "2026-02-02T00:00:00Z"]
    )
    assert result.exit_code == 1
    assert "nothing was written" in result.stderr
    assert {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in out.rglob("*.*")} == before
    assert (data_copy / "timeline.lock").read_bytes() == ledger


def test_missing_data_folder_is_a_clear_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["check", "--data", str(tmp_path / "nope")])
    assert result.exit_code == 1
    assert "is not a folder" in result.stderr


def test_a_broken_place_is_reported_once(data_copy: Path) -> None:
    """Events that use a place with a bad time zone are not reported as well."""
    damage = next(d for d in DAMAGES if d.name == "unknown time zone")
    damage.apply(data_copy)
    found = problems_of(data_copy)
    assert len(found) == 1, found
    assert found[0].startswith(damage.expected_prefix(data_copy))


def test_an_unreadable_event_is_reported_once(data_copy: Path) -> None:
    """The sideline meeting's part_of names the broken file's event: no second complaint."""
    (data_copy / ADSOM).write_text("id: [unclosed\n", "utf-8")
    found = problems_of(data_copy)
    assert len(found) == 1, found
    assert "not valid YAML" in found[0]


def test_a_time_needs_a_place(data_copy: Path) -> None:
    path = data_copy / BILATERAL
    path.write_text(path.read_text("utf-8").replace("place: kuala-lumpur\n", ""), "utf-8")
    found = problems_of(data_copy)
    assert len(found) == 1, found
    assert ": time: a time needs a place" in found[0]


def test_the_cli_module_loads_no_data_model_and_no_heavy_library() -> None:
    """`timeline --help` and `timeline check --help` stay quick: importing the command line loads
    neither the model, nor the engine, nor any library the commands load when they run."""
    heavy = (
        "timeline.model", "timeline.extract", "importlib.resources", "icalendar", "feedgen", "ruamel.yaml", "yaml",
        "dateutil",
    )  # fmt: skip
    code = f"import sys, timeline.cli; print(sorted(m for m in {heavy!r} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
