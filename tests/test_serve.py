"""`timeline serve` over loopback: filtered calendars and feeds, ETag/304, gzip, 400s, the form, rebuilds."""

from __future__ import annotations

import gzip
import time
from collections.abc import Iterator
from pathlib import Path

import feedparser
import httpx
import pytest
import vobject

from tests.serving import Served, serving


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    with serving(tmp_path_factory.mktemp("serve")) as s:
        yield s


def uids(data: bytes) -> set[str]:
    calendar = vobject.readOne(data.decode("utf-8"))
    return {v.uid.value for v in calendar.contents.get("vevent", [])}


def vevents(data: bytes) -> list[bytes]:
    """The VEVENT blocks of a calendar, byte for byte."""
    return [b"BEGIN:VEVENT" + part.split(b"END:VEVENT")[0] for part in data.split(b"BEGIN:VEVENT")[1:]]


def get(served: Served, path: str, **headers: str) -> httpx.Response:
    return httpx.get(served.url + path, headers={"Accept-Encoding": "identity", **headers}, timeout=30)


def test_filtered_calendar_holds_exactly_the_matching_events(served: Served) -> None:
    published = {key: uids((served.out / f"{key}.ics").read_bytes()) for key in
                 ("series-bilateral", "series-adsom-plus", "participant-vn", "participant-my", "host-my", "all")}  # fmt: skip
    response = get(served, "calendar.ics?series=bilateral,adsom-plus&participant=vn")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/calendar; charset=utf-8"
    expected = (published["series-bilateral"] | published["series-adsom-plus"]) & published["participant-vn"]
    assert expected  # the fixture has such events
    assert uids(response.content) == expected
    assert uids(get(served, "calendar.ics?host=my").content) == published["host-my"]
    everything = get(served, "calendar.ics").content
    assert uids(everything) == published["all"]
    # Without lang, the same VEVENTs as all.ics (titles in English, descriptions in both languages).
    assert vevents(everything) == vevents((served.out / "all.ics").read_bytes())
    # Repeated parameters are the same as commas.
    again = get(served, "calendar.ics?participant=vn&series=adsom-plus&series=bilateral")
    assert again.content == response.content


def test_filtered_calendar_in_vietnamese(served: Served) -> None:
    calendar = vobject.readOne(get(served, "calendar.ics?series=admm-plus&lang=vi").content.decode("utf-8"))
    [event] = calendar.contents["vevent"]
    assert event.summary.value == "ADMM+ lần thứ 12 (không có tin mới kể từ ngày 1/10/2025)"
    assert calendar.contents["x-wr-calname"][0].value == "Dòng thời gian mẫu: ADMM+"
    assert calendar.contents["url"][0].value == served.url + "calendar.ics?series=admm-plus&lang=vi"


def test_stable_bytes_etag_and_304(served: Served) -> None:
    first = get(served, "feed.atom?participant=my")
    second = get(served, "feed.atom?participant=my")
    assert first.status_code == 200
    assert first.content == second.content
    etag = first.headers["etag"]
    assert etag == second.headers["etag"]
    cached = get(served, "feed.atom?participant=my", **{"If-None-Match": etag})
    assert cached.status_code == 304
    assert cached.content == b""
    assert get(served, "feed.atom?participant=vn", **{"If-None-Match": etag}).status_code == 200


def test_gzip(served: Served) -> None:
    plain = get(served, "calendar.ics")
    zipped = httpx.get(served.url + "calendar.ics", headers={"Accept-Encoding": "gzip"}, timeout=30)
    assert zipped.headers["content-encoding"] == "gzip"
    assert zipped.content == plain.content  # httpx decodes it
    assert zipped.headers["etag"] != plain.headers["etag"]  # a different representation
    raw = httpx.Client(headers={"Accept-Encoding": "gzip"}).send(
        httpx.Request("GET", served.url + "calendar.ics", headers={"Accept-Encoding": "gzip"}), stream=True
    )
    body = b"".join(raw.iter_raw())
    assert gzip.decompress(body) == plain.content
    tagged = get(served, "calendar.ics", **{"Accept-Encoding": "gzip", "If-None-Match": zipped.headers["etag"]})
    assert tagged.status_code == 304


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("series=admm-plus,nope", "series: unknown value 'nope'; allowed: admm-plus, adsom-plus, bilateral"),
        ("participant=VN", "participant: unknown value 'VN'; allowed: "),
        ("lang=fr", "lang: unknown value 'fr'; allowed: en, vi"),
        ("lang=en,vi", "lang: give one language, not several; one of en, vi"),
        ("colour=red", "unknown parameter 'colour'; use series, participant, host, lang"),
        ("series=", "series: empty value"),
    ],
)
def test_bad_query_is_a_400_naming_the_value(served: Served, query: str, message: str) -> None:
    for path in ("calendar.ics", "feed.rss"):
        response = get(served, f"{path}?{query}")
        assert response.status_code == 400
        assert message in response.text


def test_filtered_feeds(served: Served) -> None:
    atom = feedparser.parse(get(served, "feed.atom?series=bilateral").content)
    assert not atom.bozo
    published = feedparser.parse((served.out / "series-bilateral.atom.xml").read_bytes())
    assert [e.id for e in atom.entries] == [e.id for e in published.entries]
    self_link = next(link.href for link in atom.feed.links if link.rel == "self")
    assert self_link == served.url + "feed.atom?series=bilateral"
    rss = feedparser.parse(get(served, "feed.rss?series=bilateral").content)
    assert len(rss.entries) == len(published.entries)
    json_feed = get(served, "feed.json?series=bilateral").json()
    assert json_feed["feed_url"] == served.url + "feed.json?series=bilateral"
    assert len(json_feed["items"]) == len(published.entries)


def test_preview_and_form(served: Served) -> None:
    index = get(served, "")
    assert index.status_code == 200
    assert index.content == (served.out / "index.html").read_bytes()
    assert get(served, "vi/index.html").status_code == 200
    form = get(served, "filter?series=bilateral&participant=vn")
    assert form.status_code == 200
    assert f'value="{served.url}calendar.ics?series=bilateral&amp;participant=vn"' in form.text
    assert 'checked="checked"' in form.text
    assert get(served, "filter?series=nope").status_code == 400


def test_rebuild_on_change(served: Served) -> None:
    event = served.data / "events" / "2025" / "2025-11-admm-plus-12.yaml"
    text = event.read_text("utf-8")
    assert "note:" not in text
    event.write_text(text + "note:\n  en: Rebuilt while serving.\n", "utf-8")
    deadline = time.monotonic() + 20
    page = served.out / "events" / "2025-11-admm-plus-12.html"
    while "Rebuilt while serving." not in page.read_text("utf-8"):
        assert time.monotonic() < deadline, served.log
        time.sleep(0.2)
    calendar = vobject.readOne(get(served, "calendar.ics?series=admm-plus").text)
    assert "Rebuilt while serving." in calendar.vevent.description.value
    # Bad data is reported and the last good build stays served.
    event.write_text(text.replace("series:", "seriez:"), "utf-8")
    deadline = time.monotonic() + 20
    while not any("still serving" in line for line in served.log):
        assert time.monotonic() < deadline, served.log
        time.sleep(0.2)
    assert get(served, "calendar.ics?series=admm-plus").status_code == 200
    event.write_text(text, "utf-8")


def test_serve_is_not_imported_by_the_cli() -> None:
    import subprocess  # noqa: PLC0415
    import sys  # noqa: PLC0415

    code = "import sys, timeline.cli; print('starlette' in sys.modules or 'uvicorn' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=Path.cwd())
    assert done.stdout.strip() == "False"
