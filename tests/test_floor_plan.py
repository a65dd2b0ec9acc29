"""The floor plan (README, "Where things are"): the apps stand on floors, and a module
may import only from its own app or the floors below it; no module is over 600 lines.

The imports are read with `ast` from every module of the apps, so an import added
anywhere, even inside a function, is checked. The root URLconf and the settings may
import anything: they put the floors together.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Bottom up. Apps on one floor may not import each other either, but for config and
# core, which are the ground floor together.
FLOORS = [
    {"config", "core"},
    {"accounts"},
    {"applications"},
    {"contacts"},
    {"feedback"},
    {"reminders", "search"},
    {"insights"},
    {"transfer", "demo"},
    {"bench"},
]
FLOOR = {app: number for number, apps in enumerate(FLOORS) for app in apps}
APPS = sorted(FLOOR)
# Modules that put the floors together.
FREE = {"config/urls.py", "config/settings.py", "config/wsgi.py", "config/asgi.py"}
# The one import allowed to point up, and why (README, "Where things are"): the
# application form offers the open lessons an application puts into practice, so it
# reads feedback's Lesson.
EXCEPTIONS = {("applications/forms.py", "feedback")}
MAX_LINES = 600


def modules():
    for app in APPS:
        folder = ROOT / app
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*.py")):
            if "migrations" not in path.parts:
                yield path.relative_to(ROOT).as_posix(), path


def imported_apps(source):
    """The project apps a module's source imports (absolute imports only)."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        found.update(name.split(".")[0] for name in names if name.split(".")[0] in FLOOR)
    return found


def upward(path, source):
    """(module, app) for each import from an app not below the module's own."""
    own = path.split("/")[0]
    return {
        (path, app)
        for app in imported_apps(source)
        if app != own and FLOOR[app] >= FLOOR[own] and not {app, own} <= FLOORS[0]
    }


def test_every_app_is_on_a_floor():
    """A new app has to be placed in the plan (and in the README's map)."""
    unplaced = [
        folder.name
        for folder in ROOT.iterdir()
        if (folder / "apps.py").is_file() and folder.name not in FLOOR
    ]
    assert unplaced == []


def test_imports_point_down():
    arrows = set()
    for path, file in modules():
        if path not in FREE:
            arrows |= upward(path, file.read_text(encoding="utf-8"))
    assert sorted(arrows - EXCEPTIONS) == []
    assert len(EXCEPTIONS) <= 1


def test_the_exception_is_still_needed():
    """An exception nobody uses any more is taken off the list."""
    for path, app in EXCEPTIONS:
        assert app in imported_apps((ROOT / path).read_text(encoding="utf-8")), path


def test_no_module_is_over_600_lines():
    big = {}
    for path, file in modules():
        lines = file.read_text(encoding="utf-8").count("\n")
        if lines > MAX_LINES:
            big[path] = lines
    assert big == {}


@pytest.mark.parametrize(
    ("path", "source", "arrow"),
    [
        ("applications/views.py", "from reminders import services", True),
        ("applications/views.py", "def f():\n    import feedback.models", True),
        ("feedback/models.py", "from applications.models import Stage", False),
        ("core/pages.py", "from config.settings import DEBUG", False),
        ("contacts/forms.py", "from .models import Contact", False),
        ("transfer/export.py", "from demo import plans", True),
    ],
)
def test_the_check_sees_an_upward_import(path, source, arrow):
    assert bool(upward(path, source)) is arrow
