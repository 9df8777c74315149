"""Words shown to people, in each supported language: dates, statuses, titles, descriptions.

Calendars, feeds and the page all take their words from here. What an event is marked with
depends on the build moment (``today``, the ledger's ``as_of`` date; see :func:`marker`):

- its day is not known and its window is still ahead or under way: "date TBC";
- its window is over, it was held (or postponed, cancelled) but no source gave the day:
  "day not reported" (not "date TBC": nothing is still to be confirmed);
- it was planned or confirmed, its window is over and no source is newer than the window:
  "no report since 26 September 2025", and its status reads "planned for November 2025; no
  report since 26 September 2025".

Month names are spelt out here rather than taken from :mod:`calendar` or ``strftime``, whose
output depends on the process locale; the output must not.
"""

from __future__ import annotations

import functools
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from timeline.edtf import Mod, Point, Precision, When
from timeline.edtf import parse as parse_edtf
from timeline.model import Citation, Event, Status, pick

if TYPE_CHECKING:
    from timeline.ledger import Change

MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
             "October", "November", "December")  # fmt: skip

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "tbc": "date TBC", "about": "about", "uncertain": "uncertain", "when": "When", "where": "Where",
        "status": "Status", "series": "Series", "host": "Host", "chair": "Chair", "participants": "Participants",
        "delegations": "Heads of delegation", "part_of": "Part of", "note": "Note", "sources": "Sources",
        "early": "early", "mid": "mid", "late": "late",
        "upcoming": "upcoming", "upcoming_about": "Events that are not over yet.",
        "hosted_by": "hosted by", "hosted_by_about": "Events hosted by {country}.",
        "attended_by": "with", "attended_by_about": "Events that {country} takes part in.",
        "removed": "Removed", "removed_about": "This event was removed from the timeline.",
        "new": "new event", "changed_restored": "restored to the timeline", "date": "date",
        "date_confirmed": "date confirmed", "place": "place", "changed_title": "title changed",
        "changed_sources": "sources updated", "changed_details": "details updated", "was": "was", "status_word": "status",
        "changed_place": "place changed", "day_not_reported": "day not reported", "no_report_since": "no report since",
        "no_report": "no later report", "status_for": "{status} for {when}", "new_title": "New event",
        "language_name": "English", "changes": "changes", "changes_about": "Every change to the timeline: new events, "
        "dates confirmed or moved, status, place, cancellations and removals, one entry per revision.",
    },
    "vi": {
        "tbc": "chưa rõ ngày", "about": "khoảng", "uncertain": "chưa chắc chắn", "when": "Thời gian",
        "where": "Địa điểm", "status": "Tình trạng", "series": "Chuỗi sự kiện", "host": "Nước chủ nhà",
        "chair": "Chủ trì", "participants": "Thành phần tham dự", "delegations": "Trưởng đoàn",
        "part_of": "Bên lề", "note": "Ghi chú", "sources": "Nguồn", "early": "đầu", "mid": "giữa", "late": "cuối",
        "upcoming": "sắp diễn ra", "upcoming_about": "Các sự kiện chưa kết thúc.",
        "hosted_by": "nước chủ nhà", "hosted_by_about": "Các sự kiện do {country} đăng cai.",
        "attended_by": "có sự tham gia của", "attended_by_about": "Các sự kiện có sự tham gia của {country}.",
        "removed": "Đã gỡ", "removed_about": "Sự kiện này đã được gỡ khỏi dòng thời gian.",
        "new": "sự kiện mới", "changed_restored": "được đưa trở lại dòng thời gian", "date": "thời gian",
        "date_confirmed": "đã xác định ngày", "place": "địa điểm", "changed_title": "đổi tên",
        "changed_sources": "cập nhật nguồn", "changed_details": "cập nhật chi tiết", "was": "trước đây", "status_word": "tình trạng",
        "changed_place": "đổi địa điểm", "day_not_reported": "không rõ ngày", "no_report_since": "không có tin mới kể từ",
        "no_report": "không có tin mới", "status_for": "{status} vào {when}", "new_title": "Sự kiện mới",
        "language_name": "Tiếng Việt", "changes": "thay đổi", "changes_about": "Mọi thay đổi của dòng thời gian: sự kiện "
        "mới, ngày được xác định hoặc dời, tình trạng, địa điểm, hủy bỏ và gỡ bỏ; mỗi lần sửa là một mục.",
    },
}  # fmt: skip

STATUS: dict[str, dict[Status, str]] = {
    "en": {Status.PLANNED: "planned", Status.CONFIRMED: "confirmed", Status.HELD: "held",
           Status.POSTPONED: "postponed", Status.CANCELLED: "cancelled"},
    "vi": {Status.PLANNED: "dự kiến", Status.CONFIRMED: "đã xác nhận", Status.HELD: "đã diễn ra",
           Status.POSTPONED: "hoãn", Status.CANCELLED: "đã hủy"},
}  # fmt: skip


def label(lang: str, key: str) -> str:
    return LABELS.get(lang, LABELS["en"])[key]


def status(lang: str, value: Status) -> str:
    return STATUS.get(lang, STATUS["en"])[value]


def _point_en(p: Point, *, with_year: bool = True, with_month: bool = True) -> str:
    parts = []
    if p.day is not None:
        parts.append(str(p.day))
    if p.month is not None and with_month:
        parts.append(MONTHS_EN[p.month - 1])
    if with_year:
        parts.append(str(p.year))
    return " ".join(parts)


def _point_vi(p: Point, *, with_year: bool = True, with_month: bool = True) -> str:
    if p.precision is Precision.YEAR:
        return f"năm {p.year}"
    fields = [str(p.day)] if p.day is not None else []
    if with_month and p.month is not None:
        fields.append(str(p.month))
    if with_year:
        fields.append(str(p.year))
    text = "/".join(fields)
    return text if p.day is not None else f"tháng {text}"


@functools.lru_cache(maxsize=1 << 16)
def describe(when: When, lang: str) -> str:
    """The date as precisely as known and no more: "5 March 2024", "November 2025", "late 2024".

    Worked out once per date and language (a When is a frozen value; calendars, feeds, pages and
    the TimelineJS export all show the same dates)."""
    vi = lang == "vi"
    point = _point_vi if vi else _point_en
    start, end = when.start, when.end
    if end is None:
        text = point(start)
    elif start.year == end.year and start.precision is end.precision is Precision.DAY:
        same_month = start.month == end.month
        text = f"{point(start, with_year=False, with_month=not same_month)}–{point(end)}"
    elif start.year == end.year and start.precision is end.precision is Precision.MONTH:
        assert start.month is not None
        assert end.month is not None
        first, last = start.month, end.month
        text = f"tháng {first}–{last}/{end.year}" if vi else f"{MONTHS_EN[first - 1]}–{MONTHS_EN[last - 1]} {end.year}"
    else:
        text = f"{point(start)} – {point(end)}"
    if vi and start.day is not None:
        text = f"ngày {text}"
    if when.mod is not None:
        word = label(lang, when.mod.value)
        if vi:
            text = f"{word} {text}"
        elif when.mod is Mod.MID and start.precision is Precision.YEAR:
            text = f"mid-{text}"
        else:
            text = f"{word} {text}"
    if when.approximate:
        text = f"{label(lang, 'about')} {text}"
    if when.uncertain:
        text = f"{text} ({label(lang, 'uncertain')})"
    return text


def title(event: Event, lang: str) -> str:
    """The event's own title, or one derived from its series and ordinal."""
    if lang in event.title:
        return event.title[lang]
    short = pick(event.series.short, lang)
    if event.ordinal is None:
        return pick(event.title, lang) or short
    if lang == "vi":
        return f"{short} lần thứ {event.ordinal}"
    return f"{ordinal_en(event.ordinal)} {short}"


def ordinal_en(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")  # noqa: PLR2004
    return f"{n}{suffix}"


def over(event: Event, today: date | None) -> bool:
    """Whether the event's whole window lies before ``today`` (never, without a date)."""
    return today is not None and event.when.window[1] < today


def last_report(event: Event) -> When | None:
    """The publication date of the event's newest source, if any source has one."""
    dates = [c.source.published for c in event.sources if c.source.published is not None]
    return max(dates, key=lambda w: (w.last_day, w.first_day)) if dates else None


def stale(event: Event, today: date | None) -> bool:
    """Planned or confirmed, the window over, and no source newer than the window."""
    if event.status not in (Status.PLANNED, Status.CONFIRMED) or not over(event, today):
        return False
    latest = last_report(event)
    return latest is None or latest.first_day <= event.when.window[1]


def no_report(event: Event, lang: str) -> str:
    """The news stopped: "no report since 26 September 2025", or "no later report" if no source is dated."""
    latest = last_report(event)
    if latest is None:
        return label(lang, "no_report")
    plain = When(replace(latest.start, uncertain=False, approximate=False))  # "since about September?" says no more
    return f"{label(lang, 'no_report_since')} {describe(plain, lang)}"


def marker(event: Event, lang: str, today: date | None = None) -> str | None:
    """What a title is marked with, as of ``today`` (see the module docstring), or None."""
    if stale(event, today):
        return no_report(event, lang)
    if event.when.exact:
        return None
    return label(lang, "day_not_reported" if over(event, today) else "tbc")


def standing(event: Event, lang: str, today: date | None = None) -> str:
    """The status as shown: "held", or "planned for November 2025; no report since 26 September 2025"."""
    word = status(lang, event.status)
    if not stale(event, today):
        return word
    planned = label(lang, "status_for").format(status=word, when=describe(event.when, lang))
    return f"{planned}; {no_report(event, lang)}"


def summary(event: Event, lang: str, today: date | None = None) -> str:
    """Calendar summary: the title, marked when the day is not known or the news stopped."""
    text = title(event, lang)
    mark = marker(event, lang, today)
    return f"{text} ({mark})" if mark else text


def place(event: Event, lang: str) -> str | None:
    if event.place is None:
        return None
    own = event.place.label(lang)
    return f"{event.venue}, {own}" if event.venue else own


def headline(event: Event, lang: str, today: date | None = None) -> str:
    """Feed entry title: "12th ADMM-Plus — November 2025 (date TBC), Malaysia"."""
    text = f"{title(event, lang)} — {describe(event.when, lang)}"
    mark = marker(event, lang, today)
    if mark:
        text += f" ({mark})"
    where = place(event, lang)
    return f"{text}, {where}" if where else text


_DETAILS: dict[tuple[int, str, date | None, int], tuple[Event, Event | None, tuple[tuple[str, str], ...]]] = {}
"""What :func:`details` gave, per event object, language, day and main event object (kept with
the entry, so that no id is reused): calendars, feeds, pages and the TimelineJS export of one
build all show the same facts."""
_DETAILS_KEPT = 25_000  # about 20 MB: every event of a 10,000-event timeline in two languages


def details(
    event: Event, lang: str, events: dict[str, Event], today: date | None = None
) -> tuple[tuple[str, str], ...]:
    """The labelled facts shown in calendar descriptions and feed entries, in a fixed order.

    ``events`` (all events by id) names the main event of a sideline meeting; ``today`` is the
    build moment's date, for the status (see :func:`standing`). Events are frozen values, so the
    facts are worked out once per event, language and day.
    """
    parent = events.get(event.part_of) if event.part_of else None
    key = (id(event), lang, today, id(parent))
    found = _DETAILS.get(key)
    if found is not None and found[0] is event and found[1] is parent:
        return found[2]
    if len(_DETAILS) >= _DETAILS_KEPT:
        _DETAILS.clear()
    rows = _details(event, lang, parent, today)
    _DETAILS[key] = (event, parent, rows)
    return rows


def _details(event: Event, lang: str, parent: Event | None, today: date | None) -> tuple[tuple[str, str], ...]:
    rows = [(label(lang, "when"), describe(event.when, lang))]
    where = place(event, lang)
    if where:
        rows.append((label(lang, "where"), where))
    rows.append((label(lang, "status"), standing(event, lang, today)))
    rows.append((label(lang, "series"), pick(event.series.name, lang)))
    if event.host is not None:
        rows.append((label(lang, "host"), pick(event.host.name, lang)))
    if event.chair is not None:
        rows.append((label(lang, "chair"), pick(event.chair.name, lang)))
    who = [pick(c.name, lang) for c in event.countries] + list(event.organisations)
    if who:
        rows.append((label(lang, "participants"), ", ".join(who)))
    for d in event.delegations:
        role = pick(d.role, lang) if d.role else ""
        country = pick(d.country.name, lang) if d.country else ""
        head = f"{country}: {d.head}" if country else d.head
        rows.append((label(lang, "delegations"), f"{head}, {role}" if role else head))
    if parent is not None:
        rows.append((label(lang, "part_of"), title(parent, lang)))
    if event.note:
        rows.append((label(lang, "note"), pick(event.note, lang)))
    return tuple(rows)


def source_line(citation: Citation, lang: str) -> str:
    """“quote” — Publisher, date, URL."""
    src = citation.source
    bits = [src.publisher or src.title]
    if src.published is not None:
        bits.append(describe(src.published, lang))
    if src.url:
        bits.append(src.url)
    return f"“{citation.quote}” — {', '.join(bits)}"


def removed_summary(summary: str, lang: str) -> str:
    """The summary of a removed event, kept for a while as cancelled: "Removed: ADMM Retreat"."""
    return f"{label(lang, 'removed')}: {summary}"


def change_line(change: Change, event: Event | None, lang: str) -> str:
    """What one change was, for a reader: "date confirmed: 1 November 2025", "status: held (was planned)"."""
    if change.what == "removed":
        return label(lang, "removed_about")
    if change.what in ("restored", "title", "sources", "details"):
        return label(lang, f"changed_{change.what}")
    if change.what == "when" and change.new is not None:
        new = parse_edtf(change.new, event.when.mod.value if event and event.when.mod else None)
        if change.old is None:
            return f"{label(lang, 'date')}: {describe(new, lang)}"
        old = parse_edtf(change.old)
        confirmed = new.exact and not old.exact and old.first_day <= new.first_day <= old.last_day
        if confirmed:
            return f"{label(lang, 'date_confirmed')}: {describe(new, lang)}"
        return f"{label(lang, 'date')}: {describe(new, lang)} ({label(lang, 'was')} {describe(old, lang)})"
    if change.what == "status" and change.new is not None:
        new_status = status(lang, Status(change.new))
        if change.old is None or change.old == change.new:
            return f"{label(lang, 'status_word')}: {new_status}"
        return f"{label(lang, 'status_word')}: {new_status} ({label(lang, 'was')} {status(lang, Status(change.old))})"
    if change.what == "place":
        return f"{label(lang, 'place')}: {place(event, lang) or '—'}" if event else label(lang, "changed_place")
    return label(lang, "changed_details")


def changes(revision_changes: tuple[Change, ...], event: Event | None, lang: str) -> str:
    """Everything that changed at the last revision, or "new event" for a first revision."""
    lines = [change_line(c, event, lang) for c in revision_changes]
    return "; ".join(lines) if lines else label(lang, "new")
