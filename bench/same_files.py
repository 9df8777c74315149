"""The project's pipeline making only the files the straightforward script makes.

    .venv/bin/python bench/same_files.py DATA OUT

``timeline build`` always writes RSS, JSON Feed and the pages (one per event and language)
besides the calendars and Atom feeds, which the script (bench/baseline.py) does not; this runs
the same validation, ledger and renderers through the library and writes only ``all.ics``, the
``series-*.ics`` calendars and their Atom feeds, so that the benchmark can also compare like with
like. No build cache, no ledger written: every run is a cold run, as the script's are.
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path

from timeline.build import plan
from timeline.writer import write

NOW = datetime(2026, 1, 2, tzinfo=UTC)


def wanted(name: str) -> bool:
    stem = name.removesuffix(".ics").removesuffix(".atom.xml")
    return "/" not in name and stem != name and (stem == "all" or stem.startswith("series-"))


def main() -> None:
    if len(sys.argv) != 3 or sys.argv[1] in {"-h", "--help"}:  # noqa: PLR2004
        print(__doc__)
        return
    data, out = Path(sys.argv[1]), Path(sys.argv[2])
    p = plan(data, NOW)
    write(out, {name: output for name, output in p.outputs.items() if wanted(name)}, data)


if __name__ == "__main__":
    main()
