"""The gazetteer's words in Russian, French and German, with the inflected forms an article uses.

Inputs
  * world-countries 5.1.0 (npm, ODbL; the same tarball build_assets.py reads, in scripts/.cache/):
    each country's common and official name in Russian (`rus`), French (`fra`) and German (`deu`),
    and its French demonyms (masculine and feminine).
  * The hand-written tables below, for the countries an article on the CSTO and its neighbours
    names most: other names in use (РФ, США, Weißrussland), capitals, and Russian and German
    adjectives and demonyms, which no table above carries. Spellings are those of the Russian,
    French and German Wikipedia's article titles.
  * The organisations' names in each language, from their own pages (odkb-csto.org, nato.int,
    e-cis.info, eaeunion.org, sectsco.org, european-union.europa.eu, osce.org).

Inflection is generated, not stemmed at run time: every form is listed, so the matcher stays one
Aho-Corasick pass and a word never matches inside another one.
  * Russian: the six cases of each name (a head noun and the adjectives before it agree; words
    after the head stay as written: "Республики Армения"), and every form of each adjective
    (российский, российская, российского, российскими ...) plus its compounding form
    ("российско-" in "российско-армянский").
  * German: the genitive -s ("Russlands", "Moskaus") and the weak -en ending of a formal name's adjectives
    ("der Russischen Föderation"); adjectives with each ending (russisch, russische, russischen ...).
  * French: plurals of the demonyms; elision ("l'Arménie", "d'Ukraine") needs no form of its own,
    since an apostrophe is no letter and the name after it is a whole word.

Standard library only; the output is deterministic.
"""

from __future__ import annotations

import io
import json
import subprocess
import tarfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "scripts" / ".cache"
WORLD_COUNTRIES = ("world-countries", "5.1.0")
# world-countries' translation keys for the languages drafting reads.
LANGUAGES = {"ru": "rus", "fr": "fra", "de": "deu"}
# world-countries spells Kosovo's alpha-3 code UNK.
CODE_FIXES = {"UNK": "XKX"}

# ---------------------------------------------------------------------------------------------
# Names besides world-countries' common and official ones.
EXTRA_NAMES = {
    "ru": {
        "RUS": ["РФ", "Российская Федерация"],
        "USA": ["США", "Соединённые Штаты", "Соединенные Штаты", "Америка"],
        "CHN": ["КНР", "Китайская Народная Республика"],
        "DEU": ["ФРГ"],
        "GBR": ["Британия", "Соединённое Королевство", "Соединенное Королевство"],
        "KGZ": ["Кыргызстан", "Кыргызская Республика"],
        "BLR": ["Белоруссия", "Белорусь"],
        "MDA": ["Молдова"],
        "TKM": ["Туркменистан", "Туркмения"],
        "ARE": ["ОАЭ"],
        "PRK": ["КНДР"],
        "KOR": ["Республика Корея"],
        "ZAF": ["ЮАР"],
        "CZE": ["Чешская Республика"],
    },
    "fr": {
        "USA": ["États-Unis", "Etats-Unis", "États-Unis d'Amérique", "Amérique"],
        "RUS": ["Fédération de Russie"],
        "BLR": ["Bélarus", "Belarus"],
        "KGZ": ["Kirghizstan"],
        "MDA": ["Moldova"],
        "GBR": ["Grande-Bretagne"],
        "TKM": ["Turkménistan"],
        "TJK": ["Tadjikistan"],
    },
    "de": {
        "USA": ["USA", "Vereinigte Staaten", "Amerika"],
        "BLR": ["Weißrussland", "Weissrussland", "Belarus"],
        "KGZ": ["Kirgistan", "Kirgisien", "Kirgisistan"],
        "MDA": ["Moldau", "Moldova", "Moldawien"],
        "DEU": ["BRD", "Bundesrepublik"],
        "GBR": ["Großbritannien", "Grossbritannien"],
        "RUS": ["Russische Föderation"],
        "CZE": ["Tschechien"],
    },
}

# Capitals, as each language writes them.
CAPITALS = {
    "ru": {
        "RUS": ["Москва"], "ARM": ["Ереван"], "AZE": ["Баку"], "BLR": ["Минск"],
        "KAZ": ["Астана", "Нур-Султан"], "KGZ": ["Бишкек"], "TJK": ["Душанбе"],
        "UZB": ["Ташкент"], "TKM": ["Ашхабад"], "GEO": ["Тбилиси"], "UKR": ["Киев"],
        "MDA": ["Кишинёв", "Кишинев"], "CHN": ["Пекин"], "USA": ["Вашингтон"],
        "TUR": ["Анкара"], "IRN": ["Тегеран"], "AFG": ["Кабул"], "DEU": ["Берлин"],
        "FRA": ["Париж"], "GBR": ["Лондон"], "POL": ["Варшава"], "LTU": ["Вильнюс"],
        "LVA": ["Рига"], "EST": ["Таллин"], "FIN": ["Хельсинки"], "MNG": ["Улан-Батор"],
        "IND": ["Нью-Дели"], "JPN": ["Токио"], "BEL": ["Брюссель"],
    },
    "fr": {
        "RUS": ["Moscou"], "ARM": ["Erevan"], "AZE": ["Bakou"], "BLR": ["Minsk"],
        "KAZ": ["Astana"], "KGZ": ["Bichkek"], "TJK": ["Douchanbé"], "UZB": ["Tachkent"],
        "TKM": ["Achgabat"], "GEO": ["Tbilissi"], "UKR": ["Kiev", "Kyiv"],
        "MDA": ["Chisinau", "Kichinev"], "CHN": ["Pékin"], "USA": ["Washington"],
        "TUR": ["Ankara"], "IRN": ["Téhéran"], "AFG": ["Kaboul"], "DEU": ["Berlin"],
        "FRA": ["Paris"], "GBR": ["Londres"], "POL": ["Varsovie"], "LTU": ["Vilnius"],
        "LVA": ["Riga"], "EST": ["Tallinn"], "FIN": ["Helsinki"], "MNG": ["Oulan-Bator"],
        "IND": ["New Delhi"], "JPN": ["Tokyo"],
    },
    "de": {
        "RUS": ["Moskau"], "ARM": ["Jerewan", "Eriwan"], "AZE": ["Baku"], "BLR": ["Minsk"],
        "KAZ": ["Astana"], "KGZ": ["Bischkek"], "TJK": ["Duschanbe"], "UZB": ["Taschkent"],
        "TKM": ["Aschgabat"], "GEO": ["Tiflis", "Tbilissi"], "UKR": ["Kiew", "Kyjiw"],
        "MDA": ["Chișinău", "Kischinau"], "CHN": ["Peking"], "USA": ["Washington"],
        "TUR": ["Ankara"], "IRN": ["Teheran"], "AFG": ["Kabul"], "DEU": ["Berlin"],
        "FRA": ["Paris"], "GBR": ["London"], "POL": ["Warschau"], "LTU": ["Vilnius", "Wilna"],
        "LVA": ["Riga"], "EST": ["Tallinn"], "FIN": ["Helsinki"], "MNG": ["Ulaanbaatar"],
        "IND": ["Neu-Delhi"], "JPN": ["Tokio"],
    },
}

# Russian adjectives (masculine nominative singular) naming a state.
RU_ADJECTIVES = {
    "RUS": ["российский"], "ARM": ["армянский"], "AZE": ["азербайджанский"],
    "BLR": ["белорусский"], "KAZ": ["казахстанский"], "KGZ": ["киргизский", "кыргызский"],
    "TJK": ["таджикский"], "UZB": ["узбекский"], "TKM": ["туркменский"], "GEO": ["грузинский"],
    "UKR": ["украинский"], "MDA": ["молдавский", "молдовский"], "CHN": ["китайский"],
    "USA": ["американский"], "TUR": ["турецкий"], "IRN": ["иранский"], "AFG": ["афганский"],
    "DEU": ["германский", "немецкий"], "FRA": ["французский"], "GBR": ["британский"],
    "POL": ["польский"], "LTU": ["литовский"], "LVA": ["латвийский"], "EST": ["эстонский"],
    "FIN": ["финский", "финляндский"], "SWE": ["шведский"], "NOR": ["норвежский"],
    "IND": ["индийский"], "PAK": ["пакистанский"], "MNG": ["монгольский"], "JPN": ["японский"],
    "KOR": ["южнокорейский"], "PRK": ["северокорейский"], "SRB": ["сербский"],
    "ROU": ["румынский"], "BGR": ["болгарский"], "HUN": ["венгерский"], "CZE": ["чешский"],
    "SVK": ["словацкий"], "ISR": ["израильский"], "SYR": ["сирийский"], "IRQ": ["иракский"],
    "EGY": ["египетский"], "ITA": ["итальянский"], "ESP": ["испанский"], "CAN": ["канадский"],
    "GRC": ["греческий"],
}

# Russian compounding forms that are not the adjective's stem + "о" ("армяно-азербайджанский",
# "американо-российский").
RU_COMPOUNDING = {
    "ARM": ["армяно"], "AZE": ["азербайджано"], "USA": ["американо"], "GEO": ["грузино"],
    "UKR": ["украино"], "DEU": ["германо"],
}

# Russian demonyms, the plural of the people (its cases are generated below).
RU_PEOPLES = {
    "RUS": ["россияне"], "ARM": ["армяне"], "AZE": ["азербайджанцы"], "UKR": ["украинцы"],
    "GEO": ["грузины"], "USA": ["американцы"], "BLR": ["белорусы"], "KAZ": ["казахстанцы"],
    "KGZ": ["киргизы", "кыргызы", "кыргызстанцы"], "TJK": ["таджики"], "UZB": ["узбеки"],
    "TKM": ["туркмены"], "CHN": ["китайцы"], "TUR": ["турки"], "DEU": ["немцы"],
    "FRA": ["французы"], "GBR": ["британцы"], "MDA": ["молдаване"],
}

# German adjective stems naming a state; the endings are added below.
DE_ADJECTIVES = {
    "RUS": ["russisch"], "ARM": ["armenisch"], "AZE": ["aserbaidschanisch"],
    "BLR": ["belarussisch", "weißrussisch"], "KAZ": ["kasachisch"], "KGZ": ["kirgisisch"],
    "TJK": ["tadschikisch"], "UZB": ["usbekisch"], "TKM": ["turkmenisch"], "GEO": ["georgisch"],
    "UKR": ["ukrainisch"], "MDA": ["moldauisch", "moldawisch"], "CHN": ["chinesisch"],
    "USA": ["amerikanisch"], "TUR": ["türkisch"], "IRN": ["iranisch"], "AFG": ["afghanisch"],
    "DEU": ["deutsch"], "FRA": ["französisch"], "GBR": ["britisch"], "POL": ["polnisch"],
    "LTU": ["litauisch"], "LVA": ["lettisch"], "EST": ["estnisch"], "FIN": ["finnisch"],
    "SWE": ["schwedisch"], "NOR": ["norwegisch"], "IND": ["indisch"], "PAK": ["pakistanisch"],
    "MNG": ["mongolisch"], "JPN": ["japanisch"], "KOR": ["südkoreanisch"],
    "PRK": ["nordkoreanisch"], "SRB": ["serbisch"], "ROU": ["rumänisch"], "BGR": ["bulgarisch"],
    "HUN": ["ungarisch"], "CZE": ["tschechisch"], "SVK": ["slowakisch"], "ISR": ["israelisch"],
    "SYR": ["syrisch"], "IRQ": ["irakisch"], "EGY": ["ägyptisch"], "ITA": ["italienisch"],
    "ESP": ["spanisch"], "CAN": ["kanadisch"], "GRC": ["griechisch"],
}

# German demonyms, singular and plural.
DE_DEMONYMS = {
    "RUS": ["Russe", "Russen"], "ARM": ["Armenier"], "AZE": ["Aserbaidschaner"],
    "KAZ": ["Kasache", "Kasachen"], "GEO": ["Georgier"], "UKR": ["Ukrainer"],
    "CHN": ["Chinese", "Chinesen"], "USA": ["Amerikaner", "US-Amerikaner"],
    "TUR": ["Türke", "Türken"], "FRA": ["Franzose", "Franzosen"], "GBR": ["Brite", "Briten"],
    "IRN": ["Iraner"], "KGZ": ["Kirgise", "Kirgisen"], "TJK": ["Tadschike", "Tadschiken"],
    "UZB": ["Usbeke", "Usbeken"], "TKM": ["Turkmene", "Turkmenen"],
}

# Words that hold a country's name but name something else.
NOT_PLACES = {
    "ru": ["Латинская Америка", "Латинской Америки", "Латинской Америке", "Латинскую Америку",
           "Южная Америка", "Южной Америки", "Южной Америке", "Северная Америка",
           "Северной Америки", "Северной Америке", "Индийский океан", "Индийского океана",
           "Индийском океане", "Новая Гвинея", "Новой Гвинеи", "Новой Гвинее",
           "Гвинейский залив", "Гвинейского залива", "Нью-Мексико"],
    "fr": ["Amérique latine", "Amérique du Sud", "Amérique du Nord", "océan Indien",
           "golfe de Guinée", "Nouvelle-Guinée", "golfe du Mexique",
           "Nouveau-Mexique", "latino-américain", "latino-américaine", "latino-américains",
           "latino-américaines", "sud-américain", "sud-américaine", "sud-américains",
           "sud-américaines", "nord-américain", "nord-américaine", "nord-américains",
           "nord-américaines"],
    "de": ["Lateinamerika", "Südamerika", "Nordamerika", "Indischer Ozean", "Indischen Ozean",
           "Indischen Ozeans", "Golf von Guinea", "Golf von Mexiko", "New Mexico"],
}

# Names that are also common words or first names ("Того" is "of that"; "Maurice", "Dominique"):
# shown for the reader to confirm, never counted.
UNCERTAIN_TERMS = {
    "ru": {"Того": "also the pronoun \"того\" at the start of a sentence",
           "Доминика": "also a first name"},
    "fr": {"Maurice": "also a first name", "Dominique": "also a first name",
           "Grenade": "also the Spanish city (Granada) and a weapon"},
    "de": {"Dominica": "also a first name"},
}

# The organisations' names: full names first, then abbreviations.
ORGANISATIONS = {
    "ru": {
        "NATO": ["Организация Североатлантического договора", "Североатлантический альянс",
                 "НАТО"],
        "CSTO": ["Организация Договора о коллективной безопасности", "ОДКБ"],
        "CIS": ["Содружество Независимых Государств", "СНГ"],
        "EAEU": ["Евразийский экономический союз", "ЕАЭС"],
        "SCO": ["Шанхайская организация сотрудничества", "ШОС"],
        "EU": ["Европейский союз", "Евросоюз", "ЕС"],
        "GUAM": ["ГУАМ"],
        "OSCE": ["Организация по безопасности и сотрудничеству в Европе", "ОБСЕ"],
        "ASEAN": ["Ассоциация государств Юго-Восточной Азии", "АСЕАН"],
        "AU": ["Африканский союз"],
    },
    "fr": {
        "NATO": ["Organisation du traité de l'Atlantique nord", "Alliance atlantique", "OTAN",
                 "Otan"],
        "CSTO": ["Organisation du traité de sécurité collective", "OTSC"],
        "CIS": ["Communauté des États indépendants", "CEI"],
        "EAEU": ["Union économique eurasiatique", "Union eurasiatique", "UEE"],
        "SCO": ["Organisation de coopération de Shanghai", "OCS"],
        "EU": ["Union européenne", "UE"],
        "GUAM": ["GUAM"],
        "OSCE": ["Organisation pour la sécurité et la coopération en Europe", "OSCE"],
        "ASEAN": ["Association des nations de l'Asie du Sud-Est", "ASEAN", "ANASE"],
        "AU": ["Union africaine"],
    },
    "de": {
        "NATO": ["Organisation des Nordatlantikvertrags", "Nordatlantikpakt", "NATO", "Nato"],
        "CSTO": ["Organisation des Vertrags über kollektive Sicherheit", "OVKS"],
        "CIS": ["Gemeinschaft Unabhängiger Staaten", "GUS"],
        "EAEU": ["Eurasische Wirtschaftsunion", "EAWU"],
        "SCO": ["Shanghaier Organisation für Zusammenarbeit", "SOZ"],
        "EU": ["Europäische Union", "EU"],
        "GUAM": ["GUAM"],
        "OSCE": ["Organisation für Sicherheit und Zusammenarbeit in Europa", "OSZE"],
        "ASEAN": ["Verband Südostasiatischer Nationen", "ASEAN"],
        "AU": ["Afrikanische Union"],
    },
}

# ---------------------------------------------------------------------------------------------
# Russian inflection.

HUSHING = set("гкхжшщч")
# Names in -ь that are feminine (the others, Израиль, are masculine).
FEMININE_SOFT = {"Беларусь", "Белорусь"}
RU_ADJECTIVE_ENDINGS = ("ый", "ий", "ой", "ая", "яя", "ое", "ее", "ые", "ие")


def ru_adjective_forms(word: str) -> list[str]:
    """Every case, gender and number of a Russian adjective given in any nominative form."""
    stem = word[:-2]
    soft_i = stem[-1:] in HUSHING or word.endswith("ий")
    y = "и" if soft_i else "ы"
    endings = [y + "й", "ой", "ого", "ому", y + "м", "ом", "ая", "ую", "ое", y + "е", y + "х",
               y + "ми"]
    return [stem + e for e in endings]


def ru_adjective_in_case(word: str, case: int) -> str:
    """The adjective `word` (a nominative form) in `case` (0 nom .. 5 prep), same gender."""
    stem, ending = word[:-2], word[-2:]
    y = "и" if stem[-1:] in HUSHING or ending in ("ий", "ие") else "ы"
    if ending in ("ая", "яя"):
        return stem + ["ая", "ой", "ой", "ую", "ой", "ой"][case]
    if ending in ("ое", "ее"):
        return stem + ["ое", "ого", "ому", "ое", y + "м", "ом"][case]
    if ending in ("ые", "ие"):
        return stem + [y + "е", y + "х", y + "м", y + "е", y + "ми", y + "х"][case]
    return stem + [ending, "ого", "ому", ending, y + "м", "ом"][case]


def ru_noun_in_case(word: str, case: int) -> str:
    """The noun `word` in `case`, by its ending; a noun that does not decline stays."""
    if word.endswith("ия"):
        return word[:-1] + ["я", "и", "и", "ю", "ей", "и"][case]
    if word.endswith("а"):
        stem = word[:-1]
        gen = "и" if stem[-1:] in HUSHING else "ы"
        return stem + ["а", gen, "е", "у", "ой", "е"][case]
    if word.endswith("я"):
        return word[:-1] + ["я", "и", "е", "ю", "ей", "е"][case]
    if word.endswith(("ы", "ии")) or (word.endswith("и") and word[-2:-1] in HUSHING):
        stem = word[:-1]
        return stem + [word[-1], "ов", "ам", word[-1], "ами", "ах"][case]
    # A borrowed name in -о does not decline (Того, Монако, Токио); a Russian noun does
    # (Содружество).
    if word.endswith("ство"):
        return word[:-1] + ["о", "а", "у", "о", "ом", "е"][case]
    if word.endswith("ь") and word in FEMININE_SOFT:
        return word[:-1] + ["ь", "и", "и", "ь", "ью", "и"][case]
    if word.endswith("ь"):
        return word[:-1] + ["ь", "я", "ю", "ь", "ем", "е"][case]
    if word.endswith("й"):
        return word[:-1] + ["й", "я", "ю", "й", "ем", "е"][case]
    if word[-1:].isalpha() and word[-1] not in "еиоуэюы":
        return word + ["", "а", "у", "", "ом", "е"][case]
    return word


def ru_name_forms(name: str) -> list[str]:
    """A Russian name in the six cases: the adjectives before the head noun agree with it, the
    words after it stay ("Республики Армения", "Соединённых Штатов Америки")."""
    words = name.split(" ")
    head = next((i for i, w in enumerate(words) if not w.endswith(RU_ADJECTIVE_ENDINGS)), None)
    if head is None:
        return [" ".join(ru_adjective_in_case(w, case) for w in words) for case in range(6)]
    forms = []
    for case in range(6):
        inflected = [ru_adjective_in_case(w, case) for w in words[:head]]
        head_word = words[head]
        if "-" in head_word or head_word.isupper():
            inflected.append(head_word)
        else:
            inflected.append(ru_noun_in_case(head_word, case))
        forms.append(" ".join(inflected + words[head + 1:]))
    return forms


def ru_people_forms(plural: str) -> list[str]:
    """A people's plural in its cases: армяне, армян, армянам, армянами, армянах; грузины,
    грузин(ов), грузинам ...; the genitive of a -ы/-и plural is given both ways, since it is
    irregular (грузин, таджиков)."""
    if plural.endswith("не"):
        stem = plural[:-2]
        return [stem + e for e in ("не", "н", "нам", "нами", "нах")]
    stem = plural[:-1]
    genitive = [stem + "ев"] if stem.endswith("ц") else [stem + "ов", stem]
    return [plural, *genitive, stem + "ам", stem + "ами", stem + "ах"]


def ru_adjective_entries(adjective: str) -> list[str]:
    # The compounding form: "российско-армянский", "российско-китайских".
    return ru_adjective_forms(adjective) + [adjective[:-2] + "о"]


# ---------------------------------------------------------------------------------------------
# German and French forms.

DE_ENDINGS = ("", "e", "en", "er", "es", "em")


def de_name_forms(name: str) -> list[str]:
    """The name, its genitive ("Russlands") and, for a name with adjectives, its weak forms
    ("Russischen Föderation", "Vereinigten Arabischen Emiraten")."""
    forms = [name]
    words = name.split(" ")
    if len(words) == 1:
        if not name.endswith(("s", "ß", "x", "z")) and not name.isupper():
            forms.append(name + "s")
        if name.endswith("e") and not name.isupper():
            forms.append(name + "n")  # "den Niederlanden"
        return forms
    weak = [w + "n" if w.endswith("e") and w[0].isupper() else w for w in words[:-1]]
    last = words[-1]
    forms.append(" ".join(weak + [last]))
    if last.endswith("e"):
        forms.append(" ".join(weak + [last + "n"]))
    return forms


def de_adjective_forms(stem: str) -> list[str]:
    return [stem + e for e in DE_ENDINGS]


def fr_demonym_forms(masculine: str, feminine: str) -> list[str]:
    forms = []
    for word in (masculine, feminine):
        forms.append(word)
        forms.append(word if word.endswith(("s", "x")) else word + "s")
    # Written lowercase as adjectives ("la diplomatie russe"); the matcher reads both.
    return forms


# ---------------------------------------------------------------------------------------------


def world_countries() -> list[dict]:
    name, version = WORLD_COUNTRIES
    path = CACHE / f"{name}-{version}.tgz"
    if not path.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "pack", f"{name}@{version}"], cwd=CACHE, check=True,
                       stdout=subprocess.DEVNULL)
    with tarfile.open(path, "r:gz") as archive:
        handle = archive.extractfile("package/countries.json")
        if handle is None:
            raise SystemExit(f"{path}: no package/countries.json")
        return json.load(io.TextIOWrapper(handle, encoding="utf-8"))


def unique(items: list[str]) -> list[str]:
    seen, out = set(), []
    for item in items:
        item = item.strip()
        if item and item not in seen:
            seen.add(item)
            out.append(item)
    return out


def language_entry(language: str, rows: list[dict], known: set[str]) -> dict:
    key = LANGUAGES[language]
    countries = []
    for row in rows:
        code = CODE_FIXES.get(row["cca3"], row["cca3"])
        if code not in known:
            continue
        translation = row.get("translations", {}).get(key, {})
        base = [translation.get("common", ""), translation.get("official", "")]
        base += EXTRA_NAMES[language].get(code, [])
        base = unique(base)
        demonyms: list[str] = []
        if language == "ru":
            names = [form for name in base for form in ru_name_forms(name)]
            for adjective in RU_ADJECTIVES.get(code, []):
                demonyms += ru_adjective_entries(adjective)
            demonyms += RU_COMPOUNDING.get(code, [])
            for people in RU_PEOPLES.get(code, []):
                demonyms += ru_people_forms(people)
        elif language == "de":
            names = [form for name in base for form in de_name_forms(name)]
            for stem in DE_ADJECTIVES.get(code, []):
                demonyms += de_adjective_forms(stem)
            demonyms += DE_DEMONYMS.get(code, [])
        else:
            names = base
            french = row.get("demonyms", {}).get("fra", {})
            if french.get("m") and french.get("f"):
                demonyms += fr_demonym_forms(french["m"], french["f"])
        capitals = CAPITALS[language].get(code, [])
        if language == "ru":
            capitals = [form for capital in capitals for form in ru_name_forms(capital)]
        elif language == "de":
            capitals = [form for capital in capitals for form in de_name_forms(capital)]
        countries.append({"code": code, "names": unique(names), "demonyms": unique(demonyms),
                          "capitals": unique(capitals)})
    countries.sort(key=lambda c: c["code"])
    organisations = []
    for ident, names in ORGANISATIONS[language].items():
        if language == "ru":
            names = [form for name in names for form in ru_name_forms(name)]
        elif language == "de":
            # An abbreviation ("Nato", "EU") takes no ending.
            names = [form for name in names
                     for form in (de_name_forms(name) if len(name) > 5 else [name])]
        organisations.append({"id": ident, "names": unique(names)})
    return {"language": language, "countries": countries, "organisations": organisations,
            "not_places": NOT_PLACES[language],
            "uncertain_terms": [{"term": term, "reason": reason}
                                for term, reason in UNCERTAIN_TERMS[language].items()]}


def languages(known: set[str]) -> list[dict]:
    """The gazetteer's `languages` section: for each language, its words per country and
    organisation, every form listed."""
    rows = world_countries()
    return [language_entry(language, rows, known) for language in LANGUAGES]
