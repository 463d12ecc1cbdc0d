"""Country names ⇄ ISO codes ⇄ ACLED region, with the adjectives reports use.

Small and hand-written on purpose: the Sahel and its neighbours, which is what the
coder needs to pick the country of an event and to name country-specific actors
("Civilians (Mali)", "Military Forces of Niger").
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Country:
    name: str  # ACLED's spelling
    iso2: str
    iso3: str
    iso_numeric: int
    region: str
    # Names and adjectives (English and French) that point to this country in a text.
    words: tuple[str, ...] = ()

    @property
    def capital(self) -> str:
        """The seat of government: where ACLED places national-level events."""
        return CAPITALS.get(self.name, "")


COUNTRIES: tuple[Country, ...] = (
    Country("Mali", "ML", "MLI", 466, "Western Africa",
            ("Mali", "Malian", "Malians", "malien", "malienne", "maliens", "maliennes")),
    Country("Burkina Faso", "BF", "BFA", 854, "Western Africa",
            ("Burkina Faso", "Burkina", "Burkinabe", "Burkinabè", "Burkinabé", "burkinabè")),
    Country("Niger", "NE", "NER", 562, "Western Africa",
            ("Niger", "Nigerien", "Nigérien", "nigérienne")),
    Country("Mauritania", "MR", "MRT", 478, "Western Africa",
            ("Mauritania", "Mauritanian", "Mauritanie", "mauritanien")),
    Country("Senegal", "SN", "SEN", 686, "Western Africa",
            ("Senegal", "Senegalese", "Sénégal", "sénégalais")),
    Country("Guinea", "GN", "GIN", 324, "Western Africa",
            ("Guinea", "Guinean", "Guinée", "guinéen")),
    Country("Ivory Coast", "CI", "CIV", 384, "Western Africa",
            ("Ivory Coast", "Côte d'Ivoire", "Cote d'Ivoire", "Ivorian", "ivoirien")),
    Country("Algeria", "DZ", "DZA", 12, "Northern Africa",
            ("Algeria", "Algerian", "Algérie", "algérien")),
    Country("Nigeria", "NG", "NGA", 566, "Western Africa", ("Nigeria", "Nigerian")),
    Country("Chad", "TD", "TCD", 148, "Middle Africa", ("Chad", "Chadian", "Tchad", "tchadien")),
    Country("Benin", "BJ", "BEN", 204, "Western Africa", ("Benin", "Beninese", "Bénin", "béninois")),
    Country("Togo", "TG", "TGO", 768, "Western Africa", ("Togo", "Togolese", "togolais")),
    Country("Ghana", "GH", "GHA", 288, "Western Africa", ("Ghana", "Ghanaian")),
    Country("Libya", "LY", "LBY", 434, "Northern Africa", ("Libya", "Libyan", "Libye")),
)


def fold(text: str) -> str:
    """Case- and accent-folded text, for comparing names."""
    if text.isascii():
        return text.casefold()
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()


CAPITALS: dict[str, str] = {
    "Mali": "Bamako", "Burkina Faso": "Ouagadougou", "Niger": "Niamey", "Mauritania": "Nouakchott",
    "Senegal": "Dakar", "Guinea": "Conakry", "Ivory Coast": "Abidjan", "Algeria": "Algiers", "Nigeria": "Abuja",
    "Chad": "N'Djamena", "Benin": "Porto-Novo", "Togo": "Lome", "Ghana": "Accra", "Libya": "Tripoli",
}

_BY_KEY: dict[str, Country] = {}
for _c in COUNTRIES:
    for _k in (_c.name, _c.iso2, _c.iso3, str(_c.iso_numeric), *_c.words):
        _BY_KEY.setdefault(fold(_k), _c)


def country(ref: str | int | None) -> Country | None:
    """The country for a name, adjective, ISO2/ISO3 code or ISO numeric code."""
    if ref is None or ref == "":
        return None
    return _BY_KEY.get(fold(str(ref)).strip())


# Other states, by the adjective reports use: their forces operate in the Sahel ("a French
# soldier" -> Military Forces of France) and their nationals are its victims. Kept apart from
# COUNTRIES: "French" in a note is not a hint that the event happened in France.
OTHER_NATIONALITIES: dict[str, str] = {
    fold(w): name
    for name, words in (
        ("France", ("French", "français", "française", "françaises")),
        ("Germany", ("German", "allemand", "allemande")),
        # Whose nationals are kidnapped or killed in the region ("three Chinese nationals" ->
        # Civilians (China)); ACLED's country names.
        ("China", ("Chinese", "chinois", "chinoise", "chinoises")),
        ("Turkey", ("Turkish", "turc", "turque", "turcs")),
        ("India", ("Indian", "indien", "indienne", "indiens")),
        ("Morocco", ("Moroccan", "marocain", "marocaine", "marocains")),
        ("Egypt", ("Egyptian", "égyptien", "égyptiens")),
        ("Russia", ("Russian", "russe", "russes")),
        ("United States", ("American", "américain", "américaine", "américains")),
        ("United Kingdom", ("British", "britannique", "britanniques")),
        ("Italy", ("Italian", "italien", "italienne", "italiens")),
        ("Spain", ("Spanish", "espagnol", "espagnole", "espagnols")),
        ("Canada", ("Canadian", "canadien", "canadienne", "canadiens")),
        ("Austria", ("Austrian", "autrichien", "autrichienne")),
        ("Switzerland", ("Swiss", "suisse", "suisses")),
        ("Belgium", ("Belgian", "belge", "belges")),
        ("Romania", ("Romanian", "roumain", "roumaine")),
        ("South Africa", ("South African", "sud-africain")),
    )
    for w in words
}


def nationality(word: str) -> str | None:
    """The ACLED country name of a nationality adjective ("Malian", "French"), else None."""
    c = country(word)
    if c is not None:
        return c.name
    return OTHER_NATIONALITIES.get(fold(word).strip())


def country_words() -> dict[str, Country]:
    """Every folded name/adjective → country (for finding country mentions in text)."""
    return {fold(w): c for c in COUNTRIES for w in (c.name, *c.words)}
