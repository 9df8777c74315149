"""Meetings named through the relations of series.yaml (timeline/extract/relations.py): a working
group named by its parent's name, the exercises of a family. Sentences of our own, of the shapes the
heldout5 misses had (never their text)."""

from __future__ import annotations

from datetime import date

import pytest

from tests.extract_sentences import Row, sentence_events
from timeline.extract import Gazetteer, extract
from timeline.extract.relations import exercise_of


def events(gaz: Gazetteer, text: str, published: date | None = None) -> list[Row]:
    return sentence_events(gaz, text, "vi", published)


def test_the_exercises_of_a_family_are_the_groups_exercises(gaz: Gazetteer) -> None:
    plus = next(s.key for s in gaz.series.values() if s.relation == "plus")
    exercise = exercise_of(gaz, plus)
    assert exercise is not None
    assert gaz.series[exercise].relation == "exercise"
    group = gaz.series[exercise].parent
    assert group is not None
    areas = [s.key for s in gaz.series.values() if s.parent == group and s.relation == "area"]
    assert all(exercise_of(gaz, area) == exercise for area in areas)
    assert exercise_of(gaz, str(gaz.series[plus].parent)) is None  # the ministers' meeting holds none


@pytest.mark.parametrize(
    ("text", "series"),
    [
        # the parent's full name and acronym inside the group's name, the area after it
        (
            "Ngày 4/3, Nhóm chuyên gia Hội nghị Bộ trưởng Quốc phòng các nước ASEAN mở rộng (ADMM+) về an ninh biển "
            "đã họp tại Hà Nội.",
            "admm-plus-ewg-ms",
        ),
        # the area before the parent's name ("... quân y thuộc ADMM+")
        ("Ngày 4/3, nhóm chuyên gia công tác quân y thuộc ADMM+ đã họp tại Hà Nội.", "admm-plus-ewg-mm"),
        # no area said: the groups' series
        ("Ngày 4/3, Nhóm chuyên gia ADMM+ đã họp tại Hà Nội.", "admm-plus-ewg"),
    ],
)
def test_a_groups_word_before_a_meetings_name_makes_it_the_group(gaz: Gazetteer, text: str, series: str) -> None:
    assert [row[:2] for row in events(gaz, text)] == [(series, "XXXX-03-04")]


def test_an_exercise_said_of_a_family_is_its_exercise_not_the_meeting(gaz: Gazetteer) -> None:
    text = "Ngày 8/5, các nước ADMM+ sẽ có tập trận chung về gìn giữ hòa bình tại Jakarta."
    assert events(gaz, text) == [("admm-plus-exercise", "XXXX-05-08", None, "planned")]


def test_a_group_that_opens_its_exercises_is_their_owner(gaz: Gazetteer) -> None:
    text = (
        "Theo phóng viên TTXVN tại Manila, ngày 2/6, Nhóm chuyên gia ADMM+ về an ninh biển đã khai mạc "
        "các cuộc diễn tập trên bản đồ và diễn tập thực binh tại Subic."
    )
    assert [row[:2] for row in events(gaz, text)] == [("admm-plus-exercise", "XXXX-06-02")]


def test_an_exercise_in_a_later_sentence_is_the_family_named_before(gaz: Gazetteer) -> None:
    text = (
        "Nhóm chuyên gia ADMM+ về chống khủng bố đã họp tại Bangkok. "
        "Các bên thống nhất kế hoạch cho cuộc tập trận được lên kế hoạch vào tháng 7/2026."
    )
    assert events(gaz, text) == [("admm-plus-exercise", "2026-07", None, "planned")]


def test_a_part_of_an_exercise_does_not_date_it(gaz: Gazetteer) -> None:
    text = (
        "Từ ngày 3 đến 9/5, Nhóm chuyên gia ADMM+ về quân y sẽ tổ chức diễn tập thực địa tại Huế. "
        "Ngày 7/5 sẽ diễn ra hoạt động tham quan diễn tập của các đại biểu."
    )
    assert [row[:3] for row in events(gaz, text)] == [("admm-plus-exercise", "XXXX-05-03", "XXXX-05-09")]


def test_a_date_opening_the_sentence_with_an_aside_in_brackets_is_its_clauses(gaz: Gazetteer) -> None:
    text = (
        "Ngày 12/4 (giờ địa phương), tại Canberra, Thượng tướng Nguyễn Văn A, Thứ trưởng Quốc phòng, và "
        "ông John Smith, Thứ trưởng Quốc phòng Australia, đồng chủ trì Đối thoại chính sách quốc phòng lần thứ 5."
    )
    assert [row[:2] for row in events(gaz, text)] == [("defence-policy-dialogue", "XXXX-04-12")]


def test_a_start_day_said_twice_once_with_its_end_is_one_event(gaz: Gazetteer) -> None:
    text = "Ngày 10/3, Hội nghị ADSOM khai mạc tại Huế. Diễn ra từ ngày 10-12/3, Hội nghị ADSOM thảo luận nhiều vấn đề."
    assert [row[:3] for row in events(gaz, text)] == [("adsom", "XXXX-03-10", "XXXX-03-12")]


def test_a_meeting_of_three_sides_named_by_their_count(gaz: Gazetteer) -> None:
    text = "Ngày 9.10, tại TP. Đà Nẵng, đã diễn ra Cuộc gặp thường niên Bộ trưởng Quốc phòng 3 nước Việt Nam - Lào - Campuchia."
    assert [row[:2] for row in events(gaz, text)] == [("trilateral", "XXXX-10-09")]


def test_sideline_talks_after_the_occasion_named_first_are_bilaterals_of_it(gaz: Gazetteer) -> None:
    text = (
        "Ngày 6/11, Hội nghị ADMM+ lần thứ 11 diễn ra tại Viêng Chăn. Nhân dịp tham dự Hội nghị ADMM+ lần thứ 11, "
        "Đại tướng Nguyễn Văn B đã gặp gỡ bên lề, trao đổi song phương với Bộ trưởng Quốc phòng Nhật Bản Tanaka "
        "và Bộ trưởng Quốc phòng Hàn Quốc Kim."
    )
    found = [(c.series, str(c.start), c.countries) for c in extract(text, gaz, lang="vi").candidates]
    assert found == [
        ("admm-plus", "XXXX-11-06", ()),
        ("bilateral", "XXXX-11-06", ("JP",)),
        ("bilateral", "XXXX-11-06", ("KR",)),
    ]


def test_an_end_day_with_no_start_known_dates_the_meeting_to_its_month(gaz: Gazetteer) -> None:
    text = "Hội nghị Tư lệnh Hải quân ASEAN lần thứ 9 vừa kết thúc ngày 18/5 tại Yangon."
    assert [row[:3] for row in events(gaz, text)] == [("ancm", "XXXX-05", "XXXX-05-18")]


def test_an_earlier_edition_named_by_its_number_is_dated_by_its_year(gaz: Gazetteer) -> None:
    text = "Đây là lần thứ ba Triển lãm Quốc phòng quốc tế Việt Nam được tổ chức, sau lần đầu năm 2019."
    found = [(c.series, c.ordinal, str(c.start)) for c in extract(text, gaz, lang="vi").candidates]
    assert found == [("defence-expo", 1, "2019")]


def test_a_relative_year_gives_way_to_a_year_as_near(gaz: Gazetteer) -> None:
    text = "Triển lãm Quốc phòng quốc tế Việt Nam đã khai mạc. Triển lãm năm nay lớn gấp đôi so với lần 1 năm 2020."
    found = [(c.series, c.ordinal, str(c.start)) for c in extract(text, gaz, lang="vi").candidates]
    assert found == [("defence-expo", 1, "2020")]


def test_an_informal_meeting_named_with_its_partner_is_the_informal_one(gaz: Gazetteer) -> None:
    text = "The first ASEAN-Japan Informal Defence Ministers' Meeting was held in Vientiane on March 4, 2025."
    found = [(c.series, str(c.start)) for c in extract(text, gaz, lang="en").candidates]
    assert found == [("admm-informal-jp", "2025-03-04")]
