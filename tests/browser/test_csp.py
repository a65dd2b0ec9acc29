"""The CSP watch (conftest.py) sees real violations, and the app's pages cause none.

The proof uses a real page of the live server with the app's own
Content-Security-Policy header: an inline <script> and an inline style attribute are
slipped into its HTML on the way to the browser (page.route), as a careless template
change would. The app has no view that breaks its policy, and gets none for testing.
"""

import pytest

INJECTED = (
    '<script>document.body.dataset.inlineScript = "ran";</script>'
    '<p id="styled" style="color: rgb(255, 0, 0)">Styled inline</p>'
)


def open_home_with_inline_code(page, live_server):
    """Opens / with INJECTED added to its <main>; returns the CSP header it came with."""
    headers = {}

    def add_inline_code(route):
        response = route.fetch()
        headers.update(response.headers)
        body = response.text().replace("</main>", f"{INJECTED}</main>", 1)
        assert INJECTED in body
        route.fulfill(response=response, body=body)

    page.route(f"{live_server.url}/", add_inline_code)
    page.goto("/")
    return headers["content-security-policy"]


def test_watch_sees_inline_script_and_style(page, live_server, csp):
    policy = open_home_with_inline_code(page, live_server)

    assert "script-src 'self'" in policy
    assert "style-src 'self'" in policy
    # The browser enforced the policy: the script did not run, the style did not apply.
    assert page.evaluate("document.body.dataset.inlineScript") is None
    assert page.locator("#styled").evaluate("el => getComputedStyle(el).color") != (
        "rgb(255, 0, 0)"
    )
    seen = csp.take()
    # Both detectors caught both violations: the page's own securitypolicyviolation
    # events (so the init script ran despite the strict policy) and Chromium's console.
    events = [line for line in seen if line.startswith("event:")]
    console = [line for line in seen if line.startswith("console:")]
    assert any(line.startswith("event: script-src") for line in events), seen
    assert any(line.startswith("event: style-src") for line in events), seen
    assert any("inline script" in line for line in console), seen
    assert any("inline style" in line for line in console), seen
    assert csp.take() == []


def test_watch_fails_the_test_and_lists_the_violations(page, live_server, csp):
    open_home_with_inline_code(page, live_server)

    with pytest.raises(pytest.fail.Exception) as failure:
        csp.check()  # what runs when a test body ends, and again at teardown

    message = str(failure.value)
    assert "Content-Security-Policy violation(s)" in message
    assert "script-src" in message
    assert "style-src" in message
    # Reported once: the check after this body finds nothing more, so this test passes.
    assert csp.take() == []


PUBLIC_PAGES = [
    ("/", 200),
    ("/accounts/signup/", 200),
    ("/accounts/login/", 200),
    ("/accounts/password_reset/", 200),
    ("/no-such-page/", 404),
]


def test_public_pages_keep_the_policy(page):
    """One test for all of them (a context and a database flush each would cost more
    than the pages); a violation names the page it happened on."""
    for path, status in PUBLIC_PAGES:
        response = page.goto(path)

        assert response.status == status, path
        assert "script-src 'self'" in response.headers["content-security-policy"], path
        # The watch is installed on app pages too; a violation fails this test.
        assert page.evaluate("typeof window.__onwardCspViolation") == "function", path
