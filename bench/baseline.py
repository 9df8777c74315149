"""The straightforward script the build is measured against: PyYAML + icalendar + feedgen.

    .venv/bin/python bench/baseline.py DATA OUT

It reads the same data folder (PyYAML's C loader, no validation, no ledger) and writes the
same kind of outputs the benchmark compares: ``all.ics`` and one ``series-<key>.ics`` per series
with a VEVENT per event (summary, dates — timed ones in their zone, with the VTIMEZONEs icalendar
adds — place, status, categories, description with the source quotes), and an Atom feed of each (the 100 most recent events). It is what one would write in an
afternoon; it has no incremental mode, so every run is a cold run.
"""

from __future__ import annotations

import sys
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
import yaml
from feedgen.feed import FeedGenerator

STAMP = datetime(2026, 1, 2, tzinfo=UTC)


def load(path: Path) -> Any:
    return yaml.load(path.read_text("utf-8"), Loader=yaml.CSafeLoader)


def span(when: str) -> tuple[date, date]:
    first, _, last = when.partition("/")
    parts = [int(p) for p in first.split("-")]
    start = date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)  # noqa: PLR2004
    if last:
        return start, date.fromisoformat(last) + timedelta(days=1)
    if len(parts) == 3:  # noqa: PLR2004
        return start, start + timedelta(days=1)
    if len(parts) == 2:  # noqa: PLR2004
        return start, (start.replace(day=28) + timedelta(days=4)).replace(day=1)
    return start, start.replace(year=start.year + 1)


def main() -> None:
    if len(sys.argv) != 3 or sys.argv[1] in {"-h", "--help"}:  # noqa: PLR2004
        print(__doc__)
        return
    data, out = Path(sys.argv[1]), Path(sys.argv[2])
    config = load(data / "timeline.yaml")
    series, places, countries = (load(data / f"{n}.yaml") for n in ("series", "places", "countries"))
    sources = {s["id"]: s for s in (load(p) for p in sorted((data / "sources").glob("*.yaml")))}
    events = [load(p) for p in sorted((data / "events").rglob("*.yaml"))]
    groups: dict[str, list[tuple[dict[str, Any], icalendar.Event]]] = {"all": []}
    for e in events:
        start, end = span(str(e["when"]))
        place = places[e["place"]]
        if "time" in e:  # a timed event, in its place's zone
            zone = ZoneInfo(place["timezone"])
            start = datetime.combine(start, time.fromisoformat(e["time"]["start"]), zone)
            end = datetime.combine(start.date(), time.fromisoformat(e["time"]["end"]), zone)
        country = countries[place["country"]]["name"]["en"]
        title = e.get("title", {}).get("en") or series[e["series"]]["name"]["en"]
        ev = icalendar.Event()
        ev.add("uid", f"{e['id']}@{config['uid_domain']}")
        ev.add("dtstamp", STAMP)
        ev.add("summary", title)
        ev.add("dtstart", start)
        ev.add("dtend", end)
        ev.add("location", f"{place['name']['en']}, {country}")
        ev.add("status", "CONFIRMED" if e["status"] in {"held", "confirmed"} else "TENTATIVE")
        ev.add("categories", [series[e["series"]]["short"]["en"], country])
        quotes = [
            f"- {sources[c['source']]['title']}: “{c['quote']}” {sources[c['source']]['url']}" for c in e["sources"]
        ]
        ev.add("description", "\n".join([f"Series: {series[e['series']]['name']['en']}", "", "Sources:", *quotes]))
        item = (e, ev)
        groups["all"].append(item)
        groups.setdefault(f"series-{e['series']}", []).append(item)
    out.mkdir(parents=True, exist_ok=True)
    for key, items in groups.items():
        cal = icalendar.Calendar()
        cal.add("prodid", "-//baseline//EN")
        cal.add("version", "2.0")
        cal.add("x-wr-calname", f"{config['title']['en']} — {key}")
        for _, ev in items:
            cal.add_component(ev)
        cal.add_missing_timezones(first_date=date(1970, 1, 1), last_date=date(2038, 1, 1))
        (out / f"{key}.ics").write_bytes(cal.to_ical())
        fg = FeedGenerator()
        fg.id(f"tag:{config['tag_authority']}:{key}")
        fg.title(f"{config['title']['en']} — {key}")
        fg.link(href=f"{config['base_url']}{key}.atom.xml", rel="self")
        fg.updated(STAMP)
        for e, ev in sorted(items, key=lambda i: (str(i[0]["when"]), i[0]["id"]), reverse=True)[:100]:
            fe = fg.add_entry(order="append")
            fe.id(f"tag:{config['tag_authority']}:event/{e['id']}")
            fe.title(str(ev["summary"]))
            fe.updated(STAMP)
            fe.link(href=f"{config['base_url']}#{e['id']}")
            fe.content(f"<p>{ev['description']}</p>", type="html")
        fg.atom_file(str(out / f"{key}.atom.xml"), pretty=True)


if __name__ == "__main__":
    main()
