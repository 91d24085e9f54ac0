"""General world knowledge for resolving names: capitals, seats, demonyms, acronyms.

Nothing here is specific to one story. Keys are lowercase (``ACRONYMS``: uppercase);
values are canonical English short country names ("Russia", "North Korea",
"United States", "United Kingdom", ...) or, for acronyms, the canonical long name.

Deliberately left out because they are ambiguous in news text:

* capitals that are also sub-national capitals or common words/names:
  "victoria" (Seychelles; British Columbia; a first name), "st. john's" (Antigua and
  Barbuda; Newfoundland), "male" without its accent (Maldives; the English word);
* bare "korean" and "congolese" (which Korea, which Congo?);
* "yongsan" (a district and a garrison, not only the presidential office).
"""

from __future__ import annotations

import re
import unicodedata

# Canonical names: the 193 UN member states plus Palestine, Vatican City, Taiwan, Kosovo.
# fmt: off
COUNTRIES: tuple[str, ...] = (
    "Afghanistan", "Albania", "Algeria", "Andorra", "Angola", "Antigua and Barbuda",
    "Argentina", "Armenia", "Australia", "Austria", "Azerbaijan", "Bahamas", "Bahrain",
    "Bangladesh", "Barbados", "Belarus", "Belgium", "Belize", "Benin", "Bhutan", "Bolivia",
    "Bosnia and Herzegovina", "Botswana", "Brazil", "Brunei", "Bulgaria", "Burkina Faso",
    "Burundi", "Cambodia", "Cameroon", "Canada", "Cape Verde", "Central African Republic",
    "Chad", "Chile", "China", "Colombia", "Comoros", "Costa Rica", "Croatia", "Cuba", "Cyprus",
    "Czech Republic", "Democratic Republic of the Congo", "Denmark", "Djibouti", "Dominica",
    "Dominican Republic", "East Timor", "Ecuador", "Egypt", "El Salvador", "Equatorial Guinea",
    "Eritrea", "Estonia", "Eswatini", "Ethiopia", "Fiji", "Finland", "France", "Gabon",
    "Gambia", "Georgia", "Germany", "Ghana", "Greece", "Grenada", "Guatemala", "Guinea",
    "Guinea-Bissau", "Guyana", "Haiti", "Honduras", "Hungary", "Iceland", "India", "Indonesia",
    "Iran", "Iraq", "Ireland", "Israel", "Italy", "Ivory Coast", "Jamaica", "Japan", "Jordan",
    "Kazakhstan", "Kenya", "Kiribati", "Kuwait", "Kyrgyzstan", "Laos", "Latvia", "Lebanon",
    "Lesotho", "Liberia", "Libya", "Liechtenstein", "Lithuania", "Luxembourg", "Madagascar",
    "Malawi", "Malaysia", "Maldives", "Mali", "Malta", "Marshall Islands", "Mauritania",
    "Mauritius", "Mexico", "Micronesia", "Moldova", "Monaco", "Mongolia", "Montenegro",
    "Morocco", "Mozambique", "Myanmar", "Namibia", "Nauru", "Nepal", "Netherlands",
    "New Zealand", "Nicaragua", "Niger", "Nigeria", "North Korea", "North Macedonia", "Norway",
    "Oman", "Pakistan", "Palau", "Panama", "Papua New Guinea", "Paraguay", "Peru",
    "Philippines", "Poland", "Portugal", "Qatar", "Republic of the Congo", "Romania", "Russia",
    "Rwanda", "Saint Kitts and Nevis", "Saint Lucia", "Saint Vincent and the Grenadines",
    "Samoa", "San Marino", "Sao Tome and Principe", "Saudi Arabia", "Senegal", "Serbia",
    "Seychelles", "Sierra Leone", "Singapore", "Slovakia", "Slovenia", "Solomon Islands",
    "Somalia", "South Africa", "South Korea", "South Sudan", "Spain", "Sri Lanka", "Sudan",
    "Suriname", "Sweden", "Switzerland", "Syria", "Tajikistan", "Tanzania", "Thailand", "Togo",
    "Tonga", "Trinidad and Tobago", "Tunisia", "Turkey", "Turkmenistan", "Tuvalu", "Uganda",
    "Ukraine", "United Arab Emirates", "United Kingdom", "United States", "Uruguay",
    "Uzbekistan", "Vanuatu", "Venezuela", "Vietnam", "Yemen", "Zambia", "Zimbabwe",
    # not UN members
    "Palestine", "Vatican City", "Taiwan", "Kosovo",
)

CAPITALS: dict[str, str] = {
    # Europe
    "tirana": "Albania", "tirane": "Albania", "tiranë": "Albania",
    "andorra la vella": "Andorra", "yerevan": "Armenia", "vienna": "Austria", "wien": "Austria",
    "baku": "Azerbaijan", "minsk": "Belarus", "brussels": "Belgium", "bruxelles": "Belgium",
    "sarajevo": "Bosnia and Herzegovina", "sofia": "Bulgaria", "zagreb": "Croatia",
    "nicosia": "Cyprus", "prague": "Czech Republic", "praha": "Czech Republic",
    "copenhagen": "Denmark", "tallinn": "Estonia", "helsinki": "Finland", "paris": "France",
    "tbilisi": "Georgia", "berlin": "Germany", "athens": "Greece", "budapest": "Hungary",
    "reykjavik": "Iceland", "reykjavík": "Iceland", "dublin": "Ireland", "rome": "Italy",
    "roma": "Italy", "astana": "Kazakhstan", "nur-sultan": "Kazakhstan",
    "pristina": "Kosovo", "prishtina": "Kosovo", "riga": "Latvia", "vaduz": "Liechtenstein",
    "vilnius": "Lithuania", "luxembourg": "Luxembourg", "luxembourg city": "Luxembourg",
    "valletta": "Malta", "chisinau": "Moldova", "chișinău": "Moldova", "chişinău": "Moldova",
    "kishinev": "Moldova", "monaco": "Monaco", "podgorica": "Montenegro",
    "amsterdam": "Netherlands", "skopje": "North Macedonia", "oslo": "Norway",
    "warsaw": "Poland", "warszawa": "Poland", "lisbon": "Portugal", "lisboa": "Portugal",
    "bucharest": "Romania", "bucuresti": "Romania", "bucurești": "Romania",
    "moscow": "Russia", "moskva": "Russia", "san marino": "San Marino", "belgrade": "Serbia",
    "beograd": "Serbia", "bratislava": "Slovakia", "ljubljana": "Slovenia", "madrid": "Spain",
    "stockholm": "Sweden", "bern": "Switzerland", "berne": "Switzerland", "kyiv": "Ukraine",
    "kiev": "Ukraine", "kyyiv": "Ukraine", "london": "United Kingdom",
    "vatican city": "Vatican City",
    # Asia and the Middle East
    "kabul": "Afghanistan", "manama": "Bahrain", "dhaka": "Bangladesh", "dacca": "Bangladesh",
    "thimphu": "Bhutan", "bandar seri begawan": "Brunei", "phnom penh": "Cambodia",
    "beijing": "China", "peking": "China", "new delhi": "India", "jakarta": "Indonesia",
    "tehran": "Iran", "teheran": "Iran", "baghdad": "Iraq", "jerusalem": "Israel",
    "tokyo": "Japan", "amman": "Jordan", "kuwait city": "Kuwait", "bishkek": "Kyrgyzstan",
    "vientiane": "Laos", "beirut": "Lebanon", "kuala lumpur": "Malaysia", "malé": "Maldives",
    "ulaanbaatar": "Mongolia", "ulan bator": "Mongolia", "naypyidaw": "Myanmar",
    "naypyitaw": "Myanmar", "nay pyi taw": "Myanmar", "kathmandu": "Nepal",
    "pyongyang": "North Korea", "muscat": "Oman", "islamabad": "Pakistan",
    "ramallah": "Palestine", "manila": "Philippines", "doha": "Qatar", "riyadh": "Saudi Arabia",
    "singapore": "Singapore", "seoul": "South Korea", "sri jayawardenepura kotte": "Sri Lanka",
    "kotte": "Sri Lanka", "colombo": "Sri Lanka", "damascus": "Syria", "taipei": "Taiwan",
    "dushanbe": "Tajikistan", "bangkok": "Thailand", "dili": "East Timor", "ankara": "Turkey",
    "ashgabat": "Turkmenistan", "ashkhabad": "Turkmenistan",
    "abu dhabi": "United Arab Emirates", "tashkent": "Uzbekistan", "toshkent": "Uzbekistan",
    "hanoi": "Vietnam", "ha noi": "Vietnam", "sanaa": "Yemen", "sana'a": "Yemen",
    # Africa
    "algiers": "Algeria", "luanda": "Angola", "porto-novo": "Benin", "porto novo": "Benin",
    "gaborone": "Botswana", "ouagadougou": "Burkina Faso", "gitega": "Burundi",
    "yaounde": "Cameroon", "yaoundé": "Cameroon", "praia": "Cape Verde",
    "bangui": "Central African Republic", "n'djamena": "Chad", "ndjamena": "Chad",
    "moroni": "Comoros", "kinshasa": "Democratic Republic of the Congo",
    "brazzaville": "Republic of the Congo", "djibouti": "Djibouti", "djibouti city": "Djibouti",
    "cairo": "Egypt", "malabo": "Equatorial Guinea", "asmara": "Eritrea", "mbabane": "Eswatini",
    "lobamba": "Eswatini", "addis ababa": "Ethiopia", "libreville": "Gabon", "banjul": "Gambia",
    "accra": "Ghana", "conakry": "Guinea", "bissau": "Guinea-Bissau",
    "yamoussoukro": "Ivory Coast", "nairobi": "Kenya", "maseru": "Lesotho",
    "monrovia": "Liberia", "tripoli": "Libya", "antananarivo": "Madagascar",
    "lilongwe": "Malawi", "bamako": "Mali", "nouakchott": "Mauritania",
    "port louis": "Mauritius", "rabat": "Morocco", "maputo": "Mozambique",
    "windhoek": "Namibia", "niamey": "Niger", "abuja": "Nigeria", "kigali": "Rwanda",
    "sao tome": "Sao Tome and Principe", "são tomé": "Sao Tome and Principe",
    "dakar": "Senegal", "freetown": "Sierra Leone", "mogadishu": "Somalia",
    "pretoria": "South Africa", "juba": "South Sudan", "khartoum": "Sudan",
    "dodoma": "Tanzania", "lome": "Togo", "lomé": "Togo", "tunis": "Tunisia",
    "kampala": "Uganda", "lusaka": "Zambia", "harare": "Zimbabwe",
    # The Americas
    "buenos aires": "Argentina", "nassau": "Bahamas", "bridgetown": "Barbados",
    "belmopan": "Belize", "la paz": "Bolivia", "sucre": "Bolivia", "brasilia": "Brazil",
    "brasília": "Brazil", "ottawa": "Canada", "santiago": "Chile", "bogota": "Colombia",
    "bogotá": "Colombia", "san jose": "Costa Rica", "san josé": "Costa Rica", "havana": "Cuba",
    "la habana": "Cuba", "roseau": "Dominica", "santo domingo": "Dominican Republic",
    "quito": "Ecuador", "san salvador": "El Salvador", "st. george's": "Grenada",
    "st george's": "Grenada", "saint george's": "Grenada", "guatemala city": "Guatemala",
    "georgetown": "Guyana", "port-au-prince": "Haiti", "tegucigalpa": "Honduras",
    "kingston": "Jamaica", "mexico city": "Mexico", "managua": "Nicaragua",
    "panama city": "Panama", "asuncion": "Paraguay", "asunción": "Paraguay", "lima": "Peru",
    "basseterre": "Saint Kitts and Nevis", "castries": "Saint Lucia",
    "kingstown": "Saint Vincent and the Grenadines", "paramaribo": "Suriname",
    "port of spain": "Trinidad and Tobago", "port-of-spain": "Trinidad and Tobago",
    "washington": "United States", "washington, d.c.": "United States",
    "washington d.c.": "United States", "washington, dc": "United States",
    "washington dc": "United States", "montevideo": "Uruguay", "caracas": "Venezuela",
    # Oceania
    "canberra": "Australia", "suva": "Fiji", "tarawa": "Kiribati", "south tarawa": "Kiribati",
    "majuro": "Marshall Islands", "palikir": "Micronesia", "yaren": "Nauru",
    "wellington": "New Zealand", "ngerulmud": "Palau", "port moresby": "Papua New Guinea",
    "apia": "Samoa", "honiara": "Solomon Islands", "nuku'alofa": "Tonga",
    "nukualofa": "Tonga", "funafuti": "Tuvalu", "port vila": "Vanuatu", "port-vila": "Vanuatu",
}

SEATS: dict[str, str] = {
    # Russia
    "kremlin": "Russia", "the kremlin": "Russia", "duma": "Russia", "state duma": "Russia",
    "federation council": "Russia", "lubyanka": "Russia", "smolenskaya square": "Russia",
    # United States
    "white house": "United States", "oval office": "United States",
    "pentagon": "United States", "foggy bottom": "United States",
    "capitol hill": "United States", "langley": "United States",
    # United Kingdom
    "downing street": "United Kingdom", "10 downing street": "United Kingdom",
    "number 10": "United Kingdom", "no 10": "United Kingdom", "no. 10": "United Kingdom",
    "whitehall": "United Kingdom", "westminster": "United Kingdom",
    # France
    "elysee": "France", "élysée": "France", "elysee palace": "France",
    "élysée palace": "France", "quai d'orsay": "France", "matignon": "France",
    # Ukraine
    "bankova": "Ukraine", "rada": "Ukraine", "verkhovna rada": "Ukraine",
    "mariinsky palace": "Ukraine",
    # Asia
    "zhongnanhai": "China", "great hall of the people": "China",
    "blue house": "South Korea", "cheong wa dae": "South Korea",
    "kantei": "Japan", "kasumigaseki": "Japan", "nagatacho": "Japan",
    "south block": "India", "rashtrapati bhavan": "India", "lok sabha": "India",
    "knesset": "Israel",
    # Elsewhere in Europe
    "bundestag": "Germany", "bundeskanzleramt": "Germany", "sejm": "Poland",
    "riksdag": "Sweden", "storting": "Norway", "stortinget": "Norway", "folketing": "Denmark",
    "moncloa": "Spain", "la moncloa": "Spain", "palazzo chigi": "Italy",
    "quirinale": "Italy", "binnenhof": "Netherlands", "ballhausplatz": "Austria",
    "prague castle": "Czech Republic", "vatican": "Vatican City", "holy see": "Vatican City",
    # The Americas
    "casa rosada": "Argentina", "planalto": "Brazil", "palacio do planalto": "Brazil",
    "palácio do planalto": "Brazil", "miraflores palace": "Venezuela",
    "parliament hill": "Canada",
}

DEMONYMS: dict[str, str] = {
    # Europe
    "albanian": "Albania", "andorran": "Andorra", "armenian": "Armenia",
    "austrian": "Austria", "azerbaijani": "Azerbaijan", "azeri": "Azerbaijan",
    "belarusian": "Belarus", "belarussian": "Belarus", "byelorussian": "Belarus",
    "belgian": "Belgium", "bosnian": "Bosnia and Herzegovina", "bulgarian": "Bulgaria",
    "croatian": "Croatia", "cypriot": "Cyprus", "czech": "Czech Republic", "danish": "Denmark",
    "dutch": "Netherlands", "estonian": "Estonia", "finnish": "Finland", "french": "France",
    "georgian": "Georgia", "german": "Germany", "greek": "Greece", "hungarian": "Hungary",
    "icelandic": "Iceland", "irish": "Ireland", "italian": "Italy", "kosovar": "Kosovo",
    "kosovan": "Kosovo", "latvian": "Latvia", "liechtensteiner": "Liechtenstein",
    "lithuanian": "Lithuania", "luxembourgish": "Luxembourg", "luxembourger": "Luxembourg",
    "maltese": "Malta", "moldovan": "Moldova", "monegasque": "Monaco",
    "montenegrin": "Montenegro", "macedonian": "North Macedonia",
    "north macedonian": "North Macedonia", "norwegian": "Norway", "polish": "Poland",
    "portuguese": "Portugal", "romanian": "Romania", "russian": "Russia",
    "sammarinese": "San Marino", "serbian": "Serbia", "slovak": "Slovakia",
    "slovakian": "Slovakia", "slovenian": "Slovenia", "slovene": "Slovenia",
    "spanish": "Spain", "swedish": "Sweden", "swiss": "Switzerland", "ukrainian": "Ukraine",
    "british": "United Kingdom", "northern irish": "United Kingdom", "uk": "United Kingdom",
    "u.k.": "United Kingdom", "vatican": "Vatican City",
    # Asia and the Middle East
    "afghan": "Afghanistan", "bahraini": "Bahrain", "bangladeshi": "Bangladesh",
    "bhutanese": "Bhutan", "bruneian": "Brunei", "cambodian": "Cambodia", "chinese": "China",
    "indian": "India", "indonesian": "Indonesia", "iranian": "Iran", "iraqi": "Iraq",
    "israeli": "Israel", "japanese": "Japan", "jordanian": "Jordan",
    "kazakh": "Kazakhstan", "kazakhstani": "Kazakhstan", "kuwaiti": "Kuwait",
    "kyrgyz": "Kyrgyzstan", "kyrgyzstani": "Kyrgyzstan", "lao": "Laos", "laotian": "Laos",
    "lebanese": "Lebanon", "malaysian": "Malaysia", "maldivian": "Maldives",
    "mongolian": "Mongolia", "burmese": "Myanmar", "myanmar": "Myanmar", "nepali": "Nepal",
    "nepalese": "Nepal", "north korean": "North Korea", "omani": "Oman",
    "pakistani": "Pakistan", "palestinian": "Palestine", "filipino": "Philippines",
    "philippine": "Philippines", "qatari": "Qatar", "saudi": "Saudi Arabia",
    "saudi arabian": "Saudi Arabia", "singaporean": "Singapore", "south korean": "South Korea",
    "sri lankan": "Sri Lanka", "syrian": "Syria", "taiwanese": "Taiwan",
    "tajik": "Tajikistan", "tajikistani": "Tajikistan", "thai": "Thailand",
    "east timorese": "East Timor", "timorese": "East Timor", "turkish": "Turkey",
    "turkmen": "Turkmenistan", "emirati": "United Arab Emirates", "uzbek": "Uzbekistan",
    "uzbekistani": "Uzbekistan", "vietnamese": "Vietnam", "yemeni": "Yemen",
    # Africa
    "algerian": "Algeria", "angolan": "Angola", "beninese": "Benin",
    "botswanan": "Botswana", "burkinabe": "Burkina Faso", "burkinabè": "Burkina Faso",
    "burundian": "Burundi", "cameroonian": "Cameroon", "cape verdean": "Cape Verde",
    "central african": "Central African Republic", "chadian": "Chad", "comorian": "Comoros",
    "djiboutian": "Djibouti", "egyptian": "Egypt", "equatorial guinean": "Equatorial Guinea",
    "eritrean": "Eritrea", "swazi": "Eswatini", "ethiopian": "Ethiopia",
    "gabonese": "Gabon", "gambian": "Gambia", "ghanaian": "Ghana", "guinean": "Guinea",
    "bissau-guinean": "Guinea-Bissau", "ivorian": "Ivory Coast", "kenyan": "Kenya",
    "basotho": "Lesotho", "liberian": "Liberia", "libyan": "Libya",
    "malagasy": "Madagascar", "malawian": "Malawi", "malian": "Mali",
    "mauritanian": "Mauritania", "mauritian": "Mauritius", "moroccan": "Morocco",
    "mozambican": "Mozambique", "namibian": "Namibia", "nigerien": "Niger",
    "nigerian": "Nigeria", "rwandan": "Rwanda", "santomean": "Sao Tome and Principe",
    "senegalese": "Senegal", "seychellois": "Seychelles", "sierra leonean": "Sierra Leone",
    "somali": "Somalia", "somalian": "Somalia", "south african": "South Africa",
    "south sudanese": "South Sudan", "sudanese": "Sudan", "tanzanian": "Tanzania",
    "togolese": "Togo", "tunisian": "Tunisia", "ugandan": "Uganda", "zambian": "Zambia",
    "zimbabwean": "Zimbabwe",
    # The Americas
    "antiguan": "Antigua and Barbuda", "argentine": "Argentina", "argentinian": "Argentina",
    "bahamian": "Bahamas", "barbadian": "Barbados", "belizean": "Belize",
    "bolivian": "Bolivia", "brazilian": "Brazil", "canadian": "Canada", "chilean": "Chile",
    "colombian": "Colombia", "costa rican": "Costa Rica", "cuban": "Cuba",
    "dominican": "Dominican Republic", "ecuadorian": "Ecuador", "ecuadorean": "Ecuador",
    "salvadoran": "El Salvador", "salvadorean": "El Salvador", "grenadian": "Grenada",
    "guatemalan": "Guatemala", "guyanese": "Guyana", "haitian": "Haiti",
    "honduran": "Honduras", "jamaican": "Jamaica", "mexican": "Mexico",
    "nicaraguan": "Nicaragua", "panamanian": "Panama", "paraguayan": "Paraguay",
    "peruvian": "Peru", "kittitian": "Saint Kitts and Nevis", "saint lucian": "Saint Lucia",
    "vincentian": "Saint Vincent and the Grenadines", "surinamese": "Suriname",
    "trinidadian": "Trinidad and Tobago", "american": "United States",
    "u.s.": "United States", "us": "United States", "uruguayan": "Uruguay",
    "venezuelan": "Venezuela",
    # Oceania
    "australian": "Australia", "fijian": "Fiji", "i-kiribati": "Kiribati",
    "marshallese": "Marshall Islands", "micronesian": "Micronesia", "nauruan": "Nauru",
    "new zealand": "New Zealand", "palauan": "Palau", "papua new guinean": "Papua New Guinea",
    "samoan": "Samoa", "solomon islands": "Solomon Islands", "tongan": "Tonga",
    "tuvaluan": "Tuvalu", "ni-vanuatu": "Vanuatu", "vanuatuan": "Vanuatu",
}

_EXTRA_ALIASES: dict[str, str] = {
    "us": "United States", "u.s.": "United States", "usa": "United States",
    "u.s.a.": "United States", "united states of america": "United States",
    "america": "United States",
    "uk": "United Kingdom", "u.k.": "United Kingdom", "britain": "United Kingdom",
    "great britain": "United Kingdom",
    "united kingdom of great britain and northern ireland": "United Kingdom",
    "dprk": "North Korea", "d.p.r.k.": "North Korea",
    "democratic people's republic of korea": "North Korea",
    "rok": "South Korea", "republic of korea": "South Korea",
    "russian federation": "Russia",
    "prc": "China", "people's republic of china": "China", "mainland china": "China",
    "roc": "Taiwan", "republic of china": "Taiwan",
    "czechia": "Czech Republic", "türkiye": "Turkey", "turkiye": "Turkey",
    "republic of turkey": "Turkey", "burma": "Myanmar", "swaziland": "Eswatini",
    "macedonia": "North Macedonia", "cabo verde": "Cape Verde", "timor-leste": "East Timor",
    "côte d'ivoire": "Ivory Coast", "cote d'ivoire": "Ivory Coast",
    "drc": "Democratic Republic of the Congo", "dr congo": "Democratic Republic of the Congo",
    "democratic republic of congo": "Democratic Republic of the Congo",
    "congo-kinshasa": "Democratic Republic of the Congo",
    "congo": "Republic of the Congo", "republic of congo": "Republic of the Congo",
    "congo-brazzaville": "Republic of the Congo",
    "holy see": "Vatican City", "vatican": "Vatican City",
    "uae": "United Arab Emirates", "u.a.e.": "United Arab Emirates",
    "emirates": "United Arab Emirates", "ksa": "Saudi Arabia",
    "islamic republic of iran": "Iran", "syrian arab republic": "Syria",
    "lao pdr": "Laos", "viet nam": "Vietnam", "holland": "Netherlands",
    "federated states of micronesia": "Micronesia", "state of palestine": "Palestine",
    "palestinian territories": "Palestine", "republic of ireland": "Ireland",
    "republic of moldova": "Moldova", "bosnia": "Bosnia and Herzegovina",
    "sao tome": "Sao Tome and Principe", "são tomé and príncipe": "Sao Tome and Principe",
    "st kitts and nevis": "Saint Kitts and Nevis",
    "st. kitts and nevis": "Saint Kitts and Nevis",
    "st lucia": "Saint Lucia", "st. lucia": "Saint Lucia",
    "st vincent and the grenadines": "Saint Vincent and the Grenadines",
    "st. vincent and the grenadines": "Saint Vincent and the Grenadines",
    "nz": "New Zealand", "ivory coast": "Ivory Coast",
}
# fmt: on

COUNTRY_ALIASES: dict[str, str] = {c.lower(): c for c in COUNTRIES} | _EXTRA_ALIASES

# fmt: off
ACRONYMS: dict[str, str] = {
    # International organisations
    "NATO": "North Atlantic Treaty Organization", "UN": "United Nations",
    "UNSC": "United Nations Security Council", "UNGA": "United Nations General Assembly",
    "EU": "European Union", "IAEA": "International Atomic Energy Agency",
    "WHO": "World Health Organization", "IMF": "International Monetary Fund",
    "OSCE": "Organization for Security and Co-operation in Europe",
    "WTO": "World Trade Organization",
    "OPEC": "Organization of the Petroleum Exporting Countries",
    "OECD": "Organisation for Economic Co-operation and Development",
    "ICC": "International Criminal Court", "ICJ": "International Court of Justice",
    "UNHCR": "United Nations High Commissioner for Refugees",
    "UNICEF": "United Nations Children's Fund",
    "UNESCO": "United Nations Educational, Scientific and Cultural Organization",
    "UNDP": "United Nations Development Programme", "WFP": "World Food Programme",
    "OCHA": "United Nations Office for the Coordination of Humanitarian Affairs",
    "OHCHR": "Office of the United Nations High Commissioner for Human Rights",
    "UNRWA": "United Nations Relief and Works Agency for Palestine Refugees in the Near East",
    "IOM": "International Organization for Migration",
    "ICRC": "International Committee of the Red Cross",
    "G7": "Group of Seven", "G20": "Group of Twenty", "BRICS": "BRICS",
    "ASEAN": "Association of Southeast Asian Nations", "AU": "African Union",
    "OAS": "Organization of American States", "GCC": "Gulf Cooperation Council",
    "SCO": "Shanghai Cooperation Organisation",
    "CSTO": "Collective Security Treaty Organization",
    "ECOWAS": "Economic Community of West African States",
    "ECB": "European Central Bank", "ECHR": "European Court of Human Rights",
    "NGO": "non-governmental organization",
    # Intelligence and security services
    "CIA": "Central Intelligence Agency", "FBI": "Federal Bureau of Investigation",
    "NSA": "National Security Agency", "DIA": "Defense Intelligence Agency",
    "KGB": "Committee for State Security", "FSB": "Federal Security Service",
    "GRU": "Main Directorate of the General Staff", "SVR": "Foreign Intelligence Service",
    "MI6": "Secret Intelligence Service", "MI5": "Security Service",
    "NIS": "National Intelligence Service", "GUR": "Main Intelligence Directorate",
    "SBU": "Security Service of Ukraine",
    # Armed forces and defence bodies
    "KPA": "Korean People's Army", "PLA": "People's Liberation Army",
    "IDF": "Israel Defense Forces", "AFU": "Armed Forces of Ukraine",
    "IRGC": "Islamic Revolutionary Guard Corps", "USFK": "United States Forces Korea",
    "JCS": "Joint Chiefs of Staff", "DOD": "Department of Defense",
    "MOD": "Ministry of Defence", "NSC": "National Security Council",
    # News organisations
    "KCNA": "Korean Central News Agency", "TASS": "TASS Russian News Agency",
    "RIA": "RIA Novosti", "AP": "Associated Press", "AFP": "Agence France-Presse",
    "UPI": "United Press International", "DPA": "Deutsche Presse-Agentur",
    "BBC": "British Broadcasting Corporation", "CNN": "Cable News Network",
    "DW": "Deutsche Welle", "VOA": "Voice of America",
    "RFE/RL": "Radio Free Europe/Radio Liberty", "KBS": "Korean Broadcasting System",
    "NHK": "Japan Broadcasting Corporation",
    # Research and advocacy
    "ISW": "Institute for the Study of War",
    "SIPRI": "Stockholm International Peace Research Institute",
    "HRW": "Human Rights Watch", "MSF": "Médecins Sans Frontières",
}

GOVERNMENT_BODY_NOUNS: frozenset[str] = frozenset({
    "authorities", "government", "officials", "official", "ministry", "ministries",
    "minister", "military", "army", "navy", "air force", "forces", "armed forces", "troops",
    "leadership", "leader", "side", "president", "presidency", "prime minister",
    "administration", "cabinet", "parliament", "regime", "intelligence", "security services",
    "foreign ministry", "defence ministry", "defense ministry", "embassy", "consulate",
    "diplomats", "diplomat", "ambassador", "envoy", "delegation", "general staff",
    "prosecutors", "police", "border guards", "border guard",
})
# fmt: on

# Words at which the noun group after a demonym ends ("Russian novel about government").
# fmt: off
_STOP_WORDS: frozenset[str] = frozenset({
    "of", "about", "in", "on", "at", "for", "to", "from", "with", "by", "and", "or", "but",
    "as", "that", "which", "who", "whose", "than", "said", "says", "say", "told", "is", "are",
    "was", "were", "has", "have", "had", "will", "would",
})
# fmt: on
_MAX_DEMONYM_WORDS = max(len(k.split()) for k in DEMONYMS)
_MAX_BODY_WORDS = max(len(k.split()) for k in GOVERNMENT_BODY_NOUNS)


def _norm(text: str) -> str:
    """NFC, lowercase, straight apostrophes, single spaces, no leading "the "."""
    s = unicodedata.normalize("NFC", text).replace("\u2019", "'").replace("\u2018", "'")
    s = " ".join(s.lower().split()).strip(" ,;:")
    return re.sub(r"^the\s+", "", s)


def country_for(name: str) -> str | None:
    """The country a capital, seat of government, country alias or country name stands for."""
    s = _norm(name)
    candidates = [s]
    if s.endswith("'s"):  # "Moscow's" (after the exact form, for "St. George's")
        candidates.append(s[:-2])
    for cand in candidates:
        for table in (COUNTRY_ALIASES, CAPITALS, SEATS):
            if cand in table:
                return table[cand]
        if ("the " + cand) in SEATS:
            return SEATS["the " + cand]
    return None


def demonym_country(phrase: str) -> str | None:
    """Country for "the Russian authorities", "Ukrainian military intelligence" and the like.

    The phrase must start (after an optional "the") with a demonym, longest match first,
    and the words after it, up to the first preposition/conjunction/verb, must include a
    government-body noun. A bare "us" counts only when written "US".
    """
    raw = unicodedata.normalize("NFC", phrase).replace("\u2019", "'").split()
    if raw and raw[0].lower() == "the":
        raw = raw[1:]
    words = [w.lower() for w in raw]
    for n in range(min(_MAX_DEMONYM_WORDS, len(words)), 0, -1):
        cand = " ".join(words[:n])
        if cand not in DEMONYMS or (cand == "us" and raw[0] != "US"):
            continue
        rest: list[str] = []
        for w in words[n:]:
            w = w.strip(".,;:!?\"'()")
            if w in _STOP_WORDS:
                break
            rest.append(w)
        for size in range(1, _MAX_BODY_WORDS + 1):
            for i in range(len(rest) - size + 1):
                if " ".join(rest[i : i + size]) in GOVERNMENT_BODY_NOUNS:
                    return DEMONYMS[cand]
        return None
    return None


def expand_acronym(short: str) -> str | None:
    """The long name for an acronym ("NATO", "Nato", "U.N."); all-lowercase input is refused
    so that the word "who" is not the World Health Organization."""
    s = short.strip()
    if not s or s.islower():
        return None
    key = s.upper()
    if key in ACRONYMS:
        return ACRONYMS[key]
    return ACRONYMS.get(key.replace(".", ""))
