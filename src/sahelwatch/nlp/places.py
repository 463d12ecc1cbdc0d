"""Toponym finding: which spans of a text name places, and how precisely.

Resolving a name to coordinates is the gazetteer's job (``Gazetteer.resolve``); this module
finds the candidate spans and what the text says about them:

* ACLED's note convention ``Seme (Toeni, Sourou)``: location, then (admin3, admin2) or (admin2);
* spatial cues that lower the precision: "near X", "between X and Y", "in the area of X",
  "30 km from X", "outskirts of X" → geo_precision 2;
* region words: "Mopti Region", "the region of Mopti", "Soum province", "cercle de Koro" → an
  admin unit, geo_precision 3 when nothing finer is given;
* otherwise a capitalised word sequence after a locative preposition, or any capitalised
  sequence the gazetteer knows (``Gazetteer.has_name``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sahelwatch.knowledge.registry import strip_accents_same_length

_CAP_WORD = r"(?:[A-Z][\w'’\-]*|N'[A-Z][\w\-]*|d'[A-Z][\w\-]*)"
_NAME = rf"{_CAP_WORD}(?:[ \-](?:(?:du|de|des|la|le|el|al|ag|en|di|of)[ \-])?{_CAP_WORD}){{0,3}}"

ACLED_PAREN = re.compile(
    rf"(?P<loc>{_NAME})\s*(?:\((?:ville|town|city|village)\)\s*)?\((?P<a>[A-Z][^,();]{{1,40}}?)(?:,\s*(?P<b>[A-Z][^,();]{{1,40}}?))?\)"
)
CODED_AS = re.compile(
    rf"\bcoded\s+(?:as|at|in)\s+(?P<name>{_NAME})(?:\s*\((?P<a>[A-Z][^,();]{{1,40}}?)(?:,\s*(?P<b>[A-Z][^,();]{{1,40}}?))?\))?"
    rf"(?:\s+(?:at|with)\s+geo-?precision\s+(?P<precision>[123]))?"
)
_NEAR = r"(?:near|nearby|close to|outside|outskirts of|on the outskirts of|vicinity of|in the vicinity of|around|area of|in the area of|surroundings of|environs of|not far from|the road between|between|on the road to|on the axis|axis|road|route|km from|kms from|kilometers from|kilometres from|km (?:north|south|east|west|northeast|northwest|southeast|southwest|ne|nw|se|sw|n|s|e|w)(?:ern)? of|(?:north|south|east|west)(?:east|west)? of|pres de|aux environs de|non loin de|entre|a la sortie de|sur l'axe|dans les environs de|autour de|zone de|region de)"
PREPOSITION = re.compile(
    rf"(?P<cue>\b(?i:in|at|on|of|from|to|into|towards|toward|en|a|dans|au|aux|vers|inside|within|via|de|du|d'|pres de)\b|\b(?i:{_NEAR})\b)\s+"
    rf"(?:the\s+|la\s+|le\s+|les\s+)?(?P<kind>(?:(?:villages?|towns?|city|commune|rural commune|urban commune|locality|localities|hamlets?|camps?|"
    rf"departments?|prefecture|cercle|circle|district|province|region|market|quartier|neighbou?rhood|sector|forest|area|"
    rf"village de|ville de|commune de|localite de|cercle de|region de|province du|province de|departement de|hameau de)\s+)(?:of\s+|de\s+|du\s+|d')?)?"
    rf"(?P<name>{_NAME})"
)
CAPITALISED = re.compile(rf"(?<![\w'’\-])(?P<name>{_NAME})")
REGION_PREFIX = re.compile(rf"\b(?P<word>[Rr]egions?|[Gg]overnors?|[Gg]ouverneur|[Pp]rovinces?|[Cc]ercle|[Dd]epartment|[Cc]ircle|[Dd]istrict|[Rr]egion de|[Cc]ercle de|[Pp]rovince du|[Pp]rovince de)\s+(?:of\s+|de\s+|du\s+|d')?(?P<name>{_NAME})")
REGION_SUFFIX = re.compile(rf"(?P<name>{_NAME})\s+(?P<word>[Rr]egion|[Pp]rovince|[Cc]ercle|[Dd]epartment|[Cc]ommune|[Cc]ircle|[Dd]istrict)\b")
BETWEEN = re.compile(rf"\b(?:between|entre)\s+(?:the\s+)?(?:villages?\s+of\s+|towns?\s+of\s+|localities\s+of\s+)?(?P<a>{_NAME})(?:\s*\([^)]*\))?\s+(?:and|&|et)\s+(?P<b>{_NAME})")
AREA_OF = re.compile(rf"(?P<sub>{_NAME})\s+(?:area|quarter|neighbou?rhood|district|sector|suburb)\s+of\s+(?:the\s+(?:city|town|capital)\s+of\s+)?(?P<city>{_NAME})")
DISTANCE = re.compile(r"\b\d+\s*(?:km|kms|kilomet\w*|miles)\b")

# Capitalised words that begin sentences or name non-places; never place candidates on their own.
STOP_WORDS = {
    "the", "a", "an", "on", "in", "at", "of", "and", "but", "or", "for", "with", "by", "from", "to", "as",
    "this", "that", "these", "those", "it", "its", "he", "she", "they", "his", "her", "their", "there",
    "after", "before", "during", "following", "around", "about", "according", "while", "when", "where",
    "which", "who", "some", "several", "many", "one", "two", "three", "four", "five", "no", "not",
    "also", "however", "meanwhile", "earlier", "later", "since", "until", "although", "though", "if",
    "unknown", "unidentified", "suspected", "presumed", "alleged", "armed", "local", "sources", "source",
    "reports", "report", "reportedly", "people", "police", "army", "forces", "force", "military", "government",
    "president", "minister", "mayor", "chief", "imam", "colonel", "col", "gen", "general", "captain",
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "sept", "oct", "nov", "dec", "jan", "feb", "aug", "jun", "jul", "apr", "mar", "islam", "islamic", "state",
    "muslims", "muslim", "christian", "christians", "russian", "russia", "french", "france", "un", "us",
    "africa", "african", "west", "western", "north", "northern", "south", "southern", "east", "eastern",
    "central", "centre", "center", "sahel", "sahara", "azawad", "region", "province", "village", "town",
    "city", "commune", "cercle", "national", "guard", "gendarmerie", "civilians", "villagers", "group",
    "front", "movement", "coordination", "platform", "mission", "support", "operation", "task", "international",
    "red", "cross", "world", "bank", "council", "union", "european", "nations", "united", "security", "defence",
    "defense", "ministry", "republic", "assembly", "party", "photo", "afp", "reuters", "ap", "rfi", "le", "la",
    "les", "des", "du", "de", "nigerien", "malian", "burkinabe", "fulani", "peuhl", "dogon", "tuareg", "arab",
    "bambara", "mossi", "jihadists", "militants", "gunmen", "assailants", "attackers", "soldiers", "troops",
    "fama", "jnim", "isgs", "minusma", "barkhane", "wagner", "corps", "junta", "dozo", "koglweogo", "vdp",
    "size", "no report", "non-violent", "change", "headquarters", "strategic", "day", "night", "morning",
    "evening", "market", "road", "axis", "river", "lake", "forest", "camp", "base", "post", "school", "mosque",
    "church", "hospital", "airport", "university", "prison", "checkpoint", "highway", "bridge", "tribunal",
    "court", "town hall", "hall", "kisal", "menastream", "unhcr", "acled", "site", "critical", "threats",
    "more", "less", "most", "many", "all", "both", "each", "every", "other", "another", "between", "among",
    "over", "under", "within", "without", "then", "thus", "yet", "still", "even", "only", "just", "here",
    "interim", "transitional", "former", "new", "first", "last", "next", "early", "late", "several", "few",
    "survivors", "residents", "officials", "witnesses", "analysts", "observers", "local", "national",
    "north-east", "north-west", "south-east", "south-west", "northeast", "northwest", "southeast", "southwest",
    "north-eastern", "north-western", "south-eastern", "south-western",
}

# Words that begin Tamasheq/Arabic place names ("Tin Zaouaten", "In-Delimane", "Hassi Labiad",
# "Bir Moghrein"): a name starting with one is one name, and the particle alone is no place.
NAME_PARTICLES = {"tin", "in", "ti", "i", "kel", "ain", "bir", "hassi", "oued", "sidi", "tim"}

REGION_WORDS = ("region", "province", "cercle", "department", "circle", "district", "prefecture",
                "departement", "commune", "rural commune", "urban commune")
NEAR_WORDS = re.compile(rf"^{_NEAR}$")


@dataclass(slots=True)
class PlaceMention:
    start: int
    end: int
    name: str
    near: bool = False  # the event is near/around/between, not at, the place
    region: bool = False  # the text calls it a region/province/cercle
    admin_hints: tuple[str, ...] = ()  # ACLED's "(admin3, admin2)" names, innermost first
    strength: int = 1  # 3 ACLED pattern, 2 after a locative preposition, 1 bare capitalised name
    typed: bool = False  # the text says what it is ("the village of X", "X (Toeni, Sourou)")
    guess: bool = False  # after "in"/"near" but unknown to the gazetteer: only a spelling variant may match
    weak_hints: bool = False  # hints borrowed from the other place of "between X and Y (a, b)"
    origin: bool = False  # "villagers from X", "coming from X": where actors came from, not where it happened
    # "the X area of Y": X, which is the scene when it is a village of its own away from Y
    sub_area: "PlaceMention | None" = None


_NEAR_BEFORE = re.compile(rf"(?:{_NEAR})\s+(?:the\s+)?(?:(?:village|town|locality|commune)\s+(?:of\s+)?)?$")
_KM_BEFORE = re.compile(r"\d+\s*(?:km|kms|kilomet\w*)\s+(?:\w+\s+){0,3}$")


def find_place_mentions(text: str, known=None, exclude: list[tuple[int, int]] = ()) -> list[PlaceMention]:
    """Candidate place mentions in ``text`` (text order, no overlaps).

    ``known(name) -> bool`` says whether a gazetteer knows a name; bare capitalised words are
    kept only when it does (without it, only cue-introduced names are returned).
    """
    # Dashes between words separate them ("Kati—the latter"); hyphens inside names stay.
    view = strip_accents_same_length(text.replace("\u2014", " ").replace("\u2013", " "))
    # "Kidal's Anefis area": a possessive ends a name (same length, offsets unchanged).
    view = _POSSESSIVE.sub("  ", view)
    found: list[PlaceMention] = []

    def overlaps(s: int, e: int) -> bool:
        return any(s < m.end and m.start < e for m in found) or any(s < b and a < e for a, b in exclude) or \
            any(s < b and a < e for a, b in paren_spans)

    def lead_context(s: int) -> str:
        return view[max(0, s - 45):s].lower()

    def is_near(s: int) -> bool:
        ctx = lead_context(s)
        return bool(_NEAR_BEFORE.search(ctx)) or bool(_KM_BEFORE.search(ctx))

    paren_spans: list[tuple[int, int]] = []
    for m in CODED_AS.finditer(view):
        # ACLED says where it coded an event it could not place exactly: "the village of Poperi
        # (coded as Namounou at geoprecision 2)", "location coded as X (admin3, admin2)".
        s, e = m.span("name")
        if _plausible(m.group("name"), short_ok=True):
            hints = tuple(h.strip() for h in (m.group("a"), m.group("b")) if h)
            found.append(PlaceMention(s, e, text[s:e], near=m.group("precision") != "1", admin_hints=hints,
                                      strength=4, typed=True))
            if m.group("a"):
                paren_spans.append((e, m.end()))
    for m in ACLED_PAREN.finditer(view):
        loc, a, b = m.group("loc"), m.group("a"), m.group("b")
        if not _plausible(loc, short_ok=True) or (a and a.lower() in ("ville", "town")):
            continue
        if any(h and (h.strip().isupper() or not _plausible(h.strip(), short_ok=True)) for h in (a, b)):
            continue  # "Katiba Macina (JNIM)", "Baba Ag Adobent (MNLA)": an actor, not admin units
        loc_start = m.start("loc")
        if overlaps(loc_start, m.end("loc")):
            continue
        hints = tuple(h.strip() for h in (a, b) if h)
        near = is_near(loc_start)
        if len(hints) == 2 and _UNIT_BEFORE.search(view[max(0, loc_start - 30):loc_start]):
            # "in the commune of X (Y, Z)": X is a commune itself, somewhere in province Z (the
            # note's Y is then often the neighbouring commune); the event is in X's territory.
            hints, near = hints[1:], True
        found.append(PlaceMention(loc_start, m.end("loc"), text[loc_start:m.end("loc")],
                                  near=near, admin_hints=hints, strength=3, typed=True,
                                  origin=bool(re.search(r"\b(?:villagers|residents|people|youths?|men|farmers|herders)\s+"
                                                        r"from\s+(?:the\s+village\s+of\s+)?$",
                                                        view[max(0, loc_start - 40):loc_start].lower()))
                                  and not _VICTIMS_FROM.search(view[max(0, loc_start - 90):loc_start])))
        paren_spans.append((m.end("loc"), m.end()))
    for m in AREA_OF.finditer(view):
        # "residents in the Boulmiougou area of Ouagadougou": a neighbourhood; the city is the place.
        s, e = m.span("city")
        if not overlaps(m.start("sub"), e) and _plausible(m.group("city")):
            # "the Diabaly area of Niono" is around Diabaly; "the X quarter of Y" is in it.
            area = bool(re.match(r"\s+(?:area|sector)\b", view[m.end("sub"):]))
            sub = PlaceMention(m.start("sub"), m.end("sub"), text[m.start("sub"):m.end("sub")], strength=0, guess=True,
                               near=area)
            found.append(PlaceMention(s, e, text[s:e], strength=3, typed=True, sub_area=sub))
            found.append(sub)
    road_ends: list[tuple[int, int]] = []  # (start of X, start of Y) of "between X and Y"
    for m in BETWEEN.finditer(view):
        # "between X and Y (commune, province)": ACLED codes the first place, near (precision 2).
        road_ends.append((m.start("a"), m.start("b")))
        second = next((p for p in found if p.start == m.start("b")), None)
        # "in Kadial, between Tenenkou and Mopti": the ends of the road only locate the place
        # named before them, which is the scene.
        located = _PLACE_BEFORE_BETWEEN.search(view[max(0, m.start() - 50):m.start()])
        located = located is not None and _plausible(located.group("name"))
        for grp in ("a", "b"):
            s, e = m.span(grp)
            if not overlaps(s, e) and _plausible(m.group(grp)):
                hints = second.admin_hints if (second is not None and grp == "a") else ()
                strength = 1 if located else 3 if grp == "a" else 2
                found.append(PlaceMention(s, e, text[s:e], near=True, admin_hints=hints,
                                          strength=strength, typed=bool(hints), weak_hints=bool(hints)))
            elif grp == "a":
                for p in found:
                    if p.start == s:
                        p.near = True
    for m in REGION_PREFIX.finditer(view):
        s, e = m.span("name")
        if not overlaps(s, e) and _plausible(m.group("name")):
            found.append(PlaceMention(s, e, text[s:e], near=is_near(m.start()), region=True, strength=2))
    for m in REGION_SUFFIX.finditer(view):
        s, e = m.span("name")
        if not overlaps(s, e) and _plausible(m.group("name")):
            found.append(PlaceMention(s, e, text[s:e], near=is_near(s), region=True, strength=2))
    for m in PREPOSITION.finditer(view):
        s, e = m.span("name")
        name = m.group("name")
        if overlaps(s, e) or not _plausible(name):
            continue
        kind = (m.group("kind") or "").strip().lower()
        region = any(kind.startswith(w) for w in REGION_WORDS) and "village" not in kind
        cue = m.group("cue").lower()
        near = bool(NEAR_WORDS.match(cue)) or kind.startswith(("area", "forest", "sector")) or is_near(m.start()) \
            or bool(_AREA_AFTER.match(view, e))
        if known is not None and not known(name) and "-" in name:
            # "axis Aguelhok-Tessalit", "the Gao-Ansongo road": a road between two known places.
            parts = _axis_parts(name, known)
            if parts:
                pos = s
                for part in parts:
                    ps = view.index(part, pos)
                    found.append(PlaceMention(ps, ps + len(part), text[ps:ps + len(part)], near=True, strength=1))
                    pos = ps + len(part)
                continue
            known_part = _one_known_part(name, known)
            if known_part is not None:
                # "the Djiandiori-Tenenkou road", "the Dogofri-Diabaly area" with one end unknown:
                # the whole may still be a spelling of one village; else the known end, near.
                found.append(PlaceMention(s, e, text[s:e], near=near, strength=1, guess=True))
                ps = view.index(known_part, s)
                found.append(PlaceMention(ps, ps + len(known_part), text[ps:ps + len(known_part)], near=True,
                                          strength=0))
                continue
        if known is not None and not kind and not known(name):
            # "in Bamako" is a place; "in Islam", "at Wagner" are not: ask the gazetteer when no
            # noun like "village of" says it is one. An unknown name is kept as a last resort
            # (a spelling variant of a known place may match it).
            words = name.split()
            if len(words) == 1 and name[0].isupper() and len(name) >= 4 or \
                    1 < len(words) <= 3 and words[0].lower() in NAME_PARTICLES:
                # "in the Tin Tehegrin area": a Tamasheq/Arabic name, spelt many ways, is one name.
                found.append(PlaceMention(s, e, text[s:e], near=near, strength=1, guess=True))
            continue
        strength = 2
        if not kind and view[max(0, s - 4):s].lower() == "the " and _AREA_END.match(view, e):
            # "in the Macina: clashes ... in X": a town's name with an article names the land
            # around it (a natural region), a weaker clue than a village named plainly.
            near, strength = True, 1
        found.append(PlaceMention(s, e, text[s:e], near=near, region=region, strength=strength, typed=bool(kind),
                                  origin=bool(_NOT_THE_SCENE.search(view[max(0, m.start() - 60):s]))
                                  and not _VICTIMS_FROM.search(view[max(0, m.start() - 90):s])))
    if known is not None:
        for m in CAPITALISED.finditer(view):
            s, e = m.span("name")
            if overlaps(s, e):
                continue
            name = m.group("name")
            if name.endswith(("'s", "’s")):
                name = name[:-2]
            words = name.split()
            # Sentence-initial words are not part of a name: "In Menaka an IED exploded".
            while words and words[0].lower() in STOP_WORDS:
                s += len(words[0]) + 1
                words = words[1:]
            # Try the whole capitalised run, then shorter prefixes ("Gao Region" → "Gao").
            if len(words) == 1 and "-" in words[0] and not known(words[0]):
                parts = _axis_parts(words[0], known)
                if parts:
                    pos = s
                    for part in parts:
                        ps = view.index(part, pos)
                        found.append(PlaceMention(ps, ps + len(part), text[ps:ps + len(part)], near=True, strength=1))
                        pos = ps + len(part)
                    continue
            for n in range(len(words), 0, -1):
                candidate = " ".join(words[:n])
                if n < len(words) and (candidate.lower() in NAME_PARTICLES or _name_word(words[n])):
                    # "Tin Tehegrin", "Adar N'Tikilit": an unknown longer name, not the village
                    # its first word names; "Gao Region", "Sevare Airport" shorten.
                    continue
                if _plausible(candidate) and known(candidate):
                    ce = s + len(candidate)
                    found.append(PlaceMention(s, ce, text[s:ce], near=is_near(s), strength=1,
                                              origin=bool(_NOT_THE_SCENE.search(view[max(0, s - 60):s]))))
                    break
    # "in Gao in the north and Sévaré and Mopti": places listed after a place are places too.
    changed = True
    while changed:
        changed = False
        for p in list(found):
            m = _COORDINATED.match(view, p.end)
            if m and _plausible(m.group("name")) and not overlaps(m.start("name"), m.end("name")):
                s, e = m.span("name")
                found.append(PlaceMention(s, e, text[s:e], near=p.near, strength=2, typed=p.strength >= 2,
                                          origin=p.origin))
                changed = True
    # "Douna, Mopti", "Koro (ville), Mopti Region": the name after the comma is the admin1.
    for p in found:
        m = _COMMA_REGION.match(view, p.end)
        if m and not p.admin_hints and not _LIST_GOES_ON.match(view, m.end()):
            p.admin_hints = (m.group("name"),)
    # "between Boni and Boulkessi, Mopti": the region named after the second end places both.
    starts = {p.start: p for p in found}
    for a, b in road_ends:
        first, second = starts.get(a), starts.get(b)
        if first is not None and second is not None and second.admin_hints and not first.admin_hints:
            first.admin_hints, first.weak_hints, first.typed = second.admin_hints, True, True
    for p in found:
        if _POSSESSIVE.match(text, p.end):
            p.origin = True  # "Kidal's Anefis area", "Gao's mayor": the container, not the scene
    found.sort(key=lambda p: p.start)
    # "in the village of X and in the nearby hamlet of Y (a, b)", "in X and Y (a, b)": the
    # parenthesised units place every listed village, and the first named is the scene.
    for i in range(len(found) - 1, 0, -1):
        cur = found[i]
        if not cur.admin_hints or cur.strength < 3 or cur.origin:
            continue
        j = i - 1
        while j >= 0:
            prev = found[j]
            if prev.admin_hints or prev.region or prev.origin or not _LISTED_BEFORE.match(view[prev.end:found[j + 1].start]):
                break
            prev.admin_hints, prev.weak_hints, prev.typed = cur.admin_hints, True, True
            prev.strength = max(prev.strength, cur.strength)
            prev.near = prev.near or cur.near
            j -= 1
    return found


# Places that are not where the event happened: where people came from or were going, the place
# an official represents ("the mayor of X was killed in Y"), a trip's end ("en route to X").
_NOT_THE_SCENE = re.compile(
    r"(?:\b(?:mayor|chief|governor|prefect|sub-prefect|deputy|mp|imam|councilman|councillor|"
    r"president|head|natives?|villagers|youths?|residents|herders|farmers|people|men|traders)\s+"
    r"(?:of|from)|\b(?:coming|fled|fleeing|returning|travell?ing|originating|originally|deployed|dispatched|sent)\s+from|"
    r"\b(?:en route|on (?:the|their|his|her) way|heading|bound|travell?ing|going|headed|evacuat\w*|"
    r"returned|return|retreated|withdrew|transferred|taken)\s+(?:back\s+)?(?:to|for|towards?)|"
    r"\bfrom\s+\S+\s+to|"
    # "reinforcements sent from Diafarabe and Mopti": every place of the list
    r"\b(?:coming|returning|deployed|dispatched|sent|reinforcements?)\s+from\s+[\w' -]{2,30}?\s*(?:,|\band|\bor))"
    r"\s+(?:the\s+)?(?:(?:village|town|city|commune|locality)\s+(?:of\s+)?)?$",
    re.IGNORECASE)

# "villagers from X abducted villagers from Y", "youths from X clashed with villagers from Y":
# the victims' or opponents' village, named after the verb, is where it happened.
_VICTIMS_FROM = re.compile(
    r"\b(?:abducted|kidnapped|attacked|killed|clashed\s+with|fought(?:\s+with)?|against|besieg\w*|targeted|"
    r"wounded|assaulted|raided|beat|robbed|with)\s+(?:\w+\s+){0,3}?"
    r"(?:villagers|residents|people|youths?|men|farmers|herders|inhabitants|traders)\s+"
    r"from\s+(?:the\s+)?(?:(?:village|town|city|commune|locality)\s+(?:of\s+)?)?$",
    re.IGNORECASE)

_COORDINATED = re.compile(rf"(?:\s+in\s+(?:the\s+)?(?:north|south|east|west|centre|center|central \w+|northern \w+|southern \w+)\w*)?"
                          rf"(?:\s*,\s*|\s+and\s+|\s+et\s+|\s*&\s*)(?:in\s+)?(?P<name>{_NAME})")
_COMMA_REGION = re.compile(rf"(?:\s*\((?:ville|town|city|village)\))?,\s*(?:(?:the\s+)?(?:[Rr]egion|[Cc]ercle|[Pp]rovince)\s+(?:of\s+|de\s+)?)?(?P<name>{_NAME})")


_POSSESSIVE = re.compile(r"(?<=[A-Za-z])['’]s\b")
# "in the Dialloube area", "in the Tin Tehegrin zone": around the place, not in it.
_AREA_AFTER = re.compile(r"\s+(?:area|zone|sector|surroundings|vicinity)\b")
# "... in Kadial, between": a place named right before "between X and Y".
_PLACE_BEFORE_BETWEEN = re.compile(rf"\b(?i:in|at|near|of)\s+(?P<name>{_NAME})\s*,?\s*$")
# "the commune of X (...)", "le département de X (...)".
_UNIT_BEFORE = re.compile(r"\b(?:(?:rural |urban )?commune|department|d[ée]partement)\s+(?:of|de|du|d')\s*$", re.IGNORECASE)
# "A, B, C and D": B is the next item of a list, not A's region.
_LIST_GOES_ON = re.compile(r"\s*(?:,|and\b|et\b|&)\s*(?:in\s+)?[A-Z]")
# After "the X": the end of a clause, so X is not the first word of "the X road/area/region".
_AREA_END = re.compile(r"\s*(?:[,.;:!?]|$)")
# What stands between two places of one list: "X and in the nearby hamlet of Y", "X, Y".
_LISTED_BEFORE = re.compile(
    r"^\s*(?:,\s*(?:and\s+)?|and\s+|et\s+|&\s*)(?:(?:in|at|a|dans)\s+)?(?:the\s+|les?\s+|la\s+)?"
    r"(?:(?:nearby|neighbou?ring|adjacent|surrounding|voisins?|voisines?)\s+)?"
    r"(?:(?:villages?|hamlets?|localit(?:y|ies)|towns?|hameaux?|hameau)\s+(?:of\s+|de\s+|d')?)?$",
    re.IGNORECASE)


def _one_known_part(name: str, known) -> str | None:
    """The one known end of an "X-Y" pair whose other end the gazetteer lacks."""
    parts = [p for p in name.split("-") if p]
    if len(parts) != 2 or parts[0].lower() in NAME_PARTICLES:
        return None
    if not all(len(p) >= 4 and p[0].isupper() and _plausible(p) for p in parts):
        return None
    hits = [p for p in parts if known(p)]
    return hits[0] if len(hits) == 1 else None


def _name_word(word: str) -> bool:
    """A word that continues a proper name (not an admin/feature word like "Region", "Airport")."""
    w = word.lower().strip("'’-")
    return bool(w) and w not in STOP_WORDS and not w.startswith(REGION_WORDS)


def _axis_parts(name: str, known) -> list[str]:
    """The places of a hyphenated pair ("Gao-Ansongo") when each part is a known place."""
    parts = [p for p in name.split("-") if p]
    if parts and parts[0].lower() in NAME_PARTICLES:
        return []  # "Tin-Aouker", "In-Delimane": one Tamasheq/Arabic name, not a road between two
    if len(parts) == 2 and all(len(p) >= 3 and p[0].isupper() and _plausible(p) and known(p) for p in parts):
        return parts
    return []


def _plausible(name: str, short_ok: bool = False) -> bool:
    words = name.lower().replace("’", "'").split()
    if not words:
        return False
    if all(w.strip("'-") in STOP_WORDS for w in words):
        return False
    if words[0] in STOP_WORDS and len(words) == 1:
        return False
    if len(name) < (2 if short_ok else 3) or name.isupper() and len(name) <= 6:
        return False  # acronyms: CMA, MSA, FAMa
    return True
