"""Light normalisation before matching: the same words, however they were typed.

Case, curly quotes, contractions ("won't" → "will not"), British and American spelling
("organisation" → "organization"), hyphens and punctuation: each is folded, so a phrase
family is written once, in one spelling, with the words in full."""

import re

QUOTES = str.maketrans({"’": "'", "‘": "'", "´": "'", "`": "'", "“": '"', "”": '"', "„": '"'})

# Contractions written in full. "'s" is left alone but for a few fixed words: it is as
# often a possessive ("the team's needs").
CONTRACTIONS = [
    (re.compile(r"\bwon't\b"), "will not"),
    (re.compile(r"\bcan't\b"), "can not"),
    (re.compile(r"\bshan't\b"), "shall not"),
    (re.compile(r"\bcannot\b"), "can not"),
    (re.compile(r"(\w)n't\b"), r"\1 not"),
    (re.compile(r"\b(it|that|there|here|what|who|let)'s\b"), r"\1 is"),
    (re.compile(r"(\w)'re\b"), r"\1 are"),
    (re.compile(r"(\w)'ve\b"), r"\1 have"),
    (re.compile(r"(\w)'ll\b"), r"\1 will"),
    (re.compile(r"(\w)'d\b"), r"\1 would"),
    (re.compile(r"\bi'm\b"), "i am"),
]

# British spellings, written the American way (the phrase families use those). A list
# of words, not a rule: "-ise" also ends "precise" and "otherwise".
SPELLINGS = {
    "analyse": "analyze",
    "analysed": "analyzed",
    "analysing": "analyzing",
    "apologise": "apologize",
    "behaviour": "behavior",
    "behaviours": "behaviors",
    "centre": "center",
    "colour": "color",
    "defence": "defense",
    "emphasise": "emphasize",
    "endeavour": "endeavor",
    "endeavours": "endeavors",
    "favour": "favor",
    "favourable": "favorable",
    "finalise": "finalize",
    "finalised": "finalized",
    "honour": "honor",
    "judgement": "judgment",
    "licence": "license",
    "modelling": "modeling",
    "optimise": "optimize",
    "practise": "practice",
    "prioritise": "prioritize",
    "prioritised": "prioritized",
    "programme": "program",
    "programmes": "programs",
    "realise": "realize",
    "recognise": "recognize",
    "skilful": "skillful",
    "specialise": "specialize",
    "specialised": "specialized",
    "summarise": "summarize",
    "travelling": "traveling",
    "utilise": "utilize",
}
ISATION = re.compile(r"isation(s?)\b")
# What stays a word: letters, digits, and the signs of C++, C#, .NET and "5+ years".
TOKEN_SIGNS = [("c++", " cplusplus "), ("c#", " csharp "), (".net", " dotnet ")]
PUNCTUATION = re.compile(r"[^\w\s+]|_")
PLUS = re.compile(r"(?<!\d)\+|\+(?!\s|$)")


def normalise(text):
    """`text` in lower case, quotes straightened, contractions written out, spelled the
    American way, with every run of punctuation and space one space."""
    text = (text or "").translate(QUOTES).casefold()
    for sign, word in TOKEN_SIGNS:
        text = text.replace(sign, word)
    for pattern, full in CONTRACTIONS:
        text = pattern.sub(full, text)
    text = PLUS.sub(" ", PUNCTUATION.sub(" ", text))
    words = [SPELLINGS.get(word, word) for word in text.split()]
    return ISATION.sub(r"ization\1", " ".join(words))
