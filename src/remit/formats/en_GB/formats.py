"""Dates as people in England type them: 15/12/2026, 15 December 2026, 15 Dec 2026, 2026-12-15."""

DATE_INPUT_FORMATS = [
    "%d/%m/%Y",
    "%d/%m/%y",
    "%d %B %Y",
    "%d %b %Y",
    "%d %B %y",
    "%d %b %y",
    "%Y-%m-%d",
]
