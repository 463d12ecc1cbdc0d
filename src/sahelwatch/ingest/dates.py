"""Publication dates stated in a document's own text.

The rule (``published_date_from_text``) is deliberately narrow, because a wrong
publication date silently shifts every relative date ("on Tuesday", "last month")
resolved against it, while a missing one only leaves them unresolved:

1. Among the first ``TOP_LINES`` non-blank lines, a line that *is* a date: the date
   alone, or with a label ("Published:", "Updated", "Date:", "Publié le", "Mis à jour
   le"), a weekday, a time of day or a time zone around it, or one segment of a
   byline split on "|", "·", "•" ("By Jane Doe | April 27, 2026").
2. Among the same lines, a news-wire dateline that carries a year:
   "BAMAKO, 18 September 2024 (AFP) -". A dateline without a year
   ("BAMAKO, Sept. 18 (Reuters) -") is ambiguous and is not used: we never guess the
   year.
3. Anywhere in the document, a line that starts with an explicit publication label
   ("Published: 2024-07-30", "Publié le 3 mars 2025", "Date: ...").

Dates inside running sentences are never used, even near the top: that is what
makes a photo caption such as "Malian security personnel detain a man ... in Bamako,
Mali, Sept. 17, 2024 (...)" an *event* date, not a publication date. Labelled
"Updated" dates are used only when no publication date is stated.

Month names are recognised in English and French, in full and abbreviated.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

# One month table for the whole project (English and French, accent-folded).
from sahelwatch.nlp.dates import MONTHS as _MONTHS

TOP_LINES = 15

# Longest names first so "sept" wins over "sep" and "juillet" over "juil".
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))

# Dates are matched on accent-folded, lower-cased text (see ``_fold``), which keeps
# character positions unchanged for the scripts we meet here.
_DATE_PATTERNS = (
    # April 27, 2026 / Sept. 18, 2024 / apr 27 2026
    re.compile(
        rf"\b(?P<mon>{_MONTH_RE})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)\b"
    ),
    # 27 April 2026 / 1er mars 2025 / 3 of May, 2024
    re.compile(
        rf"\b(?P<day>\d{{1,2}})(?:er|st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{_MONTH_RE})\.?,?\s+(?P<year>(?:19|20)\d\d)\b"
    ),
    # 2024-07-30, also as the date part of an ISO timestamp
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<mon>\d\d)-(?P<day>\d\d)(?![\d])"),
    # 30/07/2024 or 30.07.2024: only used when the day is > 12 (otherwise d/m vs m/d is ambiguous)
    re.compile(r"\b(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.](?P<year>(?:19|20)\d\d)\b"),
)

_PUBLISHED_LABEL = (
    r"(?:published|publication date|date published|posted|posted on|date|dated"
    r"|publie|publie le|date de publication|paru le|le)"
)
_UPDATED_LABEL = r"(?:updated|last updated|updated on|mis a jour|mis a jour le|modifie le)"
_WEEKDAY = (
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    r"|mon|tue|tues|wed|thu|thurs|fri|sat|sun"
    r"|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)"
)
# What may surround a date on a line that is "only a date": labels, a weekday, a time,
# a time zone, "at", "on", punctuation.
_NOISE_TOKEN = re.compile(
    rf"{_PUBLISHED_LABEL}\b|{_UPDATED_LABEL}\b|{_WEEKDAY}\b\.?"
    r"|t?\d{1,2}[:h.]\d\d(?::\d\d(?:\.\d+)?)?(?:\s*[ap]\.?m\.?)?|\d{1,2}\s*[ap]\.?m\.?"
    r"|(?:utc|gmt|cet|cest|wat|edt|est|bst|z)\b(?:\s*[+-]\s*\d{1,2}(?::?\d\d)?)?|[+-]\d\d:?\d\d"
    r"|\bat\b|\bon\b|\ba\b|[\s,.:;()\[\]*_#>~|\-–—/]+"
)
_LABELLED_LINE = re.compile(rf"^\W*(?P<label>{_PUBLISHED_LABEL}|{_UPDATED_LABEL})\s*(?::|\b)")
_STRONG_PUBLISHED_LABEL = re.compile(
    r"^\W*(?:published|publication date|date published|posted|date|dated|publie|date de publication|paru)\b"
)
_UPDATED_RE = re.compile(rf"^\W*{_UPDATED_LABEL}\b")
# "BAMAKO, 18 September 2024 (AFP) -" / "Niamey (Niger), le 10 décembre 2019 -"
_DATELINE = re.compile(
    r"^\W*[a-z][a-z' .-]{1,40}(?:\s*\([a-z' .-]+\))?,\s*(?:le\s+)?(?P<rest>.+)$"
)
_BYLINE_SPLIT = re.compile(r"\s+[|·•]\s+|\s+[—–]\s+")


def _fold(text: str) -> str:
    """Lower-case and strip accents (so "Publié", "août", "décembre" match plainly)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _make_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def find_dates(text: str) -> list[tuple[int, int, dt.date]]:
    """Every full date (day, month and year) in ``text``: (start, end, date), in order.

    ``text`` should already be folded with ``_fold``. Overlapping matches keep the first.
    """
    found: list[tuple[int, int, dt.date]] = []
    for pattern in _DATE_PATTERNS:
        for m in pattern.finditer(text):
            groups = m.groupdict()
            year = int(groups["year"])
            if "a" in groups and groups.get("a") is not None:
                a, b = int(groups["a"]), int(groups["b"])
                if a > 12 and b <= 12:
                    date = _make_date(year, b, a)
                elif b > 12 and a <= 12:
                    date = _make_date(year, a, b)
                else:
                    date = None  # 03/04/2025: day-first or month-first? Don't guess.
            else:
                mon = groups["mon"]
                month = int(mon) if mon.isdigit() else _MONTHS[mon]
                date = _make_date(year, month, int(groups["day"]))
            if date is None:
                continue
            if any(not (m.end() <= s or m.start() >= e) for s, e, _ in found):
                continue
            found.append((m.start(), m.end(), date))
    found.sort()
    return found


def _only_date(segment: str) -> dt.date | None:
    """The date if ``segment`` (folded) is one date plus labels/weekday/time noise."""
    dates = find_dates(segment)
    if len(dates) != 1:
        return None
    start, end, date = dates[0]
    rest = segment[:start] + " " + segment[end:]
    if _NOISE_TOKEN.sub("", rest).strip():
        return None
    return date


def _standalone_date(line: str) -> dt.date | None:
    date = _only_date(line)
    if date is not None:
        return date
    # A byline with a date in one of its segments: "By Jane Doe | April 27, 2026".
    for segment in _BYLINE_SPLIT.split(line):
        date = _only_date(segment)
        if date is not None:
            return date
    return None


def _dateline_date(line: str) -> dt.date | None:
    """The date of a wire dateline "CITY, <date with year> (Agency) - text"."""
    m = _DATELINE.match(line)
    if not m:
        return None
    rest = m.group("rest")
    dates = find_dates(rest)
    if not dates:
        return None
    start, end, date = dates[0]
    head = rest[:start]
    tail = rest[end:]
    # Only a weekday may precede the date; an agency in brackets and a dash must follow.
    if _NOISE_TOKEN.sub("", head).strip():
        return None
    if not re.match(r"^\s*(?:\([^)]{1,40}\))?\s*[-–—:]", tail):
        return None
    return date


def _labelled_date(line: str) -> tuple[str, dt.date] | None:
    """("published"|"updated", date) for a line that starts with an explicit label
    followed directly by a date ("Published: April 27, 2026 by Staff")."""
    m = _LABELLED_LINE.match(line)
    if not m or m.group("label") == "le":
        return None
    rest = line[m.end() :]
    dates = find_dates(rest)
    if not dates:
        return None
    start, _, date = dates[0]
    if _NOISE_TOKEN.sub("", rest[:start]).strip():
        return None  # "Date palms burned on 3 March 2024": a sentence, not a label
    kind = "updated" if _UPDATED_RE.match(line) else "published"
    return kind, date


def published_date_from_text(text: str) -> dt.date | None:
    """The publication date a document states about itself, or None (see module doc)."""
    if not text:
        return None
    lines = [_fold(line.strip()) for line in text.splitlines()]
    nonblank = [line for line in lines if line]
    updated: dt.date | None = None
    for line in nonblank[:TOP_LINES]:
        if len(line) > 200:
            # A paragraph: only a wire dateline at its start can state the date.
            date = _dateline_date(line)
            if date is not None:
                return date
            continue
        labelled = _labelled_date(line)
        if labelled is not None:
            kind, date = labelled
            if kind == "published":
                return date
            updated = updated or date
            continue
        date = _standalone_date(line)
        if date is not None:
            return date
        date = _dateline_date(line)
        if date is not None:
            return date
    # Explicit publication labels further down (e.g. a footer "Published: ...").
    for line in nonblank[TOP_LINES:]:
        if _STRONG_PUBLISHED_LABEL.match(line):
            labelled = _labelled_date(line)
            if labelled is not None:
                kind, date = labelled
                if kind == "published":
                    return date
                updated = updated or date
    return updated
