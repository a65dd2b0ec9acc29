"""The demo's names: companies made of fragments, their made-up web domains, and people
from a few first names and surnames."""

import itertools
import unicodedata

# Company names are made of fragments; a few carry non-ASCII letters on purpose, so
# the case-folded matching is exercised by the demo data too.
NAME_STARTS = [
    "North", "Blue", "Bright", "Silver", "Harbour", "Kite", "Maple", "Copper", "Lumen",
    "Nimbus", "Orchard", "Pioneer", "Quartz", "River", "Summit", "Tidal", "Vertex",
    "Willow", "Atlas", "Beacon", "Cobalt", "Delta", "Ember", "Fjord", "Granite", "Helix",
    "Iris", "Juniper", "Lattice", "Meridian", "Nova", "Oak", "Prism", "Redwood", "Sable",
    "Thistle", "Umber", "Vela", "Wren", "Zephyr", "Ünion", "Nørd", "Élan", "Foxglove",
    "Larch", "Saffron", "Kestrel", "Mosaic",
]  # fmt: skip
NAME_ENDS = [
    "Analytics", "Labs", "Systems", "Health", "Logistics", "Bank", "Works", "Studio",
    "Energy", "Robotics", "Insurance", "Foods", "Media", "Software", "Data", "Mobility",
    "Learning", "Biotech", "Payments", "Security", "Retail", "Travel", "Cloud", "Games",
    "Capital", "Design", "Networks", "Materials", "Pharma", "Ventures",
]  # fmt: skip
NAME_TAILS = ["ly", "io", "ify", "hub", "base", "stack", "wise", "loop"]
SURNAMES = [
    "Hart", "Lowe", "Fielding", "Okafor", "Brennan", "Castillo", "Dubois", "Eriksen",
    "Fischer", "Gupta", "Hughes", "Ibrahim", "Jansen", "Kowalski", "Lindqvist", "Moreau",
    "Nakamura", "O'Neill", "Patel", "Quinn", "Rossi", "Schmidt", "Tanaka", "Varga",
    "Walsh", "Young", "Zhang", "Ahmed", "Bianchi", "Costa",
]  # fmt: skip
FIRST_NAMES = [
    "Priya", "Tom", "Aisha", "Lukas", "Maria", "James", "Chen", "Sofia", "Daniel",
    "Fatima", "Oliver", "Ines", "Noah", "Hannah", "Mateo", "Grace", "Yusuf", "Elena",
]  # fmt: skip
LEGAL_FORMS = [" Ltd", " GmbH", " BV", " Inc.", " Group", " & Co"]


def company_names(rng, count):
    """`count` distinct, plausible company names."""
    pools = [
        [f"{start} {end}" for start, end in itertools.product(NAME_STARTS, NAME_ENDS)],
        [f"{start}{tail}" for start, tail in itertools.product(NAME_STARTS, NAME_TAILS)],
        [f"{one} & {two}" for one, two in itertools.permutations(SURNAMES, 2)],
    ]
    names = [name for pool in pools for name in pool]
    rng.shuffle(names)
    while len(names) < count:  # only for very large demos
        names += [f"{name} {len(names) // len(pools[0]) + 1}" for name in names[: len(pools[0])]]
    chosen = names[:count]
    return [name + rng.choice(LEGAL_FORMS) if rng.random() < 0.2 else name for name in chosen]


def domain(company_name):
    """A made-up web domain for a company (under the reserved .example TLD)."""
    for form in LEGAL_FORMS:
        company_name = company_name.removesuffix(form)
    return f"www.{slug(company_name)}.example"


def slug(text):
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(char for char in ascii_text.lower() if char.isalnum())


def person_name(rng, taken):
    """A name from FIRST_NAMES and SURNAMES not in `taken` (a middle initial if need be)."""
    for _ in range(20):
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}"
        if name not in taken:
            return name
    return f"{rng.choice(FIRST_NAMES)} {rng.choice('ABCDEFGHJKLMNPRSTW')}. {rng.choice(SURNAMES)}"
