"""Every scoring weight and distance of the extractor, in one table.

Pairing a meeting's name with a date costs the characters between them, plus a price for each
comma, each other meeting name and each "and" in between; the cheapest pairs are taken first and
a pair costing more than ``PAIR_MAX`` is no pair. A candidate's confidence starts at
``CONFIDENCE_START`` and loses the penalties below for every doubt. Distances bound every search,
which keeps extraction linear in the length of the text.
"""

from __future__ import annotations

# -- pairing a meeting with a date (costs, in characters) ---------------------------------
PAIR_MAX = 150  # a pair dearer than this is no pair: the date belongs to something else
PAIR_COMMA = 30  # each comma between name and date
PAIR_OTHER_MEETING = 40  # each other meeting named between them
PAIR_BRACKET_BEFORE = 100  # "(30/4/2025) và ...": a bracketed date belongs to what precedes it
PAIR_AND_BEFORE = 60  # a date before the name with "and" between: another item of a list
PAIR_MASKED = 60  # a date inside a masked span (a dateline)
PAIR_YEAR_ONLY = 40  # (when ranking only) a year alone gives way to a day or month about as near
PAIR_EDITION_YEAR = PAIR_MAX  # (ranking only) ... and one right before the name ("the 2018 X") to any date
PAIR_SHARED = 20  # a meeting of a list taking its neighbour's date
PAIR_FAR = 60  # a pair costing more than this lowers the confidence
PAIR_NEIGHBOURS = 3  # the dates considered on either side of a name: the nearest ones
PAIR_CLAUSE = 50  # a date of the name's own clause (it opens the sentence, or follows the verb of the
PAIR_CLAUSE_REACH = 300  # name that opens it), at most this far away: titles and names between cost nothing

# -- distances (characters) ---------------------------------------------------------------
SENTENCE_MAX = 1200  # a longer "sentence" (a list, a run-on text) is read in pieces of this size
VERB_CUE_REACH = 80  # a tense cue further from the pair says nothing of it
VENUE_REACH = 120  # a venue further from the pair is another meeting's
ANAPHOR_REACH = 600  # "the meeting" refers to a meeting named at most this far back
BEFORE_NAME = 60  # how much text before a name is read for "ahead of", ordinals, ...
VERB_BEFORE_DATE = 120  # the text read before a date for the verb of the name that opens the sentence (a venue list)
AFTER_NAME = 40  # ... and after it
ORDINAL_AFTER = (
    60  # "Đối thoại ... cấp Thứ trưởng Việt Nam - Ấn Độ lần thứ 3": the text read after a name for its ordinal
)
REF_AFTER_REACH = 160  # how much text after a name is read for "sắp tới" (the name's own words, a bracket)
LONGEST_MEETING = 14  # days: an end day and a longer length ("after 20 days of talks") give no span
LONGEST_SPAN = 366  # days: a longer span ("22/12/1944 - 22/12/2024", an anniversary's) dates no meeting
AREA_REACH = 100  # how much text after "... về" is read for a working group's area
FEW_NAMES = 8  # up to this many names in a sentence, the text before each is read on its own
VERB_CUE_SLACK = 60  # cues starting up to this much beyond VERB_CUE_REACH are measured (a long one ends within reach)
PLANNED_GOVERNS = 12  # a "held" verb starting within this of a planned cue's end is governed by it ("dự kiến diễn ra")
SHADOW_GAP = 3  # "sáng nay (19/12)": a relative day at most this far before an explicit date gives way to it
YEARLESS_PROBES = (2023, 2024)  # a yearless dateline's day shifted in a common and a leap year: the two must agree
DATELINE_HEAD = 800  # datelines are looked for in the article's first characters only
VENUE_WORD_BEFORE = 30  # "held in ", "tại ": the text read before a place for the word that makes it the venue
BUILDING_BEFORE = 70  # "at Shangri-La Hotel, ": the text read before a city for a building's name
VENUE_SLACK = 50  # places starting this far before VENUE_REACH are still weighed (a long place name)
CITY_COUNTRY_BEFORE = 45  # "in Tokyo, ": the text read before a country for a city the gazetteer lacks
PREP_NAMED_BEFORE = 120  # "preparations for the Virtual ... (": how far back a long unnamed title is read
FOUNDED_DATE_BEFORE = 40  # "established in ": the text read before a date for a founding
FOUNDED_NAME_BEFORE = 50  # "the establishment of the ": before a name, for a founding
CHAIR_BEFORE = 50  # a chair's term named before the meeting's name
EDITION_YEAR_BEFORE = 12  # the text read on either side of a name for its edition's year ("2022 Shangri-La")
TRAVEL_BEFORE = 50  # "will be visiting the country on ": before a date, for a trip's
DURATION_BEFORE = 60  # "on a three-day working visit to Tokyo until ": the text read before an end day for a length
END_BEFORE = 40  # "until ", "extended by one day, to ": before a date, for an end
EXERCISE_OWNER_GAP = 40  # "ADMM+ diễn tập", "the EWG opened its exercises": a name this near an exercise word owns it

# -- years (days) ---------------------------------------------------------------------------
TENSE_SLACK_DAYS = 7  # a past date up to a week after the published day (or a future one before) keeps its year
NEAREST_YEAR_DAYS = 183  # with no tense, a date more than half a year away is the adjacent year's

# -- confidence -----------------------------------------------------------------------------
CONFIDENCE_START = 0.95
YEAR_SOURCE_PENALTY = {"text": 0.0, "published": 0.05, "relative": 0.1, "article": 0.25, "unknown": 0.5}
RECENT_PENALTY = 0.3  # "vừa qua": some day before the published one
BARE_DATE_PENALTY = 0.1  # a numeric d/m without "ngày"
NO_CUE_PENALTY = 0.1  # the status was inferred from the date alone
FAR_PAIR_PENALTY = 0.1  # the pair cost more than PAIR_FAR
SHARED_PENALTY = 0.1  # the date was a neighbour's in a list
ANAPHOR_PENALTY = 0.15  # the meeting was "the meeting", not named
UNKNOWN_SERIES_PENALTY = 0.1  # a meeting the series gazetteer does not know
TERM_YEAR_PENALTY = 0.2  # dated only by the chair's term the article names (no date in its sentence)
CONFIDENCE_MIN = 0.05

# -- bilateral meetings ---------------------------------------------------------------------
BILATERAL_OWN_DATE = 0.8  # a bilateral meeting with a date of its own
BILATERAL_WEAK_YEAR = 0.5  # ... whose year is a guess
BILATERAL_MAIN_DATE = 0.75  # one that takes the date of the meeting it is on the sidelines of
