"""The page's own words (headings, buttons, help), in each language the page is published in.

Dates, statuses and event facts come from :mod:`timeline.text`, shared with calendars and feeds.
"""

from __future__ import annotations

WORDS: dict[str, dict[str, str]] = {
    "en": {
        "contents": "Contents", "language": "Language", "next": "Next", "recent": "Recent", "archive": "Archive",
        "subscribe": "Subscribe", "export": "Embed and export", "years": "Years",
        "updated": "Last updated", "as_of": "relative times as of",
        "next_none": "Nothing announced ahead of {date}.", "recent_none": "Nothing in the twelve months before {date}.",
        "honest": "Dates are shown only as precisely as the sources give them: “date TBC” marks an event whose day "
                  "is not known yet, “day not reported” one held on a day no source gave, and neither is ever shown "
                  "on a day it might not be on.",
        "filter": "Filter", "f_series": "Series", "f_country": "Country", "f_year": "Year", "f_search": "Search",
        "any": "Any", "shown": "{n} of {total} events shown", "no_match": "No event matches the filter.",
        "reset": "Show all",
        "strip": "Events by year, {first}–{last}: a tick marks a known day, a bar a month or year whose day is not known.",
        "how_webcal": "Apple Calendar (macOS, iOS, iPadOS) and Thunderbird subscribe directly from this link.",
        "how_google": "Google Calendar subscribes from this link (signed in, in a web browser); if it opens "
                      "without offering the calendar, use “add by URL” and paste the address.",
        "how_outlook": "Outlook.com is for personal Microsoft accounts; Microsoft 365 for work or school accounts.",
        "how_other": "Any other app: copy the address and add it as a calendar “from URL” or “internet calendar”. "
                     "Subscribed calendars update themselves; the feeds are for feed readers.",
        "address": "Calendar address (ICS)", "copy": "Copy", "copied": "Copied",
        "webcal": "Apple Calendar, Thunderbird (webcal)", "google": "Google Calendar", "google_url": "Google: add by URL",
        "outlook": "Outlook.com", "office": "Microsoft 365 (work or school)", "ics": "Download .ics",
        "calendar": "Calendar", "feeds": "Feeds", "atom": "Atom", "rss": "RSS", "json": "JSON Feed",
        "main": "The whole timeline", "series": "By series", "host": "By host country",
        "participant": "By participating country", "other": "More calendars",
        "event": "event", "events": "events", "local": "local time", "related": "Related",
        "atom_title": "Atom feed", "rss_title": "RSS feed", "json_title": "JSON Feed",
        "back": "All events", "add": "Add to calendar", "add_ics": "Download .ics (any calendar app)",
        "add_google": "Google Calendar", "add_outlook": "Outlook.com", "add_office": "Microsoft 365",
        "add_tbc": "The day is not known, so the calendar file holds the window the event falls in, marked as on this page.",
        "sources": "Sources", "source_lang": "quoted in {language}", "history": "History of changes",
        "first_seen": "First published", "revision": "Revision {n}", "permalink": "Permanent link",
        "sources_n": "{n} sources", "source_1": "1 source",
        "export_about": "The timeline in TimelineJS’s JSON format, to embed it with TimelineJS (timeline.knightlab.com) "
                        "or read it in any program:",
        "export_file": "TimelineJS JSON", "today": "today", "now": "under way", "due": "due now",
        "in": "in {amount}", "ago": "{amount} ago", "about": "about",
        "day": "day", "days": "days", "week": "week", "weeks": "weeks", "month": "month", "months": "months",
        "year": "year", "year_s": "years",
    },
    "vi": {
        "contents": "Mục lục", "language": "Ngôn ngữ", "next": "Sắp tới", "recent": "Gần đây", "archive": "Lưu trữ",
        "subscribe": "Đăng ký theo dõi", "export": "Nhúng và xuất dữ liệu", "years": "Các năm",
        "updated": "Cập nhật lần cuối", "as_of": "thời gian tương đối tính đến",
        "next_none": "Chưa có sự kiện nào được công bố sau {date}.",
        "recent_none": "Không có sự kiện nào trong mười hai tháng trước {date}.",
        "honest": "Ngày tháng chỉ được ghi chính xác đến mức nguồn tin cho biết: “chưa rõ ngày” đánh dấu sự kiện "
                  "chưa biết ngày cụ thể, “không rõ ngày” sự kiện đã diễn ra mà không nguồn nào cho biết ngày, "
                  "và không sự kiện nào được ghi vào một ngày chưa chắc chắn.",
        "filter": "Lọc", "f_series": "Chuỗi sự kiện", "f_country": "Quốc gia", "f_year": "Năm", "f_search": "Tìm kiếm",
        "any": "Tất cả", "shown": "Hiển thị {n} trên {total} sự kiện", "no_match": "Không có sự kiện nào phù hợp.",
        "reset": "Hiện tất cả",
        "strip": "Sự kiện theo năm, {first}–{last}: vạch đánh dấu ngày đã biết, dải màu là tháng hoặc năm chưa rõ ngày.",
        "how_webcal": "Apple Calendar (macOS, iOS, iPadOS) và Thunderbird đăng ký trực tiếp từ liên kết này.",
        "how_google": "Google Calendar đăng ký từ liên kết này (đã đăng nhập, trên trình duyệt); nếu lịch không hiện ra, "
                      "hãy dùng “thêm bằng URL” và dán địa chỉ.",
        "how_outlook": "Outlook.com dành cho tài khoản Microsoft cá nhân; Microsoft 365 cho tài khoản cơ quan hoặc trường học.",
        "how_other": "Ứng dụng khác: sao chép địa chỉ và thêm lịch “từ URL” hoặc “lịch Internet”. "
                     "Lịch đã đăng ký tự cập nhật; các bản tin (feed) dành cho trình đọc tin.",
        "address": "Địa chỉ lịch (ICS)", "copy": "Sao chép", "copied": "Đã sao chép",
        "webcal": "Apple Calendar, Thunderbird (webcal)", "google": "Google Calendar",
        "google_url": "Google: thêm bằng URL", "outlook": "Outlook.com",
        "office": "Microsoft 365 (cơ quan, trường học)", "ics": "Tải tệp .ics",
        "calendar": "Lịch", "feeds": "Bản tin", "atom": "Atom", "rss": "RSS", "json": "JSON Feed",
        "main": "Toàn bộ dòng thời gian", "series": "Theo chuỗi sự kiện", "host": "Theo nước chủ nhà",
        "participant": "Theo nước tham gia", "other": "Các lịch khác",
        "event": "sự kiện", "events": "sự kiện", "local": "giờ địa phương", "related": "Liên quan",
        "atom_title": "Bản tin Atom", "rss_title": "Bản tin RSS", "json_title": "JSON Feed",
        "back": "Tất cả sự kiện", "add": "Thêm vào lịch", "add_ics": "Tải tệp .ics (mọi ứng dụng lịch)",
        "add_google": "Google Calendar", "add_outlook": "Outlook.com", "add_office": "Microsoft 365",
        "add_tbc": "Chưa biết ngày cụ thể, nên tệp lịch ghi khoảng thời gian sự kiện diễn ra, đánh dấu như trên trang này.",
        "sources": "Nguồn", "source_lang": "trích bằng {language}", "history": "Lịch sử thay đổi",
        "first_seen": "Đăng lần đầu", "revision": "Lần sửa {n}", "permalink": "Liên kết cố định",
        "sources_n": "{n} nguồn", "source_1": "1 nguồn",
        "export_about": "Dòng thời gian ở định dạng JSON của TimelineJS, để nhúng bằng TimelineJS (timeline.knightlab.com) "
                        "hoặc đọc bằng bất kỳ chương trình nào:",
        "export_file": "TimelineJS JSON", "today": "hôm nay", "now": "đang diễn ra", "due": "dự kiến trong thời gian này",
        "in": "{amount} nữa", "ago": "{amount} trước", "about": "khoảng",
        "day": "ngày", "days": "ngày", "week": "tuần", "weeks": "tuần", "month": "tháng", "months": "tháng",
        "year": "năm", "year_s": "năm",
    },
}  # fmt: skip

AUTONYMS = {"en": "English", "vi": "Tiếng Việt"}
"""Language names as their speakers write them, as language pickers show them."""


def words(lang: str) -> dict[str, str]:
    return WORDS.get(lang, WORDS["en"])


LANGUAGE_NAMES: dict[str, dict[str, str]] = {
    "en": {"en": "English", "vi": "Vietnamese"},
    "vi": {"en": "tiếng Anh", "vi": "tiếng Việt"},
}
"""A language's name in another language: "quoted in Vietnamese"."""


def language_name(code: str, lang: str) -> str:
    return LANGUAGE_NAMES.get(lang, LANGUAGE_NAMES["en"]).get(code, code)
