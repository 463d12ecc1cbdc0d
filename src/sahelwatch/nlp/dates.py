"""Date mentions (English and French) and their resolution against the report date.

``find_dates(text, published)`` returns every date expression with the date it denotes and
ACLED's time precision (1 day, 2 week, 3 month or vaguer). Expressions without a year ("On
Sept. 17", "December 28", "19/07") and relative ones ("yesterday", "on Monday", "overnight")
are resolved against ``published``; without a publication date they stay unresolved
(``date=None``) — the coder never guesses from today's date.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from sahelwatch.knowledge.registry import fold_same_length

MONTHS: dict[str, int] = {}
for _i, _names in enumerate(
    [
        ("january", "jan", "janvier", "janv"),
        ("february", "feb", "fevrier", "fev", "fevr"),
        ("march", "mar", "mars"),
        ("april", "apr", "avril", "avr"),
        ("may", "mai"),
        ("june", "jun", "juin"),
        ("july", "jul", "juillet", "juil"),
        ("august", "aug", "aout"),
        ("september", "sep", "sept", "septembre"),
        ("october", "oct", "octobre"),
        ("november", "nov", "novembre"),
        ("december", "dec", "decembre"),
    ],
    start=1,
):
    for _n in _names:
        MONTHS[_n] = _i

WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
    "lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5, "dimanche": 6,
}

_MON = r"(?P<mon>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_MON2 = _MON.replace("?P<mon>", "?P<mon2>")
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th|er)?"
_DAY2 = r"(?P<day2>[0-3]?\d)(?:st|nd|rd|th|er)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_RANGE_SEP = r"\s*(?:-|–|to|and|&|au|et|/)\s*"
_APPROX = ""  # "around/between ..." is looked up before the match (see _APPROX_BEFORE): a pattern that
# starts with a digit or a month name lets the regex engine skip ahead quickly.
# "on 3 and 5 May" names two days (coded on the first); "from 3 to 5 May", "between 3 and 5 May" a span.
_TWO_DAYS = re.compile(r"\s(?:and|et|&)\s")
_APPROX_BEFORE = re.compile(r"(?:around|about|approximately|circa|between|vers|aux alentours du|autour du|"
                            r"in the week of|the week of|during the week of)\s+$")

# Order matters: longer, more specific forms first; matches do not overlap.
_PATTERNS: list[tuple[str, re.Pattern]] = [
    ("iso", re.compile(r"(?<!\d)(?P<year>(?:19|20)\d{2})-(?P<mnum>[01]\d)-(?P<day>[0-3]\d)(?!\d)")),
    # "between 30 October - 1 November 2021", "from 30 December 2019 to 2 January 2020"
    ("dmy_cross_range", re.compile(_DAY + r"\s+(?:of\s+)?" + _MON + r"(?:,?\s+(?:19|20)\d{2})?" + _RANGE_SEP + _DAY2 +
                                   r"\s+(?:of\s+)?" + _MON2 + r"(?:,?\s+" + _YEAR + r")?\b")),
    ("dmy_range", re.compile(_APPROX + _DAY + _RANGE_SEP + _DAY2 + r"\s+(?:of\s+)?" + _MON + r"(?:,?\s+" + _YEAR + r")?\b")),
    ("mdy_range", re.compile(_APPROX + _MON + r",?\s+" + _DAY + _RANGE_SEP + _DAY2 + r"(?:,?\s+" + _YEAR + r")?\b")),
    ("dmy", re.compile(_APPROX + _DAY + r"\s+(?:of\s+)?" + _MON + r"(?:,?\s+" + _YEAR + r")?\b")),
    ("mdy", re.compile(_APPROX + _MON + r"(?:,|\s|(?<=\.))\s*" + _DAY + r"(?![\d:])(?:,?\s+" + _YEAR + r")?\b")),
    ("acled", re.compile(r"(?<!\d)(?P<day>[0-3]?\d)-(?P<mon>[a-z]{3})-(?P<yy>\d{2})(?!\d)")),
    ("numeric", re.compile(r"(?<![\d/.:])(?P<day>[0-3]?\d)/(?P<mnum>[01]?\d)(?:/(?P<yyyy>(?:19|20)?\d{2}))?(?![\d/])")),
    ("part_month", re.compile(r"(?P<part>early|mid|late|end of|beginning of|start of|debut|fin|mi)[\s-]+(?:(?:de|d')\s*)?" + _MON + r"(?:,?\s+" + _YEAR + r")?\b")),
    ("month_year", re.compile(r"(?:in\s+|en\s+|during\s+|since\s+|of\s+)?" + _MON + r",?\s+" + _YEAR + r"\b")),
    ("year", re.compile(r"(?P<prep>\b(?:in|en|since|during|until|by|from|of|earlier in|later in)\s+)?(?<![\d-])" + _YEAR + r"(?![\d-])")),
    ("relative", re.compile(
        r"\b(?P<rel>today|this morning|this afternoon|this evening|tonight|overnight(?!\s+(?:from|of|on|between)\s+\d)|last night|yesterday|"
        r"the day before yesterday|the previous day|the day before|earlier today|"
        r"last week|this week|earlier this week|the previous week|last month|this month|earlier this month|"
        r"aujourd'hui|ce matin|cet apres-midi|ce soir|hier|avant-hier|la veille|la semaine derniere|cette semaine|"
        r"le mois dernier|ce mois)\b")),
    ("weekday", re.compile(r"\b(?P<last>last\s+|this past\s+|past\s+|on\s+|le\s+|ce\s+)?(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\b")),
]

_ACLED_MON = {k: v for k, v in MONTHS.items() if len(k) == 3}


@dataclass(slots=True)
class DateMention:
    start: int
    end: int
    text: str
    date: dt.date | None
    precision: int
    kind: str  # "day", "range", "week", "month", "year", "relative"
    has_year: bool = True


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _infer_year(month: int, day: int, published: dt.date | None) -> dt.date | None:
    """The latest date with this month/day that is not after the report (plus a day of slack)."""
    if published is None:
        return None
    for year in (published.year, published.year - 1):
        d = _safe_date(year, month, day)
        if d is not None and d <= published + dt.timedelta(days=1):
            return d
    return None


def find_dates(text: str, published: dt.date | None = None) -> list[DateMention]:
    """All date mentions in ``text``, in text order, resolved against ``published``."""
    view = fold_same_length(text)
    taken: list[tuple[int, int]] = []
    found: list[DateMention] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(view):
            s, e = m.span()
            if s == e or any(s < b and a < e for a, b in taken):
                continue
            mention = _interpret(kind, m, published, bool(_APPROX_BEFORE.search(view, max(0, s - 30), s)))
            if mention is None:
                continue
            # Leading "around"/"le" stays out of the mention's text when not meaningful.
            mention.start, mention.end, mention.text = s, e, text[s:e]
            found.append(mention)
            taken.append((s, e))
    found.sort(key=lambda d: d.start)
    return found


def _interpret(kind: str, m: re.Match, published: dt.date | None, approx: bool = False) -> DateMention | None:
    g = m.groupdict()
    if kind == "iso":
        d = _safe_date(int(g["year"]), int(g["mnum"]), int(g["day"]))
        return DateMention(0, 0, "", d, 1, "day") if d else None
    if kind == "dmy_cross_range":
        if g.get("year"):
            first = _safe_date(int(g["year"]) - (MONTHS[g["mon"]] > MONTHS[g["mon2"]]), MONTHS[g["mon"]], int(g["day"]))
            last = _safe_date(int(g["year"]), MONTHS[g["mon2"]], int(g["day2"]))
        else:
            last = _infer_year(MONTHS[g["mon2"]], int(g["day2"]), published)
            first = last and _safe_date(last.year - (MONTHS[g["mon"]] > MONTHS[g["mon2"]]), MONTHS[g["mon"]], int(g["day"]))
        if first is None or last is None or not 0 < (last - first).days <= 31:
            return None
        if not approx and _TWO_DAYS.search(m.group(0)):
            last = first  # "on 30 October and 1 November": two days named, the first is the event's
        return DateMention(0, 0, "", first + dt.timedelta(days=(last - first).days // 2),
                           2 if approx or (last - first).days > 2 else 1, "range", bool(g.get("year")))
    if kind in ("dmy", "mdy", "dmy_range", "mdy_range"):
        month = MONTHS[g["mon"]]
        day = int(g["day"])
        if not 1 <= day <= 31:
            return None
        if kind == "mdy" and g["mon"] in ("may", "mar", "mai") and not g.get("year"):
            # "may 3" is too often the verb; "mar" too short to trust without a year.
            return None
        if g.get("year"):
            d = _safe_date(int(g["year"]), month, day)
            has_year = True
        else:
            d = _infer_year(month, day, published)
            has_year = False
        if kind.endswith("range"):
            day2 = int(g["day2"])
            if not 1 <= day2 <= 31 or day2 < day:
                return None
            # A span is coded on its middle day, the earlier of two ("between 26 - 27 November" → 26,
            # "between 30 October - 1 November" → 31 October, as ACLED's notes show); ACLED gives
            # such spans precision 2 when the day itself is uncertain ("around", "between").
            precision = 2 if approx or day2 - day > 2 else 1
            if d is not None and (approx or not _TWO_DAYS.search(m.group(0))):
                d = d + dt.timedelta(days=(day2 - day) // 2)
            return DateMention(0, 0, "", d, precision, "range", has_year)
        return DateMention(0, 0, "", d, 2 if approx else 1, "day", has_year)
    if kind == "acled":
        month = _ACLED_MON.get(g["mon"])
        if month is None:
            return None
        d = _safe_date(2000 + int(g["yy"]), month, int(g["day"]))
        return DateMention(0, 0, "", d, 1, "day") if d else None
    if kind == "numeric":
        day, month = int(g["day"]), int(g["mnum"])
        if not (1 <= day <= 31 and 1 <= month <= 12):
            return None
        if g.get("yyyy"):
            year = int(g["yyyy"])
            year = year + 2000 if year < 100 else year
            d = _safe_date(year, month, day)
            return DateMention(0, 0, "", d, 1, "day") if d else None
        return DateMention(0, 0, "", _infer_year(month, day, published), 1, "day", False)
    if kind == "part_month":
        month = MONTHS[g["mon"]]
        part = g["part"]
        day = {"early": 5, "beginning of": 5, "start of": 5, "debut": 5, "mid": 15, "mi": 15}.get(part, 25)
        if g.get("year"):
            d = _safe_date(int(g["year"]), month, day)
        else:
            d = _infer_year(month, day, published)
            if d is None and published is not None and published.month == month:
                d = _safe_date(published.year, month, min(day, published.day))
        return DateMention(0, 0, "", d, 2, "week", bool(g.get("year")))
    if kind == "month_year":
        # A month alone is coded on its 15th, as ACLED does ("in May" → 15 May, precision 3).
        d = _safe_date(int(g["year"]), MONTHS[g["mon"]], 15)
        return DateMention(0, 0, "", d, 3, "month")
    if kind == "year":
        if not g.get("prep"):
            return None  # a bare number like 2000 is too often not a year ("2,000 km", "2013-2020")
        prep = g["prep"].strip()
        year = int(g["year"])
        return DateMention(0, 0, "", _safe_date(year, 1, 1), 3, "year" if prep in ("in", "en", "during", "earlier in", "later in") else "since")
    if kind == "relative":
        rel = g["rel"]
        if published is None:
            return DateMention(0, 0, "", None, 1, "relative", False)
        offsets = {
            "yesterday": (-1, 1), "last night": (-1, 1), "hier": (-1, 1), "the previous day": (-1, 1),
            "the day before": (-1, 1), "la veille": (-1, 1), "the day before yesterday": (-2, 1),
            "avant-hier": (-2, 1), "last week": (-7, 2), "the previous week": (-7, 2),
            "la semaine derniere": (-7, 2), "this week": (0, 2), "earlier this week": (0, 2),
            "cette semaine": (0, 2), "last month": (-30, 3), "le mois dernier": (-30, 3),
            "this month": (0, 3), "earlier this month": (0, 3), "ce mois": (0, 3),
        }
        delta, precision = offsets.get(rel, (0, 1))
        return DateMention(0, 0, "", published + dt.timedelta(days=delta), precision, "relative", False)
    if kind == "weekday":
        wd = WEEKDAYS[g["wd"]]
        if published is None:
            return DateMention(0, 0, "", None, 1, "relative", False)
        back = (published.weekday() - wd) % 7
        if back == 0 and g.get("last") and g["last"].strip() in ("last", "this past", "past"):
            back = 7
        return DateMention(0, 0, "", published - dt.timedelta(days=back), 1, "relative", False)
    return None


def month_end(day: dt.date) -> dt.date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])
