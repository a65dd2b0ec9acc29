"""Account journeys, clicked through as a person would: sign up, log out, log back
in; and a lockout after five wrong passwords (django-axes)."""

import re

from playwright.sync_api import expect

from accounts.models import User
from tests.factories import PASSWORD, UserFactory

# The sign-up form has "Password" and "Password confirmation"; crispy-forms appends
# an asterisk to required labels, and a regex sees the label text untrimmed.
PASSWORD_LABEL = re.compile(r"^\s*Password\W*$")


def path_is(path):
    return re.compile(rf"^https?://[^/]+{re.escape(path)}$")


def test_sign_up_log_out_and_log_back_in(page):
    page.goto("/")
    page.get_by_role("link", name="Create your account").click()

    expect(page).to_have_url(path_is("/accounts/signup/"))
    page.get_by_label("Your name").fill("Nora New")
    page.get_by_label("Email address").fill("Nora.New@Example.org")
    page.get_by_label(PASSWORD_LABEL).fill(PASSWORD)
    page.get_by_label("Password confirmation").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()

    expect(page).to_have_url(path_is("/dashboard/"))
    expect(page.get_by_role("status")).to_contain_text("Welcome to Onward")
    expect(page.get_by_role("heading", name="Start here")).to_be_visible()
    assert User.objects.filter(email="nora.new@example.org").exists()

    page.get_by_role("button", name="Log out").click()

    expect(page).to_have_url(path_is("/"))
    navbar = page.get_by_role("navigation", name="Main")
    expect(navbar.get_by_role("button", name="Log out")).to_have_count(0)
    navbar.get_by_role("link", name="Log in").click()

    expect(page).to_have_url(path_is("/accounts/login/"))
    page.get_by_label("Email address").fill("nora.new@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()

    expect(page).to_have_url(path_is("/dashboard/"))
    expect(page.get_by_role("heading", name="Start here")).to_be_visible()
    expect(navbar.get_by_role("button", name="Log out")).to_be_visible()


def test_five_wrong_passwords_lock_the_account(page):
    UserFactory(email="lena.locked@example.org")
    page.goto("/accounts/login/")

    for attempt in range(1, 5):
        page.get_by_label("Email address").fill("lena.locked@example.org")
        page.get_by_label("Password").fill(f"not my password {attempt}")
        page.get_by_role("button", name="Log in").click()
        expect(page.get_by_text("do not match an account")).to_be_visible()

    page.get_by_label("Email address").fill("lena.locked@example.org")
    page.get_by_label("Password").fill("not my password 5")
    with page.expect_response(path_is("/accounts/login/")) as fifth:
        page.get_by_role("button", name="Log in").click()

    assert fifth.value.status == 429
    expect(page.get_by_role("heading", name="Too many failed log-in attempts")).to_be_visible()
    expect(page.get_by_role("alert")).to_contain_text("paused for 15 minutes")

    # Locked means locked: the right password does not get in either, for now.
    page.goto("/accounts/login/")
    page.get_by_label("Email address").fill("lena.locked@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()

    expect(page.get_by_role("heading", name="Too many failed log-in attempts")).to_be_visible()
    page.goto("/dashboard/")
    expect(page).to_have_url(path_is("/accounts/login/?next=/dashboard/"))
