"""How long an application may stay silent at each stage before the "no news" reminder
comes: the person's thresholds (accounts.User), in calendar days after applying or a
screening call, in working days (Monday to Friday, in their zone) after an interview.

Silence is counted from the application's last news: its last stage change, or its
last interview when that is later (an interview still to come is news to wait for).
"""

from dataclasses import dataclass
from datetime import timedelta

from applications.models import Stage
from core.days import add_working_days, latest_start_for

QUIET_STAGES = [Stage.APPLIED, Stage.SCREENING, Stage.INTERVIEWING]


@dataclass(frozen=True)
class Silence:
    applied_days: int
    screening_days: int
    interview_workdays: int
    # The count query is built once for stand-in days (core/prepared.py): the day a
    # cutoff is worked out for is then `shift` away from the day it is asked for, and
    # a working-day count needs the real one's weekday.
    shift: timedelta = timedelta(0)

    @classmethod
    def of(cls, user):
        return cls(
            user.quiet_applied_days, user.quiet_screening_days, user.quiet_interview_workdays
        )

    def shifted(self, real_day, stand_in_day):
        return Silence(
            self.applied_days, self.screening_days, self.interview_workdays, real_day - stand_in_day
        )

    @property
    def key(self):
        """What the count query's statement depends on (with the weekday of its day)."""
        return (self.applied_days, self.screening_days, self.interview_workdays)

    def due_on(self, stage, since):
        """The day an application at `stage` whose last news was on `since` turns quiet."""
        if stage == Stage.INTERVIEWING:
            return add_working_days(since, self.interview_workdays)
        days = self.applied_days if stage == Stage.APPLIED else self.screening_days
        return since + timedelta(days=days)

    def cutoff(self, stage, day):
        """The last day of news that leaves an application at `stage` quiet by `day`."""
        if stage == Stage.INTERVIEWING:
            real = day + self.shift
            return day + (latest_start_for(real, self.interview_workdays) - real)
        days = self.applied_days if stage == Stage.APPLIED else self.screening_days
        return day - timedelta(days=days)

    def wording(self, stage):
        """After what, as the reminder says it: "after applying", "after an interview"."""
        return {
            Stage.APPLIED: "after applying",
            Stage.SCREENING: "after a screening call",
            Stage.INTERVIEWING: "after an interview",
        }[Stage(stage)]
