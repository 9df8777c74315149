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
AFTER_NAME = 40  # ... and after it
LONGEST_MEETING = 14  # days: an end day and a longer length ("after 20 days of talks") give no span
AREA_REACH = 100  # how much text after "... về" is read for a working group's area
FEW_NAMES = 8  # up to this many names in a sentence, the text before each is read on its own

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
CONFIDENCE_MIN = 0.05

# -- bilateral meetings ---------------------------------------------------------------------
BILATERAL_OWN_DATE = 0.8  # a bilateral meeting with a date of its own
BILATERAL_WEAK_YEAR = 0.5  # ... whose year is a guess
BILATERAL_MAIN_DATE = 0.75  # one that takes the date of the meeting it is on the sidelines of
