"""A synthetic timeline in the project's own format, seeded, of any size.

    .venv/bin/python bench/synthetic.py OUT_FOLDER --events 10000 [--seed 1] [--calendars all,series]

15 series (some with a parent), 40 places (cities with coordinates and real IANA zones, in 20
countries), day / month / year-with-mod / range dates, about one timed event in ten, hosts,
participants and delegations, sideline meetings ``part_of`` a main event, and one source per
five events whose text holds every quote an event cites (so quote checks run for real).
"""

from __future__ import annotations

import argparse
import random
from datetime import date, timedelta
from pathlib import Path

COUNTRIES = {
    "VN": ("Viet Nam", "Việt Nam", "Asia/Ho_Chi_Minh"), "MY": ("Malaysia", "Malaysia", "Asia/Kuala_Lumpur"),
    "LA": ("Laos", "Lào", "Asia/Vientiane"), "TH": ("Thailand", "Thái Lan", "Asia/Bangkok"),
    "ID": ("Indonesia", "Indonesia", "Asia/Jakarta"), "PH": ("Philippines", "Philippines", "Asia/Manila"),
    "SG": ("Singapore", "Singapore", "Asia/Singapore"), "KH": ("Cambodia", "Campuchia", "Asia/Phnom_Penh"),
    "MM": ("Myanmar", "Myanmar", "Asia/Yangon"), "BN": ("Brunei", "Brunei", "Asia/Brunei"),
    "CN": ("China", "Trung Quốc", "Asia/Shanghai"), "JP": ("Japan", "Nhật Bản", "Asia/Tokyo"),
    "KR": ("Korea", "Hàn Quốc", "Asia/Seoul"), "IN": ("India", "Ấn Độ", "Asia/Kolkata"),
    "AU": ("Australia", "Australia", "Australia/Sydney"), "NZ": ("New Zealand", "New Zealand", "Pacific/Auckland"),
    "US": ("United States", "Hoa Kỳ", "America/New_York"), "RU": ("Russia", "Nga", "Europe/Moscow"),
    "TL": ("Timor-Leste", "Timor-Leste", "Asia/Dili"), "FR": ("France", "Pháp", "Europe/Paris"),
}  # fmt: skip
SERIES = [
    ("admm", "ASEAN Defence Ministers' Meeting", "Hội nghị Bộ trưởng Quốc phòng ASEAN", "ADMM", None),
    ("admm-plus", "ADMM-Plus", "Hội nghị ADMM mở rộng", "ADMM-Plus", None),
    ("admm-retreat", "ADMM Retreat", "Hội nghị ADMM hẹp", "ADMM Retreat", "admm"),
    (
        "adsom",
        "ASEAN Defence Senior Officials' Meeting",
        "Hội nghị Quan chức Quốc phòng cấp cao ASEAN",
        "ADSOM",
        "admm",
    ),
    ("adsom-plus", "ADSOM-Plus", "Hội nghị ADSOM mở rộng", "ADSOM-Plus", "admm-plus"),
    ("adsom-wg", "ADSOM Working Group", "Nhóm làm việc ADSOM", "ADSOM WG", "adsom"),
    ("ewg-hadr", "Experts' Working Group on HADR", "Nhóm chuyên gia về HADR", "EWG HADR", "admm-plus"),
    ("ewg-ms", "Experts' Working Group on Maritime Security", "Nhóm chuyên gia về An ninh biển", "EWG MS", "admm-plus"),
    (
        "ewg-ct",
        "Experts' Working Group on Counter-Terrorism",
        "Nhóm chuyên gia về Chống khủng bố",
        "EWG CT",
        "admm-plus",
    ),
    ("acdfm", "ASEAN Chiefs of Defence Forces Meeting", "Hội nghị Tư lệnh Quốc phòng ASEAN", "ACDFM", None),
    ("acamm", "ASEAN Military Operations Meeting", "Hội nghị Tác chiến Quân sự ASEAN", "ACAMM", None),
    ("ancm", "ASEAN Navy Chiefs' Meeting", "Hội nghị Tư lệnh Hải quân ASEAN", "ANCM", None),
    ("shangri-la", "Shangri-La Dialogue", "Đối thoại Shangri-La", "SLD", None),
    ("trilateral", "Trilateral meeting", "Gặp ba bên", "Trilateral", None),
    ("bilateral", "Bilateral meeting", "Gặp song phương", "Bilateral", None),
]
VERBS = ("took place", "was held", "is planned", "convened", "will be held", "opened")
FIRST_DAY = date(2015, 1, 1)


def _q(text: str) -> str:
    """A YAML double-quoted scalar."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _places() -> list[tuple[str, str, str, str, float, float]]:
    out = []
    for i, (code, (en, _vi, zone)) in enumerate(COUNTRIES.items()):
        for j in range(2):
            lat, lon = -30 + (i * 3.7 + j) % 60, 90 + (i * 5.3 + j * 2) % 80
            out.append((f"{code.lower()}-city-{j + 1}", f"{en} City {j + 1}", code, zone, round(lat, 4), round(lon, 4)))
    return out


def write_gazetteers(data: Path, calendars: str) -> None:
    data.mkdir(parents=True, exist_ok=True)
    (data / "timeline.yaml").write_text(
        "title: {en: Synthetic timeline, vi: Dòng thời gian tổng hợp}\n"
        "description: {en: Generated for the build benchmark, vi: Dữ liệu tổng hợp}\n"
        "base_url: https://bench.example.org/timeline/\nuid_domain: bench.example.org\n"
        "tag_authority: example.org,2026\nlanguages: [en, vi]\n"
        "author: {name: Bench, email: bench@example.org}\n"
        f"calendars: [{calendars}]\nrefresh_interval: PT12H\nimprecise_dates: span\nkeep_removed: P4W\n"
        "color: teal\nfull_text: {publishers: [Synthetic News]}\n",
        "utf-8",
    )
    lines = []
    for key, en, vi, short, parent in SERIES:
        lines += [
            f"{key}:",
            f"  name: {{en: {_q(en)}, vi: {_q(vi)}}}",
            f"  short: {{en: {_q(short)}, vi: {_q(short)}}}",
        ]
        if parent:
            lines.append(f"  parent: {parent}")
    (data / "series.yaml").write_text("\n".join(lines) + "\n", "utf-8")
    lines = []
    for key, name, code, zone, lat, lon in _places():
        lines += [f"{key}:", "  kind: city", f"  name: {{en: {_q(name)}, vi: {_q(name)}}}", f"  country: {code}",
                  f"  timezone: {zone}", f"  coordinates: [{lat}, {lon}]"]  # fmt: skip
    (data / "places.yaml").write_text("\n".join(lines) + "\n", "utf-8")
    lines = []
    for code, (en, vi, _zone) in COUNTRIES.items():
        lines += [f"{code}:", f"  name: {{en: {_q(en)}, vi: {_q(vi)}}}"]
    (data / "countries.yaml").write_text("\n".join(lines) + "\n", "utf-8")


def _when(rng: random.Random, day: date) -> tuple[str, str | None, bool]:
    """(EDTF, mod, exact day) for an event around ``day``."""
    roll = rng.random()
    if roll < 0.6:  # noqa: PLR2004 - the mix of date precisions
        return day.isoformat(), None, True
    if roll < 0.75:  # noqa: PLR2004
        return f"{day:%Y-%m}", None, False
    if roll < 0.95:  # noqa: PLR2004
        return f"{day.isoformat()}/{(day + timedelta(days=rng.randint(1, 4))).isoformat()}", None, True
    return f"{day.year}", rng.choice(("early", "mid", "late")), False


def event_yaml(i: int, rng: random.Random, source: str, quote: str, main: str | None) -> tuple[str, str]:
    """(file name, YAML) of event ``i``."""
    series = SERIES[i % len(SERIES)][0] if main is None else "bilateral"
    place = _places()[rng.randrange(40)]
    day = FIRST_DAY + timedelta(days=(i * 37) % 4015)
    when, mod, exact = _when(rng, day)
    if main is not None:
        when, mod, exact = day.isoformat(), None, True
    event_id = f"{day:%Y}-{series}-{i:06d}"
    lines = [
        f"id: {event_id}",
        f"series: {series}",
        f"ordinal: {i + 1}",  # distinct ordinals: never "the same meeting" twice at one place
        f"title: {{en: {_q(f'{SERIES[i % 15][3]} meeting number {i}')}, vi: {_q(f'Cuộc họp số {i}')}}}",
        f'when: "{when}"',
    ]
    if mod:
        lines.append(f"mod: {mod}")
    if exact and "/" not in when and rng.random() < 0.15:  # noqa: PLR2004 - one in ten or so is timed
        lines.append('time: {start: "09:00", end: "11:30"}')
    others = rng.sample([c for c in COUNTRIES if c != place[2]], 3)
    lines += [
        f"place: {place[0]}",
        f"status: {('planned', 'held', 'confirmed')[i % 3] if exact else 'planned'}",
        f"host: {place[2]}",
        "participants:",
        f"  countries: [{', '.join([place[2], *others[: 1 + i % 3]])}]",
    ]
    if i % 4 == 0:
        lines += [
            "  delegations:",
            f"    - {{country: {others[0]}, head: Delegate {i}, role: {{en: Minister, vi: Bộ trưởng}}}}",
        ]
    if main is not None:
        lines.append(f"part_of: {main}")
    lines += ["sources:", f"  - {{source: {source}, quote: {_q(quote)}}}"]
    return f"events/{day:%Y}/{event_id}.yaml", "\n".join(lines) + "\n"


def generate(folder: Path, events: int, seed: int = 1, calendars: str = "all, language, upcoming, series, host, participant, event") -> Path:  # fmt: skip
    """Write a data folder of ``events`` events under ``folder``; return its path."""
    rng = random.Random(seed)  # noqa: S311 - reproducible data, not secrets
    data = folder / "data"
    write_gazetteers(data, calendars)
    (data / "sources").mkdir()
    quotes: dict[int, str] = {}
    for i in range(events):
        verb = VERBS[i % len(VERBS)]
        quotes[i] = f"The meeting number {i} of the series {SERIES[i % 15][3]} {verb} with {2 + i % 9} delegations."
    mains: dict[int, str] = {}
    for i in range(events):
        source = f"synthetic-{i // 5:05d}"
        main = mains.get(i - 1) if i % 10 == 1 else None  # a sideline meeting of the one before
        name, body = event_yaml(i, random.Random(rng.random()), source, quotes[i], main)  # noqa: S311
        path = data / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(body, "utf-8")
        if i % 10 == 0:
            mains[i] = body.split("\n", 1)[0].removeprefix("id: ")
    for s in range((events + 4) // 5):
        text = " ".join(quotes[i] for i in range(s * 5, min(events, s * 5 + 5)))
        (data / "sources" / f"synthetic-{s:05d}.txt").write_text(text + "\n", "utf-8")
        (data / "sources" / f"synthetic-{s:05d}.yaml").write_text(
            f"id: synthetic-{s:05d}\ntitle: Synthetic article {s}\npublisher: Synthetic News\nlanguage: en\n"
            f'published: "2025-01-01"\nurl: https://news.example.org/synthetic/{s}\nfile: synthetic-{s:05d}.txt\n',
            "utf-8",
        )
    return data


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--events", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--calendars", default="all, language, upcoming, series, host, participant, event")
    args = parser.parse_args()
    print(generate(args.folder, args.events, args.seed, args.calendars))


if __name__ == "__main__":
    main()
