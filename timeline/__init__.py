"""timeline: dated events from news articles, published as ICS calendars and feeds."""

__version__ = "0.1.0"
