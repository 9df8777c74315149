"""`timeline extract` on Vietnamese: rules grown from the heldout4 and dev2 misses (each a shape of the
language or of the beat's naming, written here in sentences of our own, not the articles' text)."""

from __future__ import annotations

from datetime import date

import pytest

from tests.extract_sentences import Row, sentence_events
from timeline.extract import Gazetteer, extract
from timeline.extract import dates as D
from timeline.extract.reading import sentences
from timeline.extract.rules import load
from timeline.extract.years import article_years


def events(gaz: Gazetteer, text: str, published: date | None = None) -> list[Row]:
    return sentence_events(gaz, text, "vi", published)


@pytest.mark.parametrize(
    ("text", "series", "ordinal", "start"),
    [
        # the name written out, with a word inside it ("trực tuyến"), before the known acronym
        (
            "Ngày 3/11, tại Hà Nội diễn ra Hội nghị trực tuyến Tư lệnh Hải quân các nước ASEAN lần thứ 15 (ANCM).",
            "ancm",
            15,
            "XXXX-11-03",
        ),
        # an organisation's acronym in brackets inside the name is a word of it, not the meeting's
        (
            "Ngày 4/9, Hội nghị Tư lệnh lực lượng quốc phòng Hiệp hội các quốc gia Đông Nam Á (ASEAN) "
            "lần thứ 21 (ACDFM-21) đã khai mạc tại Viêng Chăn.",
            "acdfm",
            21,
            "XXXX-09-04",
        ),
    ],
)
def test_a_name_in_full_before_its_known_acronym_is_one_meeting(
    gaz: Gazetteer, text: str, series: str, ordinal: int, start: str
) -> None:
    found = extract(text, gaz, lang="vi").candidates
    assert [(c.series, c.ordinal, str(c.start)) for c in found] == [(series, ordinal, start)]


def test_a_year_after_the_name_gives_way_to_the_day_before_it(gaz: Gazetteer) -> None:
    text = "Sáng nay, ngày 5-6, Hội nghị Tư lệnh Lực lượng Quốc phòng ASEAN lần thứ 19 (ACDFM-19) năm 2022 đã khai mạc."
    assert events(gaz, text, date(2022, 6, 5)) == [("acdfm", "2022-06-05", None, "held")]


def test_a_relative_day_and_its_date_in_brackets_are_one_date() -> None:
    found = D.find("Chiều nay (14/9/2022), hội nghị khai mạc.", lang="vi")
    assert [(m.text, m.year, m.month, m.day) for m in found] == [("Chiều nay (14/9/2022", 2022, 9, 14)]


def test_the_years_of_numeric_dates_are_the_articles_but_not_a_documents() -> None:
    vi = load("vi")
    assert article_years("Hội nghị diễn ra hồi tháng 6/2021; hội nghị sau vào ngày 3/11/2021.", vi) == [2021]
    assert article_years("Công ước Liên hợp quốc về Luật Biển (UNCLOS) năm 1982 là nền tảng.", vi) == []
    assert article_years("Hướng tới Tầm nhìn ASEAN 2025, các nước hợp tác.", vi) == []


def test_a_year_of_an_earlier_meeting_is_not_the_articles(gaz: Gazetteer) -> None:
    # the only year is that of the previous meeting: the next one's year stays unknown
    text = (
        "Hai nước sẽ tổ chức Đối thoại 2+2 vào ngày 8/10.\n\n"
        "Cuộc đối thoại thường niên trước đó đã được tổ chức tại Jakarta, Indonesia vào ngày 4/12/2019."
    )
    assert ("two-plus-two", "XXXX-10-08", None, "planned") in events(gaz, text)


def test_an_informal_meeting_with_partners_listed_after_another_meeting_shares_its_month(gaz: Gazetteer) -> None:
    text = (
        "Hội nghị thống nhất công tác chuẩn bị cho Hội nghị ADMM hẹp và Cuộc gặp không chính thức giữa "
        "Bộ trưởng Quốc phòng các nước ASEAN với Ấn Độ và Nhật Bản vào tháng 2/2023."
    )
    assert sorted(events(gaz, text)) == [
        ("admm-informal-in", "2023-02", None, "planned"),
        ("admm-informal-jp", "2023-02", None, "planned"),
        ("admm-retreat", "2023-02", None, "planned"),
    ]


def test_a_meeting_held_right_after_another_takes_its_day(gaz: Gazetteer) -> None:
    text = (
        "Ngay sau khi kết thúc Hội nghị ADMM hẹp diễn ra vào sáng 6/3 tại Luang Prabang, Bộ trưởng đã dự "
        "Cuộc gặp không chính thức giữa các Bộ trưởng Quốc phòng ASEAN với Bộ trưởng Quốc phòng Nhật Bản."
    )
    assert sorted(events(gaz, text, date(2024, 3, 7))) == [
        ("admm-informal-jp", "2024-03-06", None, "held"),
        ("admm-retreat", "2024-03-06", None, "held"),
    ]


def test_a_bare_cuoc_hop_refers_to_the_meeting_named_last(gaz: Gazetteer) -> None:
    text = "Hai nước sẽ tổ chức Đối thoại 2+2 vào năm tới.\n\nCuộc họp trước đó được tổ chức tại Jakarta vào ngày 4/12/2019."
    assert ("two-plus-two", "2019-12-04", None, "held") in events(gaz, text, date(2020, 5, 1))


def test_the_trip_to_a_meeting_does_not_date_it_and_the_host_is_a_counterpart(gaz: Gazetteer) -> None:
    text = (
        "Chiều ngày 9/7, trong khuôn khổ chuyến tham dự Hội nghị Bộ trưởng Quốc phòng các nước ASEAN lần thứ 14 "
        "(ADMM 14) tại Hà Nội, Việt Nam, Bộ trưởng Quốc phòng Việt Nam đã có các cuộc gặp song phương với "
        "Bộ trưởng Quốc phòng Campuchia và Bộ trưởng Quốc phòng Lào."
    )
    found = extract(text, gaz, lang="vi").candidates
    assert sorted((c.series, str(c.start), c.countries) for c in found) == [
        ("bilateral", "XXXX-07-09", ("KH",)),
        ("bilateral", "XXXX-07-09", ("LA",)),
    ]
    # the venue's country named again is whom they met
    text = (
        "Ngày 9/7, bên lề Hội nghị ADMM tại Bangkok, Thái Lan, Bộ trưởng đã hội đàm với "
        "Bộ trưởng Quốc phòng Thái Lan và Bộ trưởng Quốc phòng Lào."
    )
    found = extract(text, gaz, lang="vi").candidates
    assert sorted(c.countries for c in found if c.series == "bilateral") == [("LA",), ("TH",)]


def test_a_chairs_term_named_before_the_meetings_is_no_meeting(gaz: Gazetteer) -> None:
    text = "Bộ trưởng giới thiệu chủ đề Chủ tịch ADMM và ADMM+ năm 2026 của Philippines."
    assert events(gaz, text) == []


def test_three_defence_ministers_meeting_is_a_trilateral_meeting(gaz: Gazetteer) -> None:
    text = "Cuộc gặp giữa ba Bộ trưởng Quốc phòng Việt Nam - Lào - Campuchia diễn ra chiều nay (3/10/2023) tại Hà Nội."
    assert events(gaz, text, date(2023, 10, 3)) == [("trilateral", "2023-10-03", None, "held")]


@pytest.mark.parametrize(
    "text",
    [
        # the two sides named before the meeting word
        "Ngày 1/6, Bộ trưởng Quốc phòng Mỹ và Bộ trưởng Quốc phòng Trung Quốc đã có cuộc hội đàm bên lề Đối thoại Shangri-La.",
        # ... or after "giữa"
        "Ngày 1/6, cuộc gặp tại Singapore giữa Bộ trưởng Quốc phòng Mỹ và người đồng cấp Trung Quốc kéo dài một giờ.",
    ],
)
def test_two_other_countries_meeting_each_other_is_one_bilateral_meeting(gaz: Gazetteer, text: str) -> None:
    found = [c for c in extract(text, gaz, lang="vi", published=date(2024, 6, 2)).candidates if c.series == "bilateral"]
    assert [(str(c.start), c.countries) for c in found] == [("2024-06-01", ("US", "CN"))]


def test_meeting_ones_counterparts_is_one_bilateral_meeting_with_each(gaz: Gazetteer) -> None:
    text = "Ngày 1/6, bên lề Đối thoại Shangri-La, Đại tướng đã hội đàm với Bộ trưởng Quốc phòng Mỹ và Bộ trưởng Quốc phòng Trung Quốc."
    found = [c for c in extract(text, gaz, lang="vi", published=date(2024, 6, 2)).candidates if c.series == "bilateral"]
    assert sorted(c.countries for c in found) == [("CN",), ("US",)]


def test_an_end_day_and_a_length_give_the_whole_span(gaz: Gazetteer) -> None:
    text = "Đối thoại Shangri-La 2023 được tổ chức tại Singapore đã khép lại vào 4/6 sau ba ngày thảo luận."
    assert events(gaz, text) == [("shangri-la-dialogue", "2023-06-02", "2023-06-04", "held")]
    # an end day alone: the meeting began that month (its start day is not known)
    text = "Đối thoại Shangri-La 2023 tại Singapore đã khép lại vào 4/6."
    assert events(gaz, text) == [("shangri-la-dialogue", "2023-06", "2023-06-04", "held")]


def test_a_month_by_its_name(gaz: Gazetteer) -> None:
    text = "Nhật Bản sẽ tổ chức Hội nghị không chính thức Bộ trưởng Quốc phòng ASEAN - Nhật Bản vào cuối tháng Sáu."
    assert events(gaz, text) == [("admm-informal-jp", "XXXX-06", None, "planned")]


def test_the_ministers_meeting_joined_to_a_partner_is_the_informal_meeting_with_it(gaz: Gazetteer) -> None:
    text = "Hội nghị Bộ trưởng Quốc phòng ASEAN - Trung Quốc diễn ra ngày 20/11/2023 tại Jakarta."
    assert events(gaz, text) == [("admm-informal-cn", "2023-11-20", None, "held")]
    text = "Hội nghị Bộ trưởng Quốc phòng ASEAN với Bộ trưởng Quốc phòng Úc diễn ra ngày 20/11/2023."
    assert events(gaz, text) == [("admm-informal-au", "2023-11-20", None, "held")]


def test_a_present_tense_verb_says_nothing_of_the_year(gaz: Gazetteer) -> None:
    # "diễn ra" on a day three weeks after the published one: this year's, still to come
    text = "Hội nghị ADSOM diễn ra chiều 21/11 tại Hà Nội."
    assert events(gaz, text, date(2025, 11, 2)) == [("adsom", "2025-11-21", None, "planned")]


def test_what_happens_within_a_meeting_dates_it(gaz: Gazetteer) -> None:
    text = (
        "Ngày 17/11, các Bộ trưởng Quốc phòng ASEAN họp với các đối tác Nhật Bản, Hàn Quốc và Mỹ "
        "trong khuôn khổ Hội nghị Bộ trưởng Quốc phòng ASEAN mở rộng tại Jakarta."
    )
    assert [e[:2] for e in events(gaz, text)] == [("admm-plus", "XXXX-11-17")]
    # ... but a date after it, beyond a comma, is what the sentence is about
    text = "Trong khuôn khổ Hội nghị ADMM+, từ ngày 13 đến 21-9, tại Hà Nội sẽ diễn ra Diễn tập ADMM+."
    assert [e[:3] for e in events(gaz, text, date(2023, 9, 9))] == [("admm-plus-exercise", "2023-09-13", "2023-09-21")]


@pytest.mark.parametrize(
    ("name", "series"),
    [
        ("Hội nghị Nhóm chuyên gia ADMM mở rộng về an ninh biển", "admm-plus-ewg-ms"),
        ("Hội nghị Nhóm chuyên gia ADMM-Plus về chống khủng bố", "admm-plus-ewg-ct"),
        ("Hội nghị Nhóm chuyên gia ADMM+ (EWG) về an ninh mạng", "admm-plus-ewg-cs"),
        # an area that is none of the groups' stays the group of groups
        ("Hội nghị Nhóm chuyên gia ADMM mở rộng về hợp tác đào tạo", "admm-plus-ewg"),
    ],
)
def test_a_group_of_groups_named_with_its_area_is_that_areas_group(gaz: Gazetteer, name: str, series: str) -> None:
    assert events(gaz, f"{name} diễn ra ngày 4/4/2024 tại Hà Nội.") == [(series, "2024-04-04", None, "held")]


def test_a_date_opening_the_sentence_before_is_the_meetings_it_happened_at(gaz: Gazetteer) -> None:
    text = (
        "Ngày 14/3, lãnh đạo quân đội các nước ASEAN cam kết tăng cường hợp tác.\n\n"
        "Cam kết được đưa ra tại Hội nghị Tư lệnh Lục quân các nước ASEAN lần thứ 22 (ACAMM-22)."
    )
    assert events(gaz, text) == [("acamm", "XXXX-03-14", None, "held")]
    # a meeting merely named after it takes nothing
    text = "Ngày 14/3, lãnh đạo quân đội các nước ASEAN cam kết tăng cường hợp tác.\n\nHội nghị ACAMM là cơ chế quan trọng."
    assert events(gaz, text) == []


@pytest.mark.parametrize(
    "text",
    [
        # other ministers' meetings, with an acronym and an ordinal, are not the beat's
        "Ngày 11/7/2023, Hội nghị Bộ trưởng Ngoại giao ASEAN lần thứ 56 (AMM-56) đã khai mạc tại Jakarta.",
        "Hội nghị Bộ trưởng Kinh tế ASEAN lần thứ 55 (AEM-55) diễn ra ngày 20/8/2023.",
        # nor are the talks of heads of government
        "Thủ tướng hội đàm với Thủ tướng Nhật Bản ngày 16/12/2023.",
    ],
)
def test_other_offices_meetings_are_not_the_beats(gaz: Gazetteer, text: str) -> None:
    assert events(gaz, text) == []


def test_a_general_in_talks_with_a_counterpart_is_the_beats(gaz: Gazetteer) -> None:
    text = "Ngày 16/12/2023, Đại tướng Phan Văn Giang hội đàm với Thủ tướng Nhật Bản."
    assert [(c.series, c.countries) for c in extract(text, gaz, lang="vi").candidates] == [("bilateral", ("JP",))]


def test_a_year_in_a_clause_about_the_future_is_not_the_articles(gaz: Gazetteer) -> None:
    text = "Ngày 19/11, Hội nghị ADMM lần thứ 18 đã diễn ra.\n\nHội nghị ADMM lần thứ 19 sẽ được tổ chức tại Malaysia vào năm 2025."
    assert events(gaz, text) == [("admm", "XXXX-11-19", None, "held"), ("admm", "2025", None, "planned")]


def test_within_a_meeting_another_named_after_it_takes_the_date(gaz: Gazetteer) -> None:
    text = (
        "Ngày 20/11/2024, trong khuôn khổ Hội nghị ADMM-18, Đại tướng Phan Văn Giang đã dự "
        "Hội nghị không chính thức Bộ trưởng Quốc phòng ASEAN - Nhật Bản."
    )
    assert events(gaz, text) == [("admm-informal-jp", "2024-11-20", None, "held")]


def test_a_joint_exercise_of_the_admm_plus_is_the_exercise(gaz: Gazetteer) -> None:
    text = "Diễn tập thực binh chung ADMM+ về an ninh biển sẽ diễn ra từ ngày 2 đến 6/9/2026 tại Darwin."
    assert events(gaz, text) == [("admm-plus-exercise", "2026-09-02", "2026-09-06", "planned")]


def test_the_same_day_is_the_day_last_named(gaz: Gazetteer) -> None:
    text = (
        "Sáng 31/10, Bộ trưởng dự Hội nghị Bộ trưởng Quốc phòng các nước ASEAN lần thứ 19.\n\n"
        "Chiều cùng ngày, Bộ trưởng đã dự Hội nghị không chính thức Bộ trưởng Quốc phòng ASEAN - Hoa Kỳ."
    )
    assert events(gaz, text, date(2025, 10, 31)) == [
        ("admm", "2025-10-31", None, "held"),
        ("admm-informal-us", "2025-10-31", None, "held"),
    ]


def test_a_bilateral_meeting_on_no_dated_meetings_sidelines_takes_its_sentences_venue(gaz: Gazetteer) -> None:
    text = "Chiều ngày 9/7/2019, Đại tướng Ngô Xuân Lịch đã có các cuộc gặp song phương với Bộ trưởng Quốc phòng Lào tại Bangkok."
    found = [c for c in extract(text, gaz, lang="vi").candidates if c.series == "bilateral"]
    assert [(str(c.start), c.city, c.country, c.countries) for c in found] == [("2019-07-09", "Bangkok", "TH", ("LA",))]


def test_two_meetings_listed_with_their_head_noun_said_again_share_the_window(gaz: Gazetteer) -> None:
    text = "Hội nghị ADSOM lần thứ 9 và Hội nghị ADSOM+ lần thứ 4 sẽ diễn ra từ ngày 3 - 4/6/2027 tại Manila."
    assert sorted(events(gaz, text)) == [
        ("adsom", "2027-06-03", "2027-06-04", "planned"),
        ("adsom-plus", "2027-06-03", "2027-06-04", "planned"),
    ]


def test_a_working_group_named_by_its_area_before_whose_group_it_is(gaz: Gazetteer) -> None:
    text = "Ngày 5 và 6-8 đã diễn ra Hội nghị Nhóm chuyên gia An ninh hàng hải của ADMM+ tại Đà Nẵng."
    assert events(gaz, text) == [("admm-plus-ewg-ms", "XXXX-08-05", "XXXX-08-06", "held")]


def test_a_pages_clock_gives_the_article_no_year(gaz: Gazetteer) -> None:
    vi = load("vi")
    assert article_years("Chủ Nhật, 08/02/2032, 21:05 (GMT+7)\nHội nghị khai mạc ngày 4/6.", vi) == []
    assert article_years("Hội nghị khai mạc ngày 4/6/2031 tại Hà Nội.", vi) == [2031]
    text = "Chủ Nhật, 08/02/2032, 21:05 (GMT+7)\n\nHội nghị ADSOM vừa khai mạc sáng 4-6 tại Hà Nội."
    assert events(gaz, text) == [("adsom", "XXXX-06-04", None, "held")]


def test_the_members_of_a_framework_are_not_its_meeting(gaz: Gazetteer) -> None:
    text = "Ngày 14/3, đại biểu từ 18 nước thành viên ADMM+ đã trao đổi về an ninh biển."
    assert events(gaz, text) == []


def test_a_group_of_a_framework_named_without_its_area_before_of(gaz: Gazetteer) -> None:
    text = "Tháng 9/2031, nhóm công tác chuyên gia của ADMM+ về quân y đã họp tại Huế."
    assert events(gaz, text) == [("admm-plus-ewg-mm", "2031-09", None, "held")]


def test_a_name_spelling_out_asean_before_its_acronym_is_the_known_series(gaz: Gazetteer) -> None:
    text = "Sáng 4/3, Hội nghị hẹp Bộ trưởng Quốc phòng các nước Hiệp hội các quốc gia Đông Nam Á (ASEAN) khai mạc tại Huế."
    assert [(c.series, c.known_series) for c in extract(text, gaz, lang="vi").candidates] == [("admm-retreat", True)]


def test_a_meeting_named_by_its_ordinal_alone_gets_an_english_slug(gaz: Gazetteer) -> None:
    text = "Ngày 2/5, Đối thoại An ninh quốc phòng cấp Thứ trưởng Việt Nam - Ấn Độ lần thứ 3 diễn ra tại Hà Nội."
    found = extract(text, gaz, lang="vi").candidates
    assert [(c.series, c.known_series, c.ordinal) for c in found] == [("defence-security-dialogue", False, 3)]


def test_a_known_dialogue_takes_its_ordinal_after_the_level_and_the_two_sides(gaz: Gazetteer) -> None:
    text = "Ngày 2/5, Đối thoại Chiến lược quốc phòng cấp Thứ trưởng Việt Nam - Ấn Độ lần thứ 3 diễn ra tại Hà Nội."
    found = extract(text, gaz, lang="vi").candidates
    assert [(c.series, c.known_series, c.ordinal) for c in found] == [("defence-strategic-dialogue", True, 3)]


def test_a_name_without_acronym_the_name_words_cannot_say_proposes_no_series(gaz: Gazetteer) -> None:
    text = "Ngày 8/7, Bộ trưởng dự Hội nghị Tùy viên Quốc phòng lần thứ 21 tại Hà Nội."
    assert not extract(text, gaz, lang="vi").candidates


def test_another_name_in_brackets_after_a_known_one_is_no_meeting_of_its_own(gaz: Gazetteer) -> None:
    text = "Đối thoại Shangri-La 2031 (Diễn đàn an ninh châu Á lần thứ 28) khai mạc ngày 30/5/2031 tại Singapore."
    assert [c.series for c in extract(text, gaz, lang="vi").candidates] == ["shangri-la-dialogue"]


def test_two_other_countries_ministers_with_a_counterparts_word_between_them_meet_each_other(gaz: Gazetteer) -> None:
    text = (
        "Bộ trưởng Quốc phòng Mỹ John Doe và người đồng cấp Australia Jane Roe ngày 5/6 đã hội đàm song phương "
        "bên lề Đối thoại Shangri-La tại Singapore."
    )
    found = [c for c in extract(text, gaz, lang="vi").candidates if c.series == "bilateral"]
    assert [(str(c.start), sorted(c.countries)) for c in found] == [("XXXX-06-05", ["AU", "US"])]


def test_a_year_written_with_the_name_dates_the_day_that_opens_the_sentence(gaz: Gazetteer) -> None:
    text = (
        "Từ ngày 3 đến 5-10, Đại tướng Nguyễn Văn A, Ủy viên Bộ Chính trị, Phó Bí thư Quân ủy Trung ương, "
        "Bộ trưởng Bộ Quốc phòng, và Thượng tướng Trần Văn B, Ủy viên Quân ủy Trung ương, Thứ trưởng Bộ Quốc phòng, "
        "Trưởng ban Đối ngoại, cùng các đại biểu đã dự Hội nghị Tư lệnh Hải quân ASEAN lần thứ 30 năm 2036 tại Huế."
    )
    assert events(gaz, text) == [("ancm", "2036-10-03", "2036-10-05", "held")]


def test_a_span_of_many_years_dates_no_meeting(gaz: Gazetteer) -> None:
    text = "Triển lãm Quốc phòng quốc tế Việt Nam 2030 nhân dịp kỷ niệm 86 năm Ngày thành lập Quân đội (22/12/1944 - 22/12/2030)."
    assert events(gaz, text) == []


def test_a_year_in_a_clause_of_its_own_after_the_name_is_not_the_meetings(gaz: Gazetteer) -> None:
    text = "Hội nghị Tư lệnh Lục quân ASEAN lần này có chủ đề tăng cường hợp tác sau khi ký kết hiệp định vào năm 2017."
    assert events(gaz, text) == []
    assert events(gaz, "Hội nghị Tư lệnh Lục quân ASEAN lần thứ 9 diễn ra vào năm 2017.") == [
        ("acamm", "2017", None, "held")
    ]


def test_a_name_whose_words_say_three_sides_is_the_trilateral_series(gaz: Gazetteer) -> None:
    text = "Ấn Độ, Úc và Nhật Bản ngày 7/4 đã tổ chức Đối thoại quốc phòng ba bên (TDD) lần thứ XIV tại Tokyo."
    found = extract(text, gaz, lang="vi").candidates
    assert [(c.series, c.ordinal, str(c.start)) for c in found] == [("trilateral", 14, "XXXX-04-07")]


def test_a_meeting_said_to_be_coming_does_not_take_the_sentences_opening_date(gaz: Gazetteer) -> None:
    text = "Ngày 3/4, đoàn Việt Nam tham dự Hội nghị Tư lệnh Hải quân ASEAN lần thứ 25 sắp tới đã họp rà soát công tác chuẩn bị."
    assert events(gaz, text) == []
    text = "Hội nghị Tư lệnh Hải quân ASEAN lần thứ 25 sắp tới sẽ diễn ra vào ngày 3/4."
    assert [(s, d) for s, d, *_ in events(gaz, text)] == [("ancm", "XXXX-04-03")]


def test_a_rehearsal_of_a_meetings_opening_is_not_the_meeting(gaz: Gazetteer) -> None:
    text = "Sáng 2/6, Bộ Quốc phòng tổ chức tổng duyệt Lễ khai mạc Hội nghị Tư lệnh Hải quân ASEAN lần thứ 30."
    assert events(gaz, text) == []


def test_a_partners_ministers_meeting_with_asean_is_the_informal_meeting_with_it(gaz: Gazetteer) -> None:
    text = "Úc đang xem xét tổ chức hội nghị bộ trưởng quốc phòng với ASEAN tại Manila vào đầu tháng Ba."
    assert [(s, d) for s, d, *_ in events(gaz, text)] == [("admm-informal-au", "XXXX-03")]
    text = "Các bộ trưởng quốc phòng Ấn Độ và ASEAN gặp nhau lần gần đây nhất vào tháng 11/2029."
    assert [(s, d) for s, d, *_ in events(gaz, text)] == [("admm-informal-in", "2029-11")]


def test_an_outlets_tag_before_the_opening_date_leaves_it_the_sentences(gaz: Gazetteer) -> None:
    text = (
        "TPO - Ngày 8/4, tại Hà Nội, Thượng tướng Nguyễn Văn A, Thứ trưởng Bộ Quốc phòng Việt Nam, và Thượng tướng "
        "John Doe, Thứ trưởng Bộ Quốc phòng Ấn Độ, đồng chủ trì Đối thoại Chiến lược quốc phòng Việt Nam - Ấn Độ lần thứ 4."
    )
    assert [(s, d) for s, d, *_ in events(gaz, text)] == [("defence-strategic-dialogue", "XXXX-04-08")]


def test_a_working_group_named_in_full_takes_the_one_area_its_article_names(gaz: Gazetteer) -> None:
    text = (
        "Ngày 9-3, tại Huế, hai nước đồng chủ trì Hội nghị nhóm chuyên gia các nước ASEAN mở rộng (ADMM+).\n\n"
        "Hội nghị thảo luận các hoạt động rà phá bom mìn nhân đạo trong khu vực."
    )
    assert [(s, d) for s, d, *_ in events(gaz, text)] == [("admm-plus-ewg-hma", "XXXX-03-09")]


def test_a_group_named_as_the_role_of_a_country_is_context(gaz: Gazetteer) -> None:
    text = "Tháng 5/2031, với tư cách là đồng chủ trì nhóm công tác chuyên gia của ADMM+ về quân y, Việt Nam đã cử đoàn sang Lào."
    assert events(gaz, text) == []


def test_a_meeting_placed_under_the_chairmanship_with_no_date_is_of_the_chair_year(gaz: Gazetteer) -> None:
    text = "Năm Chủ tịch ASEAN 2020, Việt Nam đã tổ chức thành công Hội nghị ADMM hẹp trực tuyến."
    assert events(gaz, text) == [("admm-retreat", "2020", None, "held")]
    apart = "Việt Nam đảm nhận vai trò Chủ tịch ASEAN 2020. Hội nghị ADMM hẹp sẽ thông qua tuyên bố chung."
    assert events(gaz, apart) == []


def test_a_year_written_right_after_a_meetings_name_dates_the_days_of_its_sentence(gaz: Gazetteer) -> None:
    text = "Đối thoại Shangri-La 2024 đã diễn ra tại Singapore từ ngày 31/5 đến 2/6."
    assert events(gaz, text) == [("shangri-la-dialogue", "2024-05-31", "2024-06-02", "held")]


def test_the_day_of_a_report_is_not_the_meetings(gaz: Gazetteer) -> None:
    text = (
        "Tờ The Straits Times ngày 10.12 đưa tin tại Hội nghị Bộ trưởng Quốc phòng ASEAN mở rộng (ADMM+) "
        "do Việt Nam tổ chức trực tuyến từ ngày 9-10.12, Bộ trưởng Mỹ tái khẳng định vai trò của ASEAN."
    )
    assert events(gaz, text) == [("admm-plus", "XXXX-12-09", "XXXX-12-10", "held")]


def test_receiving_a_general_or_minister_is_a_bilateral_meeting(gaz: Gazetteer) -> None:
    # the counterpart is the other country named, whichever side receives; the meeting the visitor came
    # to attend ("sang dự") is context, not dated by the reception's day
    text = (
        "Sáng 4/10, tại Viêng Chăn, Bộ trưởng Bộ Quốc phòng Lào đã tiếp Trung tướng Nguyễn Văn A, Thứ trưởng "
        "Bộ Quốc phòng Việt Nam sang dự Hội nghị Tư lệnh Lục quân các nước ASEAN."
    )
    found = extract(text, gaz, lang="vi").candidates
    assert [(c.series, str(c.start), c.countries) for c in found] == [("bilateral", "XXXX-10-04", ("LA",))]
    # a legislator received is no meeting of the beat
    text = "Chiều 8/4, Đại tướng Phan Văn Giang đã tiếp xã giao Thượng Nghị sĩ Hoa Kỳ tại Hà Nội."
    assert events(gaz, text) == []


def test_talks_of_both_sides_are_with_the_visitor_the_sentence_before_welcomed(gaz: Gazetteer) -> None:
    text = (
        "(ABC) Sáng 5/3, tại Hà Nội, Đại tướng Phan Văn Giang chủ trì lễ đón Bộ trưởng Quốc phòng Nhật Bản. "
        "Sau lễ đón, hai bên tiến hành hội đàm."
    )
    found = extract(text, gaz, lang="vi").candidates
    assert [(c.series, str(c.start), c.countries) for c in found] == [("bilateral", "XXXX-03-05", ("JP",))]
    # the sentence before told of the talks already: "hai bên" then is no second meeting
    text = (
        "Ngày 5/3, Bộ trưởng Quốc phòng Nhật Bản đã hội đàm song phương với người đồng cấp Trung Quốc. "
        "Hai bên nhất trí thúc đẩy đối thoại."
    )
    found = [c for c in extract(text, gaz, lang="vi").candidates if c.series == "bilateral"]
    assert len(found) == 1
    # a welcome whose day is not given dates no talks
    text = (
        "Đại tướng Phan Văn Giang chủ trì lễ đón Bộ trưởng Quốc phòng Nhật Bản. Sau lễ đón, hai bên tiến hành hội đàm."
    )
    assert events(gaz, text) == []


def test_talks_within_a_meetings_framework_are_its_bilateral_meetings(gaz: Gazetteer) -> None:
    # the framework's date is the talks' (and the framework meeting's: it was under way that day)
    text = (
        "Ngày 9/7, tại Viêng Chăn, trong khuôn khổ Hội nghị Bộ trưởng Quốc phòng các nước ASEAN lần thứ 14, "
        "Đại tướng Phan Văn Giang đã hội đàm với Bộ trưởng Quốc phòng Lào."
    )
    found = extract(text, gaz, lang="vi").candidates
    assert sorted((c.series, str(c.start), c.countries) for c in found) == [
        ("admm", "XXXX-07-09", ()),
        ("bilateral", "XXXX-07-09", ("LA",)),
    ]
    # no date of their own: the framework meeting's; "dự kiến ... sẽ có": planned
    text = (
        "Hội nghị hẹp Bộ trưởng Quốc phòng các nước ASEAN sẽ diễn ra ngày 5/3/2026 tại Hà Nội. Trong khuôn khổ "
        "Hội nghị hẹp lần này, dự kiến Bộ trưởng sẽ có cuộc gặp song phương Bộ trưởng Quốc phòng các nước Lào, "
        "Thái Lan và trưởng đoàn Indonesia."
    )
    found = [c for c in extract(text, gaz, lang="vi").candidates if c.series == "bilateral"]
    assert sorted((str(c.start), c.countries, c.status) for c in found) == [
        ("2026-03-05", ("ID",), "planned"),
        ("2026-03-05", ("LA",), "planned"),
        ("2026-03-05", ("TH",), "planned"),
    ]
    assert {c.part_of["series"] for c in found if c.part_of} == {"admm-retreat"}


def test_the_date_of_the_verb_whose_subject_opens_the_sentence_is_the_subjects(gaz: Gazetteer) -> None:
    # however long the venue between the name and its verb
    text = (
        "Hội nghị Bộ trưởng Quốc phòng các nước ASEAN lần thứ 20, năm 2026 sẽ được tổ chức tại Trung tâm Hội nghị "
        "Quốc gia, quận Nam Từ Liêm, TP Hà Nội, dự kiến diễn ra trong 2 ngày từ 10 đến 11/6/2026."
    )
    assert events(gaz, text) == [("admm", "2026-06-10", "2026-06-11", "planned")]
    # a meeting named later in the sentence is not its subject
    text = (
        "Đại tướng Phan Văn Giang dự Hội nghị Bộ trưởng Quốc phòng các nước ASEAN tại Trung tâm Hội nghị Quốc gia, "
        "quận Nam Từ Liêm, TP Hà Nội, sau đó đoàn tổ chức họp báo vào ngày 11/6/2026."
    )
    assert events(gaz, text) == []


@pytest.mark.parametrize(
    "text",
    [
        # the day right after the framework's name and its comma ...
        "Trong khuôn khổ Đối thoại Shangri-La lần thứ 21, chiều 11/6, tại Singapore, Đại tướng đã dự tiệc chiêu đãi.",
        # ... or after the verb of a clause on its name
        "Sự kiện nằm trong khuôn khổ Đối thoại Shangri-La lần thứ 21, diễn ra ngày 11/6 tại Singapore.",
    ],
)
def test_the_day_right_after_a_frameworks_name_is_a_day_of_it(gaz: Gazetteer, text: str) -> None:
    assert [(c.series, str(c.start)) for c in extract(text, gaz, lang="vi").candidates] == [
        ("shangri-la-dialogue", "XXXX-06-11")
    ]


def test_a_date_far_after_a_frameworks_name_is_not_its(gaz: Gazetteer) -> None:
    text = "Trong khuôn khổ Đối thoại Shangri-La, các nước đã ký nhiều văn kiện, sau đó đến ngày 11/6 thì họp báo."
    assert events(gaz, text) == []


def test_a_cooperation_plans_year_does_not_date_the_talks(gaz: Gazetteer) -> None:
    text = "Bộ Quốc phòng hai nước Việt Nam và Lào đã hội đàm, ký kế hoạch hợp tác năm 2026."
    assert events(gaz, text) == []
    # nor is it the article's year, for a day given without one
    assert article_years("Hai bên ký kế hoạch hợp tác năm 2026.", load("vi")) == []


def test_two_meetings_named_in_full_before_their_acronyms_share_the_lists_window(gaz: Gazetteer) -> None:
    text = (
        "Đại tướng dẫn đầu đoàn tham dự Hội nghị Bộ trưởng các nước ASEAN (ADMM) lần thứ 12 và Hội nghị Bộ "
        "trưởng các nước ASEAN mở rộng (ADMM+) lần thứ 5, diễn ra tại Singapore từ ngày 18 đến 20/10/2018."
    )
    assert sorted((c.series, str(c.start), str(c.end)) for c in extract(text, gaz, lang="vi").candidates) == [
        ("admm", "2018-10-18", "2018-10-20"),
        ("admm-plus", "2018-10-18", "2018-10-20"),
    ]


def test_a_day_within_a_meetings_window_named_later_is_that_meeting(gaz: Gazetteer) -> None:
    # the window is given after the day that opens it and after another of its days: one event
    text = (
        "Ngày 30/5, Đối thoại Shangri-La lần thứ 12 khai mạc tại Singapore. Thủ tướng sẽ phát biểu tại phiên khai "
        "mạc Đối thoại Shangri-La vào tối 31/5. Đối thoại Shangri-La lần thứ 12 diễn ra từ 30/5 - 2/6."
    )
    assert events(gaz, text) == [("shangri-la-dialogue", "XXXX-05-30", "XXXX-06-02", "held")]
    # a day of another number is another event
    text = "Đối thoại Shangri-La lần thứ 12 diễn ra từ 30/5 - 2/6. Đối thoại Shangri-La lần thứ 11 khai mạc ngày 31/5."
    assert len(events(gaz, text)) == 2


def test_a_bilateral_relation_is_no_bilateral_meeting(gaz: Gazetteer) -> None:
    text = "Chiều 7-7, Đại tướng đến thăm Trung tâm Nhiệt đới Việt - Nga, hoạt động theo cơ chế hợp tác song phương."
    assert [c for c in extract(text, gaz, lang="vi").candidates if c.series == "bilateral"] == []


def test_a_framework_named_right_after_a_meeting_is_that_meetings_not_the_days(gaz: Gazetteer) -> None:
    # the day is the rehearsal's, of an exercise within the ADMM+'s framework, not the ADMM+'s
    text = "Ngày 25-2, Bộ Quốc phòng tổ chức tổng duyệt tham gia Diễn tập gìn giữ hòa bình trong khuôn khổ ADMM+ tại Ấn Độ."
    assert [c for c in extract(text, gaz, lang="vi").candidates if c.series == "admm-plus"] == []


def test_an_online_meeting_named_by_its_noun_is_the_series_named_last(gaz: Gazetteer) -> None:
    text = (
        "Các bộ trưởng quốc phòng Nhật Bản và ASEAN gặp nhau trực tiếp gần đây nhất là vào tháng 11/2019. "
        "Sau đó, các bộ trưởng tham gia một hội nghị trực tuyến vào tháng 12/2020."
    )
    assert [(c.series, str(c.start)) for c in extract(text, gaz, lang="vi").candidates] == [
        ("admm-informal-jp", "2019-11"),
        ("admm-informal-jp", "2020-12"),
    ]


@pytest.mark.parametrize(
    ("text", "start", "end", "country"),
    [
        # an official visit to a country, with its window: the country is where the visit is
        (
            "Bộ trưởng Quốc phòng dẫn đầu Đoàn đại biểu quân sự cấp cao thăm chính thức Nhật Bản từ ngày 7 đến 11-4.",
            "XXXX-04-07",
            "XXXX-04-11",
            "JP",
        ),
        # leaving the capital to begin the visit: the trip is the visit, its window the visit's
        (
            "Sáng 3/6, Đoàn đại biểu quân sự cấp cao đã rời Hà Nội bắt đầu chuyến thăm hữu nghị chính thức Lào "
            "từ ngày 3 đến 5/6.",
            "XXXX-06-03",
            "XXXX-06-05",
            "LA",
        ),
        # a relative day given its date in brackets, then the end of the span
        (
            "Từ hôm nay (26/10) đến 28/10, Đoàn đại biểu quân sự cấp cao sẽ thăm chính thức Campuchia.",
            "XXXX-10-26",
            "XXXX-10-28",
            "KH",
        ),
    ],
)
def test_an_official_visit_is_a_defence_visit_to_the_country_named(
    gaz: Gazetteer, text: str, start: str, end: str, country: str
) -> None:
    found = extract(text, gaz, lang="vi").candidates
    assert [(c.series, str(c.start), str(c.end), c.country) for c in found] == [("defence-visit", start, end, country)]


def test_a_visit_under_way_is_not_dated_by_the_reception_it_is_mentioned_in(gaz: Gazetteer) -> None:
    text = "Chiều 6/8, Thủ tướng tiếp Bộ trưởng Quốc phòng Úc đang thăm chính thức Việt Nam."
    assert [c for c in extract(text, gaz, lang="vi").candidates if c.series == "defence-visit"] == []


@pytest.mark.parametrize(
    ("text", "city"),
    [
        # a border gate, then its province in brackets
        ("Sáng 17/4, tại Cửa khẩu quốc tế Hữu Nghị (Lạng Sơn), Hội nghị ADMM hẹp đã khai mạc.", "Lang Son"),
        # an airfield, its ward, then the city
        ("Ngày 19/12, Hội nghị ADMM hẹp khai mạc tại sân bay Gia Lâm, phường Long Biên, TP Hà Nội.", "Hanoi"),
        # what happens within a meeting, dated and placed before its name, is where it is held
        ("Ngày 13/11, tại Tây Ninh, trong khuôn khổ Hội nghị ADMM hẹp, các Bộ trưởng đã họp.", "Tay Ninh"),
    ],
)
def test_a_venue_given_by_its_building_or_before_the_framework_is_the_city(
    gaz: Gazetteer, text: str, city: str
) -> None:
    assert [(c.series, c.city, c.country) for c in extract(text, gaz, lang="vi").candidates] == [
        ("admm-retreat", city, "VN")
    ]


@pytest.mark.parametrize(
    ("text", "start"),
    [
        # a memorandum named with the year it was signed
        ("Chuyến thăm phù hợp với Bản ghi nhớ về hợp tác quốc phòng ký năm 2010 giữa hai nước.", "2010"),
        # a joint vision statement whose title aims "towards the next decade", signed in a month
        (
            "Hợp tác được triển khai trên cơ sở Tuyên bố Tầm nhìn chung về hợp tác quốc phòng hướng tới thập niên "
            "tiếp theo (tháng 4/2018), đạt nhiều kết quả.",
            "2018-04",
        ),
    ],
)
def test_a_defence_agreement_named_with_its_signing_date_was_signed(gaz: Gazetteer, text: str, start: str) -> None:
    assert events(gaz, text) == [("defence-agreement", start, None, "held")]


@pytest.mark.parametrize(
    ("text", "series"),
    [
        # a strategic dialogue with one partner, named without an ordinal
        (
            "Vào ngày 5/9, hai Thứ trưởng đã tham dự Đối thoại chiến lược quốc phòng Hàn - Việt tại Seoul.",
            "defence-strategic-dialogue",
        ),
        # the Seoul forum of that name is its own series
        (
            "Ngày 14-11, Đối thoại Chiến lược quốc phòng Seoul lần thứ nhất đã khai mạc tại Seoul.",
            "seoul-defense-dialogue",
        ),
    ],
)
def test_strategic_dialogues_are_named_series(gaz: Gazetteer, text: str, series: str) -> None:
    assert [c.series for c in extract(text, gaz, lang="vi").candidates if c.series != "bilateral"] == [series]


def test_a_date_opened_by_vao_dates_the_meeting_named_far_after_it(gaz: Gazetteer) -> None:
    text = (
        "Vào ngày 5/9, Thứ trưởng Bộ Quốc phòng Hàn Quốc Shin Beom-chul và Thứ trưởng Việt Nam Hoàng Xuân Chiến đã "
        "tham dự Đối thoại chiến lược quốc phòng Hàn-Việt tại trụ sở Bộ Quốc phòng Hàn Quốc ở Seoul."
    )
    assert events(gaz, text) == [("defence-strategic-dialogue", "XXXX-09-05", None, "held")]


def test_receiving_a_dignitary_titled_ngai_is_a_bilateral_meeting_but_not_an_ambassador(gaz: Gazetteer) -> None:
    text = "Chiều 25/7, Đại tướng Ngô Xuân Lịch, Bộ trưởng Bộ Quốc phòng đã tiếp ngài Nikolai Patrushev, Thư ký Hội đồng An ninh Quốc gia Nga."
    assert [c.series for c in extract(text, gaz, lang="vi").candidates] == ["bilateral"]
    text = "Chiều 26/7, Đại tướng Ngô Xuân Lịch, Bộ trưởng Quốc phòng tiếp ngài Ted Osius, Đại sứ Hoa Kỳ tại Việt Nam."
    assert [c.series for c in extract(text, gaz, lang="vi").candidates] == []


def test_the_asean_us_maritime_exercise_and_the_informal_meeting_that_proposed_it(gaz: Gazetteer) -> None:
    text = (
        "Diễn tập AUMX được Bộ trưởng Quốc phòng Mỹ đề xuất tại cuộc gặp không chính thức Bộ trưởng Quốc phòng "
        "ASEAN - Mỹ tháng 10/2017 tại Philippines. Cuộc diễn tập hàng hải ASEAN và Mỹ sẽ diễn ra từ ngày 2 tới ngày 6-9-2019."
    )
    assert events(gaz, text) == [
        ("admm-informal-us", "2017-10", None, "held"),
        ("aumx", "2019-09-02", "2019-09-06", "planned"),
    ]


def test_a_press_conference_is_no_meeting_of_the_series_named_before(gaz: Gazetteer) -> None:
    text = (
        "Việt Nam sẽ tham gia diễn tập hàng hải ASEAN - Mỹ. Bà Hằng nói như trên tại cuộc họp báo thường kỳ ngày 22-8."
    )
    assert events(gaz, text) == []


def test_a_bare_meeting_noun_before_a_framework_and_a_meeting_prepared_for_is_the_one_named_before(
    gaz: Gazetteer,
) -> None:
    text = (
        "Đoàn Việt Nam tham dự Hội nghị quan chức Quốc phòng cao cấp các nước ASEAN. Diễn ra trong 2 ngày 28 - 29/4, "
        "hội nghị lần này xem xét hợp tác trong khuôn khổ Hội nghị Bộ trưởng Quốc phòng ASEAN mở rộng, nhằm chuẩn bị "
        "cho Hội nghị Bộ trưởng quốc phòng các nước ASEAN lần thứ 8 (ADMM 8), dự kiến được tổ chức tại Myanmar vào "
        "tháng 5 tới."
    )
    # (the meeting prepared for is dated by the verb of its own clause after the comma)
    assert sorted((c.series, str(c.start)) for c in extract(text, gaz, lang="vi").candidates) == [
        ("admm", "XXXX-05"),
        ("adsom", "XXXX-04-28"),
    ]


def test_a_forum_in_a_visits_programme_or_just_ended_gives_its_date_to_the_visit(gaz: Gazetteer) -> None:
    text = (
        "Trong chương trình thăm chính thức Trung Quốc và dự Diễn đàn Hương Sơn Bắc Kinh lần thứ 10, ngày 29/10, "
        "Đại tướng Phan Văn Giang đã đến thăm Viện Khoa học Quân sự."
    )
    assert [(c.series, str(c.start)) for c in extract(text, gaz, lang="vi").candidates] == [
        ("defence-visit", "XXXX-10-29")
    ]
    text = (
        "Kết thúc Diễn đàn Hương Sơn Bắc Kinh lần thứ 8, từ hôm nay (26/10) đến 28/10, Đoàn đại biểu quân sự cấp "
        "cao Việt Nam sẽ thăm chính thức Trung Quốc."
    )
    assert [(c.series, str(c.start), str(c.end)) for c in extract(text, gaz, lang="vi").candidates] == [
        ("defence-visit", "XXXX-10-26", "XXXX-10-28")
    ]


@pytest.mark.parametrize(
    ("text", "countries"),
    [
        # a delegation's courtesy call on the minister: a bilateral meeting with the delegation's country
        ("Chiều 27/7, Đoàn đại biểu Bộ Quốc phòng Australia đã đến chào xã giao Trung tướng Phan Văn Giang.", ("AU",)),
        # meeting a foreign minister of defence, with a date of its own
        ("Sáng 5/3, Đại tướng Phan Văn Giang đã gặp Bộ trưởng Quốc phòng Úc Richard Marles.", ("AU",)),
        # the heads of every delegation calling on the host together: no bilateral meeting
        (
            "Chiều 26-9, các trưởng đoàn gồm 10 quốc gia thành viên ASEAN, Timor-Leste và 8 nước đối tác đã đến chào "
            "xã giao Đại tướng Chansamone Chanyalath, Bộ trưởng Bộ Quốc phòng Lào.",
            None,
        ),
    ],
)
def test_courtesy_calls_and_meetings_with_a_foreign_minister(
    gaz: Gazetteer, text: str, countries: tuple[str, ...] | None
) -> None:
    found = [c.countries for c in extract(text, gaz, lang="vi").candidates if c.series == "bilateral"]
    assert found == ([countries] if countries else [])


def test_a_press_event_presenting_a_meeting_does_not_date_it(gaz: Gazetteer) -> None:
    text = (
        "Sáng 15/10, tại Hà Nội, Bộ Quốc phòng tổ chức gặp mặt báo chí giới thiệu Giao lưu hữu nghị quốc phòng "
        "biên giới Việt Nam - Lào lần thứ 2."
    )
    assert events(gaz, text) == []


def test_a_visit_that_goes_on_gives_the_day_to_what_is_done_on_it(gaz: Gazetteer) -> None:
    text = (
        "Tiếp tục chuyến thăm hữu nghị chính thức Nhật Bản, chiều 24-10, Đại tướng Phùng Quang Thanh đã tiến hành "
        "hội đàm với Bộ trưởng Bộ Quốc phòng Nhật Bản."
    )
    assert [(c.series, str(c.start)) for c in extract(text, gaz, lang="vi").candidates] == [("bilateral", "XXXX-10-24")]


def test_a_head_of_governments_reception_of_a_defence_minister_is_no_bilateral_meeting(gaz: Gazetteer) -> None:
    text = "Chiều 16-9, Thủ tướng Nguyễn Tấn Dũng cũng đã tiếp Bộ trưởng Quốc phòng Nhật Bản."
    assert events(gaz, text) == []
    # the minister's own reception of the same guest is one
    text = "Chiều 16-9, Đại tướng Phùng Quang Thanh đã tiếp Bộ trưởng Quốc phòng Nhật Bản."
    assert [row[0] for row in events(gaz, text)] == ["bilateral"]


def test_a_series_first_held_in_a_year_gives_that_first_meeting(gaz: Gazetteer) -> None:
    text = "Được IISS tổ chức lần đầu năm 2002, Đối thoại Shangri La đã trở thành diễn đàn thường niên."
    assert events(gaz, text) == [("shangri-la-dialogue", "2002", None, "held")]
    text = "Hội nghị Thượng đỉnh An ninh châu Á được tổ chức lần đầu tiên năm 2002 tại Singapore."
    assert [row[:2] for row in events(gaz, text)] == [("shangri-la-dialogue", "2002")]


def test_a_ministers_call_on_a_unit_at_home_is_no_defence_visit(gaz: Gazetteer) -> None:
    text = "Chiều 7-7, tại Hà Nội, Đại tướng Ngô Xuân Lịch đến thăm, làm việc tại Trung tâm Nhiệt đới Việt - Nga."
    assert events(gaz, text) == []
    text = "Đoàn đại biểu Bộ Quốc phòng Australia đã sang thăm, làm việc tại Việt Nam từ ngày 26-30/7."
    assert [row[:3] for row in events(gaz, text)] == [("defence-visit", "XXXX-07-26", "XXXX-07-30")]


@pytest.mark.parametrize(
    ("text", "city"),
    [
        # the city written without a space after "TP."
        ("Sáng 28/10, tại trụ sở Bộ Tư lệnh Quân khu 5 (TP.Đà Nẵng), Hội nghị ADMM hẹp đã khai mạc.", "Da Nang"),
        # the city as the last word of a conference centre's name
        (
            "Ngày 16/3, Hội nghị ADMM hẹp khai mạc tại Trung tâm Hội nghị Quốc tế Langkawi, bang Kedah, Malaysia.",
            "Langkawi",
        ),
    ],
)
def test_a_venue_inside_a_buildings_name_or_after_tp(gaz: Gazetteer, text: str, city: str) -> None:
    assert [(c.series, c.city) for c in extract(text, gaz, lang="vi").candidates] == [("admm-retreat", city)]


def test_preparations_to_hold_a_meeting_plan_it(gaz: Gazetteer) -> None:
    text = (
        "Sáng nay (09/11/2018), Thượng tướng Nguyễn Chí Vịnh chủ trì cuộc họp rà soát công tác chuẩn bị tổ chức "
        "Chương trình Giao lưu hữu nghị Quốc phòng Biên giới Việt – Trung lần thứ 5 năm 2018."
    )
    assert events(gaz, text, date(2018, 11, 9)) == [("border-defence-friendship-exchange", "2018", None, "planned")]


@pytest.mark.parametrize(
    "text",
    [
        # the editions listed after the first, each by its number
        "Hội nghị ADMM lần thứ nhất được tổ chức tại Kuala Lumpur năm 2006, lần thứ hai tại Singapore năm 2007 "
        "và lần thứ ba tại Pattaya năm 2009.",
        # each edition with its date in brackets after it
        "Các kỳ Hội nghị trước: ADMM-1 (Kuala Lumpur, 9/5/2006), ADMM-2 (Singapore, 14/11/2007), ADMM-3 (Pattaya, "
        "26/2/2009).",
    ],
)
def test_a_list_of_past_editions_dates_each(gaz: Gazetteer, text: str) -> None:
    found = extract(text, gaz, lang="vi").candidates
    assert [(c.series, c.ordinal, str(c.start)[:4]) for c in found] == [
        ("admm", 1, "2006"),
        ("admm", 2, "2007"),
        ("admm", 3, "2009"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        # the chair handed over for a year: the chair's term, no meeting
        "Hội nghị kết thúc với lễ chuyển giao chức Chủ tịch Hội nghị ADMM cho Lào, nước Chủ tịch ASEAN vào năm 2016.",
        # a plan adopted in a year and submitted to a coming meeting: the plan's year
        "Các đại biểu cập nhật Kế hoạch hoạt động, được thông qua từ năm 2020 - để trình lên ACDFM-18 thông qua.",
    ],
)
def test_a_chairs_handover_or_a_plan_submitted_to_a_meeting_does_not_date_it(gaz: Gazetteer, text: str) -> None:
    assert [row for row in events(gaz, text) if row[0] in {"admm", "acdfm"}] == []


def test_taking_over_the_chair_of_a_meeting_is_no_meeting(gaz: Gazetteer) -> None:
    text = "Ngày 18-11, tại Bangkok, Bộ Quốc phòng Việt Nam đã chính thức tiếp quản vai trò chủ tịch Hội nghị ADMM hẹp."
    assert events(gaz, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Ngày 18-11, tại Bangkok, Việt Nam đã chính thức tiếp quản vai trò chủ tịch Hội nghị ADMM và Hội nghị ADMM+.",
        "Ngày 18-11, các đại biểu thảo luận công tác chuẩn bị cho Hội nghị ADMM và Hội nghị ADMM+.",
    ],
)
def test_meetings_listed_after_one_named_as_context_are_context(gaz: Gazetteer, text: str) -> None:
    assert events(gaz, text) == []


def test_the_dialogue_named_again_by_its_noun_takes_its_days(gaz: Gazetteer) -> None:
    text = (
        "Đối thoại Shangri-La lần thứ 21 quy tụ các bộ trưởng quốc phòng. Đối thoại lần này diễn ra từ ngày "
        "31/5 đến 2/6."
    )
    assert [row[:3] for row in events(gaz, text)] == [("shangri-la-dialogue", "XXXX-05-31", "XXXX-06-02")]


def test_signing_a_yearly_cooperation_plan_is_an_agreement_of_the_signing_day(gaz: Gazetteer) -> None:
    # the plan's year ("năm 2025") is the year it is for, neither the signing's date nor its year
    text = "Ngày 12/6, hai Bộ trưởng đã ký Kế hoạch hợp tác quốc phòng năm 2025."
    assert events(gaz, text) == [("defence-agreement", "XXXX-06-12", None, "held")]


def test_the_programme_named_again_gives_the_exchange_its_span(gaz: Gazetteer) -> None:
    text = (
        "Sáng 13/11, tại tỉnh Tây Ninh, đã diễn ra Giao lưu hữu nghị quốc phòng biên giới Việt Nam - Campuchia "
        "lần thứ 2. Chương trình diễn ra trong hai ngày 13 - 14/11 tại tỉnh Tây Ninh."
    )
    assert [row[:3] for row in events(gaz, text)] == [
        ("border-defence-friendship-exchange", "XXXX-11-13", "XXXX-11-14")
    ]


def test_a_signing_at_the_talks_takes_the_day_of_the_talks(gaz: Gazetteer) -> None:
    # the sentence that tells of the signing gives no day; the talks the article dates do
    text = (
        "Chiều 4/3, tại Hà Nội, Đại tướng Lê Văn A đã hội đàm với Bộ trưởng Quốc phòng Lào. "
        "Hai bên nhất trí tăng cường hợp tác. "
        "Sau đó, hai Bộ trưởng đã ký Bản ghi nhớ về hợp tác đào tạo."
    )
    rows = events(gaz, text)
    assert ("bilateral", "XXXX-03-04", None, "held") in rows
    assert ("defence-agreement", "XXXX-03-04", None, "held") in rows


def test_a_signing_the_article_dates_nowhere_is_no_agreement(gaz: Gazetteer) -> None:
    # no dated talks in the article: the signing is not dated by guess
    text = "Hai Bộ trưởng đã ký Bản ghi nhớ về hợp tác đào tạo. Hai bên nhất trí tăng cường hợp tác."
    assert [row for row in events(gaz, text) if row[0] == "defence-agreement"] == []


def test_a_full_stop_glued_after_a_date_ends_the_sentence() -> None:
    # a page that lost its spaces: "... từ ngày 26 -30/7.Chiều 27/7, ..." is two sentences
    text = "Đoàn đã sang thăm Việt Nam từ ngày 26 -30/7.Chiều 27/7, Đoàn đã đến chào xã giao. Tăng 3.5 lần."
    assert [s.text for s in sentences(text)] == [
        "Đoàn đã sang thăm Việt Nam từ ngày 26 -30/7.",
        "Chiều 27/7, Đoàn đã đến chào xã giao.",
        "Tăng 3.5 lần.",
    ]


def test_a_meeting_the_dateless_sentences_plan_is_planned(gaz: Gazetteer) -> None:
    # the headline says nothing of the tense; the sentence after it, giving no date, plans the meeting
    text = (
        "Hội nghị ADMM lần thứ 14 diễn ra từ ngày 9 - 10/12\n"
        "Hội nghị ADMM lần thứ 14 sắp tới là sự kiện quan trọng nhất của năm."
    )
    assert events(gaz, text) == [("admm", "XXXX-12-09", "XXXX-12-10", "planned")]
    # with a published day, the date against it says the tense
    assert events(gaz, text, date(2020, 12, 20)) == [("admm", "2020-12-09", "2020-12-10", "held")]


def test_a_dateless_tense_says_nothing_when_two_editions_are_dated(gaz: Gazetteer) -> None:
    # "sẽ nghe báo cáo" may be either edition's: neither is changed
    text = (
        "Hội nghị ADSOM diễn ra tại Nây-pi-tô ngày 27/4. Các đại biểu tham dự ADSOM sẽ nghe báo cáo. "
        "Các trưởng đoàn chụp ảnh tại ADSOM tổ chức tại Bru-nây năm 2013."
    )
    assert [row[3] for row in events(gaz, text)] == ["held", "held"]


@pytest.mark.parametrize(
    "text",
    [
        "Hội nghị của Nhóm chuyên gia về Hành động Mìn nhân đạo trong khuôn khổ ADMM+ sẽ diễn ra tại Hà Nội "
        "từ ngày 17- 20/6.",
        "Hội nghị của Nhóm chuyên gia về Hành động Mìn nhân đạo trong khuôn khổ hợp tác quốc phòng (ADMM+) sẽ diễn "
        "ra tại Hà Nội từ ngày 17- 20/6.",
    ],
)
def test_the_day_after_a_meeting_and_its_framework_is_the_meetings(gaz: Gazetteer, text: str) -> None:
    assert events(gaz, text) == [("admm-plus-ewg-hma", "XXXX-06-17", "XXXX-06-20", "planned")]


def test_the_meeting_named_again_is_not_the_framework_named_last(gaz: Gazetteer) -> None:
    # "Hội nghị" refers to the group's meeting, not to the ADMM+ it was framed by
    text = (
        "Hội nghị thông báo kết quả hoạt động của Nhóm chuyên gia ADMM+ về Hành động Mìn nhân đạo và đề xuất "
        "cho hợp tác trong khuôn khổ ADMM+. Thời gian tổ chức Hội nghị từ ngày 17 đến 19-6-2014, tại Hà Nội."
    )
    assert events(gaz, text) == [("admm-plus-ewg-hma", "2014-06-17", "2014-06-19", "held")]


def test_an_edition_named_with_its_number_and_year_is_the_one_dated_that_year(gaz: Gazetteer) -> None:
    # the numbered edition "năm 2024" and the days of the 2024 expo are one event; the 2022 one is another
    text = (
        "Sáng 17/12, Bộ Quốc phòng tổ chức tổng duyệt Lễ khai mạc Triển lãm Quốc phòng quốc tế Việt Nam lần thứ "
        "hai năm 2024. Triển lãm Quốc phòng quốc tế Việt Nam 2024 diễn ra từ ngày 19-22/12 tới, tại Hà Nội. "
        "Diện tích trưng bày là 15.000m2 (tăng gấp đôi so với triển lãm năm 2022)."
    )
    assert events(gaz, text) == [
        ("defence-expo", "2024-12-19", "2024-12-22", "planned"),
        ("defence-expo", "2022", None, "held"),
    ]


def test_talks_after_the_welcome_are_on_the_day_last_named(gaz: Gazetteer) -> None:
    # the welcome's sentence names no meeting; the talks after it give no day of their own
    text = (
        "Lễ đón sáng 23/1 được tổ chức tại trụ sở Bộ Quốc phòng. "
        "Sau lễ đón, Đại tướng Lê Văn A hội đàm cùng đoàn Bộ Quốc phòng Nga."
    )
    assert events(gaz, text) == [("bilateral", "XXXX-01-23", None, "held")]


def test_a_date_that_opens_the_sentence_with_its_verb_and_venue_dates_the_subject(gaz: Gazetteer) -> None:
    # "Diễn ra từ ngày ... tại ..., X ...": the sentence's own date, however long the venue list before the name
    text = (
        "Diễn ra từ ngày 13 đến 14/11 tại tỉnh Tây Ninh, Việt Nam và tỉnh Svay Rieng, Campuchia, Giao lưu hữu nghị "
        "quốc phòng biên giới Việt Nam - Campuchia lần thứ hai đã để lại những ấn tượng sâu đậm."
    )
    assert events(gaz, text) == [("border-defence-friendship-exchange", "XXXX-11-13", "XXXX-11-14", "held")]


def test_a_relative_week_that_opens_the_sentence_dates_its_meeting(gaz: Gazetteer) -> None:
    # "Tuần trước, ..." before its comma is the sentence's own time, as a day opening it is
    text = "Tuần trước, Hội nghị ADMM lần thứ 18 đã khai mạc tại Lào."
    assert events(gaz, text, date(2024, 11, 22)) == [("admm", "2024-11", None, "held")]


def test_yesterday_with_its_date_in_brackets_says_which_day_the_article_is(gaz: Gazetteer) -> None:
    # no published day: "Chiều qua (22/11)" makes the article's day 23/11, so a later "chiều qua" is 22/11 too
    text = (
        "Chiều qua (22/11), tại Hà Nội, Đại tướng Phan Văn Giang tiếp Thứ trưởng Bộ Quốc phòng Philippines. "
        "Cũng trong chiều qua, tại Hà Nội, đã diễn ra Đối thoại chính sách quốc phòng Việt Nam - Philippines lần thứ 5."
    )
    assert events(gaz, text) == [
        ("bilateral", "XXXX-11-22", None, "held"),
        ("defence-policy-dialogue", "XXXX-11-22", None, "held"),
    ]
    # a published day says it already
    assert events(gaz, text, date(2023, 11, 23))[1] == ("defence-policy-dialogue", "2023-11-22", None, "held")


def test_a_plan_nearer_another_meeting_says_nothing_of_this_ones_tense(gaz: Gazetteer) -> None:
    # "dự kiến" and "chuẩn bị cho" belong to the ADMM named after them, not to the ADSOM whose days open the sentence
    text = (
        "Diễn ra trong 2 ngày 28 - 29/4, nhiệm vụ chính của Hội nghị ADSOM là xem xét tiến trình hợp tác quốc phòng, "
        "nhằm chuẩn bị cho Hội nghị Bộ trưởng quốc phòng các nước ASEAN lần thứ 8 (ADMM 8), dự kiến được tổ chức "
        "tại Myanmar vào tháng 5 tới."
    )
    assert sorted(events(gaz, text)) == [
        ("admm", "XXXX-05", None, "planned"),
        ("adsom", "XXXX-04-28", "XXXX-04-29", "held"),
    ]


def test_the_date_after_a_list_of_venues_is_the_subjects(gaz: Gazetteer) -> None:
    # the name opens the sentence; its verb, then several places, then the days
    text = (
        "Giao lưu hữu nghị Quốc phòng biên giới Việt Nam-Campuchia lần thứ 2 sẽ diễn ra tại tỉnh Tây Ninh, Việt Nam "
        "và tỉnh Svay Riêng, Campuchia từ ngày 12/11 - 14/11."
    )
    assert events(gaz, text) == [("border-defence-friendship-exchange", "XXXX-11-12", "XXXX-11-14", "planned")]


def test_a_quotation_glued_after_a_full_stop_opens_a_sentence_and_its_date_is_its_own(gaz: Gazetteer) -> None:
    # "... lần thứ 8.“TTXVN cho biết ...": two sentences; "Bản tin viết rằng, “Hôm 20/6, ..." opens with its day
    assert [s.text for s in sentences("lần thứ 8.“TTXVN cho biết tại phiên. Xem NASA.GOV")] == [
        "lần thứ 8.",
        "“TTXVN cho biết tại phiên.",
        "Xem NASA.GOV",
    ]
    text = (
        "Bản tin viết rằng, “Hôm 20/6, tại thủ đô Seoul, Thượng tướng Nguyễn Chí Vịnh, Thứ trưởng Bộ Quốc phòng Việt "
        "Nam, và Thứ trưởng Bộ Quốc phòng Hàn Quốc Park Jae-Min chủ trì cuộc Đối thoại Chính sách quốc phòng Việt Nam - "
        "Hàn Quốc lần thứ 8.“TTXVN cho biết tại phiên đối thoại, hai bên đã trao đổi về tình hình an ninh."
    )
    assert events(gaz, text) == [("defence-policy-dialogue", "XXXX-06-20", None, "held")]


def test_a_meeting_between_the_two_ministers_is_a_bilateral_one(gaz: Gazetteer) -> None:
    # a caption names the meeting and its day; the signing told before it takes that day
    text = (
        "Hai bộ trưởng Quốc phòng Việt Nam- Australia ký Tuyên bố Tầm nhìn chung về Thúc đẩy Quan hệ Quốc phòng.\n"
        "Quang cảnh cuộc gặp giữa hai bộ trưởng Quốc phòng Việt Nam- Australia ngày 8/11."
    )
    assert sorted(events(gaz, text)) == [
        ("bilateral", "XXXX-11-08", None, "held"),
        ("defence-agreement", "XXXX-11-08", None, "held"),
    ]


def test_a_meeting_attended_before_is_context_for_the_day_after_it(gaz: Gazetteer) -> None:
    # "Sau khi dự X ..., ngày 5/3, ... đã dự Y": the day is Y's
    text = (
        "Sau khi dự Hội nghị ADMM hẹp tại Bangkok, ngày 5/3, Đại tướng Phan Văn Giang đã dự Hội nghị Tư lệnh Hải quân "
        "ASEAN."
    )
    assert events(gaz, text) == [("ancm", "XXXX-03-05", None, "held")]


@pytest.mark.parametrize(
    ("text", "country", "day"),
    [
        # a courtesy call without "xã giao"
        (
            "Sáng 5/3, Bộ trưởng Quốc phòng Australia Richard Marles đã đến chào Đại tướng Phan Văn Giang.",
            "AU",
            "XXXX-03-05",
        ),
        # the visit that opens the sentence frames it: the day is the talks'
        (
            "Trong chuyến thăm, ngày 6/3, Đại tướng Phan Văn Giang đã hội đàm với người đồng cấp Nhật Bản.",
            "JP",
            "XXXX-03-06",
        ),
    ],
)
def test_calls_and_talks_within_a_visit_are_bilateral_meetings(
    gaz: Gazetteer, text: str, country: str, day: str
) -> None:
    found = extract(text, gaz, lang="vi").candidates
    assert [(c.series, str(c.start), c.countries) for c in found] == [("bilateral", day, (country,))]


def test_the_counterparts_of_a_named_dialogue_meet_in_no_other_meeting(gaz: Gazetteer) -> None:
    text = (
        "Vào ngày 5/9, Thứ trưởng Bộ Quốc phòng Hàn Quốc Shin Beom-chul và người đồng cấp Việt Nam Hoàng Xuân Chiến đã "
        "tham dự Đối thoại chiến lược quốc phòng Hàn-Việt tại Seoul."
    )
    assert events(gaz, text) == [("defence-strategic-dialogue", "XXXX-09-05", None, "held")]
    # meeting the counterpart at a meeting is a bilateral meeting
    text = "Ngày 5/3, tại Hội nghị ADMM lần thứ 18, Đại tướng Phan Văn Giang đã gặp người đồng cấp Nhật Bản."
    assert ("bilateral", "XXXX-03-05", None, "held") in events(gaz, text)


def test_a_start_day_and_its_length_give_the_span(gaz: Gazetteer) -> None:
    text = "Diễn tập ADMM+ về gìn giữ hòa bình khai mạc ngày 2/3 và kéo dài 5 ngày."
    assert events(gaz, text) == [("admm-plus-exercise", "XXXX-03-02", "XXXX-03-06", "held")]


def test_a_meeting_said_to_be_coming_is_planned_where_its_days_are_given(gaz: Gazetteer) -> None:
    # "(FTX 2016) sắp tới" in one sentence; its days, with no tense, in the next
    text = (
        "Ngày 25/2, đoàn Việt Nam tham dự diễn tập Hành động bom mìn nhân đạo và Gìn giữ hòa bình (FTX 2016) sắp tới "
        "tại Ấn Độ đã có buổi tổng duyệt. Cuộc diễn tập kéo dài từ 2-8/3 tại thành phố Pune, Ấn Độ."
    )
    assert events(gaz, text) == [("admm-plus-exercise", "2016-03-02", "2016-03-08", "planned")]
