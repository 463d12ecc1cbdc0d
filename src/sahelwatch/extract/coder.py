"""The event coder: a document in, ACLED-schema events out.

Pipeline per document (each step a small function over plain data):

1. sentences with offsets (``nlp.text``), actor mentions (``ActorRegistry.find``), date
   mentions resolved against ``doc.published`` (``nlp.dates``), place mentions (``nlp.places``);
2. *short texts* (an ACLED note, a wire item of a few sentences) are one event: the whole text
   is coded once, the first sentence is its evidence. *Long texts* (analyses, news features)
   are scanned sentence by sentence; a sentence is an event only when it reports something
   concrete — an event word, a place below the country, a date of its own or carried from the
   sentences just before, no hedging ("could", "would", "may"), no generalisation ("since
   2012", "tripled", "in recent years"). A sentence listing several places ("attacks in Gao,
   Sévaré and Mopti") yields one event per place;
3. roles: who acted (actor1) and who was targeted (actor2), from voice and prepositions;
4. type and sub-type from the cue table in ``extract.rules`` and the roles;
5. normalisation: ACLED names and inter codes from the registry for the event's country and
   date, coordinates/admin units from the gazetteer, fatalities coded as ACLED does.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from dataclasses import dataclass, field

from sahelwatch.extract.rules import CUES, label_type, raise_flags
from sahelwatch.knowledge.countries import country as lookup_country, country_words, fold, nationality
from sahelwatch.knowledge.registry import (
    ACTOR,
    ETHNIC,
    GROUP,
    TEMPLATE,
    ActorRegistry,
    Mention,
    default_registry,
    fold_same_length,
)
from sahelwatch.nlp.dates import DateMention, find_dates
from sahelwatch.nlp.numbers import count_fatalities
from sahelwatch.nlp.places import PlaceMention, find_place_mentions
from sahelwatch.knowledge.gazetteer import haversine_km
from sahelwatch.nlp.text import Span, sentences
from functools import lru_cache

from sahelwatch.schema import (
    DISORDER_TYPE,
    Document,
    Event,
    Evidence,
    interaction_code,
)
from sahelwatch.schema import actor_key as _actor_key

# Actor names repeat endlessly across notes; their keys are computed once.
actor_key = lru_cache(maxsize=4096)(_actor_key)

# A text this short is one report of one event (ACLED notes are 100–600 characters).
SHORT_TEXT_CHARS = 900
SHORT_TEXT_SENTENCES = 6

_HEDGE = re.compile(
    r"\b(?:would|could|might|may|will|shall|should|can|cannot|likely|unlikely|if|unless|whether|"
    r"risks?|possib\w*|potential\w*|expected|forecast\w*|predict\w*|scenario|plans? to|planning to|"
    r"aims? to|seeks? to|intend\w*|capacity to|capable|ability to|threatens? to|fear\w*|warn\w*|"
    r"proposed|proposal|called for|urged|vowed|promised|pledged to|not yet|has not|have not|had not|did not|never|"
    r"no longer|yet to|failed to)\b"
)
_GENERIC = re.compile(
    r"(?:\bsince (?:the )?\d{4}s?\b|\bover the (?:past|last)\b|\bin recent (?:years|months|weeks)\b|"
    r"\b(?:past|last) (?:several|few|two|three) (?:years|months|decades)\b|\btripled\b|\bdoubled\b|\bquadrupled\b|"
    r"\bincreased\b|\bdecreased\b|\bsurged\b|\bannual\w*\b|\bper year\b|\bper ?cent\b|%|\bstatistic\w*\b|"
    r"\bnear-daily\b|\broutinely\b|\brepeated\w*\b|\bfrequent\w*\b|\boften\b|\bregularly\b|\bincreasingly\b|"
    r"\btrend\w*\b|\bpatterns?\b|\bhas been\b|\bhave been\b|\bstruggled\b|\bcontinues? to\b|\bfor years\b|"
    r"\b(?:for|over|in recent) decades\b|\bhistor\w*\b|\btypically\b|\busually\b|\bgenerally\b|\bhas long\b|\bhave long\b|"
    r"\bsuch as\b|\bspanning\b|\bacross (?:multiple|several|many)\b|"
    r"\bthroughout\b|\bin the 20\d\ds\b|\bthe 20\d\ds\b|\bsince then\b|\bby (?:the end of )?\w+ 20\d\d\b)"
)
_NOT_PROSE = re.compile(r"^\s*\[\d+\]|available by subscription|https?://|www\.|screen capture|\(photo|photo:|uncredited",
                        re.IGNORECASE)
_EVENT_VERB = re.compile(
    r"\b(?:attacked|killed|launched|clashed|ambushed|seized|took|taken|captured|abducted|kidnapped|stormed|struck|"
    r"targeted|exploded|detonated|fired|shelled|bombed|raided|retook|regained|recaptured|overran|fell|died|"
    r"reported|claimed|executed|massacred|assassinated|shot|burned|looted|protested|demonstrated|marched|"
    r"arrested|withdrew|hit|erupted|broke out|left|dead|came under|entered|taking back|took back|retakes|"
    r"recaptures|seizes|kills|attacks|storms|ambushes|abducts|"
    # French (folded): "ont été tués", "a été attaqué", "ont enlevé", "ont repoussé"
    r"tue|tues|tuee|tuees|tuant|attaquee?s?|attaquant|enleve\w*|kidnappe\w*|assassine\w*|execute\w*|abattu\w*|"
    r"incendie\w*|pille\w*|repousse\w*|neutralise\w*|morts?|tombe\w*|cible\w*|frappe\w*|explose\w*)\b"
)
_EVENT_NOUN = re.compile(
    r"\b(?:attacks?|offensive|ambush(?:es)?|raids?|clash(?:es)?|explosions?|bombings?|assault|strikes?|"
    r"attaques?|embuscades?|affrontements?|frappes?|assauts?|enlevements?|incursions?|"
    r"kidnapping|abduction|massacre|killing|protests?|demonstrations?|withdrawal|takeover|capture|recapture)\b"
)
_STRONG_FLAGS = ("kill", "attack", "clash", "abduction", "sexual", "ied", "air", "suicide", "shelling", "grenade",
                 "took_control", "protest", "mob", "looting", "arrest", "transfer", "agreement", "base")
_ATTACKER_GENERIC = re.compile(r"gunmen|assailants|attackers|armed men|bandits|militants|jihadist|islamist|terrorist|"
                               r"insurgent|individuals|hommes armes|assaillants|fighters|men on")
_TARGET_BEFORE = re.compile(
    r"(?:against|on|targeting|targeted|ambushed|attacked|attack on|attacks on|ambush on|ambush against|"
    r"killing|killed|abducted|kidnapped|struck|hit|shot|executed|assassinated|fired at|shot at|"
    r"contre|raided|besieged|seized|seize|steal|stole|robbed|overran|stormed|storming|invaded|"
    r"(?:stones|rocks|projectiles) at|"
    r"to (?:attack|ambush|raid|storm|abduct|kidnap)|"
    r"(?:killed|killing|abducted|kidnapped|wounded|wounding)\b[^.;()]{0,40}?\bincluding)"  # "killed 11, including 7 VDP"
    r"\s+(?:the\s+|a\s+|an\s+|two\s+|three\s+|several\s+|some\s+|"
    r"their\s+|its\s+|\d+\s+|(?:joint|combined|local|suspected|presumed|alleged|the positions of|positions of)\s+|"
    r"(?:members|elements|fighters|soldiers|troops|men|combatants) of\s+)*$"
)
_PASSIVE_AFTER = re.compile(
    # ("is" not of "IS Sahel": the text is folded to lower case)
    r"^[^,.;:]{0,45}?\b(?:was|were|been|being|came under|come under|subjected to|"
    r"is(?!\s+(?:sahel|west|greater|gs|wa|militants|fighters|elements|jihadists|combatants)\b)|"
    r"are|fell victim|ete)\b[^,.;:]{0,25}?"
    r"\b(?:attacked|targeted|ambushed|struck|hit|killed|wounded|abducted|kidnapped|shot|fired|raided|assaulted|"
    r"overrun|besieged|attack|fire|executed|assassinated|murdered|injured|captured|seized|robbed|looted|arrested|"
    r"detained|intercepted|stopped|burned|destroyed|dispersed|ambush|"
    r"tue|tues|tuee|tuees|attaquee?s?|enlevee?s?|blessee?s?|visee?s?|ciblee?s?|kidnappee?s?|assassinee?s?|"
    r"executee?s?|pris pour cible)\b"  # not "were collecting firewood"
    r"|^(?:'s)?[\w\s'/-]{0,35}?\b(?:attacked|targeted|ambushed|struck|hit|raided|overrun|killed|abducted|shot|"
    r"wounded|injured)\b"
    # Headline style ("Malian army post attacked overnight in Soumpi"): the verb is followed by
    # a circumstance, not by an object.
    r"(?=\s*(?:[,.;:()]|$|in\b|at\b(?!\s+(?:least|most))|on\b|near\b|by\b|overnight|early|late|this|last|yesterday|today|"
    r"around\b(?!\s+(?:\d+(?![\d:.h]|\s*(?:h\b|am\b|pm\b|a\.m|p\.m|o.clock|hours?\b))|(?:a\s+dozen|dozens|several|one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|"
    r"forty|fifty|a\s+hundred)\b))|"  # not "killed around 20 civilians"
    r"between|during|while|after|when|with\b|along|close|outside|\d+\s*(?:km|h)\b))"
    # "detonated as a VDP patrol passed": whoever passed by was the target.
    r"|^\s*(?:[\w-]+\s+){0,2}?(?:passed|was passing|were passing|drove past|drove by|went past)\b"
    r"(?!\s+(?:through|into|away|on)\b)"
    # "A French armoured vehicle hit a roadside bomb": whoever hits the mine is its target.
    r"|^[\w\s'/-]{0,35}?\b(?:hit|struck|ran over|ran into|drove over|drove onto|triggered|stepped on)\s+"
    r"(?:a\s+|an\s+|the\s+|two\s+|several\s+)?(?:[\w/-]+\s+){0,2}?(?:ieds?|mines?|landmines?|roadside bombs?|"
    r"explosives?|explosive devices?|bombs?)\b"
)
# A date right after "claimed (the attack) on" / "claimed by X on" / "revendique le": the claim's date.
_CLAIM_DATE = re.compile(r"\b(?:claimed|claims|claiming|revendiqu\w*)\b[^.;:]{0,45}\b(?:on|le)\s+(?:the\s+)?$")
# ("The army claimed to have neutralised 40 assailants" is a claim of results, not of the attack.)
_SPEECH_DATE = re.compile(r"\b(?:said|says|announced|reported|stated|told|confirmed|declared|emerged|revealed|learned|learnt|"
                          r"indicated|added|wrote|claimed)\s+(?:\w+\s+){0,2}?(?:on|in|only in|late on|early on)?\s*(?:the\s+)?$")
_CLAIMED = re.compile(r"^\s*(?:\(\w+\)\s*)?(?:,\s*which\s+)?(?:has |have |had )?(?:later |subsequently |also |swiftly |quickly |since |reportedly )?"
                      r"(?:claimed|claims|revendiqu\w*)(?!\s+(?:to|d.avoir)\b)")
# "The device was attributed to IS Sahel", "the government blamed IS Sahel": who is held to have done it.
_ATTRIBUTED_TO = re.compile(r"\b(?:attributed|imputed|blamed)\s+(?:(?:it|the \w+|them)\s+)?(?:on\s+|to\s+)?(?:the\s+)?$|"
                            # "Security sources suspected IS Sahel militants": who is held to have done it
                            r"\b(?:sources|officials|authorities|residents|witnesses|locals|police|investigators)\s+"
                            r"(?:\w+\s+)?(?:suspected|blamed|accused|pointed\s+to)\s+(?:the\s+)?$")
_BY_BEFORE = re.compile(r"\b(?:by|par)\s+(?:the\s+|a\s+|an\s+|suspected\s+|presumed\s+|alleged\s+|unidentified\s+|"
                        r"unknown\s+|some\s+|\d+\s+|several\s+|armed\s+|two\s+|three\s+|members of\s+(?:the\s+)?|"
                        r"village\s+|local\s+|community\s+|"
                        # "an operation by French Barkhane forces", "by Malian FAMa soldiers"
                        r"(?:french|american|russian|[a-z]+(?:ian|ien|ese|abe))\s+|"
                        r"[\"'“”]\s*)*$")
# "evacuated by French troops", "escorted by MINUSMA", "trucks chartered by MINUSMA": whoever helped
# (or owned what was hit) is not the attacker.
_HELPED_BY = re.compile(r"\b(?:evacuated|rescued|escorted|transported|treated|accompanied|assisted|helped|airlifted|"
                        r"supported|backed|aided|flanked|joined|"
                        r"flown|taken|found|recovered|freed|released|received|reinforced|relieved|replaced|cared for|"
                        r"chartered|owned|operated|rented|hired|contracted|commissioned|run|used|"
                        # "a checkpoint held by Dozo hunters": whose post it was, not who attacked
                        r"held|manned|guarded|defended|controlled|staffed|occupied|shared|jointly\s+held|housing|hosting)"
                        r"\s+(?:\w+\s+){0,2}?(?:by|par)\s+(?:\S+\s+){0,3}$")
# "clashes with Barkhane", "fighting with the FAMa": the named side fought, it was not only a target.
_FOUGHT_WITH = re.compile(r"\b(?:clash\w*|fight\w*|fought|battles?|skirmish\w*|exchanges? of (?:gun)?fire|gunfight\w*|"
                          r"engagements?|combats?)\s+with\s+(?:the\s+)?$")
_STATE_ACTS = re.compile(
    r"^(?:[\s,]+(?:and|&|with|aided by|supported by|backed by|accompanied by|assisted by)?\s*(?:[\w()'-]+[\s,]+){0,4}?)?[\s,]*(?:\w+\s+){0,4}?(?:reportedly\s+|allegedly\s+|also\s+|have\s+|has\s+|had\s+)?"
    r"(?:killed|kill|pursuing|chasing|tracking|hunting\s+down|attacked|arrested|repelled|repulsed|clashed|carried(?: out)?|conducted|launched|fired|shot|neutrali[sz]ed|"
    r"bombed|shelled|struck|raided|patrolled|evicted|expelled|"
    r"ambushed|raided|intercepted|seized|destroyed|captured|detained|intervened|responded|engaged|opened fire|pursued|"
    r"dispersed|broke up|used|bombed|struck|executed|tortured|abducted|burned|looted|beat|stormed|retook|recaptured|"
    r"regained|took|entered|re-entered|re-?occupied|moved (?:back )?into|searched|rounded up|dismantled|discovered|defused|launched|targeted|hit|assaulted|mistreated|"
    r"fought|routed|repulsed|counter-?attacked|returned fire|exchanged (?:fire|gunfire|shots)|battled|"
    r"freed|rescued|closed|imposed|banned|suspended|landed|swooped|encircled|cordoned off|besieged|"
    r"announced|declared|signed|deployed|withdrew|established|set up|occupied|found|recovered|surrounded)\b")
_ANY_ATTACK = re.compile(r"\b(?:attack\w*|ambush\w*|struck|hit|ied|mine|explosi\w*|mortar|rocket|shell\w*|fire|"
                         r"shot|killed|wounded|injured|clash\w*|assault\w*|raid\w*|targeted|abduct\w*|kidnap\w*)\b")
_PROPERTY = re.compile(r"\b(?:farmland|farmlands|farms?|fields?|crops|harvest|houses?|homes?|huts?|shops?|granar\w*|"
                       r"propert\w*|livestock|cattle|oxen|cows?|sheep|goats?|herds?|belongings|vehicles?|motorbikes?|"
                       r"motorcycles?|building|church\w*|mosques?|schools?|health cent\w*|market|company|residents|"
                       r"villagers|road users|population|inhabitants|farming|trucks?|lorr(?:y|ies)|tankers?|buses|bus|"
                       r"cars?|stores?|warehouses?|stalls?|pumps?|wells?|mills?|equipment|machines?|"
                       r"telecom\w*|antennas?|pylons?)\b")
_MILITANT_VICTIM = re.compile(
    r"\b(?:killed|neutrali[sz]ed|shot dead|killing)\s+(?:\w+\s+){0,3}?(?:militants?|jihadists?|jihadis|terrorists?|"
    r"assailants?|gunmen|insurgents?|aggressors?|attackers?|fighters?|elements)\b|"
    r"\b(?:militants?|jihadists?|jihadist commander|terrorists?|assailants?|insurgents?|attackers?)\s+(?:\w+\s+){0,2}?"
    r"(?:was|were)?\s*(?:killed|neutrali[sz]ed|shot dead)\b")
# "Two youths mistaken for militants were killed by gendarmes": civilians, whatever they were taken for.
_TAKEN_FOR_MILITANTS = re.compile(r"\b(?:mistaken|mistook\s+\w+|taken|confused)\s+for\s+(?:\w+\s+){0,2}?"
                                  r"(?:militants?|jihadists?|terrorists?|insurgents?|assailants?)\b")
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|janv|f[ée]v|avr|mai|juin|juil|ao[uû]t|d[ée]c)[a-zé]*\.?"
# "BAMAKO, March 12 (Agency) -", "NIAMEY, 6 June 2021 -": the year is often left out.
_DATELINE = re.compile(r"(?mi)^[ \t]*(?-i:[A-Z][A-Z'’ .-]{2,30})(?:\s*\([^)]{1,40}\))?,\s+[^\n]{0,40}?"
                       r"\b(?:(?:19|20)\d\d|" + _MONTH + r"\s+\d{1,2}|\d{1,2}(?:er)?\s+" + _MONTH + r")"
                       r"(?:\s*\([^)]{1,60}\))?\s*[-–—:]\s")
# A lead sentence that is only "Place, date." (a wire item's dateline written as a sentence):
# when and where the report was filed, neither an event date nor evidence.
_DATELINE_SENTENCE = re.compile(r"^\s*[A-Z][^\s,.;:!?]*(?:[ -][A-Z][^\s,.;:!?]*){0,3},\s+[^.!?]{3,40}?\b(?:19|20)\d\d\s*\.?\s*$")
_REPELLED_ATTACK = re.compile(r"\b(?:attack|assault|raid)\w* (?:was|were|had been) (?:\w+ )?(?:repelled|repulsed|foiled|"
                              r"pushed back)|\brepelled the (?:attack|assault|assailants|attackers)|\bfended off\b")
_COMMUNITY_SUBJECT = re.compile(
    r"(?:^|\d{4},\s+|\.\s+)(?:a group of |some |a number of |several |armed |angry |local |\d+ |the |other )*"
    r"(?:villagers|residents|youths?|inhabitants|locals|community members)\b[^.;,]{0,30}?\b"
    r"(?:killed|attacked|assaulted|beat|lynched|clashed|wounded|besieged|raided|shot)")
_OFF_DUTY = re.compile(r"\b(?:off-duty|off duty|unarmed|retired|on (?:his|their|her) (?:farm|farmland|field)s?|at (?:his|their|her) "
                       r"(?:home|house|domicile)|while (?:he|they) (?:was|were) (?:working|farming))\b")
_REPELLED = re.compile(r"^\s*(?:\w+\s+){0,2}?(?:repelled|repulsed|fended off|foiled|thwarted|pushed back|fought off)\b")
_MILITIA_AFTER = re.compile(r"^\s*(?:ethnic\s+|communal\s+|armed\s+|self-?defen[cs]e\s+|traditional\s+)?"
                            r"(?:militia\w*|militiamen|hunters|self-?defen[cs]e|fighters|combatants|armed|"
                            r"gunmen|assailants|attackers|men|youths?|group|elements|vigilantes|dozos?)\b")
# After a community's name (and its "men", "herders"): it suffered the violence ("were killed by",
# "killed in the attack", "shepherd was allegedly shot").
_VICTIMS_AFTER = re.compile(
    r"^(?:\s*[\w-]+){0,2}?(?:\s*,[^,.;]{0,40},)?,?\s*(?:(?:who|that)\s+)?(?:was|were|had been|have been|has been|being)\s+(?:\w+\s+){0,2}?"
    r"(?:killed|executed|shot|abducted|kidnapped|wounded|injured|beaten|lynched|murdered|massacred|slaughtered|"
    r"attacked|arrested|tortured|burned|targeted)\b|"
    r"^(?:\s*[\w-]+){0,1}?\s+(?:killed|executed|shot dead|abducted|kidnapped|massacred|slaughtered)"
    r"(?:\s+(?:in|by|on|at|during|over|while|near|when)\b|\s*[,.;]|\s*$)")
# A community's people as the object of the violence: "killed at least 6 Fulani men", "raided a Fulani hamlet".
_VIOLENCE_ON_BEFORE = re.compile(r"\b(?:killed|killing|executed|executing|shot dead|shooting dead|massacred|massacring|"
                                 r"murdered|abducted|abducting|kidnapped|raided|raiding|attacked|attacking|targeted|"
                                 r"shot at|burned|torched|arrested|arresting|detained|detaining|rounded up|rounding up)\s+"
                                 r"(?:at\s+least\s+|some\s+|about\s+|around\s+|more\s+than\s+|"
                                 r"(?:a|an|the|several|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+)*"
                                 r"(?:(?!by\b|par\b|with\b|alongside\b)[\w-]+\s+)?$")
_CLASH_BETWEEN = re.compile(
    r"\b(?:clash\w*|fight(?:s|ing)?|fought|violence|conflict|confrontations?|hostilities|skirmish\w*|exchanges? of (?:gun)?fire|"
    r"gunfire|gun ?battles?|battles?|affrontements?)\s+(?:\w+\s+){0,6}?(?:between|among|entre)\b|\bclashed\b|"
    r"\bclashes\b|\bfought\b|\bexchanged fire\b")
_ATTACK_ON_POST = re.compile(
    r"\b(?:attack\w*|ambush\w*|raid\w*|assault\w*|stormed|targeted|targeting|fired on|fired at|opened fire on)\s+"
    r"(?:\w+\s+){0,3}?(?:on\s+|against\s+)?(?:the\s+|a\s+|an\s+|two\s+|three\s+|several\s+)?(?:\w+\s+)?"
    r"(?:military|army|gendarmerie|police|checkpoints?|posts?|bases?|camps?|convoys?|patrols?|barracks|garrison|"
    r"positions?|outposts?|detachment|brigade|soldiers|troops|gendarmes|policemen|fama|vdp|volunteers|dozos?|"
    r"installations?|school|academy|airport|headquarters)\b|"
    r"\b(?:military|army|gendarmerie|police|fama|customs|security|vdp)?\s*(?:checkpoints?|posts?|bases?|camps?|convoys?|"
    r"patrols?|positions?|outposts?|barracks)\s+(?:\w+\s+){0,6}?(?:was |were |has been |had been |came under |)"
    r"(?:attacked|ambushed|targeted|raided|stormed|assaulted|overrun|attack|fire)\b")
_ANAPHORA = re.compile(r"^\s*(?:the|this|that|these|those|it|la|le|les|cette|cet)\s+(?:\w+\s+){0,2}?"
                      r"(?:violence|attacks?|assaults?|raids?|ambush(?:es)?|offensive|incident|explosions?|bombings?|"
                      r"clashes|fighting|operation|attaque|assaut|it)\b")
_TERRITORY_SUBTYPES = frozenset({"Non-violent transfer of territory", "Non-state actor overtakes territory",
                                  "Government regains territory"})
_TOOK_CONTROL_CUE = next(c.pattern for c in CUES if c.flag == "took_control")
_FORCE_AS_SOURCE = re.compile(r"\s+(?:general\s+staff|ministry(?:\s+of\s+[\w ]{3,30}?)?|command|spokesm[ae]n|"
                              r"authorities|officials?|communiqu\w*|statement)\s+(?:has\s+|had\s+)?(?:said|says|stated|"
                              r"announced|reported|claimed|confirmed|acknowledged|indicated)\b")
_EARLIER_CLAUSE_CUE = re.compile(r"\b(?:after|following|followed|before|reprisal|retaliation|revenge|response)\b")
_EARLIER_CLAUSE = re.compile(
    r"(?:,\s*|\s+(?=(?:a|one|two|three|four|five|six|several|a\s+few|\d+)\s+(?:days?|weeks?|months?|hours?)\s+after\b))"
    r"(?:(?:a|one|two|three|four|five|six|several|a\s+few|\d+)\s+(?:days?|weeks?|months?|hours?)\s+)?(?:after|following)\s+"
    r"(?=[^.;,]*?\bhad\s+(?:\w+ly\s+)?(?:been\s+)?[a-z]+(?:ed|en|un|ut|it|ck|ome|one|ought|ept|ft|lt|id|ade)\b)[^.;,]*|"
    # "..., three weeks after its handover by French forces": dated by another event
    r",\s*(?:(?:a|one|two|three|four|five|six|several|a\s+few|\d+)\s+(?:days?|weeks?|months?)|less\s+than\s+"
    r"(?:a|one|two|three|\d+)\s+(?:days?|weeks?|months?|hours?)|(?:(?:a|one|two|three|several|a\s+few|\d+)\s+)?hours?|"
    r"the\s+(?:day|morning|evening|night)|a\s+day)\s+(?:after|before)\s+[^.;,]*"
    # "..., two days after the attack on the mosque, in which 44 worshippers were killed"
    r"(?:,\s*(?:in|during|for)\s+which\b[^.;]*)?|"
    # "..., during a sweep that followed an IED attack on a convoy the day before,"
    r",\s*(?:during|in)\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,2}?(?:that|which)\s+(?:had\s+)?followed\s+[^.;,]*|"
    # "..., in reprisal for an IED blast that had killed a Russian instructor": the cause
    r",?\s+in\s+(?:reprisal|retaliation|revenge|response)\s+(?:for|to)\s+[^.;]*")
# Two countries' forces under one noun: "the Malian and Burkinabe armies", "Nigerien and Malian troops".
_JOINT_FORCES = re.compile(r"\b(?P<a>malian|burkinabe|burkinab\w|nigerien|chadian|mauritanian|french|ivorian|beninese|"
                           r"togolese|nigerian)\s+and\s+(?:the\s+)?(?P<b>malian|burkinabe|burkinab\w|nigerien|chadian|"
                           r"mauritanian|french|ivorian|beninese|togolese|nigerian)\s+"
                           r"(?P<noun>armies|armed forces|forces|troops|soldiers|militaries|gendarmes|defen[cs]e forces)\b")
_FORCE_NOUN_SINGULAR = {"armies": "army", "militaries": "military"}
# A note's later sentence that dates the event by another one: "The operation came two days after
# an ambush on a military convoy", "It followed an attack on ...", "This was the second attack on
# the village since January".
# A crowd's action (not "an attack on a demonstration"), and the violence it protested.
_PROTEST_CUE = re.compile(r"\b(?:protest\w*|demonstrat\w*|sit-?ins?|marched|rall(?:y|ied)|ville\s+morte|"
                          r"burn(?:ed|ing|t)?\s+(?:\w+\s+)?tyres|barricad\w*|blocked\s+(?:the\s+)?(?:main\s+)?(?:roads?|streets?|traffic))\b")
_PROTESTED_VIOLENCE = re.compile(
    r"\b(?:to\s+(?:protest|denounce|condemn|decry)(?:\s+against)?|protesting(?:\s+against)?|denouncing|condemning|"
    r"in\s+protest\s+(?:at|against|over)|against|over)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:killings?|murders?|assassinations?|abductions?|kidnappings?|attacks?|deaths?|executions?|massacres?|insecurity)\b[^.;]*|"
    r"\bafter\s+(?:a|an|the|two|three|four|\d+)\s+[^.;]{0,60}?\b(?:was|were|had\s+been)\s+(?:\w+\s+)?"
    r"(?:shot\s+dead|killed|murdered|abducted|kidnapped|lynched)\b[^.;]*")
# What the authorities did about it afterwards: "The governor announced the deployment of additional
# forces", "the authorities said an army unit had been sent towards the village". The forces named
# are no side of the event (the places named still locate it).
_AUTHORITIES_AFTER = re.compile(
    r"^(?![^.]*\b(?:kill\w*|dead|died|neutrali\w*|attack\w*|clash\w*|ambush\w*|struck|fought|fighting|repelled|"
    r"arrest\w*|captur\w*|bod(?:y|ies)|abduct\w*|kidnap\w*|fired|shot|destroy\w*|seiz\w*|control|hostages?|took|taken|"
    r"claim\w*)\b)"
    r"(?=[^.]*\b(?:governor|government|authorities|minister|ministry|prefect|mayor|president|junta|army|military|"
    r"high\s+commissioner)\b[^.]*\b(?:announced|deployed|deployment|sent|dispatched|pledged|promised|condemned|"
    r"declared|visited|called\s+for|stepped\s+up|reinforced|launched\s+a\s+search)\b)")
_BACKGROUND_SENTENCE = re.compile(
    r"^\s*(?:earlier|previously|prior\s+to\s+this|before\s+that|since)\b|"
    r"^\s*(?:the|this|that|they)\s+(?:[\w'-]+\s+){0,3}?(?:were|was)\s+(?:reportedly\s+|allegedly\s+)?"
    r"(?:avenging|retaliating|responding)\b|"
    r"^\s*(?:a|an|another)\s+(?:similar|previous|earlier)\s+(?:[\w'-]+\s+){0,2}?had\s+|"
    r"^\s*(?:(?:a|one|two|three|four|five|six|several|a\s+few|\d+)\s+)?(?:days?|weeks?|months?)\s+(?:earlier|before)\b|"
    # "The militants had reportedly come from the border": told in the pluperfect, before the event
    # (not "The device had presumably been laid by JNIM": who did it)
    r"^\s*(?:the|these|those|they|he|she|it)\s+(?:[\w'-]+\s+){0,3}?had\s+(?:\w+ly\s+)?(?:not\s+)?(?:been\s+)?"
    r"(?!to\b)[a-z]{3,}\b(?![^.]*\b(?:by|claim\w*|attribut\w*|blam\w*|responsib\w*)\b)|"
    # a later event: "The departing convoy struck two IEDs the next day further south"
    r"^(?=[^.]*\b(?:the\s+(?:next|following)\s+(?:day|morning|night|week)|(?:\w+\s+)?(?:days|weeks)\s+later)\b)"
    r"(?![^.]*\b(?:bod(?:y|ies)|found|died|succumbed|corpses?)\b)"
    r"(?=[^.]*\b(?:struck|hit|attacked|ambushed|raided|ieds?|mines?|clashed)\b)|"
    r"^\s*(?:the|this|that|it)\s+(?:[\w'-]+\s+){0,3}?(?:(?:came|comes|happened|occurred|took\s+place)\s+"
    r"(?:[\w'-]+\s+){0,4}?(?:after|following|in\s+(?:the\s+)?(?:wake|aftermath)\s+of|in\s+retaliation|in\s+response)|"
    r"(?:followed|follows)\s+(?:an?|the|months|weeks|days|years|several|repeated|a\s+series)\b|"
    r"(?:was|is)\s+the\s+(?:second|third|fourth|fifth|latest|\d+(?:st|nd|rd|th))\s+(?:[\w'-]+\s+){0,2}?"
    r"(?:attack|incident|raid|assault|ambush|abduction|such)\w*)\b")
_CIVILIAN_WORDS = re.compile(r"\b(?:civilians?|villagers|residents|people|passengers|women|children|worshippers|traders|"
                             r"farmers|herders|market|population|inhabitants|hostages?|villages?|hamlets?)\b")
_OR_JOIN = re.compile(r"^\s*(?:or|and/or|ou)\s+$")
_COUNTRY_WORD = re.compile(
    r"\b(?:" + "|".join(sorted((re.escape(w) for w in country_words()), key=len, reverse=True)) + r")\b"
)
_NIGER_RIVER = re.compile(r"\bniger (?:river|delta|bend)|river niger|fleuve niger|inner niger|niger-|office du niger")


@dataclass(slots=True)
class Role:
    """An actor as it plays in one event."""

    name: str
    inter: int | None
    assoc: list[str] = field(default_factory=list)
    start: int = -1
    generic: bool = False  # from a generic description ("gunmen"), not a named actor
    end: int = -1000
    target: bool = False  # the text puts it on the receiving end ("attacked X", "X was ambushed")
    by: bool = False  # introduced by "by" (the agent of a passive)
    claimed: bool = False  # "X claimed the attack"
    bystander: bool = False  # forces only sent to or present at the scene ("gendarmes were deployed")
    assumed_target: bool = False  # forces taken as the target only because no verb says they acted


# How far a village may lie from what ACLED's "(admin3, admin2)" names: a commune's seat (Sahel
# communes reach some 40 km from their seat, the desert ones more), a province/cercle centroid,
# a region centroid.
_SEAT_REACH_KM = 60.0
_UNIT_REACH_KM = {"ADM1": 400.0, "ADM2": 150.0}
# A quarter of a town lies within this of its centre; a capital's outer quarters farther.
_CITY_RADIUS_KM = 12.0
_BIG_CITY_RADIUS_KM = 30.0
_BIG_CITY_POPULATION = 200_000
_INSIDE_BONUS_KM = 30.0
# Homonyms: one whose own name is the one written (not only an alternate spelling of it, as
# "Kombori" is of Konbori) counts as this much closer.
_OWN_NAME_BONUS_KM = 15.0
# A unit whose centroid lies this far from its capital is mostly empty land (Saharan cercles).
_EMPTY_UNIT_KM = 100.0


# "X near Y": X within this of Y.
_NEAR_REACH_KM = 30.0
# What separates a place from the reference that locates it: "X, 140 km from Y", "X near Y".
_REFERENCE_BETWEEN = re.compile(
    r"\s*,?\s*(?:(?:about|some|around|approximately|roughly)\s+)?(?:(?P<km>\d+)\s*(?:km|kms|kilomet\w*)\s+"
    r"(?:\w+\s+){0,2}?(?:from|of)|near|not far from|close to|outside|in the vicinity of)\s+(?:the\s+)?"
    r"(?:(?:town|village|city|locality) of\s+)?", re.IGNORECASE)


@dataclass(slots=True)
class ResolvedPlace:
    mention: PlaceMention | None
    location: str | None
    country: str | None
    admin1: str | None
    admin2: str | None
    latitude: float | None
    longitude: float | None
    geo_precision: int | None
    place: object = None  # the gazetteer's Place, when one was found


class Coder:
    """Turns a ``Document`` into ACLED-schema ``Event``s (see the module docstring)."""

    def __init__(self, gazetteer=None, registry: ActorRegistry | None = None):
        self._gazetteer = gazetteer
        self._gazetteer_tried = gazetteer is not None
        self.registry = registry if registry is not None else default_registry()

    # ------------------------------------------------------------------ resources
    @property
    def gazetteer(self):
        if not self._gazetteer_tried:
            self._gazetteer_tried = True
            try:
                from sahelwatch.knowledge.gazetteer import Gazetteer

                self._gazetteer = Gazetteer.open()
            except Exception as exc:  # no index and no way to build one: code without places
                print(f"warning: no gazetteer ({exc}); events will have no coordinates", file=sys.stderr)
                self._gazetteer = None
        return self._gazetteer

    def _known(self, name: str) -> bool:
        gaz = self.gazetteer
        if gaz is None:
            return False
        from sahelwatch.knowledge.gazetteer import name_key

        key = name_key(name)
        return bool(key) and gaz.has_name(key)

    # ------------------------------------------------------------------ entry point
    def extract(self, doc: Document) -> list[Event]:
        """The events ``doc`` reports, most confident first."""
        text = doc.text or ""
        if not text.strip():
            return []
        spans = [s for s in sentences(text) if not _NOT_PROSE.search(s.text) and not _is_caption(text, s)]
        if not spans:
            return []
        folded = fold_same_length(text)
        dateline = _DATELINE.search(text)
        # "near Dogon Kirya": a community's name inside a place name is no actor.
        mentions = [m for m in self.registry.find(text)
                    if not (m.entry.kind == ETHNIC and _PLACE_WORD_AFTER.match(text, m.end))]
        mentions = self._joint_forces(text, folded, mentions)
        dates = find_dates(text, doc.published)
        if dateline is not None:
            # "OUAGADOUGOU, 6 June 2021 (Agency) -": where and when the report was filed, not the event.
            dates = [d for d in dates if not dateline.start() <= d.start < dateline.end()]
        if len(spans) > 1 and _DATELINE_SENTENCE.match(spans[0].text):
            lead = spans.pop(0)
            dates = [d for d in dates if not lead.start <= d.start < lead.end]
        if doc.published is None:
            dates = _anchor_on_text_dates(text, dates)
        doc_country = self._document_country(doc, folded, mentions)
        # A short text in one paragraph is a note (one event); a headline, a dateline or paragraphs
        # make it a report, however short, whose sentences may tell several events.
        article = dateline is not None or bool(re.search(r"\S\s*\n\s*\n\s*\S", text))
        if len(text) <= SHORT_TEXT_CHARS and len(spans) <= SHORT_TEXT_SENTENCES and not article:
            events = self._code_note(doc, text, folded, spans, mentions, dates, doc_country)
        else:
            events = self._code_report(doc, text, folded, spans, mentions, dates, doc_country)
        events.sort(key=lambda e: -(e.confidence or 0.0))
        return events

    def _joint_forces(self, text: str, folded: str, mentions: list[Mention]) -> list[Mention]:
        """"the Malian and Burkinabe armies": one mention per force, each on its adjective."""
        found: list[Mention] = []
        for m in _JOINT_FORCES.finditer(folded):
            noun = _FORCE_NOUN_SINGULAR.get(m.group("noun"), m.group("noun"))
            spans = [(m.start("a"), m.end("a")), (m.start("b"), m.end())]
            parts = []
            for (a, b), adjective in zip(spans, (text[m.start("a"):m.end("a")], text[m.start("b"):m.end("b")])):
                hits = [h for h in self.registry.find(f"{adjective} {noun}") if h.entry.kind == ACTOR]
                if len(hits) != 1:
                    break
                parts.append(Mention(a, b, text[a:b], hits[0].entry))
            else:
                found.extend(parts)
        if not found:
            return mentions
        kept = [x for x in mentions if not any(f.start <= x.start < f.end or x.start <= f.start < x.end for f in found)]
        return sorted(kept + found, key=lambda x: x.start)

    # ------------------------------------------------------------------ short texts
    def _code_note(self, doc, text, folded, spans, mentions, dates, doc_country) -> list[Event]:
        background = [s for s in spans[1:] if _BACKGROUND_SENTENCE.match(folded[s.start:s.end])
                      or _dated_before_lead(s, spans[0], dates)]
        earlier = _EARLIER_CLAUSE_CUE.search(folded) is not None and not _TOOK_CONTROL_CUE.search(folded)
        for m in (_EARLIER_CLAUSE.finditer(folded) if earlier else ()):
            # "raided the market, two days after an army patrol had hit an IED near the town" (but
            # "retook the town, after JNIM had occupied it" says from whom)
            blank = " " * (m.end() - m.start())
            text, folded = text[:m.start()] + blank + text[m.end():], folded[:m.start()] + blank + folded[m.end():]
            mentions = [x for x in mentions if not m.start() <= x.start < m.end()]
            dates = [d for d in dates if not m.start() <= d.start < m.end()]
        if _PROTEST_CUE.search(folded):
            for m in _PROTESTED_VIOLENCE.finditer(folded):
                # "burned tyres to protest the killing of a merchant by gunmen the previous day": what the
                # crowd protested is no part of the event
                if not _PROTEST_CUE.search(folded, 0, m.start()):
                    continue
                blank = " " * (m.end() - m.start())
                text, folded = text[:m.start()] + blank + text[m.end():], folded[:m.start()] + blank + folded[m.end():]
                mentions = [x for x in mentions if not m.start() <= x.start < m.end()]
                dates = [d for d in dates if not m.start() <= d.start < m.end()]
        aftermath = [s for s in spans[1:] if s not in background and _AUTHORITIES_AFTER.match(folded[s.start:s.end])]
        mentions = [m for m in mentions if not any(s.start <= m.start < s.end for s in aftermath)]
        if background:
            # "The operation came two days after an ambush on a convoy": another, earlier event.
            # Blanked (same length, so offsets hold) rather than cut.
            for s in background:
                blank = " " * (s.end - s.start)
                text, folded = text[:s.start] + blank + text[s.end:], folded[:s.start] + blank + folded[s.end:]
            mentions = [m for m in mentions if not any(s.start <= m.start < s.end for s in background)]
            dates = [d for d in dates if not any(s.start <= d.start < s.end for s in background)]
        flags = raise_flags(folded)
        places = find_place_mentions(text, known=self._known,
                                     exclude=[(m.start, m.end) for m in mentions if not _inside_hyphenated(text, m)])
        strong = any(f in flags for f in _STRONG_FLAGS)
        if not strong and not mentions and not places:
            return []
        first = spans[0]
        event = self._assemble(doc, text, folded, 0, len(text), flags, mentions, places, dates, doc_country,
                               place_choice=None, evidence=[first])
        if event is None:
            return []
        if not strong:
            event.confidence = round(max(0.05, (event.confidence or 0.3) - 0.3), 3)
        return [event]

    # ------------------------------------------------------------------ long texts
    def _code_report(self, doc, text, folded, spans, mentions, dates, doc_country) -> list[Event]:
        dateline = _DATELINE.search(text)
        events: list[Event] = []
        recent_actor: Mention | None = None
        recent_actor_at = -10
        carried: DateMention | None = None
        carried_at = -10
        last_event_at = -10
        for index, span in enumerate(spans):
            s_fold = folded[span.start:span.end]
            if index == 0 and span.paragraph == 0 and not span.text.rstrip().endswith((".", "!", "?")) \
                    and len(spans) > 3:
                continue  # the headline repeats the event the first paragraph reports
            own_dates = [d for d in dates if span.start <= d.start < span.end and d.date is not None
                         and d.kind != "since"]
            flags = raise_flags(s_fold)
            strong = [f for f in _STRONG_FLAGS if f in flags]
            hedged = bool(_HEDGE.search(s_fold))
            generic = bool(_GENERIC.search(s_fold))
            if own_dates:
                carried, carried_at = own_dates[0], index
            s_mentions = [m for m in mentions if span.start <= m.start < span.end]
            named_here = [m for m in s_mentions if m.entry.kind == ACTOR and m.entry.inter in (2, 3)]
            if named_here:
                recent_actor, recent_actor_at = named_here[0], index
            if not strong or hedged or generic:
                continue
            # "The violence left more than 70 people dead": more about the event just coded.
            if events and index - last_event_at <= 3 and not own_dates and _ANAPHORA.match(s_fold):
                prev = events[-1]
                count = count_fatalities(span.text)
                if count:
                    prev.fatalities = max(prev.fatalities or 0, count)
                prev.evidence.append(Evidence(span.text, span.start, span.end))
                last_event_at = index
                continue
            excluded = [(m.start - span.start, m.end - span.start) for m in s_mentions
                        if not _inside_hyphenated(text, m)]
            if dateline is not None and span.start <= dateline.start() < span.end:
                excluded.append((dateline.start() - span.start, dateline.end() - span.start))
            s_places = [p for p in find_place_mentions(span.text, known=self._known, exclude=excluded)]
            for p in s_places:
                p.start += span.start
                p.end += span.start
            has_verb = bool(_EVENT_VERB.search(s_fold))
            date_here = own_dates[0] if own_dates else None
            if date_here is None and carried is not None and index - carried_at <= 6 and has_verb:
                date_here = carried
            resolved_places = self._sentence_places(s_places, doc_country)
            if not resolved_places:
                # "The violence left more than 70 people dead": figures for the event just coded.
                if events and index - last_event_at <= 2 and "kill" in flags and \
                        all(d.kind in ("relative",) for d in own_dates):
                    count = count_fatalities(span.text)
                    if count:
                        prev = events[-1]
                        prev.fatalities = max(prev.fatalities or 0, count)
                        prev.evidence.append(Evidence(span.text, span.start, span.end))
                        last_event_at = index
                continue
            unresolved = [d for d in dates if span.start <= d.start < span.end and d.date is None
                          and d.kind not in ("since", "year")]
            if date_here is None and unresolved:
                # "in late April" in a report of unknown date: a concrete event whose date stays
                # unresolved rather than guessed.
                date_here = unresolved[0]
                own_dates = unresolved
            if date_here is None:
                continue
            if not has_verb and not (own_dates and _EVENT_NOUN.search(s_fold)):
                continue
            # A sentence with no date of its own reuses the last date named a few sentences before.
            span_dates = own_dates or [date_here]
            for place in resolved_places:
                event = self._assemble(doc, text, folded, span.start, span.end, flags, s_mentions, s_places,
                                       span_dates, doc_country,
                                       place_choice=place, evidence=[span])
                if event is not None:
                    claimant = self._claimant(spans[index + 1] if index + 1 < len(spans) else None, mentions)
                    if claimant is not None:
                        # "JNIM claimed responsibility for these attacks" right after the report.
                        self._use_context_actor(event, claimant, doc_country)
                    if recent_actor is not None and index - recent_actor_at <= 3:
                        self._use_context_actor(event, recent_actor, doc_country)
                    if event.event_type == "Violence against civilians" and not _CIVILIAN_WORDS.search(s_fold) \
                            and event.sub_event_type == "Attack":
                        # "attacks were reported in Gao" after "attacks against military installations".
                        self._as_clash_with_army(event, doc_country)
                    event.confidence = round((event.confidence or 0.5) * 0.9, 3)
                    events.append(event)
                    last_event_at = index
        return _merge_duplicates(events)

    @staticmethod
    def _claimant(span: Span | None, mentions: list[Mention]) -> Mention | None:
        if span is None:
            return None
        for m in mentions:
            if span.start <= m.start < span.end and m.entry.kind == ACTOR and m.entry.inter in (2, 3) and \
                    _CLAIMED.match(fold_same_length(span.text[m.end - span.start:m.end - span.start + 25])):
                return m
        return None

    def _use_context_actor(self, event: Event, mention: Mention, country) -> None:
        """In a report, an unnamed attacker is the group the last sentences named ("JNIM claimed...")."""
        if not event.actor1 or not event.actor1.startswith("Unidentified Armed Group"):
            return
        name, inter = self.registry.resolve(mention.entry, country, event.event_date)
        if event.actor2 and actor_key(event.actor2) == actor_key(name):
            return
        event.actor1, event.inter1 = name, inter
        event.interaction = interaction_code(event.inter1, event.inter2)

    def _as_clash_with_army(self, event: Event, country) -> None:
        role = self._generic("Military Forces of {country}", country, event.event_date)
        event.event_type, event.sub_event_type = "Battles", "Armed clash"
        event.disorder_type = DISORDER_TYPE["Battles"]
        event.actor2, event.inter2, event.assoc_actor_2 = role.name, role.inter, None
        event.civilian_targeting = None
        event.interaction = interaction_code(event.inter1, event.inter2)

    def _sentence_places(self, places: list[PlaceMention], doc_country) -> list[ResolvedPlace]:
        """The places a sentence's event(s) happened at: one per listed place, below the country."""
        out: list[ResolvedPlace] = []
        seen: set[str] = set()
        for i, p in enumerate(places):
            if p.near and out:
                continue  # "Kati, just outside Bamako": Bamako locates Kati, it is not a second event
            resolved = self._resolve_place(p, doc_country, [])
            if resolved is None or resolved.location is None:
                continue
            if lookup_country(resolved.location) is not None:
                continue
            if p.region and out and any(r.admin2 and r.admin2 == resolved.admin2 or
                                        resolved.geo_precision == 3 and r.admin1 and r.admin1 == resolved.admin1
                                        for r in out):
                continue  # "the village of X in the Koro district": the district locates X, no second event
            key = fold(resolved.location)
            if key in seen:
                continue
            seen.add(key)
            out.append(resolved)
        return out

    # ------------------------------------------------------------------ assembly
    def _assemble(self, doc, text, folded, start, end, flags, mentions, places, dates, doc_country,
                  place_choice: ResolvedPlace | None, evidence: list[Span]) -> Event | None:
        span_fold = folded[start:end]
        # Date: the first resolved date of the span; the report date (week precision) otherwise.
        event_date, precision = None, None
        usable = [d for d in dates if d.kind != "since"]
        claims = [d for d in usable if _CLAIM_DATE.search(folded[max(0, d.start - 60):d.start])]
        if claims:
            # "JNIM claimed the attack on 26/12": when the claim was made, days after the
            # event; the report date stands in when the note gives no other date.
            usable = [d for d in usable if d not in claims]
        # In a report's sentence the most precise date wins ("the coalition formed in 2024, took
        # Kidal on 25 April"); a note states its event's date first ("On 22 August, ... abducted on
        # 10 August").
        speech = [d for d in usable if _SPEECH_DATE.search(folded[max(0, d.start - 40):d.start])]
        if speech and len(speech) < len(usable):
            # "The ministry said on Friday that the patrol was ambushed on Tuesday": when it was said.
            usable = [d for d in usable if d not in speech]
        if place_choice is not None:
            usable = sorted(usable, key=lambda d: d.precision)
        else:
            # "It emerged in late March that militants had executed four men on 28 February": the day.
            usable = sorted(usable, key=lambda d: d.kind in ("week", "month", "year"))
        for d in usable:
            if d.date is not None:
                event_date, precision = d.date, d.precision
                break
        if event_date is None and not any(d.date is None for d in usable) and doc.published is not None:
            event_date, precision = doc.published, 2
        # Place.
        place = place_choice
        if place is None:
            place = self._choose_place(places, doc_country, text)
        country = doc_country or (place.country if place else None) or self._mention_country(mentions)
        capital_fallback = place is None and place_choice is None
        # Roles and type.
        actor1, actor2, event_type, sub_type = self._roles_and_type(span_fold, start, mentions, flags, country,
                                                                    event_date, text[start:end])
        if event_type is None:
            return None
        if sub_type in _TERRITORY_SUBTYPES and event_date is not None:
            # "On 14 December the army evacuated its post. On 15 December the FLA entered the town and
            # took control": the change of hands is dated by its own sentence.
            for m in flags.get("took_control", []):
                if m is None:
                    continue
                at = start + m.start()
                opened = max(folded.rfind(". ", start, at), start)
                later = [d for d in usable if d.date is not None and opened < d.start < at and d.date > event_date]
                if later:
                    event_date, precision = later[0].date, later[0].precision
                    break
        national = event_type in ("Protests", "Riots") or (
            event_type == "Strategic developments" and sub_type in ("Other", "Agreement", "Change to group/activity")
            and actor1 is not None and actor1.inter == 1)
        if capital_fallback and national and country:
            # A national demonstration or decision with no place named: ACLED codes it at the
            # capital, region-level precision.
            place = self._capital(country)
        if actor1 is None:
            actor1 = self._generic("Government of {country}" if event_type == "Strategic developments"
                                   else "Unidentified Armed Group ({country})", country, event_date)
        village = place.location if place is not None and place.geo_precision in (1, 2) and place.location else None
        for role in (actor1, actor2):
            if role is not None and "{location}" in role.name:
                role.name = role.name.replace("{location}", village) if village else \
                    "Unidentified Communal Militia ({})".format(country or "International")
        if actor1 is not None and actor2 is not None and actor2.name in actor1.assoc:
            # "Malian forces, with the assistance of Wagner fighters, retook Kidal": an ally of
            # actor1 is not also its opponent; better no actor2 than a wrong one.
            actor2 = None
        fatalities = count_fatalities(text[start:end])
        if fatalities is None:
            fatalities = 0
        if event_type in ("Protests", "Strategic developments") and sub_type != "Excessive force against protesters":
            # Deaths mentioned in a protest/arrest note are its motive, not its toll...
            if event_type == "Protests" or not re.search(r"\b(?:killed|dead|died)\b", span_fold):
                fatalities = 0
        if event_type == "Violence against civilians" and sub_type == "Abduction/forced disappearance" and \
                not re.search(r"\b(?:killed|killing|executed|dead|bodies|body|murdered|assassinated|shot)\b", span_fold):
            fatalities = 0
        c = lookup_country(country) if country else None
        inter1 = actor1.inter if actor1 else None
        inter2 = actor2.inter if actor2 else None
        civilian_targeting = None
        if actor2 is not None and inter2 == 7 and event_type in ("Violence against civilians",
                                                                  "Explosions/Remote violence"):
            civilian_targeting = "Civilian targeting"
        confidence = 0.45
        confidence += 0.2 if any(f in flags for f in ("kill", "attack", "clash", "ied", "air", "protest",
                                                      "abduction", "took_control")) else 0.0
        confidence += 0.1 if actor1 is not None and not actor1.generic else 0.0
        confidence += 0.1 if place is not None and place.latitude is not None else 0.0
        confidence += 0.1 if precision == 1 else 0.0
        confidence -= 0.2 if sub_type == "Other" else 0.0
        ev_sentence = evidence[0]
        event = Event(
            event_date=event_date,
            time_precision=precision if event_date else None,
            event_type=event_type,
            sub_event_type=sub_type,
            disorder_type=DISORDER_TYPE.get(event_type),
            actor1=actor1.name if actor1 else None,
            assoc_actor_1="; ".join(actor1.assoc) if actor1 and actor1.assoc else None,
            inter1=inter1,
            actor2=actor2.name if actor2 else None,
            assoc_actor_2="; ".join(actor2.assoc) if actor2 and actor2.assoc else None,
            inter2=inter2 if actor2 else 0,
            interaction=interaction_code(inter1, inter2 if actor2 else 0),
            civilian_targeting=civilian_targeting,
            country=c.name if c else country,
            iso=c.iso_numeric if c else None,
            region=c.region if c else None,
            admin1=place.admin1 if place else None,
            admin2=place.admin2 if place else None,
            admin3=_stated_admin3(place),
            location=place.location if place else None,
            latitude=place.latitude if place else None,
            longitude=place.longitude if place else None,
            geo_precision=place.geo_precision if place else None,
            fatalities=fatalities,
            notes=ev_sentence.text,
            source=doc.source,
            doc_id=doc.doc_id,
            evidence=[Evidence(s.text, s.start, s.end) for s in evidence],
            confidence=round(min(0.99, max(0.05, confidence)), 3),
            origin="coder",
        )
        return event

    # ------------------------------------------------------------------ places
    def _choose_place(self, places: list[PlaceMention], doc_country, text: str) -> ResolvedPlace | None:
        if not places:
            return None
        # ACLED's pattern first, then cue-introduced names, then bare names; guesses last.
        # Where actors came from or were going is never the scene, even when the scene's name
        # is only a guess (a spelling the gazetteer may still match).
        # A guessed spelling located by the place after it ("at Diabaly, 140 km from Segou") is
        # the scene; the other place is only its reference.
        located: dict[int, tuple[PlaceMention, re.Match]] = {}
        for p, q in zip(places, places[1:]):
            between = _REFERENCE_BETWEEN.fullmatch(text[p.end:q.start])
            if p.guess and not p.near and q.near and not q.region and between:
                located[id(p)] = (q, between)
        ordered = sorted(places, key=lambda p: (p.origin, p.guess and id(p) not in located,
                                                -(located[id(p)][0].strength + 0.5 if id(p) in located else p.strength),
                                                # "between Djibo and Gaskinde, about 5 km from Gaskinde (Gaskinde,
                                                # Soum)": the place the event is measured from, with its units
                                                # "on the road between Dori and Gorgadji, near Gorgadji (Gorgadji,
                                                # Seno)": the place on that road the note names as the spot
                                                not (p.admin_hints and text[p.end:p.end + 2].lstrip().startswith("(")
                                                     and (re.search(r"\b(?:km|kms|kilomet\w*|miles?)\s+(?:\w+\s+){0,2}?"
                                                                    r"(?:from|of)\s+$", text[max(0, p.start - 40):p.start])
                                                          or _NEAR_AFTER_ROAD.search(text[max(0, p.start - 120):p.start]))),
                                                p.start))
        # "Tene in the Segou region", "Diaka in Tenenkou Cercle": the named unit tells which
        # of several same-named villages is meant, wherever it stands in the sentence.
        context: list = self._named_units(places, doc_country)

        def exact_others(mention: PlaceMention) -> list:
            found = []
            for q in places:
                if q is not mention and not q.guess and not q.region:
                    hit = self.gazetteer.resolve(q.name, doc_country, fuzzy=False)
                    if hit is not None and (not doc_country or _same_country(hit, doc_country)):
                        found.append(hit)
            return found
        best_region: ResolvedPlace | None = None
        unresolved: ResolvedPlace | None = None
        for p in ordered:
            resolved = self._resolve_place(p, doc_country, context, others=lambda p=p: exact_others(p))
            if resolved is not None and id(p) in located and not self._fits_reference(resolved, *located[id(p)],
                                                                                       doc_country):
                # A spelling guess that lies elsewhere than the text says: its reference first.
                del located[id(p)]
                ordered.append(p)
                continue
            if resolved is not None and resolved.place is not None:
                context.append(resolved.place)
            if resolved is None:
                continue
            if resolved.latitude is None:
                # "the hamlet of Bolombola about 1km from Solle": keep looking for a known place.
                unresolved = unresolved or resolved
                continue
            if resolved.geo_precision == 3 and best_region is None:
                best_region = resolved
                continue
            if resolved.geo_precision == 3:
                continue
            if p.sub_area is not None:
                resolved = self._sub_area(p.sub_area, resolved, doc_country) or resolved
            if best_region is not None and resolved.admin1 is None:
                resolved.admin1 = best_region.admin1
            if unresolved is not None and unresolved.mention is not None and resolved.mention is not None and \
                    resolved.mention.start > unresolved.mention.start:
                # The named village is unknown; the known place near it locates the event.
                resolved.location = unresolved.location
                resolved.geo_precision = 2
            return resolved
        return best_region or unresolved

    def _fits_reference(self, resolved: ResolvedPlace, reference: PlaceMention, between: re.Match,
                        doc_country) -> bool:
        """Whether a guessed place lies where "X, 140 km from Y" or "X near Y" puts it."""
        anchor = self.gazetteer.resolve(reference.name, doc_country, fuzzy=False)
        if anchor is None or resolved.latitude is None:
            return False
        km = haversine_km(resolved.latitude, resolved.longitude, anchor.latitude, anchor.longitude)
        stated = between.group("km")
        if stated is None:
            return km <= _NEAR_REACH_KM
        return abs(km - float(stated)) <= max(15.0, 0.5 * float(stated))

    def _sub_area(self, sub: PlaceMention, city: ResolvedPlace, doc_country) -> ResolvedPlace | None:
        """"The Tougou area of Segou": Tougou when it is a village of its own, away from the town.

        A quarter of a city ("the Boulmiougou area of Ouagadougou") is either unknown to the
        gazetteer or lies inside the city; then the city stays the place.
        """
        hit = self.gazetteer.resolve(sub.name, doc_country, fuzzy=False)
        if hit is None and city.place is not None:
            # "the Diabaly area of Niono": a spelling variant ("Diabali") near the town.
            hit = self.gazetteer.resolve(sub.name, doc_country, context=[city.place], fuzzy=True, wide=False)
        if hit is None or hit.feature_class != "P" or city.latitude is None:
            return None
        if doc_country and not _same_country(hit, doc_country):
            return None
        if city.admin1 and hit.admin1 and hit.admin1 != city.admin1:
            return None
        far = haversine_km(hit.latitude, hit.longitude, city.latitude, city.longitude)
        if far > _SEAT_REACH_KM and (city.mention is None or
                                     self.gazetteer.admin_region(city.mention.name, doc_country) is None):
            return None  # "the area of" a town (not of a region) is not 130 km away
        big = city.place is not None and (city.place.population or 0) >= _BIG_CITY_POPULATION
        radius = _BIG_CITY_RADIUS_KM if big else _CITY_RADIUS_KM
        if far <= radius:
            return None
        return ResolvedPlace(sub, hit.name, hit.country, hit.admin1 or None, hit.admin2 or None,
                             hit.latitude, hit.longitude, 2 if sub.near else 1, hit)

    def _named_units(self, places: list[PlaceMention], doc_country) -> list:
        gaz = self.gazetteer
        if gaz is None or len(places) < 2:
            return []
        units = []
        for p in places:
            if p.region:
                unit = gaz.admin_region(p.name, doc_country)
                if unit is not None:
                    units.append(unit)
        return units

    def _resolve_place(self, p: PlaceMention, doc_country, context, others=None) -> ResolvedPlace | None:
        gaz = self.gazetteer
        precision = 2 if p.near else 1
        if gaz is None:
            return ResolvedPlace(p, p.name, doc_country, None, None, None, None, precision)
        if p.region:
            region = gaz.admin_region(p.name, doc_country)
            if region is not None:
                # ACLED codes "in the Mopti region", "the Poni province" at the unit's capital.
                seat = gaz.seat(region)
                if seat is not None:
                    return ResolvedPlace(p, seat.name, region.country, region.admin1 or region.name,
                                         region.admin2 or None, seat.latitude, seat.longitude, 3, seat)
                return ResolvedPlace(p, region.name if region.feature_code != "ADM1" else region.admin1 or region.name,
                                     region.country, region.admin1 or region.name, region.admin2 or None,
                                     region.latitude, region.longitude, 3)
        from sahelwatch.knowledge.gazetteer import name_key, strip_admin_words

        hints = list(p.admin_hints)
        if hints:
            anchored = self._resolve_in_hints(p, hints, doc_country, context, precision)
            if anchored is not None:
                return anchored
        exact_context = context
        if others is not None and not any(c.feature_class != "A" for c in context) and \
                self._homonyms(p.name, doc_country):
            # Several places bear the name and nothing is placed yet: the note's other
            # places ("the X area near Y", "X, 20 km from Y") say which one is meant.
            exact_context = list(context) + [q for q in others() if q.feature_class != "A"]
        place = gaz.resolve(p.name, doc_country, context=exact_context, fuzzy=False)
        if place is not None and doc_country and not _same_country(place, doc_country):
            place = None
        # "Mopti Region", "Cercle de Koro": compare the unit's bare name.
        wanted = {strip_admin_words(name_key(h)) for h in hints} - {""}

        def inside(candidate) -> bool:
            return bool({name_key(candidate.admin2 or ""), name_key(candidate.admin1 or "")} & wanted)

        if place is not None and hints and not inside(place) and not p.weak_hints:
            # The named units are unknown to the gazetteer by position; fall back on names.
            alt = next((c for c in gaz.lookup(p.name, doc_country) if inside(c)), None)
            if alt is not None:
                place = alt
            else:
                fallback = self._from_hints(p, hints, doc_country, inside)
                if fallback is not None:
                    return fallback
        if place is None and hints:
            fallback = self._from_hints(p, hints, doc_country, inside)
            if fallback is not None:
                return fallback
        if place is None and (p.strength >= 2 or p.guess):
            # A spelling guess must fit the note's other places (those resolved so far, else
            # the ones whose names match exactly): "Koumboura" near the note's known town, not
            # a namesake at the other end of the country.
            fuzzy_context = context or (others() if others is not None else [])
            place = gaz.resolve(p.name, doc_country, context=fuzzy_context, fuzzy=True)
            if place is not None and doc_country and not _same_country(place, doc_country):
                place = None
        if place is None:
            if p.typed and not p.region and not p.guess:
                return ResolvedPlace(p, p.name, doc_country, None, None, None, None, precision)
            return None
        if place.feature_code.startswith("PCL"):
            return None  # a country named as a place says nothing finer than the country
        units = [c for c in context if c.feature_class == "A" and c.feature_code in _UNIT_REACH_KM]
        if units and place.feature_class != "A" and not any(
                (u.feature_code == "ADM1" and u.admin1 and u.admin1 == place.admin1)
                # (a cercle's own villages, however far its centroid: Akabar in Menaka cercle)
                or (u.feature_code == "ADM2" and u.admin2 and u.admin2 == place.admin2 and u.admin1 == place.admin1)
                or u.distance_km(place) <= _UNIT_REACH_KM[u.feature_code] for u in units):
            # "Diaka in Tenenkou Cercle" where the gazetteer knows only a Diaka 400 km away:
            # not that one; the named unit locates the event instead.
            return None
        if place.feature_class == "A" and place.feature_code in ("ADM1", "ADM2", "ADM3"):
            precision = 3 if place.feature_code == "ADM1" else 2
        location = p.name if p.admin_hints and precision == 2 else place.name
        return ResolvedPlace(p, location, place.country, place.admin1 or None, place.admin2 or None,
                             place.latitude, place.longitude, precision, place)

    def _homonyms(self, name: str, doc_country) -> bool:
        """Whether more than one place of the document's country bears ``name`` exactly."""
        hits = [c for c in self.gazetteer.lookup(name, doc_country)
                if not c.is_admin and (not doc_country or _same_country(c, doc_country))]
        return len(hits) > 1

    def _hint_units(self, hints: list[str], doc_country):
        """ACLED's "(admin3, admin2)": the outermost unit the gazetteer knows, and the admin3's seat.

        The seat is the town named like the admin3 closest to the named unit: GeoNames gives
        Mali and Burkina Faso no admin2 codes (the importer derives them from the nearest
        seat), so an exact admin2-name test rejects right answers near boundaries.
        """
        gaz = self.gazetteer
        unit = None
        for hint in reversed(hints):
            unit = gaz.admin_region(hint, doc_country)
            if unit is not None:
                break
        if unit is not None and unit.feature_code == "ADM1" and len(hints) >= 2:
            # "(cercle, region)", as Mali's notes often give: "Hombori (Douentza, Mopti)" lies in the
            # Douentza cercle, 140 km from the town of Douentza. The cercle is the unit.
            inner = gaz.admin_region(hints[0], doc_country)
            if inner is not None and inner.feature_code == "ADM2" and inner.admin1 == unit.admin1:
                unit = inner
        seat = self._hint_seat(hints[0], unit, doc_country) if len(hints) >= 2 or unit is None else None
        return unit, seat

    def _hint_seat(self, commune: str, unit, doc_country):
        """The town named like the admin3 ``commune`` that is its likely seat, inside ``unit`` when given."""
        gaz = self.gazetteer
        seat = None
        towns = [c for c in gaz.lookup(commune, doc_country)
                 if c.feature_class == "P" and (not doc_country or _same_country(c, doc_country))]
        if unit is not None:
            towns = [c for c in towns if _in_unit(unit, c)]
            # A province's centroid says little; a town whose own name is the one written (not
            # only an alternate spelling of it) is the likelier seat.
            towns.sort(key=lambda c: (not _own_name(c, commune), unit.distance_km(c)))
        if len(towns) > 1 and unit is not None and unit.feature_code == "ADM1":
            # A region's centroid says little about which namesake is meant ("Koro, Mopti":
            # the cercle seat, not a village 60 km nearer the centroid): rank, own name, size.
            best = gaz.resolve(commune, doc_country, context=[unit], fuzzy=False)
            if best is not None and any(c.geonameid == best.geonameid for c in towns):
                towns.insert(0, best)
        if towns:
            seat = towns[0]
        elif unit is not None:
            # A commune spelt unlike the gazetteer ("Matiacoali" / "Matiakoali"): a close
            # spelling inside the unit's reach.
            guess = gaz.resolve(commune, doc_country, context=[unit], fuzzy=True)
            if guess is not None and guess.feature_class == "P" and _same_country(guess, doc_country or "") \
                    and unit.distance_km(guess) <= _UNIT_REACH_KM[unit.feature_code]:
                seat = guess
        return seat

    def _resolve_in_hints(self, p: PlaceMention, hints: list[str], doc_country, context, precision):
        """A place with ACLED's "(admin3, admin2)": the homonym nearest the named commune.

        Among same-named places, the one closest to the admin3 seat (or, without one, to the
        named unit) within a commune's reach; a spelling variant near it when none has the
        exact name; else the commune seat itself (precision 2), as ACLED codes a village it
        cannot find. Admin names come from the unit the note names.
        """
        from sahelwatch.knowledge.gazetteer import name_key

        gaz = self.gazetteer
        unit, seat = self._hint_units(hints, doc_country)
        if unit is None and seat is None:
            return None
        anchor = seat or unit
        reach = _SEAT_REACH_KM if seat is not None else _UNIT_REACH_KM[unit.feature_code]
        if seat is not None and unit is not None and unit.feature_code == "ADM2" and \
                name_key(unit.admin2 or "") == name_key(hints[0]):
            reach = _UNIT_REACH_KM["ADM2"]  # the first hint is the cercle, not a commune: its whole reach
        elif seat is not None and len(hints) >= 2 and name_key(hints[0]) == name_key(hints[-1]):
            # "Diboli (Kayes, Kayes)": the cercle and the region that share a name; the cercle's whole reach
            reach = _UNIT_REACH_KM["ADM2"]

        def in_country(c) -> bool:
            return not doc_country or _same_country(c, doc_country)

        # A unit named alone: its capital anchors too. A desert cercle's centroid can lie 300 km
        # from its seat, where its villages (and events) are.
        unit_seat = gaz.seat(unit) if seat is None else None

        def within_reach(c) -> bool:
            if seat is None and unit.feature_code == "ADM1" and c.admin1 and c.admin1 == unit.admin1:
                return True  # inside the named region, however far from its centroid
            if seat is None and _in_unit(unit, c):
                return True  # "Madama (Bilma)": inside a Saharan department, 360 km from its seat
            return anchor.distance_km(c) <= reach or (
                unit_seat is not None and unit_seat.distance_km(c) <= _SEAT_REACH_KM)

        candidates = [c for c in gaz.lookup(p.name, doc_country)
                      if in_country(c) and c.feature_code not in ("ADM1", "ADM2", "ADMD") and within_reach(c)]
        place = None
        if candidates:
            # Towns and villages first, then other features (forests, wells) of that name.
            # The importer's admin2 is right away from boundaries: a homonym inside the named
            # unit counts as some km closer.
            wanted = name_key(unit.admin2 if unit is not None and unit.feature_code == "ADM2" else "")

            wide = reach >= _UNIT_REACH_KM["ADM2"]

            def remoteness(c) -> tuple:
                inside = bool(wanted) and name_key(c.admin2 or "") == wanted
                own = _own_name(c, p.name)
                # Over a whole cercle the distance says little: the place bearing the written name first
                # ("Nampala (Niono, Segou)", not Nanpala, which GeoNames also calls Nampala).
                return (c.feature_class != "P", wide and not own,
                        anchor.distance_km(c) - (_INSIDE_BONUS_KM if inside else 0.0) - (_OWN_NAME_BONUS_KM if own else 0.0))

            if seat is None:
                # Only a province or region is named: its centroid says little about which
                # homonym is meant; the gazetteer's ranking (seats, size, membership) does.
                best = gaz.resolve(p.name, doc_country, context=[unit], fuzzy=False)
                if best is not None and any(c.geonameid == best.geonameid for c in candidates):
                    place = best
            if place is None:
                place = min(candidates, key=remoteness)
        else:
            # (The commune seat is the fallback: the slower wide fuzzy pass is not worth it here.)
            guess = gaz.resolve(p.name, doc_country, context=[anchor], fuzzy=True, wide=False)
            if guess is not None and in_country(guess) and within_reach(guess) \
                    and guess.feature_code not in ("ADM1", "ADM2"):
                place = guess
        # A named cercle/province gives both names (its admin1 is GeoNames' own; the importer's
        # admin2 of a village near a boundary may be the neighbour's). A named region only
        # fills what the place lacks: "Gao, Kidal" may be a list, not "Gao in Kidal region".
        admin1 = unit.admin1 if unit is not None and unit.feature_code == "ADM2" else None
        admin2 = unit.admin2 if unit is not None and unit.feature_code == "ADM2" else None
        if place is not None and admin1 is None and unit is not None:
            admin1 = place.admin1 or unit.admin1
            if unit.feature_code == "ADM1" and p.strength >= 3 and not p.weak_hints and unit.admin1:
                # "Anefis (Kidal region)": a region the note puts in brackets after the place is
                # its region, even where GeoNames still files the place under an older division.
                admin1 = unit.admin1
        if place is not None:
            return ResolvedPlace(p, place.name, place.country, admin1 or place.admin1 or None,
                                 admin2 or place.admin2 or None, place.latitude, place.longitude, precision, place)
        admin1 = admin1 or (unit.admin1 if unit is not None else None)
        if seat is not None:
            return ResolvedPlace(p, p.name, seat.country, admin1 or seat.admin1 or None, admin2 or seat.admin2 or None,
                                 seat.latitude, seat.longitude, 2, seat)
        if unit_seat is not None and unit.distance_km(unit_seat) > _EMPTY_UNIT_KM:
            # The centroid is far from anything: the unit's capital is the likelier spot.
            return ResolvedPlace(p, p.name, unit.country, unit.admin1 or unit.name, unit.admin2 or None,
                                 unit_seat.latitude, unit_seat.longitude, 2, unit_seat)
        return ResolvedPlace(p, p.name, unit.country, unit.admin1 or unit.name, unit.admin2 or None,
                             unit.latitude, unit.longitude, 2)

    def _capital(self, country: str) -> ResolvedPlace | None:
        c = lookup_country(country)
        gaz = self.gazetteer
        if c is None or not c.capital or gaz is None:
            return None
        place = gaz.resolve(c.capital, c.name, fuzzy=False)
        if place is None:
            return None
        return ResolvedPlace(None, place.name, place.country, place.admin1 or None, place.admin2 or None,
                             place.latitude, place.longitude, 3, place)

    def _from_hints(self, p: PlaceMention, hints: list[str], doc_country, inside) -> ResolvedPlace | None:
        """The village is not in the gazetteer: its commune (admin3) in the named province, else the province."""
        gaz = self.gazetteer
        if len(hints) >= 2:
            # The commune's seat usually bears its name: a place called like the admin3, inside the admin2.
            for cand in gaz.lookup(hints[0], doc_country):
                if inside(cand) and (not doc_country or _same_country(cand, doc_country)):
                    return ResolvedPlace(p, p.name, cand.country, cand.admin1 or None, cand.admin2 or None,
                                         cand.latitude, cand.longitude, 2, cand)
        for hint in reversed(hints):
            region = gaz.admin_region(hint, doc_country)
            if region is not None:
                return ResolvedPlace(p, p.name, region.country, region.admin1 or region.name,
                                     region.admin2 or None, region.latitude, region.longitude, 2)
        if len(hints) == 1:
            return None
        cand = gaz.resolve(hints[0], doc_country, fuzzy=False)
        if cand is not None and (not doc_country or _same_country(cand, doc_country)):
            return ResolvedPlace(p, p.name, cand.country, cand.admin1 or None, cand.admin2 or None,
                                 cand.latitude, cand.longitude, 2, cand)
        return None

    # ------------------------------------------------------------------ countries
    def _document_country(self, doc: Document, folded: str, mentions: list[Mention]) -> str | None:
        if doc.country:
            c = lookup_country(doc.country)
            return c.name if c else doc.country
        counts: dict[str, int] = {}
        cleaned = _NIGER_RIVER.sub(" ", folded)
        words = country_words()
        for m in _COUNTRY_WORD.finditer(cleaned):
            c = words.get(m.group(0))
            if c is not None:
                counts[c.name] = counts.get(c.name, 0) + 1
        for m in mentions:
            if m.entry.kind == ACTOR and m.entry.country and m.entry.country != "France":
                counts[m.entry.country] = counts.get(m.entry.country, 0) + 1
        if not counts:
            return None
        return max(counts.items(), key=lambda kv: kv[1])[0]

    @staticmethod
    def _mention_country(mentions: list[Mention]) -> str | None:
        for m in mentions:
            if m.entry.kind == ACTOR and m.entry.country:
                return m.entry.country
        return None

    # ------------------------------------------------------------------ roles and type
    def _roles_and_type(self, span_fold: str, offset: int, mentions: list[Mention], flags, country, day,
                        span_text: str = ""):
        labelled = label_type(span_fold) if offset == 0 else None
        if flags.get("clash") and _CIVILIANS_HIT.search(span_fold):
            # "executed unarmed men ... the army said it had 'neutralised a dozen terrorists'": the
            # state's claim, not a fight
            kept = [m for m in flags["clash"] if m is None or not re.search(
                r"\b(?:said|stated|claimed|maintained|insisted|announced)\s+(?:that\s+)?(?:it|they)\s+had\s+(?:\w+ly\s+)?"
                r"['\"\u2018\u201c]?$", span_fold[max(0, m.start() - 50):m.start()])]
            flags = {k: v for k, v in flags.items() if k != "clash"} | ({"clash": kept} if kept else {})
        if labelled is not None:
            # The note says what kind of event it is; code the actors for that kind.
            flags = {k: v for k, v in flags.items() if k not in ("kill", "attack", "clash", "abduction", "sexual",
                                                              "ied", "air", "suicide", "shelling", "grenade",
                                                              "took_control", "protest", "mob", "riot_violence")}
            flag = {"Looting/property destruction": "looting", "Disrupted weapons use": "defused",
                    "Arrests": "arrest", "Change to group/activity": "group_change", "Agreement": "agreement",
                    "Headquarters or base established": "base", "Non-violent transfer of territory": "transfer",
                    "Other": "other_sd"}[labelled[1]]
            flags.setdefault(flag, [None])
            for other in ("looting", "defused", "arrest", "group_change", "agreement", "base", "transfer"):
                if other != flag:
                    flags.pop(other, None)
        roles = _merge_components(self._roles(span_fold, offset, mentions, country, day), span_fold)
        armed = [r for r in roles if r.inter in (1, 2, 3, 4, 8) and not r.name.startswith("Government of")]
        civilians = [r for r in roles if r.inter == 7]
        crowd = [r for r in roles if r.inter in (5, 6)]
        groups = _assoc_groups(roles)

        # Who acted, who was targeted.
        if any(r.claimed and not r.generic and r.inter in (2, 3) for r in armed):
            # "armed men intercepted a convoy ... JNIM claimed the operation": the armed men were JNIM's
            armed = [r for r in armed if not (r.generic and r.inter == 3 and not r.target and
                                              r.name.startswith(("Unidentified", "Islamist")))]
        named = [r for r in armed if not r.generic and not r.target and r.inter in (2, 3, 4)]
        if named:
            # "the militants", "the assailants" after a named group refer back to it.
            first_named = min(r.start for r in named)
            # ... and "several militants were killed" after "an attack by JNIM militants" are its own
            # fighters, not a second group.
            armed = [r for r in armed if not (r.generic and r.inter == 3 and r.start > first_named
                                              and (r.name.startswith("Unidentified") or r.name.startswith("Islamist"))
                                              and (not r.target or _militant_word(span_fold, r)))]
        named_targets = [r for r in armed if not r.generic and r.target and r.inter in (2, 3, 4)]
        if named_targets:
            # "a gathering of IS Sahel fighters was targeted ... 23 militants were killed": the same group.
            first_named = min(r.start for r in named_targets)
            armed = [r for r in armed if not (r.generic and r.inter == 3 and r.start > first_named and r.target
                                              and (r.name.startswith("Unidentified") or r.name.startswith("Islamist"))
                                              and _militant_word(span_fold, r))]
        targets = [r for r in armed if r.target]
        subjects = [r for r in armed if not r.target]
        by_agents = [r for r in armed if r.by]
        claimed = [r for r in armed if r.claimed]
        ranked = ([r for r in claimed if not r.generic] + [r for r in by_agents if not r.generic]
                  + subjects + by_agents)
        actor1 = ranked[0] if ranked else None
        if actor1 is not None and _REPELLED.match(span_fold[actor1.end:actor1.end + 60]) and actor1.inter in (1, 8):
            # "FAMa repelled an attack by militants": the defenders are the second actor.
            attacker = next((r for r in armed if r is not actor1 and r.inter in (2, 3, 4)), None) or \
                self._generic("Unidentified Armed Group ({country})", country, day)
            actor1.target = True
            targets = [actor1] + [r for r in targets if r is not actor1]
            actor1 = attacker
        actor2 = None
        others = [r for r in (targets + subjects) if actor1 is None or actor_key(r.name) != actor_key(actor1.name)]
        if actor1 is None and targets:
            # Only the target is named: the attacker is unidentified ("a FAMa vehicle was struck by an IED").
            actor1 = self._generic("Unidentified Armed Group ({country})", country, day)
            others = targets
        if others:
            tgt = [r for r in others if r.target] or others
            actor2 = tgt[0]

        joined = actor1 is not None and actor2 is not None and actor2.start > actor1.end >= 0 and \
            _LISTED_WITH.fullmatch(span_fold[actor1.end:actor2.start])
        if joined and actor2.inter != 7 and _FOUGHT_ALONGSIDE.match(span_fold, actor2.end):
            # "the army and Dozo hunters clashed with JNIM": the second is an ally, the third the enemy.
            ally = actor2
            actor1.assoc = actor1.assoc + [ally.name]
            actor2 = next((r for r in armed if r.start > ally.end
                           and actor_key(r.name) not in (actor_key(actor1.name), actor_key(ally.name))), None)
        elif actor1 is not None and actor2 is not None and not actor2.target and \
                (actor2.inter in (2, 3, 4) and actor1.inter in (2, 3, 4) or (joined and actor2.inter != 7)) and \
                not (_CLASH_BETWEEN.search(span_fold) or ("clash" in flags and not joined)) and \
                (actor2.by or re.search(r"\b(?:and|with|alongside|&)\s+(?:the\s+)?(?:\w+\s+)?$",
                                        span_fold[max(0, actor2.start - 25):actor2.start])):
            # "an offensive by JNIM and the FLA": allies acting together, not two sides.
            # ("gunmen ... the government blamed IS Sahel": the gunmen were IS Sahel, no ally of theirs)
            if not (actor2.generic and actor2.name.startswith("Unidentified")):
                actor1.assoc = actor1.assoc + [actor2.name]
            actor2 = next((r for r in targets if r is not actor2 and r is not actor1), None)
        for side in (actor1, actor2):
            _add_listed_allies(side, armed, span_fold, (actor1, actor2))
        actor1, actor2 = (self._national_force_first(actor1, armed, span_fold),
                          self._national_force_first(actor2, armed, span_fold))
        for side, other in ((actor1, actor2), (actor2, actor1)):
            if side is None or side.inter != 1:
                continue
            for r in armed:
                entry = self.registry.get(r.name) if r.inter == 8 else None
                if entry is not None and entry.auxiliary and r is not other and r.target == side.target and \
                        r.name not in side.assoc:
                    side.assoc.append(r.name)  # "Malian troops and Africa Corps paramilitaries": one side
        has = flags.__contains__
        if has("base") and has("attack") and not (has("kill") or has("clash") or has("abduction") or has("sexual")) \
                and all(m is None or m.group(0) == "attacks" for m in flags["attack"]):
            # "set up a detachment in a town emptied by militant attacks since 2019": background
            flags = {k: v for k, v in flags.items() if k != "attack"}
            has = flags.__contains__
        if has("looting") and has("attack") and not (has("kill") or has("clash") or has("abduction") or has("sexual")) \
                and all(m is None or re.match(r"raid\w*|storm\w*|invaded|incursion", m.group(0)) or (
                        m.group(0) in ("injured", "wounded", "hurt") and _NO_HARM_BEFORE.search(span_fold[max(0, m.start() - 30):m.start()]))
                        for m in flags["attack"]):
            # "raided Sago and drove away the villagers' cattle; no casualties": the raid was the looting
            flags = {k: v for k, v in flags.items() if k != "attack"}
            has = flags.__contains__
        if has("agreement"):
            # "called on former signatory groups of the Algiers accord to join its ranks": the accord is
            # background, not signed here
            kept = [m for m in flags["agreement"] if m is None or not re.search(
                r"\b(?:signator\w*|members?|parties)\s+(?:[\w-]+\s+){0,2}?(?:of|to)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}$",
                span_fold[max(0, m.start() - 60):m.start()])]
            flags = {k: v for k, v in flags.items() if k != "agreement"} | ({"agreement": kept} if kept else {})
            has = flags.__contains__
        if (has("arrest") or has("agreement")) and not _REMOTE_BLOW.search(span_fold):
            # "arrested three men transporting detonators ... intended for the manufacture of IEDs",
            # "signed a protocol on joint drone surveillance": explosives and drones talked of, none used
            flags = {k: v for k, v in flags.items() if k not in ("ied", "air", "suicide", "shelling", "grenade")}
            has = flags.__contains__
        if has("arrest") and has("kill"):
            # "arrested five VDP members over their alleged involvement in the killing of two herders"
            kept = [m for m in flags["kill"] if m is None or not _KILLING_CHARGED.search(span_fold[max(0, m.start() - 60):m.start()])]
            flags = {k: v for k, v in flags.items() if k != "kill"} | ({"kill": kept} if kept else {})
            has = flags.__contains__
        if has("arrest") and has("looting") and (actor1 is not None and actor1.inter in (1, 8)) and all(
                m is not None and re.match(r"seized|took|taking", m.group(0)) for m in flags["looting"]):
            # "arrested eleven suspected militants ... and seized two motorcycles and ammunition"
            flags = {k: v for k, v in flags.items() if k != "looting"}
            has = flags.__contains__
        if has("looting") and has("ied") and not (has("kill") or has("clash") or has("abduction")) and \
                _INFRASTRUCTURE_BLOWN.search(span_fold) and not _PEOPLE_HIT.search(span_fold):
            # "blew up a bridge on the road between Pensa and Barsalogho ... No casualties": property destroyed
            flags = {k: v for k, v in flags.items() if k not in ("ied", "attack")}
            has = flags.__contains__
        violent = has("kill") or has("attack") or has("clash") or has("abduction") or has("sexual")
        explosive = has("ied") or has("air") or has("suicide") or has("shelling") or has("grenade")
        protest_words = None if labelled is not None else re.search(r"\b(?:protest(?!ant)\w*|demonstrat\w*|sit-?in|marched|marchers|(?:a|the|protest|peaceful) march|"
                                  r"rall(?:y|ies|ied)|strike|manifest\w*|picket\w*|rioted|"
                                  r"took (?:to )?the streets?|went (?:to|into) the streets?|disturbances|unrest|riot\w*|"
                                  r"to (?:ask|call|demand) for|demanding(?! (?:a |the )?ransom)|to demand(?! (?:a |the )?ransom)|blocked (?:the )?(?:road|roads|traffic|access)|"
                                  r"(?:supporters|partisans|crowds?|hundreds|thousands|hundred|thousand|youths|students|women|"
                                  r"residents|people|activists|members)\s+"
                                  r"(?:of\s+(?:[\w'.-]+\s+){1,5}?)?(?:who\s+)?(?:had\s+)?(?:gathered|assembled|converged|massed)|"
                                  # tear gas fired at a crowd
                                  r"tear\s?gas|"
                                  r"(?:threw|throwing) stones|stoned (?:a |the )?(?:police|gendarmerie|town hall|prefecture|"
                                  r"governor|mayor|vehicles?|station)|(?:set|setting) (?:tyres|tires) (?:on )?fire|"
                                  r"burn\w* (?:tyres|tires)|(?:set|setting) fire to the (?:police|gendarmerie|prefecture|"
                                  r"town hall|mayor|governor))\b", span_fold) or \
            (None if {"mob", "kill", "clash"} & flags.keys() else re.search(r"\[size=", span_fold))  # crowd-size tag
        # A protest is a crowd's; killings or explosions by armed groups in the same note make it something else.
        # "in the wake of a farmer demonstration" is background, not the event.
        if protest_words and not crowd and re.search(
                r"\b(?:in the wake of|following|after|in reaction to|in response to|ahead of|before)\s+"
                r"(?:a|an|the)\s+(?:[\w-]+\s+){0,2}?(?:demonstrations?|protests?|march|sit-?in|strike|rally)\b",
                span_fold) and sum(1 for _ in re.finditer(r"\b(?:protest(?!ant)\w*|demonstrat\w*)", span_fold)) == 1:
            protest_words = None
        if protest_words and not crowd and re.match(r"set|setting|ston|burn|threw|throwing", protest_words.group(0)) and \
                not re.search(
                r"\b(?:protest(?!ant)\w*|demonstrat\w*|sit-?in|march\w*|rall(?:y|ies|ied)|strike|manifest\w*|"
                r"gathered|took (?:to )?the streets?|\[size=)", span_fold) and \
                any(r.inter in (2, 3) and not r.target for r in armed):
            # "armed men presented as JNIM militants set fire to the town hall", "unidentified gunmen
            # stormed the town hall ... set fire to the mayor's vehicle": no crowd
            protest_words = None
        protest = bool(protest_words) and (bool(crowd) or not (explosive or (has("clash") and len(armed) > 1) or
                                                              (has("abduction") and bool(armed)) or
                                                              (has("kill") and not has("live_fire") and
                                                               any(r.inter in (2, 3) for r in armed))))

        # --- demonstrations
        if protest and protest_words:
            riot = any(
                not re.search(r"\b(?:would|could|will|might|may|threaten\w* to|warned|vowed to|plan\w* to|if)\s+"
                              r"(?:\w+\s+){0,2}$", span_fold[max(0, m.start() - 40):m.start()])
                # "denouncing insecurity after the burning of tanker trucks by militants": the cause
                and not re.search(r"\b(?:after|following|over|against|denouncing|condemning|protesting)\s+(?:the\s+)?"
                                  r"(?:[\w-]+\s+){0,2}$", span_fold[max(0, m.start() - 40):m.start()])
                for m in re.finditer(
                    r"\b(?:vandali\w*|burn\w*|set fire|torch\w*|barricad\w*|stones?|threw|pelted|ransack\w*|looted|"
                    # ("unrest", "disturbances" say nothing of violence: a protest unless more is said)
                    r"destroyed|damaged|smash\w*|(?<!anti-)(?<!anti )riot\w*|clashed with|attacked|occupied|violent\w*|"
                    r"stormed|looting|stoned|(?:set|setting) (?:tyres|tires) (?:on )?fire|broke into|broken into|"
                    r"break into|forced (?:their way )?into|pillag\w*|carried (?:away|off)|made off with)\b", span_fold))
            # ACLED codes "security forces" facing a crowd as the police.
            # The force that acted on the crowd first ("blocked a Barkhane convoy ... Soldiers fired tear gas")
            acting = [r for r in armed if r.inter in (1, 8)]
            acting.sort(key=lambda r: not (r.end >= 0 and re.match(
                r"\s+(?:\w+\s+){0,3}?(?:fired|shot|dispersed|used|intervened|charged|arrested|beat|repressed|"
                r"cracked down|broke up|lobbed|threw)\b", span_fold[r.end:r.end + 50])))
            forces = [self._crowd_control(r, span_fold, country, day) for r in acting]
            # ("protested after a man died in custody": the death is the cause, not the police's doing here)
            killed_here = any(not re.search(r"\b(?:after|following|over)\b[^,.;]{0,40}$", span_fold[max(0, m.start() - 50):m.start()])
                              for m in flags.get("kill", []) if m is not None)
            if riot:
                a1 = self._crowd("Rioters ({country})", country, day, groups)
                engaged = has("intervention") or has("clash") or has("live_fire") or has("kill") or \
                    any(r.target for r in forces)
                a2 = forces[0] if forces and engaged else None
                return a1, a2, "Riots", "Violent demonstration"
            a1 = self._crowd("Protesters ({country})", country, day, groups)
            if has("live_fire") or (forces and killed_here):
                return a1, forces[0] if forces else self._generic("Police Forces of {country}", country, day), \
                    "Protests", "Excessive force against protesters"
            if has("intervention"):
                a2 = forces[0] if forces else self._generic("Police Forces of {country}", country, day)
                return a1, a2, "Protests", "Protest with intervention"
            return a1, None, "Protests", "Peaceful protest"
        # "two rival armed groups ... fought for control of a gold-mining site": armed sides fighting, no mob
        brawl_only = all(m is not None and re.fullmatch(r"fought|fighting broke out|brawl", m.group(0))
                         for m in flags.get("mob", []))
        if has("mob") and not explosive and not [r for r in armed if r.inter in (1, 2, 4, 8) or not r.generic or r.by] \
                and not (brawl_only and armed):
            a1 = self._crowd("Rioters ({country})", country, day, groups)
            a2 = None
            if civilians and any(r.target for r in civilians):
                # "two youths suspected of theft were lynched by a mob": the mob's victims.
                a1.assoc = []
                a2 = self._civilians(civilians, country, day, groups)
            elif len(groups) > 1:
                a1.assoc = [groups[0]]
                a2 = self._crowd("Rioters ({country})", country, day, [groups[1]])
            return a1, a2, "Riots", "Mob violence"

        # --- weapons disrupted before use
        if has("defused") and not ((has("kill") or has("attack") or has("air")) and
                                   re.search(r"\b(?:killed|dead|deaths?|ambush\w*|attacked|neutrali[sz]ed|struck|strikes?|"
                                             r"stormed|overran|raided|took control)\b", span_fold)):
            # Whoever found or defused the device; the group that planted it is the second actor.
            state = next((r for r in roles if r.inter in (1, 8)), None)
            if state is None and actor1 is not None and actor1.inter in (2, 3, 4) and \
                    re.search(r"\b(?:military|army|soldiers|troops|engineers?|gendarm\w*|police|security forces|"
                              r"defen[cs]e forces|fds|fama|militaire|armee|genie)\b", span_fold):
                # "a military engineering team defused two IEDs ... planted by JNIM": the state found them
                state = self._generic("Police Forces of {country}" if re.search(r"\b(?:police|gendarm\w*)\b", span_fold)
                                      else "Military Forces of {country}", country, day)
            a1 = state or actor1 or self._generic("Military Forces of {country}", country, day)
            if state is not None and actor1 is not None and actor1 is not state and actor1.inter in (2, 3, 4):
                return a1, actor1, "Strategic developments", "Disrupted weapons use"
            group = next((r for r in armed if r.inter in (2, 3) and not r.generic and r is not a1), None)
            if group is not None:
                # "dismantled a hideout of the Islamic State in the Sahel", "a weapons cache belonging to JNIM"
                return a1, group, "Strategic developments", "Disrupted weapons use"
            return a1, None, "Strategic developments", "Disrupted weapons use"

        if explosive and has("suicide") and has("took_control") and any(
                m is not None and re.match(r"overr[au]n|stormed|seized|captured|took|taking", m.group(0)) for m in flags["took_control"]):
            explosive = False  # "stormed and overran the camp after a dawn assault involving a car bomb": a battle
        # --- explosions (an air-ground operation or an IED ambush followed by gunfire is a battle)
        if explosive and not has("suicide") and (
                re.search(r"\b(?:air-ground|ground (?:operation|forces|troops|assault)|commandos?|special forces|"
                          r"(?:air|and) ground strikes?|air and ground|air-landed|airborne operation|"
                          r"followed by (?:\w+ )?(?:soldiers|troops|ground)|(?:soldiers|troops) on (?:the )?(?:land|ground)|"
                          # "soldiers supported by aircraft retook X": a ground fight with air support
                          r"(?:supported|backed|assisted|covered)\s+by\s+(?:\w+\s+)?(?:aircraft|air\s*force|drones?|helicopters?|"
                          r"planes?|aviation|air\s*strikes?)|air support|air cover)\b",
                          span_fold)
                or (has("air") and not has("ied") and _ATTACK_ON_POST.search(span_fold))
                or re.search(r"\b(?:gunfire|small arms|complex (?:attack|ambush)|armed assault|rpgs?|"
                             r"(?<!ied )(?<!mine )(?<!explosive )(?<!bomb )ambush\w*|"
                             r"exchanges? of fire|exchanged fire|clash\w*|fighting|followed by (?:an? )?(?:armed )?"
                             r"(?:attack|assault))\b", span_fold)):
            explosive = False  # an IED or airstrike within a ground fight is a battle for ACLED
        if explosive and not (has("ied") and not (has("suicide") or has("air") or has("shelling") or has("grenade"))
                              and not re.search(r"\b(?:ied|mine|landmine|explosive|bomb|blast|explosion|engin|detonation|blown up|blew up)", span_fold)):
            if has("suicide"):
                sub = "Suicide bomb"
            elif has("air") and (not has("ied") or (
                    # "a drone attack ... dropping explosive charges": the explosives came from the drone
                    re.search(r"\bdrones?\b", span_fold) and
                    not re.search(r"\b(?:ied|ieds|mines?|landmines?|roadside|buried|planted)\b", span_fold))):
                sub = "Air/drone strike"
            elif has("shelling") and not has("ied"):
                sub = "Shelling/artillery/missile attack"
            elif has("grenade") and not has("ied"):
                sub = "Grenade"
            else:
                sub = "Remote explosive/landmine/IED"
            # "JNIM fighters flew explosive-laden drones over the camp": armed groups fly drones too.
            own_drones = actor1 is not None and actor1.inter in (2, 3) and not actor1.generic and not actor1.target \
                and actor1.end >= 0 and re.match(r"[^.;]{0,60}?\b(?:flew|launched|used|sent|deployed|operated|fired|carried out|conducted)\s+"
                                                  r"(?:[\w-]+\s+){0,3}?drones?\b", span_fold[actor1.end:])
            if sub == "Air/drone strike" and (actor1 is None or actor1.inter not in (1, 8)) and not own_drones:
                owner = next((r for r in armed if r.inter in (1, 8)), None)
                if owner is not None:
                    placeholder = actor1 is not None and actor1.generic and not any(actor1 is r for r in armed)
                    if actor1 is not owner and not placeholder:
                        actor2 = actor1
                    elif actor2 is owner:
                        # "IS Sahel fighters were targeted by drone strikes of the Nigerien armed forces"
                        actor2 = next((r for r in armed if r is not owner and r.target), None)
                    actor1 = owner
                else:
                    # "Nigerien drones struck...": the adjective says whose aircraft they were.
                    own = next((nationality(m.group(1)) for m in _AIRCRAFT_OF.finditer(span_fold)
                                if nationality(m.group(1)) is not None), None)
                    if actor2 is None and actor1 is not None and actor1.inter in (2, 3, 4):
                        actor2 = actor1  # "French Mirage jets struck a group of ISGS fighters": the group was hit
                    actor1 = self._generic("Military Forces of {country}", own or country, day)
                    if own and country and own != country:
                        actor1.inter = 8  # state forces abroad
            if sub == "Remote explosive/landmine/IED" and actor1 is not None and actor1.inter in (1, 8) and \
                    not actor1.by and not actor1.claimed and (actor2 is None or actor2.inter == 7):
                # "a vehicle of a MINUSMA convoy hit an explosive device, killing three peacekeepers"
                actor1, actor2 = None, actor1
            if actor1 is None:
                actor1 = self._generic("Unidentified Armed Group ({country})", country, day)
            if actor2 is None and (civilians or _CIVILIAN_VEHICLE.search(span_fold)):
                # "A minibus was hit by an IED": its passengers are the civilians ACLED names.
                actor2 = self._civilians(civilians, country, day, groups)
            return actor1, actor2, "Explosions/Remote violence", sub

        # --- territory
        no_fight = re.search(r"\bwithout (?:(?:meeting|encountering|facing|firing|putting up)\s+)?(?:any )?"
                             r"(?:fighting|clash\w*|resistance|combat|a shot|a fight)|"
                             r"\bno (?:report(?:s|ed)? of )?(?:clash\w*|fighting|combat|incidents?|violence|resistance)"
                             r"(?: (?:was|were|has been|have been))?(?: reported)?", span_fold)
        if has("took_control") and not (has("kill") or has("attack") or (has("clash") and not no_fight)) and \
                (no_fight or re.search(r"\bpeaceful\w*|under (?:the )?control of|handed over|handover|hand(?:ed|ing)? (?:\w+ ){1,3}over to|"
                                       # "took control of the camp after the last peacekeepers left"
                                       r"\bafter\s+(?:the\s+)?(?:[\w'-]+\s+){0,3}?(?:left|withdrew|departed|pulled\s+out|vacated|"
                                       r"abandoned)\b|\b(?:withdrawal|departure|pull-?out|retrocession)\b", span_fold)):
            at = flags["took_control"][0].start()
            taker = self._taker(span_fold, at, roles, country, day)
            taker = _receiver(span_fold, roles) or taker
            if taker is not None:
                # "troops supported by Africa Corps re-entered X, which JNIM had abandoned": the
                # troops took it (their helpers associated); the side that left is the other.
                left = next((r for r in armed if r is not taker and actor_key(r.name) != actor_key(taker.name)
                             and actor_key(r.name) not in {actor_key(a) for a in taker.assoc}), None)
                return taker, left, "Strategic developments", "Non-violent transfer of territory"
            return (actor1 or (armed[0] if armed else self._generic("Unidentified Armed Group ({country})", country, day)),
                    actor2, "Strategic developments", "Non-violent transfer of territory")
        if has("took_control") and all(re.match(r"overr[au]n|occupied|took over|stormed", m.group(0)) for m in flags["took_control"]) \
                and _HELD_BRIEFLY.search(span_fold):
            # "overran the base and set vehicles on fire before withdrawing": a raid, no change of territory
            flags = {k: v for k, v in flags.items() if k != "took_control"}
            has = flags.__contains__
        if has("took_control"):
            # "the recapture of Kidal" refers to a takeover; "X retook Kidal" reports one.
            verbal = [m for m in flags["took_control"]
                      if not re.search(r"\b(?:the|its|their|a|this)\s+$", span_fold[max(0, m.start() - 6):m.start()])]
            at = (verbal or flags["took_control"])[0].start()
            taker = self._taker(span_fold, at, roles, country, day)
            if taker is not None and taker.inter in (4, 8):
                # "the Malian army and Africa Corps retook X", "soldiers and VDP retook X": the national
                # army, its auxiliaries associated.
                national = next((r for r in roles if r.inter == 1 and not r.target and 0 <= r.end <= taker.start and
                                 _LISTED_WITH.fullmatch(span_fold[r.end:taker.start])), None)
                if national is not None and taker.inter == 8:
                    taker.assoc = taker.assoc + [national.name]
                    taker = self._national_force_first(taker, roles)
                elif national is not None and not taker.generic:
                    national.assoc = national.assoc + [taker.name] if taker.name not in national.assoc else national.assoc
                    taker = national
            loser = next((r for r in roles if r.start > at and r is not taker and r.inter in (1, 2, 3, 4, 8) and
                          re.search(r"\bfrom\s+(?:the\s+)?(?:hands\s+of\s+(?:the\s+)?)?$", span_fold[max(0, r.start - 25):r.start])),
                         None)
            if taker is not None and loser is not None:
                actor1, actor2 = taker, loser  # "retook X from FLA rebels"
            if taker is not None:
                if actor1 is None or actor_key(taker.name) != actor_key(actor1.name):
                    if actor2 is None or actor_key(actor2.name) == actor_key(taker.name):
                        actor2 = actor1 if actor1 is not None and actor1.target else None
                    actor1 = taker
            if actor1 is None:
                actor1 = self._generic("Unidentified Armed Group ({country})", country, day)
            if actor2 is not None and actor_key(actor2.name) == actor_key(actor1.name):
                actor2 = None
            if actor1.inter == 1:
                if actor2 is None or actor2.name in actor1.assoc:
                    # "retook X, two weeks after the town fell to JNIM": the group that held it
                    actor2 = next((r for r in roles if r.inter in (2, 3) and not r.generic and r is not actor1
                                   and r.start > at), None)
                return actor1, actor2, "Battles", "Government regains territory"
            if actor1.inter in (2, 3, 4) or actor1.generic:
                return actor1, actor2, "Battles", "Non-state actor overtakes territory"

        # --- brawls between unarmed groups ("clashes between students"): a riot, not a battle
        if has("clash") and not explosive and not armed and groups and \
                all(g.split(" (")[0] in _CROWD_GROUPS for g in groups) and _CLASH_BETWEEN.search(span_fold):
            a1 = self._crowd("Rioters ({country})", country, day, groups)
            a2 = self._crowd("Rioters ({country})", country, day, groups)
            return a1, a2, "Riots", "Mob violence"

        # --- violence
        if violent:
            victims_civilian = bool(civilians) or bool(groups)
            murder = re.search(r"\b(?:assassinat\w*|murder\w*|execut\w*|behead\w*|lynch\w*|slaughter\w*|massacr\w*|"
                               r"shot dead|tortur\w*|mistreat\w*|maltreat\w*|whipp\w*|flogg\w*)", span_fold)
            clash_between = _CLASH_BETWEEN.search(span_fold)
            armed_target = actor2 is not None and actor2.inter in (1, 2, 3, 4, 8)
            if armed_target and not actor2.target and not has("clash") and not _CLASH_BETWEEN.search(span_fold) \
                    and (civilians or groups):
                # "Armed men dressed as Dozo hunters stormed the village, shooting residents": a second
                # armed name that is nobody's target describes the attackers; the victims are civilians.
                if actor1 is not None and not (actor2.generic and actor2.name.startswith("Unidentified")):
                    actor1.assoc = actor1.assoc + [actor2.name]
                actor2 = None
                armed_target = False
            attack_on_post = _ATTACK_ON_POST.search(span_fold)
            if attack_on_post and _community_camp(span_fold, offset, mentions, attack_on_post):
                attack_on_post = None  # "an Imghad camp was attacked": a community's camp, not a post
            if armed_target and _OFF_DUTY.search(span_fold):
                # A militiaman killed on his farm, "assumed off-duty": ACLED codes an attack on a civilian.
                groups = groups + [actor2.name]
                actor2 = None
                armed_target = False
                attack_on_post = None
            if (murder or ((has("abduction") or has("sexual")) and not has("attack"))) and \
                    not (has("clash") or attack_on_post):
                armed_target = False
                if actor2 is not None and actor2.inter != 7:
                    groups = groups + [actor2.name]
                    actor2 = None
            elif not armed_target and (clash_between or attack_on_post or (has("clash") and not victims_civilian)):
                if actor1 is not None and actor1.inter in (1, 8) and not attack_on_post:
                    actor2 = self._generic("Unidentified Armed Group ({country})", country, day)
                elif actor2 is None or actor2.inter == 7:
                    post = attack_on_post.group(0) if attack_on_post else ""
                    if re.search(r"gendarm", post):
                        actor2 = self._generic("Police Forces of {country} Gendarmerie", country, day)
                    elif re.search(r"police", post):
                        actor2 = self._generic("Police Forces of {country}", country, day)
                    elif clash_between and not attack_on_post:
                        actor2 = None
                    else:
                        actor2 = self._generic("Military Forces of {country}", country, day)
                armed_target = actor2 is not None or bool(clash_between)
            militant_victims = list(_MILITANT_VICTIM.finditer(span_fold)) if not armed_target else []
            if militant_victims and _CIVILIANS_HIT.search(span_fold):
                # "the army said it had 'neutralised a dozen terrorists'" over executed unarmed men: its claim
                militant_victims = [m for m in militant_victims if not re.search(
                    r"\b(?:said|stated|claimed|maintained|insisted)\s+(?:that\s+)?(?:it|they)\s+had\b",
                    span_fold[max(0, m.start() - 60):m.start()])]
            if not armed_target and actor1 is not None and actor1.inter in (1, 8) and militant_victims \
                    and not _TAKEN_FOR_MILITANTS.search(span_fold):
                # Soldiers killing "militants" or "a jihadist commander": a battle, not violence against civilians.
                actor2 = next((r for r in armed if r is not actor1 and r.inter in (2, 3, 4)), None) or \
                    self._generic("Unidentified Armed Group ({country})", country, day)
                armed_target = True
            if not armed_target and _REPELLED_ATTACK.search(span_fold) and (actor2 is None or actor2.inter == 7):
                # "The attack was repelled": someone fought back — the village's defenders, as ACLED names them.
                actor2 = Role("{location} Communal Militia (" + (country or "International") + ")", 4, generic=True)
                armed_target = True
            unnamed_attacker = actor1 is None or (actor1.start < 0 and actor1.name.startswith("Unidentified Armed Group"))
            if armed_target and unnamed_attacker and actor2 is not None and actor2.inter == 1 and \
                    _COMMUNITY_SUBJECT.search(span_fold):
                # "villagers killed two policemen": a village militia, named after its village.
                actor1 = Role("{location} Communal Militia (" + (country or "International") + ")", 4, generic=True)
            if armed_target:
                if clash_between and actor1 is not None and actor1.generic and actor1.inter == 3 and actor2 is None \
                        and _RIVAL_ARMED_GROUPS.search(span_fold):
                    # "two rival armed groups fought over a gold-mining site": unnamed on both sides
                    actor2 = self._generic("Unidentified Armed Group ({country})", country, day)
                if clash_between and (actor1 is None or actor1.inter == 7 or actor2 is None):
                    a1, a2 = self._communal_sides(span_fold, offset, roles, country, day,
                                                  _named_village_people(span_text, offset, mentions))
                    if actor1 is None or actor1.inter == 7:
                        actor1 = a1
                    if actor2 is None or actor2.inter == 7:
                        actor2 = a2 if a2 is not None and actor_key(a2.name) != actor_key(actor1.name) or \
                            (a2 is not None and "Communal" in a2.name) else actor2
                if actor1 is None:
                    actor1 = self._generic("Unidentified Armed Group ({country})", country, day)
                return actor1, actor2, "Battles", "Armed clash"
            if actor1 is None:
                actor1 = self._villagers_from(span_fold, country, _named_village_people(span_text, offset, mentions)) or \
                    self._generic("Unidentified Armed Group ({country})", country, day)
            victims = self._civilians(civilians, country, day, groups)
            if has("sexual") and not has("kill"):
                return actor1, victims, "Violence against civilians", "Sexual violence"
            killing = re.search(r"\b(?:killed|killing|executed|murdered|assassinated|shot dead|lynched)\b", span_fold)
            if has("abduction") and (killing is None or (
                    # "kidnapped 14 people ... A villager who tried to resist was shot dead": the abduction,
                    # with its one death
                    flags["abduction"][0] is not None and flags["abduction"][0].start() < killing.start() and
                    re.search(r"\b(?:a|an|one|his|her|their|the)\s+(?:[\w'-]+\s+){0,3}?(?:who\s+[^.;]{0,40}?\s+)?"
                              r"(?:was|had\s+been)\s+$", span_fold[max(0, killing.start() - 80):killing.start()]))):
                return actor1, victims, "Violence against civilians", "Abduction/forced disappearance"
            return actor1, victims, "Violence against civilians", "Attack"

        # --- strategic developments
        if re.search(r"\b(?<!since the )(?<!after the )(?<!following the )(?<!before the )"
                     r"(?:coup(?: d'etat)?|seized power|seizure of power|seizing power|took power|military takeover|"
                     # ("a minister of the ousted government": an adjective, not the event)
                     r"overthrew|(?<!the )(?<!former )(?<!an )(?:ousted|toppled)(?! (?:government|president|regime|leader)))\b",
                     span_fold):
            a1 = actor1 or next((r for r in roles if r.inter == 1), None) or \
                self._generic("Military Forces of {country}", country, day)
            return a1, None, "Strategic developments", "Other"
        if has("looting"):
            if actor1 is None:
                actor1 = self._generic("Unidentified Armed Group ({country})", country, day)
            # (a bridge or a pylon blown up is nobody's in particular: no actor2)
            victims = actor2 or (self._civilians(civilians, country, day, groups)
                                 if (civilians or groups or (_PROPERTY.search(span_fold) and
                                                             not _INFRASTRUCTURE_BLOWN.search(span_fold))) else None)
            return actor1, victims, "Strategic developments", "Looting/property destruction"
        if has("arrest"):
            a1 = actor1 if actor1 is not None and actor1.inter in (1, 8) else self._generic(
                "Police Forces of {country}" if re.search(r"\b(?:police|policemen|brigade|cybercrim\w*|commissariat|"
                                                          r"investigators?)\b", span_fold) else "Military Forces of {country}",
                country, day)
            a2 = actor2 or (actor1 if actor1 is not None and actor1 is not a1 else None)
            if a2 is not None and (actor_key(a2.name) == actor_key(a1.name) or (a2.by and civilians)):
                # "police arrested a journalist after he reported on an abduction by Boko Haram": the
                # journalist, not the group his report was about
                a2 = None
            if a2 is None and a1.name.startswith("Military Forces") and _OFFICERS_ARRESTED.search(span_fold):
                a2 = self._generic("Military Forces of {country}", country, day)
            if a2 is None and (civilians or groups or _PERSON_ARRESTED.search(span_fold)):
                a2 = self._civilians(civilians, country, day, groups)
            if a2 is not None and a2.inter == 7 and any(g.startswith("Government of") for g in a2.assoc) and \
                    re.search(r"\b(?<!former )(?<!ex-)(?:ministers?|prime minister|president of the (?:republic|transition)|"
                              r"head of state)\b", span_fold):
                # "arrested the ministers of the ousted government": members of the national government (a
                # mayor or a prefect arrested stays a civilian, as ACLED codes local officials)
                a2 = self._generic("Government of {country}", country, day)
            if a2 is not None and a2.inter == 7 and re.search(
                    r"\b(?:unknown destination|no news|whereabouts (?:remain |are |is )?unknown|(?:have|has|had) not been seen|"
                    r"disappeared|not acknowledged (?:any arrests?|holding|detaining|the arrests?)|denied (?:holding|detaining)|"
                    r"never seen again)\b", span_fold):
                # "seized fifteen men and drove them away to an unknown destination; no news since"
                return a1, a2, "Violence against civilians", "Abduction/forced disappearance"
            return a1, a2, "Strategic developments", "Arrests"
        if has("agreement") and has("group_change") and re.search(
                r"\b(?:suspend\w*|withdr\w* from|pull\w* out of|quit)\b", span_fold):
            # "suspending its participation in the follow-up of the peace agreement": a change of course
            flags = {k: v for k, v in flags.items() if k != "agreement"}
            has = flags.__contains__
        if has("agreement"):
            a1 = actor1 or (armed[0] if armed else None)
            party = next((r for r in armed if a1 is not None and r is not a1 and r.name in a1.assoc and
                          r.inter in (2, 3, 4) and (self.registry.get(a1.name) is None or
                                                    self.registry.get(a1.name).parent != r.name)), None)
            if party is not None and (actor2 is None or actor2.inter == 7):
                # "Katiba Macina militants and Dozo hunters concluded a truce": the two parties
                a1.assoc = [a for a in a1.assoc if a != party.name]
                return a1, party, "Strategic developments", "Agreement"
            if actor2 is not None and civilians and a1 is not None and a1.inter != 7 and \
                    min(c.start for c in civilians) < actor2.start:
                # "JNIM and the notables of Dioura concluded an agreement ... disbanding the self-defence
                # group": the party named first is the other side of it.
                actor2 = self._civilians(civilians, country, day, groups)
            if actor2 is None and (civilians or groups) and a1 is not None and a1.inter != 7:
                actor2 = self._civilians(civilians, country, day, groups)  # "JNIM and community leaders agreed ..."
            return a1, actor2, "Strategic developments", "Agreement"
        if has("base"):
            if actor1 is not None and actor1.inter in (1, 8) and actor2 is not None and actor2.inter in (3, 4) and \
                    not actor2.target and not actor2.generic:
                # "a new detachment manned by a battalion and VDP units": the army's auxiliaries
                actor1.assoc = actor1.assoc + [actor2.name] if actor2.name not in actor1.assoc else actor1.assoc
                actor2 = None
            return actor1, actor2, "Strategic developments", "Headquarters or base established"
        if has("transfer") and actor1 is not None:
            receiver = _receiver(span_fold, roles)
            if receiver is not None and receiver is not actor1:
                return receiver, actor1, "Strategic developments", "Non-violent transfer of territory"
            return actor1, actor2, "Strategic developments", "Non-violent transfer of territory"
        if has("group_change"):
            return actor1 or (roles[0] if roles else None), actor2, "Strategic developments", "Change to group/activity"
        a1 = actor1 or next((r for r in roles if r.inter == 1), None) or (roles[0] if roles else None)
        if a1 is None:
            a1 = self._generic("Unidentified Armed Group ({country})", country, day)
        a2 = None
        if a1.inter in (2, 3, 4) and (civilians or groups or _PROPERTY.search(span_fold)):
            # Armed groups imposing rules on residents: civilians are on the receiving end.
            a2 = self._civilians(civilians, country, day, groups)
        return a1, a2, "Strategic developments", "Other"

    # ------------------------------------------------------------------ role building
    def _roles(self, span_fold: str, offset: int, mentions: list[Mention], country, day) -> list[Role]:
        reg = self.registry
        roles: list[Role] = []
        ms = [m for m in mentions if offset <= m.start < offset + len(span_fold)]
        skip: set[int] = set()
        last_ally: tuple[Role, int] | None = None  # the force the last ally helped, and where that ally's mention ended
        ethnic = [i for i, m in enumerate(ms) if m.entry.kind == ETHNIC]
        victim_ethnic = {i for i in ethnic if _community_victims(span_fold, ms, i, offset)}
        if len({ms[i].ethnic for i in ethnic}) >= 2 and len(victim_ethnic) == len(ethnic):
            # "Two Lobi farmers were killed ... where 6 Fula were killed": each community the
            # other's victim, a clash between their militias.
            victim_ethnic = set()
        # Cheap gates for rules whose words most notes lack.
        may_report = _REPORT_VERB.search(span_fold) is not None
        may_hand = "handed" in span_fold or "turned" in span_fold or "delivered" in span_fold or "transferred" in span_fold
        may_text = _TEXT_WORD.search(span_fold) is not None
        for i, m in enumerate(ms):
            if i in skip:
                continue
            s, e = m.start - offset, m.end - offset
            after = span_fold[e:e + 40]
            before = span_fold[max(0, s - 60):s]
            entry = m.entry
            if entry.kind == ACTOR and re.match(r"^-?\s*(?:linked|affiliated|allied|aligned|backed|inspired|"
                                                  r"leaning|style)\b(?!\s+by\b)", span_fold[e:e + 16]):
                continue  # "al-Qaeda-linked JNIM": a description of the next actor, not an actor
            if entry.kind == ETHNIC and re.match(r"^-(?:focused|oriented|rights|run|speaking)\b", span_fold[e:e + 12]):
                continue  # "a Fulani-focused NGO": the community describes someone else
            if entry.kind == ETHNIC and i + 1 < len(ms) and ms[i + 1].entry.kind == ACTOR and \
                    re.fullmatch(r"\s+", span_fold[e:ms[i + 1].start - offset] or "x"):
                continue  # "the Bambara dozo hunters": the named militia, whose community the adjective gives
            if entry.kind == ETHNIC and _JIHADIST_NOUN.match(after):
                continue  # "Fulani jihadists": jihadist fighters, whatever their community
            if entry.inter == 1 and _RULERS_AFTER.match(after):
                continue  # "criticizing the military government": the state, not troops in the event
            if entry.inter in (1, 8) and re.match(r"'s?\s+(?!soldiers|troops|units?|positions?|base|camp|post|convoy|"
                                                r"patrol|vehicles?|men|forces|drones?|aircraft|helicopters?|planes?|"
                                                r"jets?|artillery|strikes?|operation)[a-z]", span_fold[e:e + 30]):
                continue  # "an article on the management of the army's fuel supplies": no side in it
            if may_report and entry.kind == ACTOR and entry.inter in (2, 3, 4) and (
                    _CO_SOURCE_BEFORE.search(before[-40:]) and _SAID_NEXT.match(span_fold, e)
                    or _CO_SOURCE_AFTER.match(span_fold, e)):
                continue  # "Local sources and the FLA said eight civilians were killed": a source of the toll
            if entry.kind == ACTOR and entry.inter in (2, 3, 4) and \
                    re.search(r"\baccording\s+to\s+(?:the\s+|a\s+)?(?:[\w'-]+\s+)?$", before[-40:]):
                continue  # "killing 14 civilians, according to the CSP-PSD and local residents": who told it
            if may_hand and entry.inter in (1, 8) and _PEOPLE_HANDED_TO.search(before[-80:]):
                continue  # "the herders were later handed over to the gendarmerie": who received them, no side
            if may_report and entry.kind == ETHNIC and _ORGANISATION_AFTER.match(span_fold, e):
                continue  # "a Fulani herders' association said 12 people were killed": who reported it
            if may_text and entry.kind in (ACTOR, TEMPLATE) and entry.inter in (1, 2, 3, 4, 8) and \
                    _TEXT_ABOUT.search(span_fold[max(0, s - 100):s]):
                continue
            if entry.inter in (1, 8) and _STANCE_TOWARDS.search(before[-40:]):
                continue  # "supporters of the CNSP marched", "an interview critical of the junta": no side in it
            if entry.kind in (ACTOR, TEMPLATE) and entry.inter in (1, 2, 3, 4, 8) and _ACCUSED_OF_LINKS.search(before):
                continue  # "executed five men they accused of working with the army": the victims' alleged ties
            if _HIRED_BY.match(span_fold[e:e + 16]):
                continue  # "a MINUSMA-rented truck": a contractor's vehicle, not the mission's
            if entry.kind in (TEMPLATE, GROUP) and _WITNESSES_BEFORE.search(before):
                continue  # "gunfire was heard by Kidal inhabitants": the witnesses are no side of it
            if entry.kind == TEMPLATE and re.match(r"^\s+(?:of|from)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}$",
                                                  span_fold[e:e + 45].split(")")[0][:0] or "") is None:
                nxt_named = next((x for x in ms[i + 1:i + 3] if x.entry.kind == ACTOR and x.start - m.end <= 45), None)
                if nxt_named is not None and re.fullmatch(r"\s+(?:of|from)\s+(?:the\s+)?(?:[\w'-]+\s+){0,2}",
                                                          span_fold[e:nxt_named.start - offset]):
                    continue  # "fighters of the al-Qaeda-affiliated JNIM": the named group is the actor
            intended = _INTENDED_TARGET.search(before) if entry.kind in (TEMPLATE, ACTOR) else None
            # "the device was believed to have been planted against army patrols" says what it was for,
            # wherever the victims are named
            speech = intended is not None and bool(re.match(r"(?:said|stated|claimed|insisted|maintained|planted|laid|"
                                                            r"placed|meant|intended)", intended.group(0)))
            if intended and (entry.kind == TEMPLATE or speech or not _MILITANT_VICTIM.search(span_fold)) and \
                    _CIVILIANS_HIT.search(span_fold if speech else span_fold[e:]):
                # "a strike targeting presumed jihadists hit a wedding, killing six civilians"; "the army
                # stated that the strike targeted JNIM militants" (the word after the name goes with it)
                tail = re.match(r"\s*(?:militants?|fighters?|elements?|members?|jihadists?|combatants?|men)\b", span_fold[e:])
                if tail:
                    skip.update(j for j in range(i + 1, len(ms)) if ms[j].start - offset < e + tail.end())
                continue
            if entry.kind == ACTOR and re.search(r"\b(?:statement|communiqu\w*|press release|spokesm[ae]n|spokesperson|"
                                                 r"claim|video|message)\s+(?:issued\s+)?(?:by|of|from)\s+(?:the\s+)?(?:[\w'-]+\s+)?$",
                                                 before[-60:]) and not re.match(r"[^.;]{0,80}\b(?:claim\w*|said it|"
                                                                                 r"announc\w*)", span_fold[e:]):
                continue  # "a statement by the CSP rebel coalition later put the dead at eight": who reported it
            if entry.kind in (TEMPLATE, ACTOR) and re.search(r"\b(?:no|not\s+any|without\s+any|neither)\s+$", before):
                continue  # "residents said no armed men were present": nobody of that kind was there
            if entry.kind == TEMPLATE and re.search(r"\b(?:mistaken|taken|confused)\s+for\s+(?:\w+\s+){0,2}$", before):
                continue  # "herders mistaken for jihadists": what they were taken for, not who was there
            if entry.kind in (ACTOR, TEMPLATE) and entry.inter in (1, 8) and _FORCE_AS_SOURCE.match(span_fold, e) and \
                    any(r.name == reg.resolve(entry, country, day)[0] for r in roles):
                continue  # "... The French general staff said six militants were killed": the force, again, as the source
            if entry.kind == ACTOR and re.match(r"\s+(?:put|gave|placed)\s+(?:the|a)\s+(?:death\s+)?(?:toll|number\s+of\s+dead)\b",
                                                span_fold[e:e + 40]):
                continue  # "The CSP-PSD put the toll at nine dead": a source of the toll
            if entry.kind == ACTOR and re.match(r"\s+(?:\w+\s+)?(?:denounced|condemned|critici[sz]ed|welcomed|deplored|"
                                                r"called\s+for|protested\s+against)\b", span_fold[e:e + 40]):
                continue  # "The CSP-PSD denounced the handover": a reaction, not a side
            if entry.inter == 1 and entry.name.startswith("Government") and _SPEAKER_AFTER.match(span_fold[e:e + 60]):
                continue  # "The ministry said about 10 militants were neutralised": the source of the toll
            if entry.kind == GROUP and re.match(r"\s+sources?\b", after):
                continue  # "a humanitarian source": who reported it
            if entry.kind == GROUP and _SPEAKER_AFTER.match(span_fold[e:e + 60]):
                continue  # "the governor of Mopti said that ...": the source of the report, not a side
            if entry.kind == GROUP:
                own = _nationality_before(before) or country
                role = Role(entry.name.replace("{country}", own or "International"), 7, start=s, generic=True)
                role.assoc = [role.name]
                role.name = "Civilians ({})".format(own or "International")
            elif entry.kind == ETHNIC:
                militia_word = _MILITIA_AFTER.match(after)
                # "from the Bozo ethnic group": the community itself (ACLED's "Bozo Ethnic Group").
                armed = bool(militia_word) and not re.match(r"\s*ethnic\s+group", after) and \
                    not re.search(r"\b(?:unarmed|defenceless|defenseless|innocent)\s+$", before)  # "unarmed Fulani men"
                nxt_named = next((x for x in ms[i + 1:i + 2] if x.entry.kind == ACTOR), None)
                if armed and nxt_named is not None and re.fullmatch(
                        r"\s+(?:[\w-]+\s+)?(?:from|of)\s+(?:the\s+)?(?:[\w-]+\s+)?|\s*,?\s*(?:known as\s+|called\s+)?",
                        span_fold[militia_word.end() + e:nxt_named.start - offset]):
                    continue  # "Dogon militiamen from Dan Na Ambassagou": the named militia is the actor
                # "Four young Tuareg men were killed by...", "Fulani herders killed in the attack":
                # the community's men as victims, not a militia.
                victims = i in victim_ethnic
                if armed and victims and re.search(r"\b(?:men|youths?)\s*$", militia_word.group(0)):
                    armed = False
                if armed and _VIOLENCE_ON_BEFORE.search(before) and not re.search(
                        r"militia|self-defen[cs]e|fighters|combatants|hunters|vigilantes|gunmen|armed|elements",
                        militia_word.group(0) + span_fold[e + militia_word.end():e + militia_word.end() + 25]):
                    # "Koglweogo members killed at least 6 Fulani men", "raided a Fulani herders' hamlet"
                    armed, victims = False, True
                # "Gourmantche farmers and Fulani pastoralists clashed": communities fighting each other.
                nxt = ms[i + 1] if i + 1 < len(ms) else None
                noun = nxt
                if nxt is not None and nxt.entry.kind == ETHNIC and i + 2 < len(ms) and \
                        ms[i + 2].entry.kind == GROUP and ms[i + 2].start - nxt.end <= 2 and \
                        re.fullmatch(r"\s+(?:and|&)\s+", span_fold[m.end - offset:nxt.start - offset]):
                    noun = ms[i + 2]  # "Fulani and Tuareg herders clashed": both communities' herders
                if not armed and noun is not None and noun.entry.kind == GROUP and \
                        noun.start - (m.end if noun is nxt else nxt.end) <= 2 and \
                        re.search(r"\b(?:clash\w*|fought|fight(?:s|ing)?|attacked|killed|violence|destroyed|burned|"
                                  r"looted|assaulted|raided)\b", span_fold) and \
                        not re.search(r"\b(?:by|against|of|on|killed|attacked|abducted)\s+(?:\w+\s+){0,2}$", before):
                    # "Lobi farmers destroyed several houses": a community acting as an armed group.
                    verb_after = re.match(r"^\s*\w+\s+(?:\w+\s+){0,4}?(?:clash\w*|fought|attacked|killed|destroyed|"
                                          r"burned|looted|assaulted|raided|accused)", span_fold[noun.end - offset:])
                    if verb_after and re.search(r"\b(?:was|were|been|being)\b", verb_after.group(0)):
                        verb_after = None  # "Fulani herders were killed": the victims, not an armed group
                    armed = not victims and (sum(1 for x in ms if x.entry.kind == ETHNIC) >= 2 or bool(verb_after))
                if armed and re.search(r"\b(?:accus\w*|suspect\w*|blam\w*)\s+(?:the\s+|local\s+)?$", before):
                    armed = False  # "rumours accused Fulani herders of helping armed groups": accused, not armed men
                if not armed and not victims and _BY_BEFORE.search(before[-40:]) and not _HELPED_BY.search(before[-60:]):
                    armed = True  # "the camp was attacked by alleged Fulani": the community's armed men
                # "Nigerien Fulani pastoralists": civilians of Niger wherever they were attacked.
                own = (None if armed else _nationality_before(before)) or country
                name, inter = reg.resolve(entry, own, day, ethnic=m.ethnic, armed=armed)
                role = Role(name, inter, start=s, generic=not armed)
                if not armed:
                    role = Role("Civilians ({})".format(own or "International"), 7, [name], start=s, generic=True)
                if nxt is not None and nxt.entry.kind == GROUP and nxt.start - m.end <= 2:
                    skip.add(i + 1)
                    group_name = nxt.entry.name.replace("{country}", country or "International")
                    role.assoc.append(group_name)
                elif noun is not None and noun is not nxt and noun.entry.kind == GROUP:
                    role.assoc.append(noun.entry.name.replace("{country}", country or "International"))
            else:
                # Generic words right after a named actor describe it ("JNIM militants").
                if entry.kind == TEMPLATE and roles and not roles[-1].generic and roles[-1].inter != 7 and \
                        re.fullmatch(r"(?:'s?)?\s*(?:\([^)]*\)\s*)?(?:(?:militants?|fighters?|elements?|members?|jihadists?|"
                                     r"rebels?|insurgents?|combatants?|separatists?|militiamen|mercenaries|men)\s*)?",
                                     span_fold[roles[-1].end:s]):
                    # ... and "Platform's men": the group's own men.
                    roles[-1].end = e
                    continue
                # "Nigerien truck drivers", "a Malian police officer": the adjective gives their country.
                own = _nationality_before(before) if entry.kind == TEMPLATE else None
                name, inter = reg.resolve(entry, own or country, day)
                if own and country and own != country and inter == 1:
                    inter = 8  # state forces abroad
                role = Role(name, inter, start=s, generic=entry.kind == TEMPLATE)
                supporters = _SUPPORTERS_AFTER.match(after) if inter in (2, 3, 4) else None
                if inter in (1, 2, 3, 4, 8) and _ACCUSED_OF_HELPING.search(span_fold[max(0, s - 120):s]):
                    # "arrested the mayor on charges of collusion with JNIM", "a chief accused of working
                    # for the army": the force is what the victims were accused of helping, not a side.
                    supporters = re.match(r"(?:'s?\b)?(?:\s*(?:militants?|fighters?|elements?|members?|jihadists?|"
                                          r"soldiers?|troops?|forces?)\b)?", after)
                if supporters:
                    # "15 suspected ISSP collaborators were arrested": people accused of helping it.
                    role = Role("Civilians ({})".format(country or "International"), 7, start=s, generic=True)
                    e += supporters.end()
                    role.end, role.target = e, True
                    roles.append(role)
                    skip.update(j for j in range(i + 1, len(ms)) if ms[j].start - offset < e)  # "JNIM militants"
                    continue
                parent = reg.parent_of(entry) if entry.kind == ACTOR else None
                if parent is not None:
                    parent_name = reg.resolve(parent, country, day)[0]
                    if parent_name != name:  # Ansar Dine after the merger is coded as JNIM itself
                        role.assoc.append(parent_name)
                # "Katiba Macina (JNIM)", "JNIM or ISGS": one actor.
                j = i + 1
                if j < len(ms) and ms[j].entry.kind == TEMPLATE and j + 1 < len(ms) and \
                        ms[j + 1].entry.kind == ACTOR and _MEMBERS_OF.fullmatch(span_fold[e:ms[j + 1].start - offset]):
                    j += 1  # "MNLA fighters (members of the CMA)": the generic word describes MNLA
                nxt = ms[j] if j < len(ms) else None
                if nxt is not None and nxt.entry.kind == ACTOR:
                    between = span_fold[e:nxt.start - offset]
                    if re.fullmatch(r"\s*[(/]\s*", between) or between.strip() in ("(", "/") or \
                            _MEMBERS_OF.fullmatch(between):
                        skip.add(j)
                        e = nxt.end - offset + (1 if span_fold[nxt.end - offset:nxt.end - offset + 1] == ")" else 0)
                        pname = reg.resolve(nxt.entry, country, day)[0]
                        if pname != name and pname not in role.assoc:
                            role.assoc.append(pname)
                    elif _OR_JOIN.match(between) and inter == 2 and nxt.entry.inter == 2:
                        skip.add(j)
                        e = nxt.end - offset
                        other = reg.resolve(nxt.entry, country, day)[0]
                        first, second = (name, other) if name.startswith("JNIM") or not other.startswith("JNIM") \
                            else (other, name)
                        role.name = f"{first} and/or {second}"
            role.end = e
            # Voice: is this actor the target of the action?
            target = bool(_TARGET_BEFORE.search(before[-35:])) or bool(_PASSIVE_AFTER.match(span_fold[e:e + 90]))
            if target and _KILLED_ATTACKING.match(span_fold[e:e + 90]):
                # "2 jihadists were killed while attempting to attack a gendarme": the attackers.
                target = False
            if target and entry.kind == TEMPLATE and role.inter == 3 and _PLAIN_PEOPLE.fullmatch(span_fold[s:e]):
                # "gunmen abducted three individuals": people, not an armed group, on the receiving end.
                role = Role("Civilians ({})".format(country or "International"), 7, start=s, generic=True)
                role.end = e
            # "clashes between X and Y": both sides fight; neither is only a target.
            helped = next((r for r in reversed(roles) if not r.target and r.inter in (1, 2, 3, 4, 8) and
                           s - r.end <= 100 and ((r.inter in (1, 8)) == (role.inter in (1, 8)) or
                                                (r.inter in (1, 8) and role.inter in (2, 3, 4) and not role.generic))),
                          None) if _ALLY_BEFORE.search(before) or (
                re.search(r"\b(?:with|carrying|transporting)\s+(?:the\s+)?$", before) and
                re.match(r"(?:\s+[\w'-]+){0,2}?\s+(?:on\s+board|aboard)\b", span_fold[e:e + 40])) else None
            # ("army helicopters with Wagner Group personnel on board fired rockets": the crew's side)
            if helped is None and last_ally is not None and 0 <= s - last_ally[1] <= 25 and re.fullmatch(
                    r"(?:\s+[\w'-]+){0,2}?\s*(?:,|and|&)\s+(?:the\s+|a\s+|an\s+)?", span_fold[last_ally[1]:s]):
                helped = last_ally[0]  # "supported by special forces of Task Force Takuba and a FAMa unit"
            if helped is not None and actor_key(role.name) != actor_key(helped.name) and \
                    not (role.generic and role.inter in (2, 3)):
                # "Malian troops, accompanied by Africa Corps instructors, set up a post": one side.
                if role.name not in helped.assoc:
                    helped.assoc.append(role.name)
                last_ally = (helped, e)
                tail = re.match(r"(?:'s?)?\s*(?:militants?|fighters?|elements?|members?|instructors?|soldiers?|troops?|"
                                r"forces?|mercenaries|personnel|men|units?|militiamen)\b", span_fold[e:])
                if tail:
                    skip.update(j for j in range(i + 1, len(ms)) if ms[j].start - offset < e + tail.end())
                continue
            if entry.kind == ACTOR and role.inter in (2, 3, 4, 8) and _IDENTIFIED_AS.search(before):
                # "gunmen, presumed to be JNIM militants", "armed men whom residents identified as
                # JNIM": the named group is who the armed men were.
                unnamed = next((r for r in reversed(roles) if r.generic and r.inter in (2, 3) and s - r.start <= 400), None)
                if unnamed is not None:
                    for other in roles:  # "unidentified gunmen raided X ... later identified the assailants as"
                        if other is not unnamed and other.generic and other.name == unnamed.name and not other.target:
                            other.name, other.inter, other.generic = role.name, role.inter, False
                            other.assoc = list(role.assoc)
                    unnamed.name, unnamed.inter, unnamed.generic = role.name, role.inter, False
                    unnamed.assoc = list(role.assoc)
                    tail = re.match(r"\s*(?:militants?|fighters?|elements?|members?|jihadists?|combatants?|men)\b",
                                    span_fold[e:])
                    if tail:  # "... presumed to be IS Sahel militants": the word belongs to the name
                        skip.update(j for j in range(i + 1, len(ms)) if ms[j].start - offset < e + tail.end())
                    continue
            in_between = bool(re.search(r"\bbetween\s+(?:the\s+)?$", before[-15:])) or bool(
                re.search(r"\bbetween\s+(?:the\s+)?[\w' -]{2,40}?\s+(?:and|&)\s+(?:the\s+)?$", before[-60:]))
            if role.inter == 7 or role.inter in (5, 6):
                target = True
            named_agent = before.endswith("(") and bool(_BY_GENERIC_PAREN.search(before))
            if before.endswith("(") and entry.kind == ACTOR and not named_agent:
                target = True  # "officer X (MNLA)": the victim's affiliation
            if in_between or _FOUGHT_WITH.search(before[-40:]):
                target = False
            elif not target and role.inter in (1, 8) and not _STATE_ACTS.match(_ALLY_ASIDE.sub(lambda m: m.group(1) or "", span_fold[e:e + 200])[:70]) and \
                    not _CLAIMED.match(span_fold[e:e + 25]) and _ANY_ATTACK.search(span_fold):
                # Soldiers, police and peacekeepers are agents only when a verb says they acted
                # ("FAMa killed 4 militants"); otherwise in an attack report they are its target.
                target = True
                role.assumed_target = True
            if role.name.startswith("Unidentified Communal Militia") and (
                    re.search(r"\b(?:the|its|their)\s+(?:village|village's|town's|local)\s+$", before[-25:]) or
                    re.match(r"\s+of\s+(?:the\s+village\s+of\s+)?[a-z]", span_fold[e:e + 30])):
                # "the village vigilance committee", "the self-defence group of Sinder": ACLED names
                # a village's militia after the village.
                role.name = "{location} Communal Militia (" + (country or "International") + ")"
            role.by = (bool(_BY_BEFORE.search(before[-40:])) or named_agent) and not _HELPED_BY.search(before[-60:])
            role.target = target and not role.by
            role.claimed = bool(_CLAIMED.match(span_fold[e:e + 40])) or \
                (role.inter in (2, 3, 4) and not role.generic and bool(_ATTRIBUTED_TO.search(before[-40:])))
            if role.inter in (1, 8) and re.search(r"\b(?:before|until)\s+(?:the\s+)?$", before[-15:]) and \
                    re.match(r"\s+(?:could\s+)?(?:arrived?|came|come|got there|intervened?|reached)\b", span_fold[e:e + 30]):
                continue  # "beat him to death before (the) police arrived": no side of it
            role.bystander = role.inter in (1, 8) and (
                # "the third was rescued by gendarmes": they ended it, no side of it
                bool(re.search(r"\b(?:rescued|saved|evacuated|freed|taken to hospital)\s+by\s+(?:the\s+)?(?:\w+\s+)?$",
                               before[-40:])) or
                _bystander_forces(span_fold[e:e + 120]) or
                # "lynched a thief in the presence of police officers": there, no side of it
                bool(re.search(r"\b(?:in|despite)\s+the\s+(?:presence|sight)\s+of\s+(?:the\s+)?(?:\w+\s+)?$", before[-45:])))
            roles.append(role)
        _soldiers_of_named_force(roles, span_fold)
        if any(r.name.startswith("{location} Communal Militia") for r in roles):
            # "the village vigilance committee ... two vigilantes were killed": the same militia
            named_militia = next(r.name for r in roles if r.name.startswith("{location} Communal Militia"))
            for r in roles:
                if r.name.startswith("Unidentified Communal Militia"):
                    r.name = named_militia
        if any(not r.bystander for r in roles):
            # "Gendarmes were present during the incident": there, but no side of it.
            roles = [r for r in roles if not r.bystander]
        # An actor named twice plays one role; it is the target if any mention says so.
        merged: dict[str, Role] = {}
        out: list[Role] = []
        for role in roles:
            key = actor_key(role.name)
            prev = merged.get(key)
            if prev is None or role.inter == 7:
                merged.setdefault(key, role)
                out.append(role)
                continue
            if prev.assumed_target and not role.target:
                # "Troops conducted an operation ... landing of special forces against a camp": a
                # mention that says the forces acted outweighs one merely assumed to be the target.
                prev.target, prev.assumed_target = False, False
            elif role.target and not prev.target and not prev.assumed_target and (
                    _FOUGHT_AFTER.match(span_fold, prev.end) or "Militia" not in prev.name and
                    (prev.inter in (2, 3) and not prev.generic) or
                    (prev.inter in (1, 8) and re.search(r"[.;]\s", span_fold[prev.start:role.start]))):
                # "JNIM and IS Sahel fought ... 17 IS Sahel fighters were killed": a group that acted
                # (forces: in an earlier sentence, "soldiers clashed with X. One soldier was wounded")
                # stays a side though its dead are counted later.
                pass
            elif not (role.assumed_target and not prev.target):
                prev.target = prev.target or role.target
            prev.by = prev.by or role.by
            prev.claimed = prev.claimed or role.claimed
            if prev.target and (prev.by or prev.claimed):
                prev.target = False
        return out

    def _taker(self, span_fold: str, at: int, roles: list[Role], country, day) -> Role | None:
        """Who took control: the nearest actor before the verb, not one introduced by "with the help of"."""
        best: Role | None = None
        helpers: list[str] = []
        claimed = [r for r in roles if r.claimed and r.inter in (2, 3, 4)]
        if claimed:
            return claimed[0]
        for r in roles:
            if r.start < 0 or r.start > at or r.inter in (5, 6, 7) or (r.target and r.inter in (1, 8)):
                continue
            lead = span_fold[max(0, r.start - 40):r.start]
            if re.search(r"(?:with the (?:assistance|support|help|backing) of|alongside|backed by|supported by|"
                         r"assisted by|aided by|avec l'appui de|appuy\w* par)\s+(?:\w+\s+)?$", lead):
                helpers.append(r.name)
                continue
            if best is not None and best.inter in (1, 8) and r.inter in (1, 3, 4, 8) and 0 <= r.start - best.end <= 25 \
                    and re.fullmatch(r"(?:\s+\w+)?\s*(?:,|and|&)\s+(?:the\s+)?", span_fold[best.end:r.start]):
                if r.name not in best.assoc:  # "the army and VDP took back control": the army, with its auxiliaries
                    best.assoc.append(r.name)
                continue
            best = r
        if best is None:
            return None
        if best.name.startswith("Government of"):
            # A government takes territory with its army.
            best = self._generic("Military Forces of {country}", country, day)
        best.assoc = list(dict.fromkeys(a for a in best.assoc + helpers if a != best.name))
        return best

    def _national_force_first(self, side: Role | None, armed: list[Role], span_fold: str = "") -> Role | None:
        """An auxiliary force (the registry's ``auxiliary``: Wagner, Africa Corps) beside the country's
        own: ACLED codes the national force, the auxiliary as its associated actor."""
        if side is None or side.inter != 8:
            return side
        entry = self.registry.get(side.name)
        # "held by Malian troops and Russian Africa Corps paramilitaries": listed together (the
        # national role may stand for an earlier mention of the same force)
        listed = 0 <= side.start <= len(span_fold) and bool(re.search(
            r"\b(?:troops|soldiers|army|armed forces|forces|fama|fds|military|gendarmes)\s*(?:,|and|&)\s+(?:the\s+)?"
            r"(?:[\w'-]+\s+)?$", span_fold[max(0, side.start - 60):side.start]))
        national = next((r for r in armed if r.inter == 1 and (r.name in side.assoc or listed)), None)
        if entry is None or not entry.auxiliary or national is None:
            return side
        national.assoc = [a for a in national.assoc if a != side.name] + [side.name] + \
            [a for a in side.assoc if a != national.name and a not in national.assoc]
        national.target = side.target
        return national

    def _communal_sides(self, span_fold: str, offset: int, roles: list[Role], country, day,
                        village_people: list[tuple[int, int, str]] = ()):
        """The two sides of a clash between communities: ethnic militias, village militias, or unidentified."""
        c = country or "International"
        sides: list[Role] = [r for r in roles if r.inter == 4]
        villages = re.findall(r"\b(?:villagers|residents|youths?|inhabitants|people|farmers|herders|men)\s+(?:from|of)\s+"
                              r"(?:the\s+village\s+of\s+)?([a-z][\w'-]+)(?:\s+and\s+([a-z][\w'-]+))?", span_fold)
        for first, second in villages:
            for v in (first, second):
                if v and v not in ("the", "a", "an", "different", "two", "several", "neighbouring", "neighboring"):
                    sides.append(Role(f"{v.capitalize()} Communal Militia ({c})", 4, generic=True))
        for _, _, village in village_people:  # "Ponga farmers and Dirze farmers clashed"
            sides.append(Role(f"{village} Communal Militia ({c})", 4, generic=True))
        ethnic_sides = [r for r in roles if r.inter == 7 and any("Ethnic Group" in a for a in r.assoc)]
        for r in ethnic_sides:
            for a in r.assoc:
                if "Ethnic Group" in a:
                    sides.append(Role(a.replace("Ethnic Group", "Ethnic Militia"), 4,
                                      [g for g in r.assoc if "Ethnic" not in g], generic=True))
        unique: list[Role] = []
        for r in sides:
            if all(actor_key(r.name) != actor_key(u.name) for u in unique):
                unique.append(r)
        while len(unique) < 2:
            groups = _assoc_groups(roles)
            unique.append(Role(f"Unidentified Communal Militia ({c})", 4,
                               [groups[len(unique)]] if len(groups) > len(unique) else [], generic=True))
        return unique[0], unique[1]

    def _crowd_control(self, role: Role, span_fold: str, country, day) -> Role:
        """"Security forces" dispersing a crowd are, for ACLED, the police of the country."""
        written = span_fold[role.start:role.end] if role.end > role.start else ""
        if role.generic and role.inter == 1 and re.search(r"security forces|securite|\bfds\b|forces de l.ordre|"
                                                          r"law enforcement", written):
            return self._generic("Police Forces of {country}", country, day)
        return role

    def _villagers_from(self, span_fold: str, country, village_people: list[tuple[int, int, str]] = ()) -> Role | None:
        """The village militia that acted: "villagers from X attacked...", "X farmers assaulted..." (ACLED's
        "X Communal Militia")."""
        name = None
        m = re.search(r"\b(?:villagers|residents|youths?|inhabitants)\s+(?:from|of)\s+(?:the\s+village\s+of\s+)?"
                      r"([a-z][\w'-]+)\b[^.]{0,40}?\b" + _VILLAGERS_ACT, span_fold)
        if m:
            name = m.group(1).capitalize()
        else:
            name = next((village for _, end, village in village_people
                         if re.match(r"[^.]{0,40}?\b" + _VILLAGERS_ACT, span_fold[end:])), None)
        if name is None:
            return None
        return Role(f"{name} Communal Militia ({country or 'International'})", 4, generic=True)

    def _generic(self, template: str, country, day) -> Role:
        name = template.replace("{country}", country or "International")
        specific = self.registry.get(name)
        inter = {"Unidentified Armed Group": 3, "Military Forces": 1, "Police Forces": 1}.get(
            name.split(" (")[0].split(" of ")[0], 3)
        if specific is not None:
            name, inter = self.registry.resolve(specific, country, day)
        elif name.startswith("Police Forces of"):
            inter = 1
        return Role(name, inter, generic=True)

    def _crowd(self, template: str, country, day, groups: list[str]) -> Role:
        name = template.replace("{country}", country or "International")
        return Role(name, 5 if name.startswith("Rioters") else 6, list(groups[:2]), generic=True)

    def _civilians(self, civilians: list[Role], country, day, groups: list[str]) -> Role:
        name = "Civilians ({})".format(country or "International")
        first = next((r.name for r in civilians if r.name.startswith("Civilians (")), None)
        if first is not None:
            name = first  # "Nigerien truck drivers" are Civilians (Niger) wherever they are attacked
            groups = [g for g in groups if g.endswith(first[len("Civilians"):])] or groups
        return Role(name, 7, list(dict.fromkeys(groups))[:3], generic=True)


def _receiver(span_fold: str, roles: list[Role]) -> Role | None:
    """Who a place was handed to: "France handed over the base in Timbuktu to the Malian army",
    "its camp, which was taken over by the Malian army". Handed to "the authorities", the army
    named with them takes it."""
    for r in roles:
        if r.start > 0 and r.inter in (1, 2, 3, 4, 8) and re.search(
                r"\bhand(?:ed|s|ing)?\s+(?:[\w'-]+\s+){0,3}?over\b[^.;]{0,80}?\bto\s+(?:the\s+)?(?:[\w'-]+\s+)?$|"
                r"\b(?:taken|took)\s+over\s+by\s+(?:the\s+)?(?:[\w'-]+\s+)?$", span_fold[max(0, r.start - 120):r.start]):
            if r.name.startswith("Government"):
                return next((x for x in roles if x.inter == 1 and not x.name.startswith("Government")), r)
            return r
    for r in roles:
        # "... left the air base. The Nigerien army took over the facilities."
        if r.end > 0 and r.inter in (1, 2, 3, 4, 8) and re.match(
                r"\s+(?:\w+\s+){0,2}?(?:took over|took control of|moved into|occupied|re-?entered)\b", span_fold[r.end:r.end + 50]):
            return r
    return None


def _own_name(place, written: str) -> bool:
    from sahelwatch.knowledge.gazetteer import name_key

    key = name_key(written)
    return key in (name_key(place.name), name_key(place.asciiname or ""))


# An explosive or aircraft that was used, not only talked of.
_REMOTE_BLOW = re.compile(r"\b(?:explod\w*|explosion|detonat(?:ed|ing|ion)|blasts?|struck|strikes?|bomb(?:ed|ing|ings)|"
                          r"shell(?:ed|ing)|fired|hit|went off|killed|killing|wounded|injured|dead|died)\b")
# What people are arrested over: "over their alleged involvement in the killing", "suspected of the murder".
_KILLING_CHARGED = re.compile(r"\b(?:involvement|role|part|participation|complicity|hand|suspected|accused|responsib\w*|"
                              r"charged|over|for|in connection with|linked to|implicated)\s+(?:\w+\s+){0,2}?"
                              r"(?:in|of|with|for|to)?\s*(?:the\s+)?$")
_RIVAL_ARMED_GROUPS = re.compile(r"\b(?:two|rival|several|competing)\s+(?:rival\s+|unidentified\s+|unknown\s+)?"
                                 r"(?:armed\s+groups|groups\s+of\s+(?:gunmen|armed\s+men|bandits|smugglers|traffickers)|"
                                 r"gangs|armed\s+bands|bandit\s+groups)\b")
_PEOPLE_HANDED_TO = re.compile(
    r"\b(?:(?:herders|suspects?|men|man|women|woman|victims?|hostages?|detainees?|prisoners?|thieves|thief|bandits?|"
    r"youths?|boys?|girls?|bodies|body|they|he|she|two|three|four|five|six|wounded)\s+(?:were|was|had\s+been|have\s+been)\s+"
    r"(?:\w+ly\s+|later\s+|then\s+|eventually\s+)?(?:handed|turned|delivered|transferred)(?:\s+over)?|"
    r"\b(?:handed|turned|delivered)\s+(?:them|him|her|the\s+(?:\w+\s+)?(?:suspects?|men|thieves|herders|bandits|hostages|"
    r"bodies|body|victims?))\s+(?:over\s+)?)\s+to\s+(?:the\s+)?(?:local\s+|nearest\s+)?$")
_INFRASTRUCTURE_BLOWN = re.compile(r"\b(?:blew up|blown up|blowing up|dynamited|sabotaged|destroyed|demolished)\s+"
                                   r"(?:the\s+|a\s+|an\s+|two\s+|several\s+|\d+\s+)?(?:[\w-]+\s+)?(?:bridges?|pylons?|"
                                   r"antennas?|masts?|towers?|culverts?|dams?|pipelines?|railway|rail\s+line|power\s+lines?)\b")
_PEOPLE_HIT = re.compile(r"\b(?:wounded|injured|killed|killing|dead|died|struck|hit|passing|vehicles?|convoy|patrol|"
                         r"soldiers|troops|civilians|passengers|travellers|travelers)\b")
# "no one was injured", "nobody was hurt": no victim
_NO_HARM_BEFORE = re.compile(r"\b(?:no\s+one|nobody|no-one|none|no\s+(?:one|person|people|civilians?|casualties))\s+"
                             r"(?:\w+\s+){0,2}?(?:was|were|had\s+been|has\s+been|got)\s+$")
_NEAR_AFTER_ROAD = re.compile(r"\bbetween\s+[^.;()]{2,60}?\s+and\s+[^.;()]{2,40}?,?\s+(?:near|close\s+to|not\s+far\s+from|"
                              r"outside|in\s+the\s+vicinity\s+of|near\s+the\s+(?:village|town|locality)\s+of)\s+$",
                              re.IGNORECASE)
# "CMA fighters, mostly from the MNLA, clashed with ...": the component named in apposition is part of its parent's side.
_COMPONENT_APPOSITION = re.compile(r"(?:\s+(?:fighters|combatants|members|elements|forces|militants))?\s*,?\s*"
                                   r"(?:mostly|mainly|largely|chiefly|essentially|notably|including|among them|"
                                   r"in particular)\s+(?:from\s+|of\s+)?(?:the\s+)?")


def _merge_components(roles: list[Role], span_fold: str) -> list[Role]:
    """Roles with a component named in apposition after its parent folded into the parent (as its associate)."""
    merged: list[Role] = []
    for role in roles:
        prev = merged[-1] if merged else None
        if prev is not None and prev.name in role.assoc and prev.end >= 0 and role.start > prev.end and \
                _COMPONENT_APPOSITION.fullmatch(span_fold[prev.end:role.start]):
            if role.name not in prev.assoc:
                prev.assoc.append(role.name)
            prev.end = role.end
            continue
        merged.append(role)
    return merged


def _in_unit(unit, place) -> bool:
    """Whether ``place`` lies in the admin ``unit``: a region by its admin1 code (Agadez's centroid
    is 500 km from Aderbissinat), other units by their reach around the centroid."""
    if unit.feature_code == "ADM1" and place.admin1 and place.admin1 == unit.admin1:
        return True
    if unit.feature_code == "ADM2" and place.admin2 and place.admin2 == unit.admin2 and place.admin1 == unit.admin1:
        return True  # a Saharan department: Madama lies 165 km from the centroid of Bilma's
    return unit.distance_km(place) <= _UNIT_REACH_KM[unit.feature_code]


def _stated_admin3(place: ResolvedPlace | None) -> str | None:
    """The commune the note names for the place ("Seme (Toeni, Sourou)" → Toeni), if any.

    Gazetteers rarely hold communes (GeoNames has a handful for the Sahel), so admin3 is only
    what the text states, and only for the place the event was coded at.
    """
    m = place.mention if place is not None else None
    if m is None or len(m.admin_hints) != 2 or m.weak_hints:
        return None
    if place.location != m.name and place.geo_precision == 1:
        return None  # coded at another, exactly known place: the commune named is not its commune
    return m.admin_hints[0]


def _anchor_on_text_dates(text: str, dates: list[DateMention]) -> list[DateMention]:
    """Without a report date, "Sept. 17" takes its year from a full date the report itself gives.

    Only month-day dates are completed this way (from the latest "17 September 2024"-style date
    in the text); "yesterday" or "on Monday" stay unresolved: the text says nothing about the day
    it was written.
    """
    full = [d.date for d in dates if d.has_year and d.date is not None and d.kind in ("day", "range")]
    if not full:
        return dates
    anchor = max(full)
    resolved = {(d.start, d.end): d for d in find_dates(text, anchor)}
    out: list[DateMention] = []
    for d in dates:
        if d.date is None and not d.has_year and d.kind in ("day", "range", "week"):
            better = resolved.get((d.start, d.end))
            if better is not None and better.date is not None:
                d = better
        out.append(d)
    return out


_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december")
_MONTH_OPENING = re.compile(r"\s*(?:In|Since|By|During|Early|Late|Mid)[\s-]+(?:(?:early|late|mid)[\s-]+)?"
                            r"(?P<month>" + "|".join(m.capitalize() for m in _MONTHS) + r")\b(?!\s+\d)")


_WEEKDAY = re.compile(r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.IGNORECASE)
_CLAIM_WORD = re.compile(r"\bclaim\w*", re.IGNORECASE)


def _dated_before_lead(span: Span, lead: Span, dates: list[DateMention]) -> bool:
    """Whether a later sentence of a note tells an earlier event: every date it states is before the day
    its first sentence gives ("On 12 February ... On 2 January, around 100 civilians were killed in
    the nearby villages"; "In May 2019, gunmen killed a priest")."""
    # ("this morning" is only the report's day; "on Monday" names the event's own)
    day = next((d.date for d in dates if lead.start <= d.start < lead.end and d.date is not None
                and (d.kind in ("day", "range") or (d.kind == "relative" and _WEEKDAY.search(d.text)))), None)
    if day is None or _CLAIM_WORD.search(span.text):
        return False  # ("Attack claimed by JNIM on 24/09": the claim of this event)
    own = [d for d in dates if span.start <= d.start < span.end and d.date is not None]
    if not own:
        # "In March, ISWAP fighters killed five fishermen" (a month without its year, which the date
        # reader leaves alone: "may"): another month than the event's is another time.
        month = _MONTH_OPENING.match(span.text)
        return month is not None and _MONTHS.index(month.group("month").lower()) + 1 != day.month
    for d in own:
        if d.kind == "year":
            earlier = d.date.year < day.year
        elif d.kind == "month":
            earlier = (d.date.year, d.date.month) < (day.year, day.month)
        else:
            earlier = d.date < day - dt.timedelta(days=1)
        if not earlier:
            return False
    return True


def _is_caption(text: str, span: Span) -> bool:
    """A photo caption: its line ends with "(Photo: ...)" or "(Screen capture)"."""
    line_end = text.find("\n", span.end)
    rest = text[span.end:line_end if line_end >= 0 else len(text)]
    return bool(re.search(r"\((?:photo|screen ?capture|image|credit|source)\b", rest, re.IGNORECASE))


def _inside_hyphenated(text: str, mention) -> bool:
    """An actor word glued into a hyphenated name ("Bambara-Maoude", "Peulh-Ouro") is part of a place name."""
    after = text[mention.end:mention.end + 2]
    before = text[max(0, mention.start - 2):mention.start]
    return (len(after) == 2 and after[0] == "-" and after[1].isupper()) or \
        (len(before) == 2 and before[1] == "-" and before[0].isalpha())


def _same_country(place, country: str) -> bool:
    c = lookup_country(country)
    return c is None or place.country_code == c.iso2


def _community_victims(span_fold: str, ms: list, i: int, offset: int) -> bool:
    """Whether the community named by ``ms[i]`` (with the group word right after it: "Fulani
    herders") is said to have suffered the violence (``_VICTIMS_AFTER``)."""
    end = ms[i].end - offset
    nxt = ms[i + 1] if i + 1 < len(ms) else None
    if nxt is not None and nxt.entry.kind == GROUP and nxt.start - ms[i].end <= 2:
        end = nxt.end - offset
    return bool(_VICTIMS_AFTER.match(span_fold[ms[i].end - offset:ms[i].end - offset + 80])
                or _VICTIMS_AFTER.match(span_fold[end:end + 80]))


def _soldiers_of_named_force(roles: list[Role], span_fold: str) -> None:
    """"Barkhane said its soldiers left 20 jihadis out of combat": the soldiers are Barkhane's.

    A generic word for an army ("soldiers", "commandos", "troops") stands for the host country's
    army, unless the text names a foreign army (inter 8: France, the United States...) and
    neither names the host army nor gives the soldiers a nationality.
    """
    foreign = [r for r in roles if not r.generic and r.inter == 8 and r.name.startswith("Military Forces of")]
    if len(foreign) != 1:
        return
    host = [r for r in roles if r.inter == 1 and r.name.startswith("Military Forces of")]
    if not host or any(not r.generic for r in host):
        return
    for r in host:
        if _nationality_before(span_fold[max(0, r.start - 60):r.start]) is not None:
            return
    force = foreign[0]
    # One force: an agent if any of its mentions acts ("Barkhane forces carried out ... commandos").
    acting = not force.target or any(not r.target for r in host)
    for r in host:
        r.name, r.inter = force.name, force.inter
        r.target = r.target and not acting
    force.target = force.target and not acting


# A nationality adjective before an aircraft word: "Nigerien drones", "Burkinabe air force".
_AIRCRAFT_OF = re.compile(r"\b([a-z]+)\s+(?:military\s+|army\s+|armed\s+)?(?:(?:mirage|rafale|reaper|sukhoi|bayraktar|"
                          r"tb2|akinci)(?:\s+2000)?\s+)?(?:drones?|aircraft|air\s*force|"
                          r"warplanes?|fighter\s+jets?|jets?|helicopters?|helos?|planes?|air\s*strikes?)\b")


# Forces that were only sent or present: "gendarmes were deployed", "police were present during the incident".
_SENT_OR_PRESENT = re.compile(r"^\s+(?:(?:were|was|had been|have been|has been)\s+(?:also\s+|later\s+|then\s+|quickly\s+|"
                              r"subsequently\s+)?(?:deployed|dispatched|sent|present|called in|on (?:the )?scene)\b|"
                              # "Police arrived after the victim had died": too late to be a side
                              r"(?:only\s+|later\s+)?(?:arrived|came|got there)\s+(?:(?:on the scene|at the scene|there)\s+)?"
                              r"(?:after|too late|later|once|when it was over)\b|"
                              # "police officers who failed to intervene", "gendarmes looked on"
                              r"(?:officers\s+|agents\s+)?(?:(?:at|on) the scene\s+|present\s+)?(?:who\s+|,\s+who\s+)?(?:(?:had\s+)?failed to|did not|didn't|could not|"
                              r"were unable to|were powerless to)\s+(?:intervene|stop|prevent|halt)|"
                              r"(?:officers\s+)?(?:who\s+)?(?:looked on|stood by|stood idly by|watched on)\b|"
                              # "The police arrested four people afterwards": a later act, not a side in this one
                              r"(?:later|subsequently|then)\s+arrested\b|arrested\b[^.;]{0,60}?\b(?:afterwards|later|"
                              r"subsequently|the (?:next|following) day)\b)")
# What forces did after the event, or only to end it: no side of it.
_LATER_ACT = re.compile(r"^\s+(?:(?:officers|agents)\s+)?(?:(?:later|subsequently|afterwards|then)\s+(?:recovered|found|collected|removed|"
                        r"said|stated|announced|opened|launched|arrested|arrived|came|took|transported|evacuated|"
                        r"dispersed\s+the\s+(?:crowd|mob)|intervened\s+to\s+disperse)|"
                        # "Police recovered the two bodies": they came after it
                        r"(?:recovered|collected|removed)\s+(?:the\s+)?(?:\w+\s+)?(?:bod(?:y|ies)|corpses?|remains)|"
                        r"(?:who\s+)?(?:arrived|came)\s+(?:(?:at|on)\s+the\s+scene\s+)?(?:later\s+)?(?:were|was)\s+"
                        r"(?:unable|powerless)\s+to|(?:has|have|had)\s+(?:since\s+)?opened\s+an\s+investigation|"
                        r"opened\s+an\s+investigation|restored\s+(?:calm|order)|(?:were|was)\s+deployed\s+to\s+restore|"
                        r"intervened\s+to\s+(?:rescue|save|protect|free|evacuate|stop|prevent))\b")
# "Koglweogo members exchanged fire with ...": a side that fought, whoever's dead are counted later.
_FOUGHT_AFTER = re.compile(r"[\s,]*(?:(?!(?:who|which|that|whom|killed|killing|after|when)\b)[\w'-]+\s+){0,5}?(?:exchanged (?:fire|gunfire|shots)|clashed|fought|battled|"
                           r"repelled|repulsed|engaged|opened fire|ambushed|attacked)\b")
_ACTED_AFTER = re.compile(r"\b(?:killed|clashed|fired|shot|attacked|arrested|repelled|repulsed|fought|exchanged|"
                          r"engaged|dispersed|neutrali[sz]ed|ambushed|wounded|injured)\b")


def _bystander_forces(after: str) -> bool:
    """Whether the text right after a forces mention says they were only sent or present
    (and, in the same clause, did nothing else): neither side of the event."""
    if _LATER_ACT.match(after):
        return True  # "The gendarmerie later recovered the bodies", "Police later said ... and arrested four"
    m = _SENT_OR_PRESENT.match(after)
    if m is None:
        return False
    clause = re.split(r"[.;]", after[m.end():], maxsplit=1)[0]
    return _ACTED_AFTER.search(clause) is None


_VILLAGERS_ACT = r"(?:attacked|abducted|killed|assaulted|beat|burned|destroyed|besieg|wounded|stormed|looted)"
# People named after their village: "Ponga farmers", "Kouba residents" (a capitalised word that is no actor,
# community or nationality).
_VILLAGE_PEOPLE = re.compile(r"\b([A-Z][^\W\d_]+(?:-[A-Z][^\W\d_]+)?)\s+(?:villagers|farmers|residents|youths?|"
                             r"inhabitants|locals)\b")
_NOT_A_VILLAGE = frozenset({"the", "a", "an", "local", "some", "other", "angry", "armed", "several", "many", "two",
                            "three", "rival", "neighbouring", "neighboring", "displaced", "christian", "muslim",
                            "on", "in", "at", "when", "after", "before", "while", "these", "those", "their"})


def _named_village_people(span_text: str, offset: int, mentions: list[Mention]) -> list[tuple[int, int, str]]:
    """(start, end, village) of each "X farmers"-style group in the span, positions within the span."""
    out = []
    for m in _VILLAGE_PEOPLE.finditer(span_text):
        word = m.group(1)
        at = offset + m.start(1)
        if word.casefold() in _NOT_A_VILLAGE or nationality(word) is not None or \
                any(x.start <= at < x.end for x in mentions):
            continue
        out.append((m.start(1), m.end(), word))
    return out


# Between a named actor and its parent: "MNLA fighters (members of the CMA)", "Ansar Dine (part of JNIM)".
_MEMBERS_OF = re.compile(r"\s*(?:(?:fighters?|militants?|members?|elements?|men|combatants?)\s*)?\(\s*"
                         r"(?:(?:members?|part|elements?|a faction|a member|a component|an affiliate)\s+of\s+(?:the\s+)?)?")


# Vehicles that carry civilians: an IED that hits one hits them ("a minibus was hit by an IED").
_CIVILIAN_VEHICLE = re.compile(r"(?<!military )(?<!army )(?<!police )(?<!armored )(?<!armoured )(?<!fama )"
                               r"(?<!minusma )(?<!un )(?<!supply )\b(?:minibus\w*|bus|buses|truck|trucks|lorry|lorries|car|cars|taxi|tricycles?|carts?|"
                               r"passenger vehicles?|civilian vehicles?|public transport\w*|transport vehicles?|vehicles?)\b")


# Kinds of people who fight as crowds, not as armed groups ("clashes between students").
_CROWD_GROUPS = frozenset({"Students", "Teachers", "Journalists", "Prisoners"})
# "killed by local militia (Ganda Izo)": the parenthesis names the agent.
_BY_GENERIC_PAREN = re.compile(r"\b(?:by|par)\s+(?:the\s+|a\s+|an\s+)?(?:[\w-]+\s+){0,2}?(?:militia\w*|group|fighters|"
                               r"men|forces|movement|coalition|gunmen|elements)\s*\($")
# "a nomad camp", "refugee camps": where people live, not a post.
_CIVILIAN_CAMP = re.compile(r"\b(?:nomad\w*|refugees?|idps?|displaced|herders'?|pastoralists'?|"
                            r"community|family|families)\s+camps?\b")


def _community_camp(span_fold: str, offset: int, mentions: list[Mention], post: re.Match) -> bool:
    """Whether the "camp" an attack hit is a community's ("an Imghad camp", "a nomad camp")."""
    window_start = max(0, post.start() - 30)
    if _CIVILIAN_CAMP.search(span_fold, window_start, post.end()):
        return True
    return any(m.entry.kind == ETHNIC and window_start <= m.end - offset <= post.end()
               and re.match(r"\s+camps?\b", span_fold[m.end - offset:m.end - offset + 7]) for m in mentions)

# "Fulani jihadists", "Tuareg islamists": a community word describing jihadist fighters.
_JIHADIST_NOUN = re.compile(r"^\s+(?:jihadists?|jihadis|islamists?|extremists?|terrorists?)\b")
# "a MINUSMA-rented truck", "an army-contracted convoy": the actor hired what was hit.
_HIRED_BY = re.compile(r"^-(?:rented|chartered|contracted|hired|owned|operated|leased)\b")
# "heard by locals", "reported by Kidal inhabitants", "according to residents": sources, not sides.
_WITNESSES_BEFORE = re.compile(r"\b(?:(?:reported|heard|seen|witnessed|observed|noticed|confirmed|described)\s+by|"
                               r"according\s+to|told|informed|speaking\s+to)\s+(?:the\s+|some\s+|several\s+|local\s+)?(?:[a-z]+\s+)?$")
# Whom a strike or raid was meant for, and civilians it hit instead.
_INTENDED_TARGET = re.compile(r"\b(?:planted|laid|placed|meant|intended)\b[^.;]{0,40}?\b(?:against|for|targeting)\s+"
                              r"(?:the\s+)?(?:passing\s+)?$|"
                              r"\b(?:said|stated|claimed|insisted|maintained)\s+(?:that\s+)?(?:it|they)\s+had\s+(?:\w+ly\s+)?"
                              r"['\"\u2018\u201c]?(?:neutrali[sz]ed|killed|eliminated|targeted)['\"\u2019\u201d]?\s+"
                              r"(?:several\s+|some\s+|a\s+number\s+of\s+|a\s+dozen\s+|dozens\s+of\s+|\d+\s+|[a-z]+\s+)?"
                              r"(?:presumed\s+|suspected\s+|alleged\s+|armed\s+)?$|"
                              r"\b(?:said|stated|claimed|insisted|maintained)\s+(?:that\s+)?(?:an?|the)\s+(?:group|band|gathering|"
                              r"column|meeting|number|concentration)\s+of\s+[\"'\u201c]?(?:presumed|suspected|alleged)?\s*$|"
                              r"\b(?:targeting|targeted\s+at|(?:said|stated|claimed|insisted|maintained)\s+(?:that\s+)?"
                              r"(?:it|they|the\s+(?:strike|raid|bombing|operation|attack|drone))\s+(?:had\s+)?"
                              r"(?:targeted|struck|hit|(?:been\s+)?(?:aimed|directed)\s+at)|aimed\s+at|meant\s+for|intended\s+for|in\s+search\s+of|"
                              r"looking\s+for|hunting\s+for|pursuing|chasing)\s+[\"'\u201c]?(?:the\s+|an?\s+)?"
                              r"(?:(?:group|band|gathering|column|convoy|number|meeting)\s+of\s+)?(?:presumed|suspected|alleged|armed)?\s*$")
_CIVILIANS_HIT = re.compile(r"\b(?:hit|struck|killing|killed|wounding)\b[^.;]{0,120}?\b(?:civilians|villagers|children|"
                            r"women|residents|worshippers|guests|passengers|mourners|shoppers|traders)\b|"
                            r"\b(?:civilians|villagers|residents|worshippers|passengers|shoppers|traders|women|children|"
                            r"girls|boys|pupils|farmers)\b(?:[^.;]{0,40}?"
                            r"\b(?:were|was)\s+(?:\w+\s+)?|\s+)(?:killed|dead|died|wounded|executed|massacred|shot)\b|"
                            r"\b(?:executed|killed|massacred|shot)\s+(?:\w+\s+){0,2}?(?:unarmed|innocent|defen[cs]eless)\b")
# "French soldiers of Operation Barkhane, supported by Takuba and a FAMa unit, engaged ...": the aside
# between a force and its verb.
_ALLY_ASIDE = re.compile(r"^(?:\s+(?:special\s+)?(?:troops|soldiers|forces|personnel|units?|elements|fighters|"
                         r"militants|men|commandos))?(?:\s+of\s+[^,.;]{0,40})?\s*,\s*(?:supported|backed|accompanied|"
                         r"assisted|reinforced|aided|flanked|joined)(?:\s+on\s+the\s+ground)?\s+by\s+[^,.;]{0,90},|"
                         # "French forces, operating alongside GATIA and MSA fighters, engaged ..."
                         r"^(?:\s+(?:special\s+)?(?:troops|soldiers|forces|personnel|units?|elements|fighters))?"
                         r"(?:\s+of\s+[^,.;]{0,40})?\s*,\s*(?:operating|working|fighting|acting)\s+(?:alongside|with|together\s+with|"
                         r"in\s+support\s+of)\s+[^,.;]{0,90},|"
                         # "Malian forces and Africa Corps troops, supported by drone strikes ..., regained"
                         r"^(\s+(?:and|&)\s+[^,.;]{2,40}),\s*(?:supported|backed|accompanied|assisted|reinforced|aided|"
                         r"flanked|covered)\s+by\s+[^,.;]{0,90},")
# Before a force that helped the one named before it.
_ALLY_BEFORE = re.compile(r"\btogether\s+with\s+(?:the\s+)?(?:[\w'-]+\s+){0,2}?$|"
                          r"\b(?:accompanied|supported|backed|assisted|reinforced|aided|joined|flanked)(?:\s+on\s+the\s+ground)?\s+by\s+"
                          r"(?:[\w'-]+\s+){0,3}?(?:of\s+)?(?:the\s+)?$|\bwith\s+the\s+(?:support|help|backing|assistance)\s+"
                          r"of\s+(?:the\s+)?(?:[\w'-]+\s+){0,2}?$|\balongside\s+(?:the\s+)?(?:[\w'-]+\s+){0,2}?$|"
                          r"\b(?:operating|working|acting)\s+with\s+(?:the\s+|an?\s+)?(?:[\w'-]+\s+){0,3}?(?:of\s+(?:the\s+)?)?$")
# "presumed to be", "whom residents identified as": what unnamed armed men are said to be.
_IDENTIFIED_AS = re.compile(
    r"\b(?:presumed|believed|suspected|thought|said|reported|reportedly|identified|alleged|assumed|understood|"
    r"recogni[sz]ed|described|presented)\s+(?:by\s+(?:[\w'-]+\s+){1,2})?(?:to\s+(?:be|have\s+been|belong\s+to|be\s+from)|as)\s+"
    r"(?:(?:the|an?|members?\s+of|fighters?\s+of|elements?\s+of|part\s+of)\s+)*$|"
    # "Residents later identified the assailants as IS Sahel militants", "the assailants belonged to ISSP"
    r"\b(?:presented|introduced|posing)\s+as\s+(?:the\s+|an?\s+)?$|\bclaiming\s+to\s+be\s+(?:the\s+|an?\s+)?$|"
    r"\b(?:identified|described|named|presented)\s+(?:them|the\s+(?:\w+\s+)?(?:assailants|attackers|gunmen|group|men|"
    r"militants|perpetrators|kidnappers|abductors|fighters))\s+as\s+(?:the\s+|an?\s+)?(?:members?\s+of\s+(?:the\s+)?)?$|"
    r"\b(?:belonged|belonging|belong)\s+to\s+(?:the\s+)?$|\b(?:were|was)\s+(?:members?|part|fighters?)\s+of\s+(?:the\s+)?$")
# After a kind of person: they spoke of the event ("the mayor of Boni said", "the governor, quoted by").
_SPEAKER_AFTER = re.compile(r"(?:\s+of\s+(?:the\s+)?[\w'-]+(?:\s+[\w'-]+)?)?\s*(?:,[^,.;]{0,40},)?\s*"
                            r"(?:(?:has|had)\s+)?(?:said|says|reported|announced|stated|declared|told|confirmed|"
                            r"indicated|explained|quoted|speaking|denounced|identified|described|recogni[sz]ed)\b")
# "... were killed while attempting to attack ...", "... killed as they tried to storm ...".
_KILLED_ATTACKING = re.compile(
    r"^[^.;]{0,45}?\b(?:killed|neutrali[sz]ed|wounded|injured|captured|arrested)\b[^.;]{0,25}?\b(?:while|when|as)\s+"
    r"(?:they\s+were\s+|he\s+was\s+|they\s+|he\s+)?(?:attempt\w*|try\w*|tried|prepar\w*|seek\w*|plann\w*|about)\s+"
    r"to\s+(?:attack|ambush|raid|storm|infiltrate|abduct|kidnap|plant|lay|overrun)\b"
    # "the army killed 10 militants who attacked a convoy": the killed are the attackers
    r"|^\s+(?:[\w-]+\s+){0,2}?(?:who|that)\s+(?:had\s+)?(?:attacked|ambushed|raided|stormed|assaulted|"
    r"(?:tried|attempted) to (?:attack|ambush|raid|storm)|were (?:attacking|trying to attack))\b")
# Words for people that the registry reads as an unidentified group when they act.
_PLAIN_PEOPLE = re.compile(r"(?:individuals|persons|people)")


def _nationality_before(before: str) -> str | None:
    """The country of a nationality adjective just before a mention ("nigerien truck drivers")."""
    for word in reversed(re.findall(r"[a-z]+", before[-30:])[-2:]):
        name = nationality(word)
        if name is not None and fold(word) != fold(name):  # "Niger" the river/country is not an adjective
            return name
    return None


def _militant_word(span_fold: str, role: Role) -> bool:
    """Whether a generic role was written as fighters of a group ("militants", "jihadists", "assailants")."""
    return bool(re.match(r"(?:militants?|jihadists?|jihadis|fighters?|assailants?|attackers?|insurgents?|islamists?|"
                         r"elements?)\b", span_fold[role.start:role.end]))


def _assoc_groups(roles: list[Role]) -> list[str]:
    out: list[str] = []
    for r in roles:
        if r.inter == 7:
            for a in r.assoc:
                if a not in out:
                    out.append(a)
    return out


def _merge_duplicates(events: list[Event]) -> list[Event]:
    """One event per (type, place, date) in a report: later mentions add evidence."""
    out: list[Event] = []
    index: dict[tuple, Event] = {}
    for ev in events:
        key = (ev.event_type, fold(ev.location or ""), ev.event_date)
        prev = index.get(key)
        if prev is None:
            index[key] = ev
            out.append(ev)
            continue
        prev.evidence.extend(e for e in ev.evidence if e not in prev.evidence)
        prev.fatalities = max(prev.fatalities or 0, ev.fatalities or 0)
        prev.confidence = max(prev.confidence or 0, ev.confidence or 0)
    return out


# After a group's name: people accused of helping it, not its fighters.
# Attackers who left again: "before withdrawing", "briefly occupied", "for several hours".
_HELD_BRIEFLY = re.compile(r"\b(?:before|then|later|and|after which they)\s+(?:\w+\s+)?(?:withdr[ae]w\w*|retreat\w*|leaving|left|"
                           r"pull(?:ed|ing) out|fled)\b|\bbriefly\s+(?:\w+\s+)?(?:occupied|held|took|seized|raised|controlled)\b|"
                           r"\bfor (?:several|a few|two|three|some) hours\b|\bduring their withdrawal\b")
_PLACE_WORD_AFTER = re.compile(r" (?!(?:Ethnic|Militia|Militias|Communal|Community|Group|Self|Hunters|Men|Youths?|Herders|"
                               r"Farmers|Fighters|Villagers|Association|Elders|Chiefs?)\b)[A-Z][a-z]{2,}")
# Words that make a state actor what a crowd or a speech is for or against, not a side.
_STANCE_TOWARDS = re.compile(r"\b(?:supporters?|partisans|backers|critical|critics|criticism|opponents?|support|favour|favor|"
                             r"loyal|hostile|opposition|opposed)\s+(?:of|to|for)\s+(?:the\s+)?(?:[\w'-]+\s+){0,3}?$|"
                             r"\b(?:in support of|in favou?r of|denouncing|criticizing|criticising)\s+(?:the\s+)?$")
# "arrested the editor over an article on the army", "an article critical of conscription into the VDP":
# the subject of a text, no side in the event
_REPORT_VERB = re.compile(r"\b(?:said|stated|reported|told|confirmed|announced|put|gave|counted)\b")
_TEXT_WORD = re.compile(r"\b(?:article|post|broadcast|programme|program|comments?|remarks|video|editorial|column|interview|"
                        r"documentary|publication|message|tweet|podcast)s?\b")
_CO_SOURCE_BEFORE = re.compile(r"\b(?:sources?|residents|officials|witnesses|authorities|associations?|ngos?)\s+and\s+(?:the\s+)?$")
_SAID_NEXT = re.compile(r"\s+(?:said|stated|reported|told|confirmed|announced)\b")
_CO_SOURCE_AFTER = re.compile(r"\s+and\s+(?:an?|the|local|other)\s+(?:[\w-]+\s+){0,3}?(?:said|stated|reported|told|put|gave|"
                              r"counted)\s+(?:that\s+)?(?:at\s+least\s+)?(?:\d+|[a-z]+)\s+(?:[\w-]+\s+)?(?:dead|killed|deaths|"
                              r"victims|civilians|people)\b")
_ORGANISATION_AFTER = re.compile(r"(?:\s+[\w'-]+){0,2}?\s+(?:associations?|organi[sz]ations?|collectives?|ngos?|unions?|"
                                 r"federations?|youth\s+council)\b")
_TEXT_ABOUT = re.compile(r"\b(?:article|post|broadcast|programme|program|comments?|remarks|video|editorial|column|"
                         r"interview|documentary|publication|message|tweet|podcast)s?\s+"
                             r"(?:(?:published|posted|aired)\s+)?(?:on|about|into|concerning|regarding|mocking|critical\s+of)\s+"
                             r"(?:the\s+)?(?:[\w'-]+\s+){0,9}?$")
# "men whom they accused of working with the army and the Dozo": whom the victims were said to help.
_ACCUSED_OF_LINKS = re.compile(r"\b(?:accus\w*|suspect\w*|suspicion|charged)\b[^.;]{0,25}?\b(?:working|collaborat\w*|"
                               r"cooperat\w*|collud\w*|inform\w*|spying|helping|supporting|links?|ties|complicity)\s+"
                               r"(?:with|for|to|on behalf of)\s+(?:[\w'-]+\s+){0,5}?$")
# "gendarmes arrested a former minister": a person held, a civilian unless named as a fighter.
_PERSON_ARRESTED = re.compile(r"\b(?:arrested|detained|apprehended|picked up|took into custody)\s+(?:a|an|the|two|three|\d+|several)\s+"
                              r"(?:[\w'-]+\s+){0,2}?(?:minister|politician|official|mayor|journalists?|activists?|leaders?|"
                              r"opponents?|members?|men|man|women|woman|people|persons|individuals|youths?|students?|"
                              r"teachers?|traders?|imams?|chiefs?|deputy|mp|lawyers?|magistrates?|unionists?|bloggers?|"
                              r"directors?|editors?|presenters?|hosts?|managers?|head|secretary|coordinators?|"
                              r"spokes(?:man|woman|person)|president|doctors?|nurses?|artists?|singers?|influencers?)\b")
# Soldiers arrested by their own side: "arrested an air force colonel and two non-commissioned officers"
_OFFICERS_ARRESTED = re.compile(r"\b(?:arrested|detained|apprehended)\s+(?:a|an|the|two|three|\d+|several)\s+"
                                r"(?:[\w'-]+\s+){0,3}?(?:colonels?|generals?|officers?|soldiers?|captains?|lieutenants?|"
                                r"sergeants?|commanders?|majors?|corporals?)\b")
_SUPPORTERS_AFTER = re.compile(r"\s*(?:collaborators?|sympathi[sz]ers?|supporters?|accomplices?|informants?|informers?|"
                               r"suppliers?|logisticians?|complices?)\b")
# Before a group's name: what people were accused of doing for it ("suspected of supplying
# fuel to", "on charges of collusion with"); they are not its fighters.
_ACCUSED_OF_HELPING = re.compile(
    r"\b(?:accus\w*|suspect\w*|alleg\w*|charg\w*|suspicion|presumed|convicted|for)\b(?:\s+[\w'-]+){0,6}?\s+"
    r"(?:(?:collu\w*|complicit\w*|links?|ties|connections?|dealings|contacts?|collaborat\w*|cooperat\w*|"
    r"intelligence|connivance)\s+with|"
    r"(?:supply\w*|sell\w*|provid\w*|deliver\w*|smuggl\w*|send\w*|transport\w*)\s+(?:[\w'-]+\s+){0,6}?to|"
    r"help\w*|aid\w*|assist\w*|support\w*|financ\w*|fund\w*|harbou?r\w*|hid\w*|shelter\w*|feed\w*|"
    r"spy\w*\s+for|spies\s+for|working\s+for|work\s+for|informing|informants?\s+(?:for|of|to))"
    r"\s+(?:(?:the|suspected|alleged|presumed)\s+)*$")
# After "military": the state's rulers, not its troops ("the military government", "junta").
_RULERS_AFTER = re.compile(r"\s*(?:-\s*led\s+)?(?:government|junta|regime|authorities|rulers|leaders?|leadership|rule|"
                           r"council|transition|president)\b")
# After "X and Y": both fought a third ("the army and Dozo hunters clashed with JNIM").
_FOUGHT_ALONGSIDE = re.compile(r"\s*(?:[\w-]+\s+){0,2}?(?:clashed|fought|exchanged fire|engaged)\s+(?:\w+\s+)?(?:with|against)\b")
# Between two actors listed as one side: "JNIM (…) and the FLA", "Wagner mercenaries and Malian soldiers".
_LISTED_WITH = re.compile(
    r"\s*(?:(?:fighters|militants|mercenaries|soldiers|troops|forces|personnel|elements|militiamen|members|"
    r"hunters|units?)\s+)?(?:\([^)]*\)\s*)?(?:and|&|,)\s+(?:the\s+)?(?:[\w-]+\s+)?")


def _add_listed_allies(side: Role | None, armed: list[Role], span_fold: str, sides: tuple) -> None:
    """A named force listed right after a side fights with it: "JNIM and FLA fighters attacked the
    army and Africa Corps" — FLA is JNIM's associated actor, Africa Corps the army's."""
    if side is None or side.end < 0:
        return
    state = side.inter in (1, 8)
    for r in armed:
        if any(r is x for x in sides) or r.generic or r.start <= side.end or (r.inter in (1, 8)) != state:
            continue
        if r.name not in side.assoc and actor_key(r.name) != actor_key(side.name) and \
                _LISTED_WITH.fullmatch(span_fold[side.end:r.start]) and "," not in span_fold[side.end:r.start]:
            side.assoc = side.assoc + [r.name]
