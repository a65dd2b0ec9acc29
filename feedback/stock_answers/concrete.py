"""What makes an answer specific: it names something the person can act on. A skill or
a tool ("SQL", "Kubernetes"), a test or a take-home, a number of years, a kind of
experience ("people-management experience", "experience in Kubernetes operations"), a
part of the interview ("your answer on stakeholders"), or a practical reason (salary,
location, the right to work). An answer that names one is not generic, whatever
formula it is wrapped in. Matched in normalised text (normalise.py)."""

import re

from feedback.stock_answers.families import words

# Skills, tools, fields and qualifications a feedback answer names. Whole words only:
# "go" is left out (it is "go in a different direction" as often as the language).
SKILLS = words(
    *("sql", "python", "java", "javascript", "typescript", "react", "angular", "vue"),
    *("node", "nodejs", "golang", "rust", "scala", "kotlin", "swift", "ruby", "rails"),
    *("php", "django", "cplusplus", "csharp", "dotnet", "html", "css", "graphql", "rest"),
    *("kubernetes", "docker", "terraform", "ansible", "aws", "azure", "gcp", "linux"),
    *("kafka", "spark", "hadoop", "airflow", "dbt", "snowflake", "databricks", "bigquery"),
    *("postgres", "postgresql", "mysql", "mongodb", "redis", "elasticsearch", "excel"),
    *("tableau", "looker", "power bi", "powerbi", "salesforce", "hubspot", "sap", "oracle"),
    *("figma", "sketch", "photoshop", "illustrator", "indesign", "jira", "git", "ci cd"),
    *("devops", "sre", "observability", "security", "networking", "cloud", "microservices"),
    *("statistics", "statistical", "machine learning", "ml", "ai", "data modeling"),
    *("data engineering", "data visualization", "a b testing", "experimentation", "seo"),
    *("system design", "architecture", "algorithms", "data structures", "testing"),
    *("accessibility", "user research", "prototyping", "copywriting", "negotiation"),
    *("stakeholder", "stakeholders", "budgeting", "forecasting", "accounting", "payroll"),
    *("bookkeeping", "audit", "compliance", "gdpr", "procurement"),
    *("cpa", "acca", "cima", "cipd", "pmp", "prince2", "cissp", "mba", "phd", "degree"),
    *("certification", "certificate", "chartered", "license", "qualified teacher"),
    *("german", "french", "spanish", "mandarin", "arabic", "dutch", "italian", "welsh"),
    *("japanese", "portuguese", "polish"),
)
# Kinds of experience: "X experience", "experience of X".
KINDS = words(
    *("leadership", "management", "managerial", "people", "line", "team", "sales"),
    *("client", "customer", "client facing", "customer facing", "startup", "start up"),
    *("agency", "enterprise", "b2b", "b2c", "saas", "ecommerce", "e commerce", "retail"),
    *("healthcare", "nhs", "clinical", "fintech", "banking", "finance", "financial"),
    *("public sector", "government", "charity", "nonprofit", "consulting", "product"),
    *("marketing", "research", "teaching", "classroom", "frontline", "production"),
    *("operational", "operations", "commercial", "international", "regulatory", "legal"),
    *("engineering", "technical leadership", "mentoring", "hiring", "budget", "p l"),
    *("project management", "program management", "fundraising", "editorial", "design"),
)
# What "experience in/with/of ..." may be followed by and still say nothing.
VAGUE_OBJECTS = {
    *("area", "areas", "field", "fields", "role", "roles", "position", "positions"),
    *("industry", "industries", "sector", "sectors", "space", "domain", "job", "jobs"),
    *("requirements", "needs", "team", "work", "environment", "capacity", "level", "kind"),
    *("type", "nature", "things", "everything", "all", "some", "many", "most", "us", "it"),
    *("what", "which", "this", "that", "these", "those", "key", "required", "necessary"),
    *("specific", "certain", "particular", "relevant", "similar", "comparable", "such"),
    *("related", "the", "a", "an", "our", "their", "your", "its", "other", "any", "more"),
    *("terms", "and", "or", "to", "for", "than", "at", "as", "we", "you", "they", "i"),
    *("is", "was", "were", "are", "be", "had", "have", "has", "which", "who", "whose"),
    *("but", "so", "because", "on", "in", "of", "with", "from", "by", "this", "time"),
    *("occasion", "stage", "point", "moment", "process", "application", "applications"),
    *("candidates", "candidate", "others", "someone", "profile", "profiles", "direct"),
    *("hands", "practical", "real", "world", "proven", "demonstrable", "strong", "solid"),
    *("broad", "broader", "deep", "deeper", "wide", "wider", "greater", "extensive"),
    *("previous", "prior", "recent", "current", "professional", "commercial", "directly"),
    *("closely", "matched", "matches", "aligned", "suited", "relevance", "overall", "like"),
    *("working", "doing", "needed", "wanted", "looking", "sought", "mind", "just"),
    *("tools", "technologies", "technology", "stack", "systems", "products", "clients"),
    *("customers", "projects", "project", "scale", "similar", "companies", "organizations"),
}
EXPERIENCE_LINKS = words(
    "in",
    "with",
    "of",
    "using",
    "leading",
    "managing",
    "running",
    "building",
    "working with",
    "working in",
    "working on",
    "on",
    "delivering",
    "designing",
    "developing",
    "owning",
    "scaling",
    "supporting",
    "handling",
    "selling",
)
NUMBERS = words(
    r"\d+",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "twelve",
    "fifteen",
    "twenty",
    "a couple of",
    "several",
)
ASSESSMENTS = words(
    "test",
    "tests",
    "take home",
    "takehome",
    "assessment",
    "assignment",
    "exercise",
    "case study",
    "presentation",
    "challenge",
    "task",
    "portfolio",
    "code sample",
    "whiteboard",
    "pairing session",
    "pair programming",
    "coding round",
    "live coding",
    "technical round",
    "technical interview",
    "psychometric",
    "in tray",
    "role play",
)
# What follows a part of the interview when the answer says something about it.
AFTER_PART = words(
    "on",
    "about",
    "to",
    "regarding",
    "around",
    "in the",
    "lacked",
    "did not",
    "could",
    "needed",
    "showed",
    "had no",
    "missed",
    r"(?:was|were) (?:too|not|vague|unclear|hard)",
    r"(?:was|were) correct",
    "worked",
    "would",
    "should",
    "only",
)
PARTS = words(
    "answer",
    "answers",
    "example",
    "examples",
    "response",
    "responses",
    "solution",
    "code",
    "design",
    "walkthrough",
    "demo",
    "pitch",
    "slides",
    "writing sample",
    "cover letter",
)
CRITIQUE = words(
    "struggled",
    "lacked depth",
    "lacked detail",
    "lacked structure",
    "too high level",
    "too vague",
    "too long",
    "ran out of time",
    "did not finish",
    "did not complete",
    r"did not (?:demonstrate|show|explain|mention|give|provide|cover|discuss|ask|address)",
    r"could not (?:explain|answer|describe|walk)",
    r"were not able to (?:explain|answer|describe|walk)",
    r"would have liked (?:to see|to hear|more)",
    r"needed (?:to see |to hear )?more (?:depth|detail|evidence|examples|structure)",
)
PRACTICAL = words(
    "salary",
    "salaries",
    "compensation",
    "pay expectations",
    "rate",
    "day rate",
    "notice period",
    "relocation",
    "relocate",
    "visa",
    "sponsorship",
    "right to work",
    "work permit",
    "location",
    "commute",
    "start date",
    "availability",
    "hours",
    "part time",
    "full time",
    "on site",
    "onsite",
    "in the office",
    "driving license",
    "security clearance",
    "background check",
    "references",
    "budget",
    "funding",
    "headcount",
)

CONCRETE = [
    re.compile(rf"\b{SKILLS}\b"),
    re.compile(rf"\b{NUMBERS}\s*\+?\s*(?:or more\s+)?(?:years?|yrs)\b"),
    re.compile(rf"\b{KINDS}\s+(?:\w+\s+)?experience\b"),
    re.compile(rf"\bexperience (?:of |in |with )?{KINDS}\b"),
    re.compile(rf"\b(?:your|the|our)\s+(?:\w+\s+){{0,2}}?{ASSESSMENTS}\b"),
    re.compile(r"\btake home\b"),
    re.compile(rf"\byour\s+(?:\w+\s+)?{PARTS}\s+{AFTER_PART}\b"),
    re.compile(r"\b(?:the|a) question (?:on|about|around)\b"),
    re.compile(r"\bwhen (?:you|we) (?:discussed|talked|asked|described|explained|spoke)\b"),
    re.compile(rf"\b{CRITIQUE}\b"),
    re.compile(rf"\b{PRACTICAL}\b"),
]
EXPERIENCE_OF = re.compile(
    rf"\b(?:experience|background|expertise|track record|skills?)\s+{EXPERIENCE_LINKS}\s+"
    r"((?:\w+\s*){1,4})"
)


def names_something(normalised):
    """Whether normalised text names something concrete the person can act on."""
    if any(pattern.search(normalised) for pattern in CONCRETE):
        return True
    for match in EXPERIENCE_OF.finditer(normalised):
        if any(word not in VAGUE_OBJECTS for word in match.group(1).split()[:3]):
            return True
    return False
