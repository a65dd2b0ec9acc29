"""SignupAttempt becomes Attempt: the one throttle table, for sign-ups and for
password-reset requests (counted per client address and per email address)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
    ]

    operations = [
        migrations.RenameModel("SignupAttempt", "Attempt"),
        migrations.RemoveIndex(
            model_name="attempt",
            name="accounts_si_ip_213ea1_idx",
        ),
        migrations.AddField(
            model_name="attempt",
            name="email_key",
            field=models.CharField(blank=True, max_length=64),
        ),
        migrations.AddField(
            model_name="attempt",
            name="kind",
            field=models.CharField(
                choices=[("signup", "Sign-up"), ("password_reset", "Password reset request")],
                default="signup",
                max_length=20,
            ),
        ),
        migrations.AddIndex(
            model_name="attempt",
            index=models.Index(
                fields=["kind", "ip", "created_at"], name="accounts_at_kind_fb04ff_idx"
            ),
        ),
        migrations.AddIndex(
            model_name="attempt",
            index=models.Index(
                fields=["kind", "email_key", "created_at"], name="accounts_at_kind_191197_idx"
            ),
        ),
    ]
