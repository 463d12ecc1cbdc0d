"""The event-type lexicon: which words signal which ACLED event type and sub-type.

A table, not an if-chain: each ``Cue`` is a compiled pattern over the accent-folded,
lower-cased text with the flag it raises. ``classify`` combines the raised flags with the
roles found (who acted, who was targeted) into (event_type, sub_event_type) following ACLED's
codebook: explosions before battles, battles when both sides are armed, violence against
civilians when the targets are unarmed, demonstrations by who demonstrates and what happened.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Cue:
    flag: str
    pattern: re.Pattern


def _c(flag: str, pattern: str) -> Cue:
    return Cue(flag, re.compile(pattern))


CUES: tuple[Cue, ...] = (
    # --- explosions / remote violence
    _c("ied", r"\b(?:ieds?|vbieds?|svbieds?|improvised explosive|explosive devices?|explosive charges?|land ?mines?|"
              r"roadside (?:bombs?|explosives?|devices?)|(?:hit|struck|on|triggered|stepped on|ran over|detonated)(?: by| on)? "
              r"(?:a |an )?(?:mine|landmine|explosive)|"
              r"mine (?:explosion|blast|attack)|engins? explosifs?|mines? artisanales?|explosion of (?:a|an) (?:mine|device)|"
              r"booby.trap\w*|blast|explosion|detonations?|(?:was|were|been) blown up|blew up (?:a|an|the|part|two|\d+)|"
              r"bombs? (?:[\w-]+ ){0,6}?(?:(?:was|were) )?(?:detonated|exploded|went off)|(?:was|were) detonated)\b"),
    _c("air", r"\b(?:air ?strikes?|air-strikes?|drone strikes?|drones?|aerial (?:strikes?|bombardments?|attacks?|fire)|"
              r"air raids?|bombed|bombing|bombings|helicopters? (?:(?:[\w-]+ ){0,7}?fired|strike|strikes|attack|attacked|gunship)|gunships?|"
              r"frappes? aeriennes?|frappes? de drones?|warplanes?|fighter jets?|aircraft|air force|mirages?(?: 2000)?|rafales?|"
              r"reaper|bayraktar|tb2|akinci|sukhoi|su-\d+|l-39|jets?)\b"),
    _c("suicide", r"\b(?:suicide (?:bomb\w*|attack\w*|car|vehicle|truck|attacker)|kamikaze|car bomb\w*|vbied|svbied|"
                  r"vehicle-borne|blew (?:himself|herself|themselves) up|killing (?:himself|herself)|"
                  r"(?:packed|laden|loaded|rigged) with explosives|explosives?-(?:laden|packed)|"
                  r"detonated (?:his|her|their) (?:explosive |suicide )?(?:vest|belt|charge)s?)\b"),
    _c("shelling", r"\b(?:mortars?|rockets?|shells?|shelling|artillery|indirect fire|obus|roquettes?|rocket fire|mortar fire)\b"),
    _c("grenade", r"\bgrenades?\b"),
    _c("defused", r"\b(?:defused|defusing|dismantled|neutrali[sz]ed (?:an? )?(?:ied|explosive|mine)|disarmed|"
                  r"weapons? caches?|arms caches?|discovered (?:an? )?(?:ied|explosive|mine|weapons)|"
                  r"found (?:an? )?(?:ied|explosive|mine)|destroyed (?:an? )?(?:ied|explosive device)|seized weapons|"
                  r"demined|demining|controlled explosion)\b"),
    # --- demonstrations
    _c("protest", r"\b(?:protest(?!ant)\w*|demonstrat(?:ion|ions|ors|ed|ing|e)\b|sit-?ins?|marched|(?:a|the|protest|peaceful) march\b|rall(?:y|ied|ies)|went to the streets?|took the streets?|"
                  r"on strike|went on strike|general strike|strikes?\b(?! against)|manifest\w*|boycott\w*|took to the streets?|"
                  r"marche|greve|staged a|petition\w*|denounc\w*|to denounce|to demand(?! (?:a |the )?ransom)|demanding(?! (?:a |the )?ransom)|"
                  r"chanting|picket\w*|ville[\s-]+morte|villes[\s-]+mortes|dead[\s-]+town)\b"),
    _c("riot_violence", r"\b(?:vandali\w*|burn\w*|set fire|set on fire|torch\w*|barricad\w*|stones?|threw|throwing|"
                        r"pelted|ransack\w*|looted|destroyed|damaged|smash\w*|violent\w*|riot\w*|clashed|clashes|"
                        r"attacked|occupied|blocked|blocking)\b"),
    _c("mob", r"\b(?:mob|lynch\w*|manhunt|(?<!into )(?<!at )(?<!on )(?<!towards )(?<!dispersed )(?<!disperse )(?<!against )(?<!in )(?<!through )(?:a|an angry|the)\s+crowd(?!\s+(?:of\s+)?(?:protesters|demonstrators|marchers)\b)|beat(?:en)? to death|(?:beat|stoned) (?:[\w'-]+ ){1,3}?to death|angry (?:crowd|residents|youths?|villagers)|"
              r"(?:group|crowd|dozens|hundreds|scores) of (?:angry |local )?(?:youths?|young (?:men|people)|residents|villagers)|"
              r"fought|fighting broke out|brawl|communal violence|set upon|took justice|popular justice|vindicte)\b"),
    # ("the gathering dispersed without incident": it broke up by itself)
    _c("intervention", r"\b(?:(?<!gathering )(?<!crowd )(?<!protesters )(?<!demonstrators )(?<!march )(?<!rally )"
                       r"dispersed(?! (?:peacefully|without|calmly|quietly|on its own|of their own))|disperse|tear ?gas|teargas|rubber bullets|broke up|intervened|"
                       r"water cannon|repressed|cracked down|"
                       r"(?:arrested|detained) (?:\w+ ){0,3}(?:protesters|demonstrators|participants|marchers))\b"),
    _c("live_fire", r"\b(?:live (?:rounds|ammunition|bullets)|opened fire on (?:the )?(?:protesters|demonstrators|crowd)|"
                    r"shot (?:dead )?(?:protesters|demonstrators)|fired (?:at|on) (?:the )?(?:protesters|demonstrators|crowd))\b"),
    # --- violence
    _c("abduction", r"\b(?:abduct\w*|kidnap\w*|took hostage|taken hostage|hostages?|enlev\w*|disappear\w*|"
                    r"forced disappearance|carried off|taken away|led away|took away|ransom|"
                    r"(?:took|taking|led|carried|dragged|whisked) (?:him|her|them|the \w+|\w+ \w+) away|seque\w*|seized (?:two|three|four|five|\d+|several|a|an) "
                    r"(?:civilians|people|persons|men|women|villagers|individuals|farmers|herders)|"
                    r"(?:to|towards) an unknown (?:destination|location)|whereabouts (?:remain |are |is )?unknown)\b"),
    _c("sexual", r"\b(?:rap(?:e|ed|es|ing)|sexual\w*|sexually|viol(?:ee|ees|s)?)\b"),
    _c("kill", r"\b(?:kill\w*|shot|shoot\w*|murder\w*|assassinat\w*|execut\w*|massacr\w*|behead\w*|slain|slaughter\w*|"
               r"stabb\w*|stab wounds?|lynch\w*|burn\w* alive|tu(?:e|es|ee|ees|ant)|dead|died)\b"),
    _c("attack", r"\b(?:attack\w*|raid\w*|ambush\w*|opened fire|fired (?:at|on|shots|upon)|assault\w*|stormed|"
                 r"storming|overran|targeted|targeting|struck|hit|beat\w*|tortur\w*|whipped|flogged|"
                 r"harass\w*|intimidat\w*|attaqu\w*|embuscade|incursion|fired|besieged|siege|offensive|violence|"
                 r"mistreated|assaulted|invaded|gunfire|gunshots|shots|wounded|wounding|injured|injuring|stabb\w*|"
                 r"blesses?|blessant)\b"),
    _c("clash", r"\b(?:clash\w*|fight(?:s|ing)?\b|fought|exchanges? of (?:gun)?fire|exchanged fire|firefights?|gun ?battles?|"
                r"battles?|combat\w*|affrontements?|accrochages?|repelled|repulsed|engaged|skirmish\w*|"
                r"counter-?attack\w*|pursued|pursuit|neutrali[sz]ed|military operation|operations? against|"
                r"responded|riposte|returned fire)\b"),
    # --- territory
    _c("took_control", r"\b(?:took control|taken control|taking control|seized control|seize control|gained control|"
                       r"regained control|regain control|retook|retake|retaken|retaking|recaptured|recapture|recapturing|"
                       r"(?:captured|seized) the (?:[\w'-]+ )?(?:town|city|village|base|camp|locality)(?!'s)|taken over by|"
                       r"took the (?:town|city|village|base|camp|locality)(?![\s-]*(?:chiefs?|heads?|leaders?|imams?|elders?|councill?ors?|"
                       r"notables?|mayors?|teachers?|guards?)\b)(?!'s)|overran|overrun|fell to|fell into the hands|"
                       r"took over|take over|takeover|re-?entered|re-?occupied|moved (?:back )?into|returned to the (?:town|city|village|locality)|under (?:the )?control of|occupied (?:an? |the )?(?:[\w'-]+ ){0,4}?(?:post|base|camp|town|village|position)s?|take \w+ by force|took \w+ by force|"
                       r"(?:took|taking|take|taken) back (?:control|the (?:town|city|village|locality|base|camp|stronghold|area|region))|"
                       r"retakes|recaptures|seizes control|(?:drove|driven|chased|pushed|forced) (?:[\w'-]+ ){0,4}?out of|"
                       r"re-?established (?:a |an |its |their |the )?(?:military |state |army )?presence|"
                       r"entered (?:\S+ ){0,5}?without (?:(?:meeting|encountering|facing) )?(?:a fight|any fight|fighting|any fighting|resistance|any resistance|"
                       r"firing a (?:single )?shot)|"
                       r"pris le controle|repris|reprise)\b"),
    # --- strategic developments
    _c("looting", r"\b(?:loot\w*|pillag\w*|stole|stolen|steal\w*|robbed|robbery|robberies|rob\b|ransack\w*|rustl\w*|"
                  # infrastructure destroyed: "blew up a bridge", "sabotaged a telecom mast"
                  r"(?:blew up|blown up|dynamited|sabotaged|sabotaging|blowing up) (?:the |a |an |two |several |\d+ )?(?:[\w-]+ )?"
                  r"(?:bridges?|pylons?|antennas?|masts?|towers?|culverts?|dams?|pipelines?|railway|rail line|"
                  r"power lines?|water tower|relay)|"
                  r"burn\w* (?:down )?(?:the |several |a |an |\d+ )?(?:[\w-]+ )?(?:houses?|huts?|shops?|granar\w*|village|school\w*|"
                  r"cereal banks?|grain stores?|health (?:centres?|centers?|posts?)|clinics?|dispensar\w*|pharmac\w*|"
                  r"market|vehicles?|trucks?|buses|bus|crops|fields|properties|property|homes?|mosques?|churches?|"
                  r"town hall|office\w*|equipment|tires|tyres)|set fire to|set (?:\w+ ){0,4}?on fire|torched|destroy\w*|vandali\w*|"
                  r"(?:seized|took|taking|took away|drove away|made off with) (?:\w+ ){0,5}(?:cattle|livestock|motorbikes?|motorcycles?|tricycles?|goods|animals|heads|"
                  r"vehicles?|trucks?|phones?|money|food|equipment|sheep|goats?|cows?|oxen|camels?|ballot boxes|"
                  r"ballot box|voter (?:lists|cards|registers)|electoral (?:material|equipment|kits?)|archives|registers)|"
                  r"carried off (?:\w+ ){0,2}(?:cattle|livestock|animals)|extort\w*|burglar\w*|"
                  # the passive: "4 trucks chartered by MINUSMA were burned"
                  r"(?:houses?|huts?|shops?|granar\w*|schools?|market|vehicles?|trucks?|buses|crops|homes?|mosques?|"
                  r"churches?|town hall|offices?)\s+(?:[\w-]+\s+){0,4}?(?:was|were|had been|have been|has been)\s+"
                  r"(?:\w+\s+)?(?:burn(?:ed|t)|set ablaze|torched))\b"),
    _c("arrest", r"\b(?:arrest\w*|detained|detain\w*|apprehend\w*|interpell\w*|took into custody|in custody|"
                 r"custody|captured (?:a |an |two |three |\d+ )?(?:suspects?|terrorists?|militants?|jihadists?|individuals?))\b"),
    _c("agreement", r"\b(?:agreements?|accords?|signed|peace deal|ceasefire|cease-fire|truce|reconciliation|"
                    r"peace (?:pact|talks|agreement|process)|negotiat\w*|released (?:in|as part of) (?:an? )?exchange|"
                    r"prisoner exchange|pact)\b"),
    _c("base", r"\b(?:(?:established|set up|install\w*|inaugurat\w*|opened|buil[td]|construct\w*) (?:a |an |its |their |the )?"
               r"(?:new |permanent |forward |advanced |military |army |security |joint |operating |operations |temporary ){0,3}"
               r"(?:base|camp|headquarters|checkpoint|post|outpost|positions?|detachment|garrison)|"
               r"deployed to (?:the )?(?:former |abandoned |vacated )?(?:[\w'-]+ ){0,2}?(?:base|camp))\b"),
    _c("group_change", r"\b(?:formed|merged|merger|created|defected|defection|split from|splinter|dissolved|dissolution|"
                       r"new (?:armed )?(?:group|movement|coalition)|pledged allegiance|allegiance|appointed|appointing|new leader|"
                       r"reorgani[sz]\w*|restructur\w*|new (?:chief of staff|commander|military chief|spokesman|leadership)|"
                       r"rebrand\w*|renamed|joined (?:the )?(?:ranks|group)|recruit\w*|announced its|launch\w* (?:a |its )?"
                       r"(?:new )?(?:movement|party|coalition)|withdr\w* from the (?:peace|constitutional) process|"
                       r"left the (?:coalition|alliance|cma|platform)|suspend\w* (?:its|their) participation|"
                       r"broke away|coup|mutin\w*|seized power|dissent|launched (?:an? |the )?(?:new |military |joint )?operation|"
                       r"blockade|besieg\w*|(?:held|set up|ran|running|established|erected|manned) (?:\w+ )?checkpoints?|"
                       r"prevent\w* (?:\w+ )?(?:civilians|residents|traffic|access|road users|people)|identity checks|"
                       r"surrender\w*|laid down (?:their|his) (?:arms|weapons)|gave themselves up|turned themselves in)\b"),
    _c("transfer", r"\b(?:withdr(?:ew|awn|awal|aws) from|withdr(?:ew|awn|awal)|handed over|handover|hand over|hand(?:ed|ing|s)? (?:\w+ ){1,3}over to|retrocession|"
                   r"evacuated (?:the |its |their )?(?:base|camp|town|positions?)|left the (?:town|city|base|camp)|"
                   r"abandoned (?:the |its |their )?(?:base|camp|post|positions?|town)|vacated|redeploy\w*)\b"),
    _c("other_sd", r"\b(?:curfew|state of emergency|banned|ban on|prohibit\w*|closed|closure|suspended|imposed|"
                   r"non-violent activity|warned|warning|threat|sermon|preach\w*|distribut\w*|present in|presence of|"
                   r"sighted|spotted|seen|movements? of|patrol\w*|convoy of|visited|meeting|met with|gathered|"
                   r"instructed|ordered|forced (?:the )?(?:population|residents|villagers) to|ultimatum|"
                   r"displaced|fled|evacuat\w*|blockade|blocked|checkpoints?|taxes|zakat|levied)\b"),
)

def raise_flags(folded: str) -> dict[str, list[re.Match]]:
    """The cue flags raised by a folded text, each with its matches."""
    flags: dict[str, list[re.Match]] = {}
    for cue in CUES:
        matches = list(cue.pattern.finditer(folded))
        if matches:
            flags.setdefault(cue.flag, []).extend(matches)
    return flags


# ACLED coders often open a note with the kind of event ("Looting: ...", "Non-violent activity:
# ...", "Defusal: ..."): a label at the very start of a text decides the type.
LABELS: tuple[tuple[re.Pattern, str, str], ...] = tuple(
    (re.compile(rf"^\s*(?:{pattern})\s*:"), etype, sub)
    for pattern, etype, sub in (
        (r"security measures?", "Strategic developments", "Change to group/activity"),
        (r"non-violent activity|other|coup(?:/military takeover)?|military takeover|"
         r"curfew|state of emergency|ceasefire violation|threats?", "Strategic developments", "Other"),
        (r"looting|property destruction|looting/property destruction|theft|arson",
         "Strategic developments", "Looting/property destruction"),
        (r"defusal|disrupted weapons use|weapons seizure|arms seizure|ied (?:defusal|discovery)",
         "Strategic developments", "Disrupted weapons use"),
        (r"arrests?|arrest campaign", "Strategic developments", "Arrests"),
        (r"change to (?:armed )?group(?:/activity)?|change to group activity", "Strategic developments",
         "Change to group/activity"),
        (r"agreement|peace agreement|peace deal", "Strategic developments", "Agreement"),
        (r"headquarters or base established|base established", "Strategic developments",
         "Headquarters or base established"),
        (r"non-violent transfer of territory|transfer of territory", "Strategic developments",
         "Non-violent transfer of territory"),
    )
)


def label_type(folded: str) -> tuple[str, str] | None:
    """The (type, sub-type) a leading ACLED-style label gives, if any."""
    for pattern, etype, sub in LABELS:
        if pattern.match(folded):
            return etype, sub
    return None
