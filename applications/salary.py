"""A salary as a person reads it: "£48,000-55,000 a year" (an en dash) (Application.salary_text)."""

from django.db import models


class SalaryPeriod(models.TextChoices):
    YEAR = "year", "a year"
    MONTH = "month", "a month"
    WEEK = "week", "a week"
    DAY = "day", "a day"
    HOUR = "hour", "an hour"


CURRENCY_SIGNS = {"GBP": "£", "EUR": "€", "USD": "$", "JPY": "¥", "INR": "₹"}


def format_salary(low, high, currency="", period=""):
    """See Application.salary_text."""
    if low is None and high is None:
        return ""
    sign = CURRENCY_SIGNS.get(currency, "")
    code = f" {currency}" if currency and not sign else ""
    if low is not None and high is not None and low != high:
        figures = f"{sign}{low:,}–{high:,}{code}"
    elif low is not None and high is not None:
        figures = f"{sign}{low:,}{code}"
    elif low is not None:
        figures = f"from {sign}{low:,}{code}"
    else:
        figures = f"up to {sign}{high:,}{code}"
    if period in SalaryPeriod.values:
        figures += f" {SalaryPeriod(period).label}"
    return figures
