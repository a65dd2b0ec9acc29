"""What a seeded application's advert said: a short description in basic HTML (composed
from the templates and phrases below, by the seed's random generator), its salary
period, employment type, closing date, tags and how excited the seeker is."""

from django.utils.html import escape

from core.limits import days_later

INTROS = [
    "{company} is hiring a <strong>{title}</strong> to join a small, friendly team.",
    "At {company} we are looking for a <strong>{title}</strong> who enjoys shipping.",
    "Join {company} as our next <strong>{title}</strong> and help us grow.",
]
DUTIES = [
    "Work closely with product and design on what we build next",
    "Own features from the first sketch to production",
    "Review your colleagues' work and share what you know",
    "Improve our tooling, tests and documentation",
    "Talk to customers and turn what you hear into plans",
    "Keep our data accurate, documented and easy to use",
]
OFFERS = [
    "We offer flexible hours, 28 days of holiday and a learning budget.",
    "You will get a pension, private health cover and a four-day week in summer.",
    "We pay for the equipment you need and a yearly team trip.",
]
TAGS = ["python", "fintech", "startup", "remote", "data", "design", "saas", "climate"]


def plan_posting(rng, application, today, saved):
    """Sets the posting fields on the unsaved `application`."""
    if application.salary_min is not None:
        application.salary_period = "year"
    application.employment_type = rng.choices(
        ["full_time", "contract", "part_time"], weights=[85, 10, 5]
    )[0]
    if saved and rng.random() < 0.5:
        application.closing_on = days_later(today, rng.randint(3, 30))
    if rng.random() < 0.6:
        application.excitement = rng.randint(1, 5)
    if rng.random() < 0.4:
        application.tags = ", ".join(rng.sample(TAGS, rng.randint(1, 3)))
    if rng.random() < 0.8:
        application.description = describe(rng, application.title, application.company.name)


def describe(rng, title, company):
    intro = rng.choice(INTROS).format(company=escape(company), title=escape(title))
    duties = "".join(f"<li>{duty}</li>" for duty in rng.sample(DUTIES, 3))
    return f"<p>{intro}</p><p>What you will do:</p><ul>{duties}</ul><p>{rng.choice(OFFERS)}</p>"
