"""timeline: dated events from news articles, published as ICS calendars and feeds."""

__version__ = "0.1.0"

IMPRECISE_POLICIES = ("span", "skip")
"""How a calendar shows an event whose day is not known (the config's ``imprecise_dates``, ``build
--imprecise-dates``); here, not in :mod:`timeline.model`, so that ``--help`` need not import the model."""
