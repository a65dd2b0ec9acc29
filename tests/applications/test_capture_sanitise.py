"""A posting's description is kept as HTML with basic formatting only."""

import pytest

from applications.capture.sanitise import sanitise_description
from applications.models import Application
from tests.factories import ApplicationFactory


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("<p>Hi<script>alert(1)</script></p>", "<p>Hi</p>"),
        ('<img src="x" onerror="alert(1)"><p>Text</p>', "<p>Text</p>"),
        ('<p onclick="steal()" onmouseover="x()">Text</p>', "<p>Text</p>"),
        ('<a href="javascript:alert(1)">link</a>', '<a rel="nofollow noopener">link</a>'),
        ('<a href="JaVaScRiPt:alert(1)">link</a>', '<a rel="nofollow noopener">link</a>'),
        ('<a href="data:text/html,x">link</a>', '<a rel="nofollow noopener">link</a>'),
        (
            '<a href="https://example.org" target="_blank" rel="opener">ok</a>',
            '<a href="https://example.org" rel="nofollow noopener">ok</a>',
        ),
        (
            '<a href="mailto:jobs@example.org">mail</a>',
            '<a href="mailto:jobs@example.org" rel="nofollow noopener">mail</a>',
        ),
        ('<p style="color:red" class="x">Red</p>', "<p>Red</p>"),
        ("<style>p { color: red }</style><p>Text</p>", "<p>Text</p>"),
        ('<iframe src="https://evil.example"></iframe><p>Text</p>', "<p>Text</p>"),
        ("<svg><script>alert(1)</script></svg><p>Text</p>", "<p>Text</p>"),
        ("<h1>Title</h1><h3>Sub</h3>", "<h2>Title</h2><h3>Sub</h3>"),
        ("<div>one</div><div>two</div>", "<p>one</p><p>two</p>"),
        ("<table><tr><td>a</td><td>b</td></tr></table>", "<p>a</p><p>b</p>"),
        ("<ul><li><em>x</em> <b>y</b> <i>z</i> <strong>w</strong></li></ul>", None),
        ("R&D &lt;b&gt; <!-- a comment -->", "R&amp;D &lt;b&gt;"),
        ("", ""),
    ],
)
def test_only_basic_formatting_is_kept(given, kept):
    cleaned = sanitise_description(given)

    assert cleaned == (given if kept is None else kept)
    assert sanitise_description(cleaned) == cleaned  # sanitising twice changes nothing


@pytest.mark.django_db
def test_the_model_sanitises_whatever_path_writes_it():
    application = ApplicationFactory(description='<p onclick="x()">Hi</p><script>1</script>')
    Application.objects.bulk_create(
        [
            Application(
                owner=application.owner,
                company=application.company,
                title="Bulk",
                description="<img src=x onerror=alert(1)><b>ok</b>",
            )
        ]
    )

    assert Application.objects.get(pk=application.pk).description == "<p>Hi</p>"
    assert Application.objects.get(title="Bulk").description == "<b>ok</b>"
