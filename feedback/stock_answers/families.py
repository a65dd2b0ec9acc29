"""The phrase families of a stock answer, each matched as whole words in normalised text
(normalise.py: lower case, contractions in full, American spelling, no punctuation).

A family is what the answer says, in any of the ways recruiters' templates say it, and
it shapes the dig-deeper question (templates/feedback/messages/dig_deeper.txt):

- experience: someone with more, closer or stronger experience or background → which
  experience, in what;
- skills: someone with stronger or closer skills or qualifications → which skill;
- fit: a better fit, a closer match, better aligned or suited → which part of the role;
- stronger: stronger candidates, a strong field, many applicants → what made the
  difference;
- filled: the position has been filled, offered to someone else, an internal candidate
  → whether there is something to work on for next time;
- outcome: the formulas of a "no" (not successful on this occasion, not moving forward,
  decided to pursue other candidates, a different direction, keep your details on
  file…) → the same, something to work on for next time.

The families are tried in that order: the first that matches is the one the question
answers, since "more experience" says more than "after careful consideration"."""

import re
from dataclasses import dataclass


def words(*alternatives):
    return "(?:" + "|".join(alternatives) + ")"


WHO = words(
    r"(?:an?|the|other|another|some|several|one|two|many|few)?\s*(?:other\s+)?"
    r"(?:candidates?|applicants?|individuals?|people|persons?|profiles?|others)",
    "someone",
    "somebody",
    "those",
)
MORE = words(
    "more",
    "greater",
    "broader",
    "deeper",
    "stronger",
    "closer",
    "better",
    "wider",
    "additional",
    "extra",
    "further",
    "higher",
    "richer",
    "most",
)
MATCHED = words(
    r"match(?:es|ed|ing)?",
    r"align(?:s|ed)?",
    r"suit(?:s|ed)?",
    r"fit(?:s|ted)?",
    r"meet(?:s)?",
    "met",
    r"correspond(?:s|ed)?",
    r"reflect(?:s|ed)?",
)
CLOSELY = words(
    "more closely", "most closely", "closely", "better", "more directly", "more", "best", "most"
)
ROLE = words("role", "position", "post", "job", "vacancy", "opening", "opportunity", "requisition")
VOLUME = words(
    "many",
    "large",
    "high",
    "huge",
    "significant",
    "considerable",
    "overwhelming",
    "great",
    "record",
    "number of",
    "volume of",
    "lot of",
)

FAMILIES = [
    (
        "experience",
        [
            rf"\b{MORE}\s+(?:\w+\s+){{0,2}}?(?:experience|background|track record|expertise)\b",
            r"\bmore\s+(?:senior|experienced|seasoned|established)\b",
            r"\b(?:experienced|seasoned|senior)\s+(?:candidates?|applicants?|people|hire)\b",
            rf"\b(?:experience|background)s?\s+(?:that\s+|which\s+)?{CLOSELY}\s+{MATCHED}",
            r"\bwhose\s+(?:experience|background|expertise|track record)\b",
            r"\b(?:level|depth|breadth|amount|years) of (?:\w+\s+)?experience\b",
            r"\b(?:lack of|lack|lacked|lacking|not enough|insufficient|less|limited|without the|"
            r"not the)\s+"
            r"(?:\w+\s+)?experience\b",
            r"\bexperience (?:level|required|requirements?|needed|we need)\b",
            r"\bexperience (?:for|in) (?:this|the) (?:role|position)\b",
        ],
    ),
    (
        "skills",
        [
            rf"\b{MORE}\s+(?:\w+\s+)?(?:skills?|skill set|skillset|qualifications?|"
            r"competenc(?:y|ies)|capabilit(?:y|ies))\b",
            rf"\b(?:skills?|skill set|skillset|qualifications?)\s+(?:that\s+|which\s+)?"
            rf"{CLOSELY}\s+{MATCHED}",
            r"\bmore qualified\b",
            r"\bwhose\s+(?:skills?|skill set|qualifications?)\b",
        ],
    ),
    (
        "fit",
        [
            r"\b(?:better|closer|best|stronger|strongest)\s+(?:fit|match|alignment)\b",
            # A good fit is only stock when it is denied: "not the right fit".
            r"\bnot (?:quite |really |entirely |the |a |an )*(?:right|good|great|perfect|ideal|"
            r"strong|natural)\s+(?:fit|match)\b",
            r"\b(?:did|do|does|would) not (?:feel|think|believe|see)\b(?:\s+\w+){0,5}?\s+"
            r"(?:fit|match)\b",
            rf"\b{CLOSELY}\s+{MATCHED}\b",
            r"\b(?:better|more|best|well|most)\s+(?:aligned|suited|matched|placed)\b",
            r"\bmore suitable\b",
            r"\b(?:culture|cultural|team) (?:fit|add)\b",
            r"\b(?:not|no longer)\s+(?:quite\s+)?(?:aligned|matched|what we are looking for)\b",
            r"\b(?:does|did|do) not (?:quite |fully )?(?:match|meet|align|fit)\b",
            r"\bnot (?:quite |fully )?(?:a|the) (?:fit|match)\b",
            r"\b(?:aligned|matched|suited|fitted) (?:more |most )?(?:closely|better)\b",
            r"\b(?:came down to|comes down to|question of|matter of) (?:the )?(?:fit|chemistry)\b",
        ],
    ),
    (
        "stronger",
        [
            r"\bstronger\s+(?:\w+\s+)?(?:candidates?|applicants?|applications?|profiles?|"
            r"field|contenders?)\b",
            r"\bstrong(?:est)?\s+(?:field|pool|competition|candidates|applicants|"
            r"applications|shortlist)\b",
            rf"\b{VOLUME}\s+(?:\w+\s+){{0,3}}?(?:applica(?:nts|tions)|candidates|responses|"
            r"interest|response|people applied|cvs|resumes)\b",
            r"\b(?:highly |very |extremely |incredibly |particularly )?competitive\b",
            r"\b(?:exceptional|talented|impressive|outstanding|excellent|high caliber|"
            r"high quality|qualified)\s+(?:\w+\s+)?(?:candidates|applicants|people|pool|field)\b",
            r"\b(?:difficult|tough|hard|close|very close|finely balanced)\s+(?:decision|choice|"
            r"call)s?\b",
            r"\b(?:field|pool|competition|shortlist)\s+(?:was|is|were)\s+(?:\w+\s+)?"
            r"(?:strong|competitive|tough|fierce)\b",
            r"\b(?:candidate|applicant|person|someone|somebody|others?)\s+(?:who )?"
            r"(?:was|were|is)?\s*(?:\w+\s+)?(?:stronger|better|more suitable|more suited)\b",
            r"\b(?:over|more than|around|nearly|almost|hundreds of|thousands of)\s+(?:\d+\s+)?"
            r"(?:applica(?:nts|tions)|candidates|cvs|resumes|people)\b",
            r"\bhigh standard\b",
        ],
    ),
    (
        "filled",
        [
            rf"\b{ROLE}\s+(?:has|have|had|is|was)?\s*(?:now\s+|since\s+|already\s+)?"
            r"(?:been\s+)?(?:filled|closed|withdrawn|put on hold|on hold|cancelled|canceled)\b",
            rf"\bfilled (?:the|this) {ROLE}\b",
            rf"\b(?:offered|given|awarded) (?:the|this) {ROLE} to\b",
            r"\b(?:accepted|extended|made)\s+(?:an|the|our)\s+offer\b",
            r"\b(?:hired|appointed|selected|chosen|choose|chose|went with|gone with|going with|"
            r"hire|appoint|offered|recruited)\s+(?:an?|another|the|other|one)\s+(?:\w+\s+)?"
            r"(?:candidates?|applicants?|persons?|individuals?|colleague)\b",
            r"\binternal (?:candidate|applicant|hire|move|colleague)s?\b",
            r"\bno longer (?:hiring|recruiting|available|open)\b",
            r"\bhiring freeze\b",
            r"\bsomeone else\b",
        ],
    ),
    (
        "outcome",
        [
            r"\b(?:not |un)\s?successful\b",
            r"\bnot (?:been |be |be found |proved )successful\b",
            r"\bnot (?:ready|able|in a position) to (?:offer|move|proceed|progress|take)\b",
            r"\b(?:chosen|chose|choose|opted|elected) (?:to|not to) (?:move|go|proceed|pursue|"
            r"progress)\b",
            r"\bnot a reflection (?:of|on)\b",
            r"\b(?:can|could|will|would|shall) not (?:progress|proceed|move forward|take|offer|"
            r"consider)\b",
            r"\b(?:recruit|hire|look|looking|go|went) elsewhere\b",
            r"\bnot (?:been |be )?(?:selected|shortlisted|chosen|progressed|progressing|"
            r"moving forward|move forward|moving ahead|proceeding|proceed|invited|"
            r"taking (?:it|this|your application|things) (?:any )?further|pursuing)\b",
            r"\b(?:unable|able) to (?:progress|proceed|move forward|offer|take)\b",
            r"\bdecided (?:to|not to) (?:pursue|proceed|move|go|continue|progress|focus|"
            r"take|offer|invite|select|recruit|hire|appoint|shortlist)\b",
            r"\bdecision (?:to|not to) (?:pursue|proceed|move|go|continue|progress)\b",
            r"\b(?:different|another|other|new) direction\b",
            r"\b(?:with|to) other candidates\b",
            r"\bother candidates\b",
            r"\bkeep (?:your|you) (?:\w+\s+)?(?:details|cv|resume|information|application|"
            r"profile|name)\b",
            r"\b(?:on file|in mind|on record|in our (?:database|talent pool|system|records))\b",
            r"\bafter (?:careful|much|long|thorough|serious|due) (?:consideration|review|"
            r"deliberation|thought)\b",
            r"\bregret to (?:inform|advise|let|tell)\b",
            r"\b(?:on|at) this (?:occasion|time|stage|point)\b",
            r"\bthis time (?:around|round)?\b",
            r"\bfuture (?:opportunities|openings|vacancies|roles|positions|endeavors)\b",
            r"\b(?:wish you|best of luck|every success|all the best|good luck)\b",
            r"\bnot (?:the outcome|a match|able to)\b",
        ],
    ),
]
COMPILED = [(name, [re.compile(pattern) for pattern in patterns]) for name, patterns in FAMILIES]
NAMES = [name for name, _ in FAMILIES]


@dataclass(frozen=True)
class Phrase:
    """A stock phrase found: its family and the words matched (normalised)."""

    family: str
    words: str


def phrases_in(normalised):
    """Every family found in `normalised` text, in family order, with the first words
    each matched."""
    found = []
    for name, patterns in COMPILED:
        for pattern in patterns:
            match = pattern.search(normalised)
            if match:
                found.append(Phrase(name, " ".join(match.group(0).split())))
                break
    return found
