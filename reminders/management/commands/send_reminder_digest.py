"""Emails each user their reminders due today and overdue, once per local day.

Run it every hour or so (cron, or the compose file's scheduler): each user gets the
digest on the first run after their own midnight on which something is due. A user is
claimed with a conditional UPDATE before the email goes out, so two runs at once still
send one email; if sending fails, the claim is released and the next run tries again.
"""

from django.core.management.base import BaseCommand, CommandError

from accounts.models import User
from reminders import digest


class Command(BaseCommand):
    help = "Emails each user with a confirmed address their reminders due today, once a day."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="List what would be sent; send nothing."
        )

    def handle(self, *args, dry_run=False, **options):
        recipients = User.objects.filter(
            is_active=True, email_confirmed=True, digest_enabled=True
        ).order_by("pk")
        sent = failed = 0
        for user in recipients.iterator():
            today = user.today()
            if user.digest_sent_on == today:
                continue
            groups = digest.due_today(user, today)
            count = len(groups["overdue"]) + len(groups["today"])
            if not count:
                continue
            if dry_run:
                self.stdout.write(f"Would send {user.email} {count} reminder(s) for {today}.")
                sent += 1
                continue
            if not self.claim(user, today):
                continue  # another run got there first
            try:
                digest.build(user, today, groups).send()
            except Exception as error:  # any mail backend's failure: report it, go on
                self.release(user, today)
                failed += 1
                self.stderr.write(f"Could not email {user.email}: {error}. Will retry next run.")
                continue
            sent += 1
            self.stdout.write(f"Sent {user.email} {count} reminder(s) for {today}.")
        if dry_run:
            self.stdout.write(f"Dry run: {sent} digest(s) would be sent; nothing was sent.")
        else:
            self.stdout.write(f"Sent {sent} digest(s); {failed} failed.")
        if failed:
            raise CommandError(f"{failed} digest(s) could not be sent; they will be retried.")

    @staticmethod
    def claim(user, today):
        """Marks today's digest as sent unless another run already did: one UPDATE."""
        claimed = User.objects.filter(pk=user.pk).exclude(digest_sent_on=today)
        return claimed.update(digest_sent_on=today) == 1

    @staticmethod
    def release(user, today):
        User.objects.filter(pk=user.pk, digest_sent_on=today).update(
            digest_sent_on=user.digest_sent_on
        )
