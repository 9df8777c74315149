"""`timeline extract`: venues from the places gazetteer (data/places.yaml), in Vietnamese and English."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from timeline.evaluate import canonical_places
from timeline.extract import Gazetteer, extract
from timeline.normalise import normalise

DATA = Path(__file__).resolve().parent.parent / "data"
ASEAN = {"BN", "KH", "ID", "LA", "MY", "MM", "PH", "SG", "TH", "VN", "TL"}
PARTNERS = {"AU", "CN", "IN", "JP", "NZ", "KR", "RU", "US"}


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer(normalise(DATA))


def venue(gaz: Gazetteer, text: str, lang: str) -> tuple[str | None, str | None]:
    (c,) = extract(text, gaz, lang=lang, published=date(2025, 12, 1)).candidates
    return c.city, c.country


def test_every_asean_member_and_partner_has_a_city(gaz: Gazetteer) -> None:
    cities = {p.country.code for p in gaz.places.values() if p.kind == "city"}
    assert cities >= ASEAN | PARTNERS


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Hội nghị ADSOM đã diễn ra ngày 2/8/2023 tại Gia-các-ta.", "vi", ("Jakarta", "ID")),
        ("Hội nghị ADMM hẹp đã diễn ra ngày 5/2/2018 tại Xin-ga-po.", "vi", ("Singapore", "SG")),
        ("Hội nghị ADMM đã diễn ra ngày 18/11/2022 tại Xiêm Riệp.", "vi", ("Siem Reap", "KH")),
        ("Hội nghị ADSOM+ đã diễn ra ngày 18/5/2022 ở thủ đô Phnôm Pênh.", "vi", ("Phnom Penh", "KH")),
        ("Hội nghị ADMM đã diễn ra ngày 5/6/2024 tại Viêng Chăn.", "vi", ("Vientiane", "LA")),
        ("Hội nghị ADSOM đã diễn ra ngày 20/3/2019 tại Băng Cốc.", "vi", ("Bangkok", "TH")),
        ("The 10th ADMM-Plus was held in Jakarta on 16 November 2023.", "en", ("Jakarta", "ID")),
        ("The ADMM Retreat was held in Nusa Dua on 5 March 2011.", "en", ("Bali", "ID")),
        ("The ADMM was held in Naypyidaw on 20 May 2014.", "en", ("Nay Pyi Taw", "MM")),
        ("The ADMM was convened in Bandar Seri Begawan on 7 May 2013.", "en", ("Bandar Seri Begawan", "BN")),
        (
            "The ADMM-Plus was held in the Malaysian capital Kuala Lumpur on 1 November 2025.",
            "en",
            ("Kuala Lumpur", "MY"),
        ),
        ("The ADMM Retreat was held at Shangri-La Hotel, Pulau Pinang on 26 February 2025.", "en", ("Penang", "MY")),
    ],
)
def test_venues(gaz: Gazetteer, text: str, lang: str, expected: tuple[str, str]) -> None:
    assert venue(gaz, text, lang) == expected


def test_a_city_state_is_a_counterpart_country(gaz: Gazetteer) -> None:
    text = "On the sidelines of the ADMM-Plus on November 1, he held bilateral talks with Singapore."
    found = extract(text, gaz, lang="en", published=date(2025, 11, 2)).candidates
    assert [(c.series, c.countries) for c in found] == [("admm-plus", ()), ("bilateral", ("SG",))]


def test_eval_compares_cities_as_places(gaz: Gazetteer) -> None:
    gold = [{"series": "admm-retreat", "start": "2025-02-26", "city": "Pulau Pinang", "country": None}]
    pred = [{"series": "admm-retreat", "start": "2025-02-26", "city": "Penang", "country": "MY"}]
    assert canonical_places(gold, gaz) == canonical_places(pred, gaz)
