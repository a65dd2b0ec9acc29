"""The demo's companies: about one per four applications, most with a website."""

from applications.bulk import insert_companies
from applications.models import Company
from demo.names import company_names, domain

COMPANY_NOTES = [
    "Glassdoor reviews mention good onboarding.",
    "Series B, growing the data team.",
    "Met two of their engineers at a meetup.",
    "Publicly listed; slow but thorough hiring.",
]


def create_companies(rng, user, count):
    companies = [
        Company(
            owner=user,
            name=name,
            website=f"https://{domain(name)}" if rng.random() < 0.8 else "",
            notes=rng.choice(COMPANY_NOTES) if rng.random() < 0.15 else "",
        )
        for name in company_names(rng, count)
    ]
    return insert_companies(companies)
