import pytest

from tests.factories import ApplicationFactory


@pytest.fixture
def application(user):
    """Data engineer at Globex, the signed-in owner's, in applied (a module may define
    its own `application`)."""
    return ApplicationFactory(owner=user, title="Data engineer", company__name="Globex")
