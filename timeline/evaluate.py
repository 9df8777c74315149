"""`timeline eval GOLD`: score extraction on an annotated gold set, beside a dateparser baseline.

A gold file (``tests/gold/*.yaml``) holds one article: its URL, language, published date (or
null), its text, and the events it reports with exactly the precision the text gives. Events
are matched as multisets on (series, start) and, strictly, on (series, start, end, city,
country, status), a city the gazetteer knows being compared as that place (any alias). *False precision* is the share of emitted events that give a day (or month)
where the gold event of the same series, whose window holds it, is known only to the month or
year. The baseline pairs each date that ``dateparser.search.search_dates`` finds in a sentence
with the nearest meeting name of the same gazetteer; dateparser always yields a full date.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from timeline.errors import DataError, Problem
from timeline.extract import Gazetteer, extract
from timeline.extract.reading import sentences
from timeline.languages import languages as rule_languages
from timeline.normalise import normalise

Event = dict[str, Any]


@dataclass(frozen=True)
class Article:
    id: str
    path: Path
    url: str | None
    lang: str
    published: date | None
    split: str
    text: str
    events: tuple[Event, ...]


def load_gold(folder: Path) -> list[Article]:
    files = [folder] if folder.is_file() else sorted(folder.glob("*.yaml"))
    yaml = YAML(typ="safe", pure=True)
    out = []
    for path in files:
        try:
            data = yaml.load(path.read_text(encoding="utf-8"))
        except YAMLError as exc:
            mark = (exc.problem_mark or exc.context_mark) if isinstance(exc, MarkedYAMLError) else None
            what = (exc.problem if isinstance(exc, MarkedYAMLError) else None) or str(exc)
            line = mark.line + 1 if mark is not None else 1
            hint = "quote a value that holds ': ' or ' #'" if "mapping values" in what else "fix the syntax"
            raise DataError([Problem(path.as_posix(), line, "", f"not valid YAML: {what}; {hint}")]) from None
        try:
            published = date.fromisoformat(str(data["published"])) if data.get("published") else None
            out.append(
                Article(
                    str(data["id"]),
                    path,
                    data.get("url"),
                    str(data["language"]),
                    published,
                    str(data.get("split", "dev")),
                    str(data["text"]),
                    tuple(data.get("events") or ()),
                )
            )
        except (KeyError, ValueError, TypeError) as exc:
            raise DataError(
                [Problem(path.as_posix(), 1, "", f"not a gold article ({exc}); see tests/gold/README.md")]
            ) from None
    return out


def gold_splits(folder: Path) -> list[str]:
    """The splits the gold files name (their ``split:`` field), sorted: the choices of `timeline eval --split`."""
    return sorted({article.split for article in load_gold(folder)})


def _loose(e: Event) -> tuple[Any, ...]:
    return (e["series"], str(e["start"]))


def _strict(e: Event) -> tuple[Any, ...]:
    city = e.get("city")
    return (
        e["series"],
        str(e["start"]),
        str(e["end"]) if e.get("end") else None,
        city.casefold() if city else None,
        e.get("country"),
        e.get("status"),
    )


def _overlap(key: Callable[[Event], tuple[Any, ...]], pred: list[Event], gold: list[Event]) -> int:
    a, b = Counter(key(e) for e in pred), Counter(key(e) for e in gold)
    return sum(min(n, b[k]) for k, n in a.items())


def _false_precision(pred: list[Event], gold: list[Event]) -> int:
    count = 0
    for p in pred:
        start = str(p["start"])
        same = [g for g in gold if g["series"] == p["series"]]
        if any(str(g["start"]) == start for g in same):
            continue
        coarser = [g for g in same if start.startswith(str(g["start"])) and len(str(g["start"])) < len(start)]
        count += bool(coarser)
    return count


def _matched(pred: list[Event], gold: list[Event]) -> Iterator[tuple[Event, Event]]:
    """Each candidate with the first gold event of the same (series, start) not matched before."""
    remaining = list(gold)
    for p in pred:
        for g in remaining:
            if _loose(g) == _loose(p):
                yield p, g
                remaining.remove(g)
                break


def _status_hits(pred: list[Event], gold: list[Event]) -> tuple[int, int]:
    pairs = list(_matched(pred, gold))
    return len(pairs), sum(g.get("status") == p.get("status") for p, g in pairs)


def canonical_places(events: list[Event], gazetteer: Gazetteer) -> list[Event]:
    """Gold and predicted venues compared as places: a city the gazetteer knows under any alias
    ("Pulau Pinang", "Penang") becomes its English name, and gives its country when none is said."""
    out = []
    for event in events:
        city = event.get("city")
        hits = gazetteer.find(str(city)) if city else []
        if len(hits) == 1 and hits[0].kind == "place" and (hits[0].start, hits[0].end) == (0, len(str(city))):
            place = gazetteer.places[hits[0].key]
            country = event.get("country") or place.country.code
            out.append({**event, "city": place.name.get("en", city), "country": country})
        else:
            out.append(event)
    return out


@dataclass
class Score:
    articles: int = 0
    gold: int = 0
    pred: int = 0
    loose: int = 0
    strict: int = 0
    false_precision: int = 0
    matched: int = 0
    status_right: int = 0

    def add(self, pred: list[Event], gold: list[Event]) -> None:
        self.articles += 1
        self.gold += len(gold)
        self.pred += len(pred)
        self.loose += _overlap(_loose, pred, gold)
        self.strict += _overlap(_strict, pred, gold)
        self.false_precision += _false_precision(pred, gold)
        matched, right = _status_hits(pred, gold)
        self.matched += matched
        self.status_right += right

    def row(self, name: str) -> str:
        def prf(tp: int) -> str:
            p = tp / self.pred if self.pred else 0.0
            r = tp / self.gold if self.gold else 0.0
            f = 2 * p * r / (p + r) if p + r else 0.0
            return f"{p:5.2f} {r:5.2f} {f:5.2f}"

        status = self.status_right / self.matched if self.matched else 0.0
        fp = self.false_precision / self.pred if self.pred else 0.0
        return (
            f"{name:<24} {self.articles:>3} {self.gold:>4} {self.pred:>4} | {prf(self.loose)} | "
            f"{prf(self.strict)} | {status:6.2f} | {fp:5.2f}"
        )


HEADER = (
    f"{'':<24} {'art':>3} {'gold':>4} {'pred':>4} | {'(series, start)':^17} | {'strict':^17} | status | false\n"
    f"{'':<24} {'':>3} {'':>4} {'':>4} | {'P':>5} {'R':>5} {'F1':>5} | {'P':>5} {'R':>5} {'F1':>5} | "
    f"{'acc':>6} | {'prec.':>5}"
)


def predict(article: Article, gazetteer: Gazetteer) -> list[Event]:
    result = extract(article.text, gazetteer, name=article.id, lang=article.lang, published=article.published)
    return [c.as_dict() for c in result.candidates]


def baseline(article: Article, gazetteer: Gazetteer) -> list[Event]:
    """Dates from dateparser's search_dates, each paired with the nearest meeting name."""
    from dateparser.search import search_dates  # noqa: PLC0415 - an optional (eval) dependency

    settings: dict[str, Any] = {"RETURN_AS_TIMEZONE_AWARE": False}
    if article.published:
        settings["RELATIVE_BASE"] = datetime(article.published.year, article.published.month, article.published.day)  # noqa: DTZ001
    out: list[Event] = []
    for sent in sentences(article.text):
        hits = [h for h in gazetteer.find(sent.text) if h.kind == "series" and h.key != "bilateral"]
        if not hits:
            continue
        found = search_dates(sent.text, languages=[article.lang], settings=settings) or []
        for phrase, moment in found:
            at = sent.text.find(phrase)
            nearest = min(hits, key=lambda h: min(abs(h.start - at), abs(h.end - at)))
            day = moment.date()
            status = "held" if article.published is None or day <= article.published else "planned"
            out.append({"series": nearest.key, "start": day.isoformat(), "end": None, "city": None,
                        "country": None, "status": status})  # fmt: skip
    return out


def _row_order(name: str) -> tuple[int, str]:
    """All first, then each language, then each split followed by its languages."""
    return (0 if name == "all" else 1 if name.startswith("lang ") else 2, name)


def misses(article: Article, pred: list[Event], gold: list[Event]) -> list[str]:
    """What one article's extraction got wrong on (series, start), a line each, with why: a gold
    event missed (no candidate of its series at all, its series found with another date, or a
    meeting with no agreed key whose proposed slug differs) or a candidate the gold lacks (a
    wrong date of a series the gold has, or a series it does not have); and a matched candidate whose
    status differs from the gold's."""
    wanted, found = Counter(_loose(e) for e in gold), Counter(_loose(e) for e in pred)
    found_series, gold_series = {k[0] for k in found}, {k[0] for k in wanted}
    proposed = {e["series"] for e in gold if e.get("known_series") is False}  # no key in series.yaml
    out = []
    for series, start in sorted((wanted - found).elements()):
        why = (
            "its series found, another date" if series in found_series
            else "no agreed key (another slug or none)" if series in proposed
            else "no candidate of its series"
        )  # fmt: skip
        out.append(f"  missed {series} {start}: {why}")
    for series, start in sorted((found - wanted).elements()):
        why = "a wrong date of a series the gold has" if series in gold_series else "a series the gold lacks"
        out.append(f"  extra  {series} {start}: {why}")
    for p, g in _matched(pred, gold):
        if g.get("status") != p.get("status"):
            out.append(f"  status {p['series']} {p['start']}: gold {g.get('status')}, extracted {p.get('status')}")
    if out:
        published = article.published.isoformat() if article.published else "no published date"
        out.insert(0, f"{article.path.as_posix()} ({article.lang}, {published}, split {article.split})")
    return out


def evaluate_command(
    gold: Path, split: str, with_baseline: bool, data_dir: Path, show_misses: bool = False
) -> Iterator[str]:
    ds = normalise(data_dir, data_dir.as_posix())
    gazetteer = Gazetteer(ds)
    articles = [a for a in load_gold(gold) if split in {"all", a.split} or (split == "dev" and a.split == "seed")]
    known = set(rule_languages())
    unread = sorted({a.lang for a in articles} - known)
    if unread:
        skipped = [a for a in articles if a.lang not in known]
        articles = [a for a in articles if a.lang in known]
        yield f"(skipped {len(skipped)} gold articles in {', '.join(unread)}: no extraction rules for that language)"
    if not articles:
        raise DataError(
            [
                Problem(
                    gold.as_posix(),
                    0,
                    "",
                    f"no gold articles (split {split!r}) in a language with extraction rules; see tests/gold/README.md",
                )
            ]
        )
    groups: dict[str, Score] = {}
    base = Score()
    wrong: list[str] = []
    if with_baseline:
        try:
            import dateparser  # noqa: F401, PLC0415 - an optional (eval) dependency
        except ImportError:
            with_baseline = False
            yield "(no dateparser baseline: dateparser is not installed; pip install 'timeline[eval]')"
    for article in articles:
        gold_events = canonical_places(list(article.events), gazetteer)
        pred = canonical_places(predict(article, gazetteer), gazetteer)
        if show_misses:
            wrong += misses(article, pred, gold_events)
        for name in (
            "all",
            f"split {article.split}",
            f"lang {article.lang}",
            f"split {article.split}, {article.lang}",
        ):
            groups.setdefault(name, Score()).add(pred, gold_events)
        if with_baseline:
            base.add(baseline(article, gazetteer), gold_events)
    yield HEADER
    for name in sorted(groups, key=_row_order):
        yield groups[name].row(name)
    if with_baseline:
        yield base.row("dateparser baseline, all")
    if show_misses:
        yield ""
        yield (
            "Misses on (series, start) and status, per article:" if wrong else "No misses on (series, start) or status."
        )
        yield from wrong
