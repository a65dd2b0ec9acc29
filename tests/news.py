"""The check the tests of Application.news_at share: every application's stored last
news agrees with what it is, worked out here from scratch (in Python, from the rows)."""

from django.db.models import Max

from applications.models import Application, Interview


def worked_out_news(applications):
    """{id: the later of its stage change and its latest interview} for `applications`
    (a queryset), from the rows themselves."""
    latest = dict(
        Interview.objects.filter(application__in=applications)
        .order_by()
        .values("application")
        .annotate(latest=Max("starts_at"))
        .values_list("application", "latest")
    )
    return {
        pk: max(changed_at, latest[pk]) if pk in latest else changed_at
        for pk, changed_at in applications.values_list("pk", "stage_changed_at")
    }


def assert_news_kept(applications=None):
    """Each application of `applications` (a queryset; every one if None) has the
    news_at worked_out_news() gives it. Returns how many were checked."""
    applications = Application.objects.all() if applications is None else applications
    stored = dict(applications.values_list("pk", "news_at"))
    assert stored, "no applications to check"
    assert stored == worked_out_news(applications)
    return len(stored)
