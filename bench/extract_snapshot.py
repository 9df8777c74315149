"""Every candidate the extractor proposes, as canonical JSON: a snapshot to diff after a change
that must not change what extraction finds (a speed-up, a refactoring).

    .venv/bin/python bench/extract_snapshot.py OUT.json [GOLD_DIR] [--big SIZE]
    cmp BEFORE.json AFTER.json

Every article of the gold corpus is read as `timeline eval` reads it (its own language and
published day, ``predict`` in timeline/evaluate.py). ``--big`` (characters, default 200000; 0: none)
adds the long texts of bench/bench_extract.py cut at that size (the gold articles of each language
joined, and the adversarial repetitions), so that what only happens across a long text (windows,
the meeting an article named last) is in the snapshot too. Keys are sorted, one article per line.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from timeline.evaluate import load_gold, predict  # noqa: E402
from timeline.extract import Gazetteer, extract  # noqa: E402
from timeline.languages import languages as rule_languages  # noqa: E402
from timeline.normalise import normalise  # noqa: E402

ADVERSARIAL = {"ADMM, ADSOM, ADMM-Plus, ": "en", "5/3 ": "vi", "ADMM 5/3, ": "vi"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out")
    parser.add_argument("gold", nargs="?", default=str(ROOT / "tests" / "gold"))
    parser.add_argument("--data", default=str(ROOT / "data"))
    parser.add_argument("--big", type=int, default=200_000)
    args = parser.parse_args()
    gazetteer = Gazetteer(normalise(Path(args.data)))
    articles = load_gold(Path(args.gold))
    lines = []
    for article in articles:
        events = predict(article, gazetteer)
        lines.append(json.dumps({"id": article.id, "events": events}, sort_keys=True, ensure_ascii=False))
    if args.big:
        known = [a for a in articles if a.lang in rule_languages()]
        texts = {f"real {lg}": ("\n\n".join(a.text for a in known if a.lang == lg), lg) for lg in ("en", "vi")}
        texts.update({f"adversarial {unit!r}": (unit, lg) for unit, lg in ADVERSARIAL.items()})
        for name, (unit, lg) in texts.items():
            text = (unit * (args.big // len(unit) + 1))[: args.big]
            found = extract(text, gazetteer, lang=lg, published=date(2025, 1, 1))
            events = [c.as_dict() for c in found.candidates]
            lines.append(json.dumps({"id": name, "events": events}, sort_keys=True, ensure_ascii=False))
    Path(args.out).write_text("\n".join(lines) + "\n", encoding="utf-8")
    count = sum(line.count('"series":') for line in lines)
    print(f"{args.out}: {len(lines)} texts, {count} candidates")


if __name__ == "__main__":
    main()
