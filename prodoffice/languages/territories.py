"""How delivery schedules name territories, and which countries each name covers.

A sales agent's delivery schedule is made out to a territory as the trade names it: one country
(`DE`, `Germany`) or a trade grouping (`DACH`, `LATAM`, `Benelux`, `Scandinavia`). A language is
wanted in ISO 3166 countries; a schedule wants the language's dubbed version when it covers one
of them. Country names come from CLDR (babel); the groupings below are the trade's usual ones,
since CLDR's region containment is not shipped with babel. A name that is neither covers nothing
(the office adds those deliverables by hand)."""

from __future__ import annotations

import functools
import re

from babel import Locale

_LATAM = "MX GT BZ SV HN NI CR PA CU DO PR HT CO VE EC PE BO CL AR UY PY BR"
_NORDICS = "DK NO SE FI IS"
_MENA = "AE SA QA KW BH OM YE IQ SY JO LB PS IL EG LY TN DZ MA IR"
_CIS = "RU BY KZ KG TJ UZ TM AM AZ MD"
_EX_YU = "SI HR BA RS ME MK XK"

#: Trade groupings of a delivery schedule's territory (names compared casefolded, with "&",
#: "and", "/" and punctuation ignored) and the ISO 3166 countries each covers.
GROUPS: dict[str, frozenset[str]] = {
    name: frozenset(codes.split())
    for names, codes in (
        (("latam", "latin america", "latin america and caribbean"), _LATAM),
        (("dach", "germanspeaking europe", "german speaking territories"), "DE AT CH"),
        (("benelux",), "BE NL LU"),
        (("nordics", "nordic", "scandinavia", "nordic countries"), _NORDICS),
        (("baltics", "baltic states"), "EE LV LT"),
        (("mena", "middle east north africa", "middle east"), _MENA),
        (("anz", "australia new zealand", "australasia"), "AU NZ"),
        (("uk ireland", "uk eire", "united kingdom ireland", "british isles"), "GB IE"),
        (("cis", "commonwealth of independent states"), _CIS),
        (("former yugoslavia", "ex yugoslavia"), _EX_YU),
        (("iberia", "spain portugal"), "ES PT"),
        (("north america", "us canada", "usa canada"), "US CA"),
        (("uk", "great britain", "britain"), "GB"),
        (("usa", "united states of america"), "US"),
    )
    for name in names
}


def normalise(name: str) -> str:
    """`UK & Ireland`, `uk/ireland` and `UK and Ireland` alike: `uk ireland`."""
    words = re.sub(r"[^\w]+", " ", name.casefold().replace("&", " ")).split()
    return " ".join(w for w in words if w != "and").replace("german speaking", "germanspeaking")


def covered(territory: str) -> frozenset[str]:
    """The ISO 3166 countries a schedule's territory covers: a country code, a country's English
    name, or a trade grouping; empty when the name is none of those."""
    key = normalise(territory)
    if key in GROUPS:
        return GROUPS[key]
    upper = territory.strip().upper()
    names = _country_names()
    if len(upper) == 2 and upper in names.values():
        return frozenset({upper})
    code = names.get(key)
    return frozenset({code}) if code else frozenset()


@functools.cache
def _country_names() -> dict[str, str]:
    """Normalised English country name -> ISO 3166 alpha-2 code (CLDR; regions left out)."""
    return {
        normalise(name): code
        for code, name in Locale("en").territories.items()
        if len(code) == 2 and code.isalpha() and code not in _NOT_COUNTRIES
    }


#: CLDR's two-letter codes that are not countries (unknown, outlying Oceania, the EU, the
#: eurozone, the UN, pseudo-locales).
_NOT_COUNTRIES = frozenset({"ZZ", "QO", "EU", "EZ", "UN", "XA", "XB"})
