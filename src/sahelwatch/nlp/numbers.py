"""Numbers in words and figures, and fatality counts coded conservatively as ACLED does.

ACLED's rules, as applied here: the lowest figure reported ("more than 70" → 70, "at least 4"
→ 4); "dozens" → 12, "several"/"a number of"/an unknown number → 3; wounded, injured, missing
and abducted people are not fatalities; the attackers' dead count too, so the dead of every
group listed are summed ("4 civilians, 2 assailants and 1 soldier dead" → 7) unless the figures
are a breakdown of a total ("4 dead (2 assailants, ...)", "4 killed, including 2 soldiers").
"""

from __future__ import annotations

import re

from sahelwatch.knowledge.registry import fold_same_length

WORD_NUMBERS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "single": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90, "hundred": 100, "a hundred": 100, "one hundred": 100,
    "a dozen": 12, "dozen": 12, "several dozen": 12, "a few dozen": 12, "dozens": 12, "dozens of": 12, "a few": 3, "few": 3, "several": 3,
    "a number of": 3, "an unknown number of": 3, "unknown number of": 3, "some": 3, "many": 3,
    "an undetermined number of": 3, "undetermined number of": 3, "an unspecified number of": 3,
    "unspecified number of": 3, "an unconfirmed number of": 3, "an indeterminate number of": 3,
    "numerous": 3, "scores of": 20, "tens of": 10, "hundreds of": 100, "hundreds": 100,
    "a couple of": 2, "couple of": 2, "both": 2, "a pair of": 2,
    # French
    "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "sept": 7, "huit": 8,
    "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14, "quinze": 15,
    "seize": 16, "vingt": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60,
    "cent": 100, "une dizaine": 10, "une dizaine de": 10, "des dizaines de": 12, "plusieurs": 3,
    # "une vingtaine" (about twenty): the round figure, as ACLED codes "about twenty"
    "une douzaine": 12, "une quinzaine": 15, "une vingtaine": 20, "une trentaine": 30, "une quarantaine": 40,
    "une cinquantaine": 50, "une soixantaine": 60, "une centaine": 100, "quinzaine": 15, "vingtaine": 20,
    "trentaine": 30, "quarantaine": 40, "cinquantaine": 50, "soixantaine": 60, "centaine": 100,
    "une vingtaine de": 20, "une trentaine de": 30, "une centaine de": 100,
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_UNITS = {k: v for k, v in WORD_NUMBERS.items() if k in
          ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")}

_WORD_ALT = "|".join(sorted((re.escape(k) for k in WORD_NUMBERS), key=len, reverse=True))
_COMPOUND = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[\s-](?:one|two|three|four|five|six|seven|eight|nine)"
NUMBER = re.compile(
    r"(?<![\w.,])(?P<num>\+?\d{1,3}(?:,\d{3})+|\+?\d+|" + _COMPOUND + "|" + _WORD_ALT + r")(?![\w])"
)
_QUALIFIER = r"(?:at least|more than|over|nearly|almost|about|around|some|up to|as many as|approximately|roughly|an estimated|a total of|au moins|plus de|pres de|environ|the|of)\s+"

KILL_WORDS = re.compile(
    r"\b(?:killed|killing|kills|kill|dead|deaths?|died|dies|die|executed|executing|execute|murdered|murdering|"
    r"assassinated|assassinating|massacred|massacring|slain|slaughtered|beheaded|beheading|lynched|"
    r"shot dead|shooting dead|burned alive|burnt alive|lost their lives|lost his life|lost her life|perished|"
    r"fatalities|fatality|bodies|body|corpses?|death toll|casualties|victims|tues?|tuees?|tuant|morts?|"
    # "local sources gave a toll of seven"
    r"tolls?(?=\s+(?:of|at|was|stood|rose|reached|climbed)\b)|"
    r"decedes?|assassines?|executes?|succumbed|neutrali[sz]ed|neutralising|neutralizing|neutralises?|"
    r"neutralisee?s?|"
    # "it lost four soldiers", "lost two of its own men": the side's own dead
    r"(?:lost|losing)(?=\s+(?:[\w'-]+\s+){0,4}?(?:soldiers|men|fighters|troops|members|elements|militants|combatants|gendarmes|"
    r"policemen|officers|vdp|volunteers|peacekeepers|dozos|hunters)\b)|"
    # "acknowledged the loss of six of its fighters"
    r"loss(?:es)?\s+of(?=\s+(?:" + _QUALIFIER + r")*(?:\d+|" + _WORD_ALT + r")\s))\b"
)
_VERBAL_KILL = re.compile(
    r"\b(?:killed|killing|kill|kills|executed|executing|execute|murdered|murdering|assassinated|assassinating|"
    r"massacred|massacring|slaughtered|beheaded|beheading|lynched|shot dead|shooting dead|tuant|ont tue|a tue|"
    r"left|leaving|claimed the lives of|claiming the lives of|neutrali[sz]ed|neutrali[sz]ing|neutralise|neutralisee?s?|"
    r"ont neutralise|a neutralise|lost|losing|(?:the\s+)?deaths?(?:\s+of)?|(?:the\s+)?loss(?:es)?(?:\s+of)?)\s+$"
)
_NON_FATAL = re.compile(
    r"\b(?:wounded|wounding|injured|injuring|injuries|hurt|missing|abducted|kidnapped|arrested|captured|"
    r"taken|held|blesses?|injured|seriously|severely|disappeared|detained|rescued|released|displaced|"
    r"fled|survived|treated|hospitali[sz]ed)\b"
)
_NO_DEATHS = re.compile(
    r"\b(?:no (?:one|body|victims?|casualt(?:y|ies)|deaths?|fatalit(?:y|ies)|loss of life|injuries or deaths|"
    r"human loss(?:es)?)|without (?:causing |making |leaving |suffering |reporting )?(?:any )?(?:casualt\w*|victims?|"
    r"loss of life|fatalit\w*|deaths?|losses)|nobody (?:was )?killed|"
    r"no-one|none (?:were|was) killed|pas de victimes?|aucune victime|sans faire de victimes?)\b"
)
# Nominal mentions of a killing are background ("in reaction to the killing of a farmer").
_NOMINAL = re.compile(r"\b(?:the|a|his|her|their|of)\s+(?:killing|death|murder|assassination|execution)s?\s+of\b|"
                      r"\bdeath of\b|\bkilling of\b|\bmurder of\b")
# Things counted that are not people.
_NOT_PEOPLE = re.compile(
    r"^\s*(?:km|kms|kilomet\w*|miles?|m\b|meters?|metres?|hours?|h\b|hrs?|minutes?|days?|weeks?|months?|years?|"
    r"vehicles?|motorbikes?|motorcycles?|motos?|trucks?|cars?|pick-?ups?|technicals?|weapons?|rifles?|guns?|"
    r"houses?|huts?|shops?|heads?|cattle|cows?|sheep|goats?|animals?|livestock|camels?|donkeys?|tricycles?|"
    r"directions?|times?|percent|%|hectares?|ha\b|tons?|tonnes?|kg|villages?|localities|sites?|bases?|posts?|"
    r"positions?|attacks?|incidents?|schools?|buildings?|am\b|pm\b|a\.m|p\.m|o'clock|local time|gmt|cfa|francs?|"
    r"euros?|dollars?|mm|mortar|shells?|rockets?|rounds?|ieds?|mines?|explosions?|shots?|"
    # "one local source put the toll at three": a source, not a victim
    r"(?:local\s+|security\s+|military\s+|humanitarian\s+|medical\s+|other\s+)?(?:sources?|reports?|accounts?)\b|"
    # "neutralised a group of terrorists": a group, not one person
    r"groups?|bands?|columns?|gatherings?|cells?|networks?|meetings?|convoys?|hideouts?|caches?|camps?|"
    # a day of a month ("5 June", "5-10 July", "le 3 mars")
    r"(?:[-\u2013]\s*\d{1,2}\s+)?(?:(?:jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\b|may\b(?!\s+(?:have|be|not)\b)|"
    r"janvier|fevrier|mars|avril|mai\b|juin|juillet|aout|septembre|octobre|novembre|decembre))"
    r"(?!\w)"  # whole words: "7 villagers" are people, "7 villages" are not
    # ... and a thing's name before a person's is a kind of person: "two village chiefs", "3 truck drivers"
    r"(?!\s+(?:chiefs?|heads?|leaders?|owners?|keepers?|drivers?|herders?|teachers?|guards?|officials?|elders?|"
    r"residents?|dwellers?|workers?|traders?|merchants?|passengers?|riders?|taxi|councillors?|councilors?|"
    r"representatives?|imams?|officers?|personnel|staff)\b)"
)


# ACLED's notes state the count they coded when the sources give none.
_CODED_AS = re.compile(r"\b(?:fatalities|fatality|deaths|death toll)\s+(?:were\s+|was\s+|is\s+)?coded\s+(?:as|at)\s+"
                       r"(?:(?:a\s+|the\s+)?low(?:est)?\s+estimate\s+of\s+)?(?P<num>\d+)\b|\bcoded\s+(?:as|at)\s+(?P<num2>\d+)\s+(?:fatalities|deaths)\b", re.IGNORECASE)
_TOLL_BROUGHT_TO = re.compile(r"(?:\b(?:bringing|raising|taking|brought|raised|took)\s+the\s+(?:overall\s+|total\s+|final\s+)?"
                              r"(?:death\s+)?(?:toll|number\s+of\s+(?:dead|deaths|victims))\s+to|"
                              # "the death toll later rose to 7": the total after an update
                              r"\bthe\s+(?:overall\s+|total\s+|final\s+)?(?:death\s+)?toll\s+(?:\w+ly\s+|later\s+|then\s+|has\s+|had\s+)?"
                              r"(?:rose|risen|climbed|increased|grew|jumped)\s+to)\s+(?:at\s+least\s+)?"
                              r"(?P<num>\d+|" + _COMPOUND + "|" + _WORD_ALT + r")\b")
# "6-8 killed": a range of figures (not "5-10 July", whose second figure is a day).
_RANGE = re.compile(r"\b(\d{1,4})\s*[-\u2013]\s*\d{1,4}\b(?!\s*(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|km|h\b))",
                    re.IGNORECASE)
# The start of an aside after a comma: a relative or participial clause about the subject.
_ASIDE = re.compile(r"\s*(?:who|whom|which|most of whom|all of whom|some of whom|many of whom|mostly|mainly|"
                    r"accused of|suspected of|believed to|said to|reportedly|aged|among them|all|both|including|"
                    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|\d+|some|many|most)\s+of\s+(?:them|whom))\b",
                    re.IGNORECASE)


# A clause about victims already counted: "Both (men) killed were ...", "All of them died".
_BACK_REFERENCE = re.compile(r"\s*(?:both|all (?:of )?(?:them|the victims|those killed)|the (?:two|three|four|five) "
                             r"(?:victims|men|dead))\b", re.IGNORECASE)


# Two singular victims joined by "and", the second with its own determiner.
_TWO_VICTIMS = re.compile(
    r"(?:^|[^\w\s]\s*|\b(?:a|an|the|his|her|their|one)\s+)(?!and\b)[a-z][\w-]*(?<!s)(?:\s+(?!and\b)[a-z][\w-]*(?<!s))?"
    r"\s+and\s+(?:a|an|his|her|their|one|another)\s+[a-z][\w-]*(?<!s)(?:\s+[a-z][\w-]*(?<!s))?"
    r"\s+(?:(?:were|have been|had been)\s+)?(?:\w+ly\s+)?$", re.IGNORECASE)


# After a figure: the figure counts the attackers, who did something to someone ("2 men shot to
# death a person", "3 armed men raided Arkodia village, killing a man").
_ATTACKERS_ACTING = re.compile(
    r"\s+(?:[a-z-]+\s+){0,2}?(?:men|man|gunmen|assailants|attackers|individuals|militants|jihadists|bandits)\s+"
    r"(?:(?:on|riding)\s+(?:a\s+|two\s+)?(?:motorbikes?|motorcycles?|motos?)\s+|in\s+an?\s+(?:car|vehicle|pick-?up)\s+)?"
    r"(?:\w+ly\s+)?(?:shot and killed|shot and wounded|stabbed and killed|killed|shot|murdered|executed|assassinated|raided|attacked|stormed|opened fire on|abducted|"
    r"kidnapped|stabbed|beat)\s+(?:to death\s+|dead\s+)?"
    r"(?!(?:in|at|on|during|near|by|and|when|while|after|before|yesterday|today|overnight|last|this|from|"
    r"inside|outside|around|following|as|amid)\b)[a-z]", re.IGNORECASE)

_NAMED_BY_NUMBER = re.compile(r"\b(?:sector|secteur|district|zone|quarter|neighbou?rhood|no\.?|number|n°|route|rn|road|"
                              r"highway|block|camp|phase|article|grade|class|level|stage|unit|battalion|region)\s*$")
# "The two movements said nine jihadists were killed", "two witnesses reported": the speakers, not the dead
# ("two soldiers said to have been killed" are the dead).
_SPEAKERS_SAYING = re.compile(
    r"\s+(?:(?!(?:dead|killed|died|deaths?|bodies|victims|casualties|fatalities|were|was|are|is|have|had)\b)[a-z-]+\s+){0,2}?"
    r"(?:said|reported|claimed|stated|told|announced|estimated|counted|confirmed|indicated|"
    r"gave|put)\b(?!\s+(?:to|as|killed|dead|died|missing|wounded|injured|slain)\b)", re.IGNORECASE)


# After "killed N soldiers": the one attacker who died with them.
_AND_THE_ATTACKER = re.compile(
    r"\s+[\w'-]+(?:\s+[\w'-]+)?\s*,?\s*(?:and|as well as|along with)\s+(?:(?:the|a|one)\s+(?:suicide\s+)?"
    r"(?:attacker|bomber|assailant|gunman|perpetrator|kamikaze)\b(?!s)(?!\s+(?:was|were)\s+(?:wounded|injured|arrested))|"
    r"(?:himself|herself)\b)",
    re.IGNORECASE)


# "Nine Islamic State Sahel fighters and three JNIM militants were killed": a list of tolls whose
# long names put the first figure far from its verb.
_LISTED_FIGURE = re.compile(r"\band\s+(?:\d+|" + _WORD_ALT + r")\s+(?!of\b)")


def _second_victim(head: str, s: int, e: int) -> int:
    """1 when a singular victim counted as "a"/"an" has a partner: "a soldier and a civilian"."""
    if head[s:e].lower() not in ("a", "an", "one"):
        return 0
    if re.search(r"\b(?:a|an|one|the)\s+[a-z][\w-]*(?<!s)\s+and\s+$", head[:s], re.IGNORECASE):
        return 1
    partner = re.match(r"\s+([a-z][\w-]*(?<!s))\s+and\s+(?:his|her|their|a|an|one|another)\s+"
                       r"(?!(?:" + _WORD_ALT + r"|\d+)\b)[a-z][\w-]*(?<!s)\b"
                       r"(?!\s+(?:and|,))", head[e:], re.IGNORECASE)
    if partner and not KILL_WORDS.fullmatch(partner.group(1)) and not _NON_FATAL.search(head[e:e + partner.end() + 25]):
        return 1
    return 0


def parse_number(token: str) -> int | None:
    """The value of a number in figures or words ("12", "twenty-two", "dozens of", "plusieurs")."""
    t = token.strip().lower().lstrip("+").replace(",", "")
    if t.isdigit():
        return int(t)
    if t in WORD_NUMBERS:
        return WORD_NUMBERS[t]
    m = re.fullmatch(r"(\w+)[\s-](\w+)", t)
    if m and m.group(1) in _TENS and m.group(2) in _UNITS:
        return _TENS[m.group(1)] + _UNITS[m.group(2)]
    return None


def _strip_parentheses(text: str) -> str:
    # Keep length so positions stay comparable; the breakdown inside is not added to the total.
    return re.sub(r"\([^()]*\)", lambda m: " " * len(m.group(0)), text)


_SAID_BEFORE = re.compile(r"^(?:[\w'-]+\s+){1,6}?(?:said|say|says|reported|stated|claimed|added|confirmed)\s+(?:that\s+)?")


_NUMBER_OF_KILLED = re.compile(r"\b(?:number|count|tally)\s+of\s+(?P<who>(?:[\w'-]+\s+){0,6}?)(?:killed|dead)\s+at\s+(?:" +
                               _QUALIFIER + r")*$")
_SUBSET_ASIDE = re.compile(r"\s*(?:\d+|" + _WORD_ALT + r")\s+of\s+(?:them|whom)\b")
_BREAKDOWN_BEFORE = re.compile(r"\b(?:killing|killed)\s+(?:" + _QUALIFIER + r")*(?:\d+|" + _COMPOUND + "|" + _WORD_ALT + r")\s*$")


def _segments(text: str) -> list[str]:
    """Clauses: split at ; : . and at commas, but a comma-clause that is only "N nouns" joins the next."""
    out: list[str] = []
    parts: list[str] = []
    for part in re.split(r"[;:.!?]\s+|[;:]|\s-\s|\.$", text):
        if parts and _BREAKDOWN_BEFORE.search(parts[-1]) and NUMBER.match(part) and not KILL_WORDS.search(part):
            parts[-1] += " : " + part  # "killing seventeen: eleven soldiers and six VDP": the breakdown of the figure
        else:
            parts.append(part)
    for part in parts:
        pieces = re.split(r",\s*|\s+but\s+|\s+while\s+|\s+whereas\s+", part)
        pending = ""
        first_out = len(out)
        for piece in pieces:
            if not pending and len(out) > first_out and _SUBSET_ASIDE.match(piece) and not KILL_WORDS.search(piece):
                pending = out.pop()  # "157 civilians, 46 of them children, were killed": the aside left out
                continue
            if not pending and out and re.match(r"\s*(?:as\s+well\s+as|in\s+addition\s+to|plus)\s", piece) and \
                    not KILL_WORDS.search(piece):
                out[-1] += " , " + piece  # "70 soldiers killed, as well as ten militants": one list
                continue
            if pending and (_ASIDE.match(piece) or not NUMBER.search(piece)) and not KILL_WORDS.search(piece) \
                    and not _NON_FATAL.search(piece):
                # "9 traders, most of whom were Bozo, were killed": the aside is left out, so the
                # figure stays next to its verb.
                continue
            if pending and re.match(r"\s*(?:while|whereas|although|though|but)\b", piece):
                out.append(pending)  # "five killed, three soldiers and two drivers, while JNIM claimed 14"
                pending = ""
            if pending:
                piece = pending + " , " + piece
                pending = ""
            # ("residents said at least nine civilians, among them a child, were killed": the reporter's
            # words before the figure do not part it from its verb)
            core = _SAID_BEFORE.sub("", piece.strip())
            figure = NUMBER.match(re.sub(r"^(?:" + _QUALIFIER + r")+", "", core))
            if figure and not _NOT_PEOPLE.match(figure.string[figure.end():]) and not KILL_WORDS.search(piece) \
                    and not _NON_FATAL.search(piece) and len(core.split()) <= 5:
                pending = piece
                continue
            out.append(piece)
        if pending:
            out.append(pending)
    return out


# "killing between five and eight civilians": the lower figure.
# "the death toll was 19", "put the death toll at 19", "death tolls ranged from 19 (to 24)": the figure after the toll
_TOLL_BEFORE = re.compile(r"\b(?:death\s+)?tolls?\s+(?:(?:was|were|is|has|had|stood|stands|rose|climbed|reached|"
                          r"ranged|ranging|varied|varying|eventually|finally|later|been|\w+ly)\s+){0,3}"
                          r"(?:of|at|to|was|were|is|reached|from|between)\s+(?:" + _QUALIFIER + r")*$|"
                          r"\b(?:death\s+)?tolls?\s+(?:[\w'-]+\s+){0,4}?(?:ranged|ranging|varied|varying)\s+(?:from|between)\s+"
                          r"(?:" + _QUALIFIER + r")*$|"
                          # "put the number of soldiers and VDP killed at about 50"
                          r"\b(?:number|count|tally)\s+of\s+(?:[\w'-]+\s+){0,6}?(?:killed|dead|deaths|victims|fatalities)\s+"
                          r"at\s+(?:" + _QUALIFIER + r")*$")
# "tolls ranged from 19 to 24": the lower figure
_RANGED_FIGURES = re.compile(r"\b(?:ranged?|ranging|varied|varying|varies)\s+(?:from|between)\s+(?:\d+|" + _WORD_ALT +
                             r")\s+(?:to|and)\s+((?:\d+|" + _COMPOUND + "|" + _WORD_ALT + r"))(?=\W)", re.IGNORECASE)
_BETWEEN_FIGURES = re.compile(r"\bbetween\s+(\d+|" + _WORD_ALT + r")\s+and\s+(?:\d+|" + _COMPOUND + "|" + _WORD_ALT +
                              r")(?=\s)", re.IGNORECASE)
# A group taken, then killed: "soldiers detained seven men, most of them herders, and executed them".
_TAKEN_THEN_KILLED = re.compile(
    r"\b(?:arrested|detained|abducted|kidnapped|rounded up|captured|seized|took)\s+(?:" + _QUALIFIER + r")*"
    r"(?P<num>\d+|" + _COMPOUND + "|" + _WORD_ALT + r")\s+[^.;]{0,90}?\b(?:and|before|then|later)\s+(?:\w+\s+){0,2}?"
    r"(?:executed|killed|shot|murdered|slaughtered|beheaded|summarily executed)\s+(?:all\s+(?:of\s+)?)?them\b")
# Before "the death of": a report of the killing itself, not background to something else.
_REPORTED_DEATH = re.compile(r"\b(?:acknowledg\w*|confirm\w*|report\w*|document\w*|announc\w*|record\w*|caus\w*|"
                             r"result\w*\s+in|led\s+to|leading\s+to|admitted)\s+$")


def _background_killing(m: re.Match) -> str:
    """Blank a nominal killing ("in reaction to the killing of a farmer") unless it is reported as such."""
    if _REPORTED_DEATH.search(m.string[max(0, m.start() - 30):m.start()]):
        return m.group(0)
    return " " * len(m.group(0))


def count_fatalities(text: str) -> int | None:
    """The number of people killed that ``text`` reports, or None when it reports no killing.

    0 is returned when the text says there were no victims. A coder's own statement ("unknown
    fatalities coded as 10") is taken as it stands; of a range ("6-8 killed") the lower figure.
    """
    # "militants were 'neutralised'": quotation marks around a word are no part of it
    folded = re.sub(r"(?<![\w])['\"]|['\"](?![\w])", " ", fold_same_length(text))
    stated = _CODED_AS.search(folded)
    if stated:
        return int(stated.group("num") or stated.group("num2"))
    total = _TOLL_BROUGHT_TO.search(folded)
    if total and parse_number(total.group("num")) is not None:
        # "three wounded died later, bringing the toll to 12": the total, of its kind; the other
        # side's dead told after it are more ("raised the toll to 18 soldiers. It said eleven
        # assailants were killed").
        end = folded.find(". ", total.end())
        sentence_start = folded.rfind(". ", 0, total.start()) + 1
        later = folded[end + 2:] if end >= 0 else ""
        kind = _victim_kind(folded[sentence_start:total.end()])
        later_kind = _victim_kind(later) if later else None
        extra = count_fatalities(later) if later_kind and kind and later_kind not in (kind, "mixed") else None
        return parse_number(total.group("num")) + (extra or 0)
    folded = _RANGE.sub(lambda m: m.group(1) + " " * (len(m.group(0)) - len(m.group(1))), folded)
    folded = _BETWEEN_FIGURES.sub(lambda m: " " * (m.start(1) - m.start()) + m.group(1) +
                                  " " * (m.end() - m.end(1)), folded)
    folded = _RANGED_FIGURES.sub(lambda m: m.group(0)[:m.start(1) - m.start()] + " " * (m.end(1) - m.start(1)), folded)
    view = _strip_parentheses(folded)
    view = _NOMINAL.sub(_background_killing, view)
    view = _blank_background_deaths(view)
    # "the bodies of 6 of them were found": six bodies
    view = _BODIES_OF.sub(lambda m: (m.group("num") + " bodies").ljust(len(m.group(0))), view)
    figured: list[int] = []  # counts read from figures ("5 killed")
    # "detained seven men ... and executed them": the group taken is the toll.
    for rx in (_TAKEN_THEN_KILLED, _TAKEN_THEN_FOUND_DEAD):
        for m in rx.finditer(view):
            value = parse_number(m.group("num"))
            if value is not None:
                figured.append(value)
                view = view[:m.start()] + " " * (m.end() - m.start()) + view[m.end():]
    # "killing the nurse and the driver", "shot dead the chief's son, his wife and his uncle"
    for m in _VICTIM_LIST.finditer(view):
        victims = _listed_victims(m.group("list"))
        if victims >= 2:
            figured.append(victims)
            view = view[:m.start()] + " " * (m.end() - m.start()) + view[m.end():]
    bombers = len(_AS_WAS_ATTACKER.findall(view))
    # "lynched two men" counts them dead unless the text says who died ("two were lynched; one was killed")
    lynched_dead = "lynched" in view and not re.search(r"\b(?:killed|dead|died|deaths?|bodies|body|succumbed|"
                                                       r"injured|wounded|survived)\b", view)
    unfigured: list[int] = []  # killings without a figure ("killed a farmer", "bodies")
    tolls: list[_Toll] = []
    any_kill = False
    for sentence, segments in _sentences(view):
        sentence_reporter = _reporter(sentence)
        sentence_tolls: list[_Toll] = []
        for seg in segments:
            kills = list(KILL_WORDS.finditer(seg))
            if not kills:
                continue
            if re.search(r"\b(?:kill|fatalit|death|casualt|victim|bod|toll)", seg) is None and \
                    re.search(r"\b(?:dead|died|killed|executed|murdered|assassinated|slain|tue|tues|tuee|tuees|tuant|"
                              r"morts?|decede\w*|neutrali\w*|succumb\w*|behead\w*|massacred|slaughtered|executing|murdering|"
                              r"massacring|slaughtering|shooting dead|"
                              r"perished|lost their lives|lost his life|lost her life|lost|losing|loss of|losses of|beaten to death|beat to death)\b", seg) is None \
                    and not (lynched_dead and "lynched" in seg):
                continue
            if re.search(r"\b(?<!before )(?<!police )(?<!anyone )(?:would|could|may|might|threaten\w*|attempt\w*|tried to|plan\w*)\b",
                         seg) and not re.search(r"\b(?:killed|dead|died|beaten to death|beat to death|lynched|shot dead)\b", seg):
                continue
            if _NO_DEATHS.search(seg):
                any_kill = True
                continue
            if _ARRESTED_FOR_IT.search(seg):
                continue  # "arrested four people suspected of taking part in the killing": not victims
            any_kill = True
            if figured and _BACK_REFERENCE.match(seg):
                continue  # "Two men were killed ... Both victims were herders": the same two, again
            again = _THE_COUNTED.search(seg)
            if again and any(p[0] == parse_number(again.group("num")) for t in tolls for p in t.parts):
                continue  # "eleven members were killed ... Residents recovered the eleven bodies": the same dead
            value, from_figure, parts = _count_segment(seg, kills)
            if not parts:
                parts = [[value, _victim_kind(seg), not from_figure]]
            tolls.append(_Toll(parts, from_figure, bool(_CLAIM.search(seg)), _reporter(seg),
                               bool(_SEPARATE.search(sentence)), bool(_ALTERNATIVE.search(seg)), seg))
            sentence_tolls.append(tolls[-1])
        # The sentence's reporter is each toll's unless another toll of the sentence names its own
        # ("6 bodies were found; relatives reported 11 dead": the 6 are not the relatives' count),
        # but "according to the UN mission", a clause of its own, is still the reporter of the tolls
        # around it.
        if any(t.reporter is None for t in sentence_tolls):
            if not any(t.reporter for t in sentence_tolls):
                fill = sentence_reporter
            else:
                fill = next((r for seg in segments if not any(t.text == seg for t in sentence_tolls)
                             and (r := _reporter(seg)) is not None), None)
            for t in sentence_tolls:
                if t.reporter is None:
                    t.reporter = fill
    _reconcile_reports(tolls)
    if any(t.from_figure and not all(p[2] for p in t.parts) for t in tolls):
        # "Five VDP and three civilians were killed, and an undetermined number of assailants also
        # died": a count no one gave adds nothing to the stated ones.
        tolls = [t for t in tolls if not (all(p[2] for p in t.parts) and _UNKNOWN_COUNT.search(t.text))]
    later_one = 0  # "a second officer ... was found dead the next morning": one more, told apart
    for toll in tolls:
        value = sum(part[0] for part in toll.parts)
        (figured if toll.from_figure else unfigured).append(value)
        if not toll.from_figure and toll.separate and value == 1 and \
                not re.search(r"\b(?:bomber|kamikaze|attacker)s?\b", toll.text):  # (the bomber is counted above)
            later_one += 1
    if not any_kill and not figured:
        return 0 if _NO_DEATHS.search(view) else None
    if figured:
        return sum(figured) + bombers + later_one
    return max(unfigured, default=0)


_BODIES_OF = re.compile(r"\b(?:the\s+)?(?:bodies|corpses)\s+of\s+(?:at\s+least\s+|some\s+|about\s+|around\s+)?(?P<num>\d+|" + _COMPOUND + "|" + _WORD_ALT +
                        r")(?:\s+of\s+them|\s+(?:people|persons|victims|men))?\b")
# The group taken is the toll when their bodies are found: "detained seven men ... Their bodies were found".
_TAKEN_THEN_FOUND_DEAD = re.compile(
    r"\b(?:arrested|detained|abducted|kidnapped|rounded up|captured|seized|took)\s+(?:" + _QUALIFIER + r")*"
    r"(?P<num>\d+|" + _COMPOUND + "|" + _WORD_ALT + r")\s+[^;]{0,120}?(?:\.\s+|,?\s+and\s+)(?:their|the)\s+(?:\w+\s+)?"
    r"(?:bodies|corpses)\s+(?:were|have been|had been)\s+(?:later\s+|then\s+)?(?:found|discovered|recovered)\b")
_VICTIM_ITEM = r"(?:(?:the|his|her|their|its|a|an)\s+(?:[a-z'-]+\s+){0,5}?[a-z'-]+|one\s+of\s+(?:his|her|their)\s+[a-z'-]+)"
# "the pastor and four worshippers": a counted group as the list's last item
_VICTIM_GROUP = r"(?:\d+|" + _COMPOUND + "|" + _WORD_ALT + r")\s+(?:[a-z'-]+\s+){0,2}?[a-z'-]+"
_VICTIM_LIST = re.compile(
    r"\b(?:killing|killed|shot dead|shooting dead|executed|executing|murdered|murdering|assassinated|assassinating)\s+"
    r"(?P<list>" + _VICTIM_ITEM + r"(?:\s*,\s*" + _VICTIM_ITEM + r")*\s*,?\s+and\s+(?:" + _VICTIM_ITEM + "|" +
    _VICTIM_GROUP + r"))"
    r"(?=\s*(?:[.;,]|$|\b(?:in|at|near|before|after|as|while|when|during|on\s+(?:the\s+)?(?:road|way|outskirts))\b))")
_PLURAL_HEAD = re.compile(r"(?:people|men|women|children|worshippers|faithful|villagers|civilians|soldiers|herders|"
                          r"farmers|traders|passengers|members|relatives|guards|fighters|militants|others)$")
_PLURAL_PEOPLE = re.compile(r"(?:people|men|women|children|folk|staff|personnel|police|family|families|crew)$")
# "Six peacekeepers were killed, as was the bomber": the attacker who died with them.
_AS_WAS_ATTACKER = re.compile(r"\b(?:killed|dead|died)\s*(?:,\s*as\s+(?:was|were)|(?:,\s*)?(?:along|together)\s+with)\s+"
                              r"(?:the|a|one)\s+(?:suicide\s+)?(?:bomber|attacker|assailant|gunman|perpetrator|kamikaze)\b|"
                              # "killing three soldiers; the bomber also died"
                              r"[;,.]\s*the\s+(?:suicide\s+)?(?:bomber|attacker|kamikaze)\s+(?:also\s+|himself\s+)?"
                              r"(?:died|perished|was\s+(?:also\s+)?killed)\b|"
                              # "20 soldiers were killed, in addition to the suicide bomber"
                              r"\b(?:killed|dead|died)\s*,?\s*(?:in\s+addition\s+to|besides|as\s+well\s+as|plus)\s+the\s+"
                              r"(?:suicide\s+)?(?:bomber|attacker|kamikaze)\b|"
                              # "The bomber and three VDP were killed"
                              r"\bthe\s+(?:suicide\s+)?(?:bomber|attacker|kamikaze)\s+and\s+(?!(?:one|a|an|1)\b)(?:\d+|" + _WORD_ALT +
                              r")\s+[^.;]{0,40}?\b(?:were|are)\s+(?:\w+ly\s+)?killed\b")


def _listed_victims(listing: str) -> int:
    """How many singular victims a list names ("the nurse on board and the driver" → 2); 0 when not such a list."""
    items = re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+", listing.strip())
    group = 0
    last = items[-1].split()
    if len(items) >= 2 and last and last[0] not in ("the", "his", "her", "their", "its", "a", "an") and \
            not re.fullmatch(r"one of (?:his|her|their) [a-z'-]+", items[-1]):
        value = parse_number(last[0])
        if value is None or value < 2 or not _PLURAL_HEAD.search(last[-1]):
            return 0
        group, items = value, items[:-1]
    for item in items:
        words = item.split()
        if re.fullmatch(r"one of (?:his|her|their) [a-z'-]+", item):
            continue  # "the imam and one of his sons": one more
        if len(words) < 2 or words[0] not in ("the", "his", "her", "their", "its", "a", "an"):
            return 0
        head = words[-1].strip("'")
        if NUMBER.fullmatch(words[1]) and words[1] not in ("a", "an") or _PLURAL_PEOPLE.search(head) or \
                (head.endswith("s") and not head.endswith(("ss", "us", "is"))):
            return 0
    return len(items) + group


# A time before the event: "the post IS Sahel had overrun a month earlier, in an attack in which six soldiers had died".
_EARLIER = re.compile(r"\b(?:earlier|previously|ago|before that|last\s+(?:week|month|year)|the\s+previous|"
                      r"an?\s+(?:earlier|previous|prior)\b)")
_PLUPERFECT_DEATH = re.compile(r"\bhad\s+(?:been\s+)?(?:\w+ly\s+)?(?:died|killed|executed|murdered|massacred|perished|"
                               r"lost\s+their\s+lives)\b")
# A protest or riot over a death: "youths stoned the police station after a man died in custody".
_PROTEST_CUE = re.compile(r"\b(?:protest\w*|demonstrat\w*|march(?:ed|ing)|riot\w*|stoned|ston(?:ing|es)|burn\w* tyres|"
                          r"(?:set|setting) (?:tyres|tires)|took to the streets|blocked (?:the )?roads?|"
                          r"(?:set|setting) fire to the (?:police|gendarmerie)|sit-in)\b")
_CUSTODY_DEATH = re.compile(r"\b(?:after|following|over)\s+(?:the\s+)?(?:[\w'-]+\s+){0,4}?(?:died|was killed|"
                            r"was beaten to death|was shot dead)\s+(?:while\s+)?in\s+(?:police\s+|military\s+|"
                            r"gendarmerie\s+)?(?:custody|detention|prison|a police cell)\b")


# "... attacked a hamlet one day after unknown gunmen killed a village chief": an earlier killing
_OFFSET_EARLIER = re.compile(r"\b(?:a|one|two|three|four|five|six|several|a\s+few|\d+)\s+(?:days?|weeks?|months?|hours?)\s+"
                             r"after\s+(?:[^.;,]*?)\b(?:killed|killing|executed|murdered|died)\b[^.;,]*")


def _blank_background_deaths(view: str) -> str:
    """Blank deaths that are background to the event: the cause of a protest, an earlier attack."""
    view = _CUSTODY_DEATH.sub(lambda m: " " * len(m.group(0)), view)
    view = _OFFSET_EARLIER.sub(lambda m: " " * len(m.group(0)), view)
    out = []
    for sentence in re.split(r"(?<=[.!?])(?=\s)", view):
        cause = re.search(r"\b(?:after|following)\b", sentence)
        if cause and _PROTEST_CUE.search(sentence[:cause.start()]):
            end = re.search(r"[,;]", sentence[cause.end():])
            stop = cause.end() + end.start() if end else len(sentence)
            sentence = sentence[:cause.start()] + " " * (stop - cause.start()) + sentence[stop:]
        if _EARLIER.search(sentence):
            # from the clause's opener ("who", "in which", a comma) to its end
            sentence = re.sub(r"(?:\b(?:who|whom|which|that|where|when)\b|(?<=[,;])|^)(?:(?!\b(?:who|whom|which|that|where|when)\b)[^,;])*?" +
                              _PLUPERFECT_DEATH.pattern + r"[^,;]*", lambda m: " " * len(m.group(0)), sentence)
        out.append(sentence)
    return "".join(out)


def _sentences(view: str) -> list[tuple[str, list[str]]]:
    """The text's sentences, each with its clauses (``_segments``)."""
    return [(sentence, _segments(sentence)) for sentence in re.split(r"(?<=[.!?])\s+", view) if sentence.strip()]


# A side's claim of what it did ("JNIM claimed to have killed 100 soldiers").
# (Not "JNIM claimed the attack", an attribution.)
_CLAIM = re.compile(r"\bclaim\s+(?:alleged|said|stated|asserted)\b|"
                    r"\bclaim(?:s|ed|ing)?\s+(?:to\s+have\b|that\b|it\s+|they\s+|(?:the\s+)?(?:killing|death)s?\s+of\b|"
                    r"(?:at\s+least\s+|more\s+than\s+|over\s+|some\s+)?(?:\d+|(?!(?:an?|some|the)\s)(?:" + _WORD_ALT + r"))\s|killed|neutrali)|"
                    r"\b(?:saying|said)\s+(?:that\s+)?(?:it|they)\s+had\s+killed\b")
# Who gives a toll: "the army said", "according to local sources", "JNIM claimed", "a Fulani
# association put the toll at". The last word names the reporter ("the defence ministry" = "the ministry").
_REPORTER = re.compile(
    r"\baccording\s+to\s+(?:[\w'-]+\s+){0,3}?(?P<after>[\w'-]+)(?=\s*(?:[,;.]|$|\bsources?\b))|"
    r"\b(?P<before>[\w'-]+)(?:\s*\([^()]{1,25}\))?,?\s+(?:\w+ly\s+)?(?:(?:later|also)\s+)?(?:said|says|say|stated|reported|claimed|claims|acknowledged|"
    r"announced|confirmed|documented|recorded|counted|cited|mentioned|spoke\s+of|gave|put\s+(?:the|their)\s+(?:death\s+)?(?:toll|number|figure)|gave\s+a\s+(?:death\s+)?toll)\b")
_PRONOUNS = frozenset({"it", "they", "he", "she", "who", "which", "that", "also", "and"})
# A second toll that adds to the first: "in another attack", "separately", "also killed".
_SEPARATE = re.compile(r"\b(?:another|separate(?:ly)?|second|other|additional|further|also\s+(?:killed|died|dead)|"
                       r"(?:later|subsequently|afterwards)\s+(?:died|succumbed)\s+(?:of|from|to)\s+(?:their|his|her)\s+(?:wounds|injuries)|"
                       # "one of the wounded died the next day"; "a third was reported missing; his body was found"
                       r"(?:one|two|three|four|five|\d+)\s+of\s+the\s+(?:wounded|injured)\s+(?:later\s+)?(?:died|succumbed)|"
                       r"missing\b[^.]{0,60}?\b(?:(?:his|her|their)\s+(?:body|bodies)\s+(?:was|were)\s+(?:found|recovered|discovered)|"
                       r"(?:was|were)\s+found\s+dead)|"
                       r"(?:died|succumbed)\s+(?:of|from|to)\s+(?:their|his|her)\s+(?:wounds|injuries)\s+(?:later|subsequently|"
                       r"afterwards|in hospital|the (?:next|following) day))\b"
                       # "other reports cited 25 deaths": another account of the same dead
                       r"(?!\s+(?:reports?|sources?|accounts?|estimates?|tolls?|figures?|witnesses|residents|"
                       r"media|outlets?|organi[sz]ations?)\b)")
_VAGUE = frozenset({"dozens", "dozens of", "several dozen", "a few dozen", "several", "a number of", "an unknown number of",
                    "an undetermined number of", "undetermined number of", "an unspecified number of",
                    "unspecified number of", "an unconfirmed number of", "an indeterminate number of",
                    "unknown number of", "some", "many", "numerous", "scores of", "tens of", "hundreds of", "hundreds",
                    "a few", "few", "plusieurs", "des dizaines de"})
_VICTIM_KINDS = {
    # (Wagner's or Africa Corps' "fighters", "mercenaries" fight on the state's side)
    "forces": re.compile(r"\b(?:soldiers?|troops?|gendarmes?|policem[ae]n|police officers?|vdp|volunteers?|peacekeepers|"
                         r"(?:wagner|russian|africa corps)\s+(?:group\s+)?(?:fighters?|mercenaries|personnel|instructors|soldiers)|mercenaries|"
                         r"guards?|servicemen|military personnel|members of the (?:security|defen[cs]e) forces|"
                         r"defenders|fama|fds|faf|fan|famas|militaries)\b"),
    # ("volunteer fighters", "VDP fighters" are the state's auxiliaries: forces)
    "fighters": re.compile(r"\b(?:militants?|assailants?|attackers?|terrorists?|jihadists?|rebels?|"
                           r"(?<!volunteer )(?<!vdp )(?<!wagner )(?<!russian )(?<!corps )(?<!wagner group )fighters?|insurgents?|"
                           r"combatants?|gunmen|bandits|elements|islamists?)\b"),
    "civilians": re.compile(r"\b(?:civilians?|villagers?|residents?|people|persons|passengers?|herders?|farmers?|traders?|"
                            r"women|children|worshippers?)\b"),
}
_STATE_REPORTERS = frozenset({"army", "military", "ministry", "government", "forces", "fama", "fds", "staff",
                              "authorities", "junta", "communique", "communiqué", "spokesman", "police", "gendarmerie"})
_OWN_RANKS = re.compile(r"\b(?:(?:its|their|his)\s+own|own\s+ranks|among\s+(?:its|their)\b|in\s+(?:its|their)\s+ranks)")


_ARRESTED_FOR_IT = re.compile(r"\b(?:arrested|detained|apprehended|held)\b[^.;]*\b(?:suspected|accused)\s+of\s+"
                              r"(?:\w+\s+){0,4}?(?:the\s+)?(?:killing|murder|lynching|attack|assassination)\b")
_UNKNOWN_COUNT = re.compile(r"\b(?:unknown|undetermined|unspecified|indeterminate|unconfirmed)\s+number\b")
# A toll given as another account of the same dead: "although other reports cited 25 deaths".
# ("while the Nigerien ministry reported a dozen": a clause set against the one before it)
_ALTERNATIVE = re.compile(r"^\s*(?:while|whereas)\s+(?:[\w'-]+\s+){0,5}?(?:said|reported|claimed|counted|put|gave|cited|"
                          r"spoke|stated|announced)\b|"
                          r"\b(?:other|some|different|conflicting|higher|lower|unconfirmed)\s+(?:reports?|sources?|accounts?|"
                          r"estimates?|tolls?|figures?)\b|\bspoke\s+of\b|\b(?:in\s+)?an?\s+later\s+(?:\w+\s+)?(?:statement|report|count|claim)\b")


# A later count that replaces an earlier one: "a revised toll of 42 soldiers", "the final toll".
_REVISED = re.compile(r"\b(?:revised|final|updated|new|definitive|higher|heavier)\s+(?:official\s+)?(?:death\s+)?"
                      r"(?:toll|count|figures?|report)\b|\b(?:revised|raised|updated|increased)\s+(?:the|its|their)\s+"
                      r"(?:official\s+)?(?:death\s+)?(?:toll|figures?)\b")


class _Toll:
    """The dead one clause reports: its parts ``[value, kind, vague]``, and who reports them."""

    __slots__ = ("parts", "from_figure", "claimed", "reporter", "separate", "alternative", "text", "revised")

    def __init__(self, parts: list[list], from_figure: bool, claimed: bool, reporter: str | None, separate: bool,
                 alternative: bool = False, text: str = ""):
        self.parts, self.from_figure, self.claimed = parts, from_figure, claimed
        self.reporter, self.separate, self.alternative, self.text = reporter, separate, alternative, text
        self.revised = bool(_REVISED.search(text))


def _reporter(text: str) -> str | None:
    m = _REPORTER.search(text)
    if not m:
        return None
    word = (m.group("after") or m.group("before")).lower()
    return None if word in _PRONOUNS else word


def _is_vague(token: str) -> bool:
    return token.strip().lower() in _VAGUE


def _part_kind(head: str, end: int) -> str | None:
    """The kind of people a figure counts, from the words after it up to the next list item."""
    words = re.split(r"\s+and\s+|,|\s+as well as\s+", head[end:end + 50])[0]
    if _OWN_RANKS.search(words):
        return "own"  # a side's own dead: its kind is the reporting side's (see _reconcile_reports)
    kinds = [k for k, rx in _VICTIM_KINDS.items() if rx.search(words)]
    return kinds[0] if len(kinds) == 1 else ("mixed" if kinds else None)


def _victim_kind(seg: str) -> str | None:
    """The one kind of people a clause counts (forces, fighters, civilians); "mixed" for several, None for none.

    Read from the clause's first figure on: "the militants claimed to have killed 50 soldiers" counts soldiers."""
    figure = next((m for m in NUMBER.finditer(seg) if m.group("num").lower() not in ("a", "an", "the", "some")), None)
    if figure is not None:
        seg = seg[figure.start():]
    if _OWN_RANKS.search(seg):
        return "own"  # a side's own dead: its kind is the reporting side's (see _reconcile_reports)
    kinds = [k for k, rx in _VICTIM_KINDS.items() if rx.search(seg)]
    return kinds[0] if len(kinds) == 1 else ("mixed" if kinds else None)


def _other_report(a: _Toll, b: _Toll) -> bool:
    """Whether two tolls may be two reports of the same dead rather than two groups of dead."""
    if a.separate or b.separate:
        return False
    if a.claimed != b.claimed or a.alternative or b.alternative:
        return True
    if a.reporter is not None and b.reporter is not None and a.reporter != b.reporter:
        return True
    if (a.reporter is None) != (b.reporter is None) and \
            len(a.parts) == 1 and len(b.parts) == 1 and a.parts[0][2] == b.parts[0][2] and \
            (a.parts[0][1] == b.parts[0][1] or (a if a.reporter is not None else b).parts[0][1] is None):
        # "executed five men ... A local official gave a toll of 5 dead": the narrative's count and a
        # source's count of the same dead (one group each, both precise or both vague).
        return True
    # "Dozens of soldiers were killed ... a security source put the toll at 13": a vague count
    # and a precise one of the same dead.
    return bool(a.parts and b.parts) and all(p[2] for p in a.parts) != all(p[2] for p in b.parts)


def _reconcile_reports(tolls: list[_Toll]) -> None:
    """Two reports of the same dead are one toll: the lower figure (ACLED's rule), a precise one over a vague one.

    "JNIM claimed to have killed more than 100 soldiers, while security sources acknowledged 60
    dead" is 60, not 160; "the army said two soldiers and nine assailants were killed; the
    militants claimed dozens of soldiers" is 11. Dead of another kind are another group: "the
    army claimed 30 assailants neutralised, while six VDP lost their lives" is 36.
    """
    for toll in tolls:
        for part in toll.parts:
            if part[1] == "own":
                # "the FLA ... admitted the loss of two of its own men": fighters; the army's own: forces.
                # Whose own is unknown without a reporter: never merged.
                part[1] = "mixed" if toll.reporter is None else (
                    "forces" if toll.reporter in _STATE_REPORTERS else "fighters")
        if toll.claimed and len(toll.parts) == 1 and toll.parts[0][1] is None and \
                not any(len(t.parts) == 1 for t in tolls if t is not toll):
            # "JNIM claimed to have killed more than 100" against a report that tells kinds apart:
            # a side claims the other side's dead
            toll.parts[0][1] = "fighters" if toll.reporter in _STATE_REPORTERS else "forces"
    for i, toll in enumerate(tolls):
        for other in tolls[i + 1:]:
            if not _other_report(toll, other):
                continue
            taken: list[list] = []  # a figure of the other report stands for one group of this one's dead
            for part in toll.parts:
                if part[0] is None or part[1] == "mixed":
                    continue
                same = [q for q in other.parts if q[0] is not None and q[1] != "mixed" and
                        not any(q is t for t in taken) and
                        (q[1] == part[1] or (part[1] is None and len(other.parts) == 1) or
                         (q[1] is None and len(toll.parts) == 1))]
                if len(same) > 1:
                    # "11 soldiers and 4 VDP ... seven soldiers and four VDP": same kinds, paired in order
                    mine = [p for p in toll.parts if p[0] is not None and p[1] == part[1]]
                    theirs = [q for q in other.parts if q[0] is not None and q[1] == part[1]]
                    if len(mine) == len(theirs) and part[1] is not None:
                        same = [theirs[[id(p) for p in mine].index(id(part))]]
                if len(same) != 1:
                    continue
                q = same[0]
                taken.append(q)
                if part[2] != q[2]:
                    q[0] = q[0] if part[2] else part[0]  # the precise figure
                elif other.revised and not toll.revised:
                    pass  # "a revised toll of 42 soldiers" replaces the first day's 17
                else:
                    q[0] = min(q[0], part[0])
                q[2] = part[2] and q[2]
                if q[1] is None and not part[2] and part[0]:
                    q[1] = part[1]  # the merged account now counts a known kind of dead
                part[0] = None
                other.from_figure = other.from_figure or toll.from_figure
        toll.parts = [p for p in toll.parts if p[0] is not None]
    for toll in tolls:
        # "A security source reported five people killed, while JNIM claimed to have killed 14 soldiers":
        # a side's claim about its enemy's dead against another source's count of the people killed is
        # the same dead, told less conservatively.
        if not toll.claimed or not toll.parts or not all(p[1] in ("forces", "fighters") for p in toll.parts):
            continue
        for other in tolls:
            if other is toll or other.claimed or other.separate or not other.reporter or \
                    other.reporter == toll.reporter or not other.parts or \
                    not re.search(r"\b(?:people|persons|individuals)\b", other.text):
                continue
            if sum(p[0] for p in other.parts) <= sum(p[0] for p in toll.parts):
                toll.parts = []
                break


# "the eleven bodies", "the 12 victims": dead already counted, named again
_THE_COUNTED = re.compile(r"\bthe\s+(?P<num>\d+|" + _COMPOUND + "|" + _WORD_ALT + r")\s+(?:bodies|corpses|victims|dead)\b")


def _count_segment(seg: str, kills: list[re.Match]) -> tuple[int, bool, list[list]]:
    """(count, read from figures, parts): the parts are ``[value, victims' kind, vague]`` per figure."""
    first_kill = kills[0]
    aside = re.search(r",\s+including\s+[^,;.]*(?=,)", seg)
    if aside:
        # "eight civilians, including three children, were killed": the aside blanked, the figure kept
        head = seg[:aside.start()] + " " * (aside.end() - aside.start()) + seg[aside.end():]
    else:
        head = seg.split(" including ")[0] if " including " in seg else seg
    numbers: list[tuple[int, int, int]] = []  # (start, end, value)
    for m in NUMBER.finditer(head):
        value = parse_number(m.group("num"))
        if value is None:
            continue
        after = head[m.end():]
        if _NOT_PEOPLE.match(after):
            continue
        if 1000 <= value <= 2100 and re.search(r"(?:[a-z]{3,}|\d)\s*,?\s*$", head[:m.start()]) and \
                re.search(r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|vier|mars|avril|mai|juin|llet|aout|"
                          r"bre)[a-z]*\s*,?\s*$", head[:m.start()]):
            continue  # the year of a date ("13 May 2022")
        if re.match(r"\s*(?:of\s+)?(?:them|those|whom|which)\b", after) and m.start() > first_kill.start() and \
                not _VERBAL_KILL.search(re.sub(_QUALIFIER + r"$", "", head[:m.start()])):
            continue
        if m.group("num").lower() == "both" and re.search(r"\b(?:from|of|on|in|between|among|for)\s+$", head[:m.start()]):
            continue  # "ten militants from both groups": a description, not a figure
        if re.search(r"\b(?:one|two|three|\d+)\s+of\s+(?:the\s+)?$", head[:m.start()]):
            continue  # "one of the three soldiers succumbed": the one counts, not the three
        if _ATTACKERS_ACTING.match(after):
            continue  # "2 men shot dead a trader", "3 armed men raided the village killing a man"
        if m.start() < first_kill.start() and _SPEAKERS_SAYING.match(after):
            continue
        if _NAMED_BY_NUMBER.search(head, max(0, m.start() - 14), m.start()):
            continue  # "residents of sector 5 of Kaya": a name, not a count
        numbers.append((m.start(), m.end(), value))
    if len(numbers) > 1:
        # "Six Dozos and an unknown number of militants were killed": the stated figure, not a guess on top.
        numbers = [n for n in numbers if not re.search(r"unknown|undetermined|unspecified|unconfirmed|indeterminate",
                                                       head[n[0]:n[1]])] or numbers
    counted = 0
    used = False
    parts: list[list] = []
    last_verbal_end = -1  # end of the last figure counted after a killing verb ("killed 5 soldiers")
    for s, e, value in numbers:
        before = head[:s]
        after = head[e:]
        if head[s:e] in ("some", "a", "an") and re.match(r"\s+\d", after):
            continue  # "killed some 200 soldiers": the figure, not "some" besides it
        next_kill = KILL_WORDS.search(head, e)
        next_hurt = _NON_FATAL.search(head, e)
        # "N ... killed/dead": the next outcome word after the number is a killing.
        if next_kill and (next_hurt is None or next_kill.start() < next_hurt.start()) and \
                (next_kill.start() - e < 60 or (next_kill.start() - e < 100 and _LISTED_FIGURE.search(head, e, next_kill.start()))) and not re.match(r"\s*(?:and|,)?\s*(?:wounded|injured)", after):
            # Words like "a"/"some" only count when they directly qualify the victims ("a farmer was
            # killed"), not as a verb ("l'armée a neutralisé") or before another figure.
            if head[s:e] in ("a", "an", "some", "the", "many", "few", "un", "une") and \
                    not _VERBAL_KILL.search(before):
                between = head[e:next_kill.start()]
                passive = re.search(r"\b(?:was|were|is|are|been|ete|a ete|ont ete)\s+(?:\w+ly\s+)?$", between) or \
                    next_kill.group(0) in ("dead", "died", "mort", "morts", "tue", "tues", "tuee", "tuees")
                if next_kill.start() - e > 50 or not passive or KILL_WORDS.match(after.lstrip()) or \
                        NUMBER.search(head, e, next_kill.start()):
                    continue
            counted += value + _second_victim(head, s, e)
            parts.append([value + _second_victim(head, s, e), _part_kind(head, e), _is_vague(head[s:e])])
            used = True
            continue
        if re.match(r"\s*(?:\w+\s+)?(?:wounded|injured|hurt|missing|captured|abducted|arrested)\b", after):
            continue
        # "killing N", "killed N": the number directly follows a killing verb; "killed 5 soldiers
        # and 2 assailants" continues the list.
        chained = last_verbal_end >= 0 and re.fullmatch(r"(?:\s+[\w'-]+){1,5}\s*(?:,|and|&)\s*(?:(?:his|her|their|its)\s+)?(?:" + _QUALIFIER + r")*",
                                                      head[last_verbal_end:s])
        self_too = re.search(r"\b(?:killing|killed)\s+(?:himself|herself)\s+(?:and|as well as|along with)\s+(?:" +
                             _QUALIFIER + r")*$", before)
        if self_too:
            value += 1  # "killing himself and three VDP": the bomber and his victims
        # "70 soldiers killed, as well as about ten militants": the list goes on after the verb
        added = re.search(r"\b(?:killed|dead|died|neutrali[sz]ed)\s*,?\s+(?:as\s+well\s+as|in\s+addition\s+to|plus)\s+(?:" +
                          _QUALIFIER + r")*$", before)
        if _VERBAL_KILL.search(re.sub(_QUALIFIER + r"$", "", before)) or chained or self_too or added or \
                _TOLL_BEFORE.search(before) or \
                re.search(r"(?:killed|killing|executed|shot dead|murdered|assassinated|massacred)\s+(?:" + _QUALIFIER + r")*$", before):
            if re.match(r"\s*of\s+(?:them|those|whom)\b", after):
                # "arrested 30 men and executed 12 of them": the part killed is the toll, not the group.
                counted = 0
                parts.clear()
            counted += value + _second_victim(head, s, e)
            kind = _part_kind(head, e)
            counted_of = _NUMBER_OF_KILLED.search(before)
            if kind is None and counted_of:
                kind = _part_kind(counted_of.group("who"), 0)  # "put the number of soldiers killed at five"
            parts.append([value + _second_victim(head, s, e), kind, _is_vague(head[s:e])])
            used = True
            last_verbal_end = e
    if used:
        if last_verbal_end >= 0 and _AND_THE_ATTACKER.match(head, last_verbal_end):
            counted += 1  # "killing two soldiers and the attacker": the bomber is a fatality too
            parts.append([1, "fighters", False])
        return counted, True, parts
    # A killing without a figure: one victim when the victim is singular, else ACLED's 3.
    kill = first_kill.group(0)
    if kill in ("victims", "casualties", "victim", "casualty"):
        return 0, False, []  # casualties include the wounded: no figure, no fatality count
    if kill in ("bodies", "corpses", "fatalities"):
        return 3, False, []
    before = head[:first_kill.start()]
    if re.search(r"\b(?:livestock|cattle|cows?|sheep|goats?|animals?|camels?|donkeys?|oxen|herd)\s+(?:\w+\s+)?$", before):
        return 0, False, []  # animals killed are not fatalities
    if re.search(r"\b(?:dozens|scores)\b", head[max(0, first_kill.start() - 60):first_kill.end() + 40]):
        return 12, False, []
    if _TWO_VICTIMS.search(before):
        return 2, False, []  # "a soldier and a civilian were killed", "the chief and his son killed"
    if re.search(r"\bwas\s+(?:\w+\s+)?$", before):
        return 1, False, []
    if re.search(r"\b(?:were|have been|had been)\s+(?:\w+\s+)?$", before):
        return 3, False, []
    after = head[first_kill.end():first_kill.end() + 40]
    # "killed villagers" / "villagers killed": the victims' noun says how many.
    noun_after = re.match(r"\s+(?:the\s+|some\s+|several\s+)?(\w+)", after)
    noun_before = re.search(r"(\w+)\s+(?:\w+ly\s+)?$", before)
    for noun in ((noun_after.group(1) if noun_after and kill.startswith(("kill", "execut", "murder", "massacr", "assassinat")) else None),
                 noun_before.group(1) if noun_before else None):
        if not noun:
            continue
        if noun in ("several", "many", "some", "others", "people", "civilians", "villagers", "men", "women", "children",
                    "persons", "militants", "soldiers", "assailants", "fighters", "members", "residents", "elements",
                    "individuals", "jihadists", "terrorists", "herders", "farmers", "dozens"):
            return 3, False, []
        if noun.endswith("s") and not noun.endswith(("ss", "us", "is")) and len(noun) > 3 and noun not in ("was", "has"):
            return 3, False, []
        break
    return 1, False, []
