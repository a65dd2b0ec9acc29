"""What /search/ shows for a query: the count of each kind of result (one query for
all of them), and a page of each kind's rows, newest or by name as its list sorts."""

from dataclasses import dataclass, field

from django.core.paginator import Paginator

from search.backends import counts, matching
from search.kinds import KINDS
from search.presenting import PRESENTERS, first_excerpt

# Results of each kind on the page of all kinds; a kind with more links to its own page
# ("Show all 30 applications"), as it does when the page stops at a few of each.
OVERVIEW_SIZE = 5
PAGE_SIZE = 25  # results on the page of one kind


@dataclass
class Group:
    kind: object
    count: int
    page: object = None  # a Page of Results, for a kind with results
    results: list = field(default_factory=list)

    @property
    def more(self):
        return self.count - len(self.results)


def rows(kind, user, query_words, count=0):
    queryset = matching(kind.model.objects.for_user(user), kind, user, query_words, count)
    values = ("pk", *kind.reads, *(field.name for field in kind.excerpt_fields))
    return queryset.order_by(*kind.order).values(*values)


class CountedPaginator(Paginator):
    """A paginator told its count, which the counting query already has."""

    def __init__(self, object_list, per_page, count):
        super().__init__(object_list, per_page)
        self.__dict__["count"] = count


def present(kind, row, query_words):
    result = PRESENTERS[kind.slug](row, query_words)
    result.excerpt = first_excerpt(kind, row, query_words)
    return result


def search(user, query_words, kind=None, page=None):
    """The groups of results: every kind's (its first OVERVIEW_SIZE rows), or one
    kind's page `page` of PAGE_SIZE rows."""
    found = counts(user, KINDS, query_words)
    groups = []
    for each in KINDS:
        group = Group(each, found[each.slug])
        wanted = kind is None or each is kind
        if group.count and wanted:
            size = OVERVIEW_SIZE if kind is None else PAGE_SIZE
            found_rows = rows(each, user, query_words, group.count)
            paginator = CountedPaginator(found_rows, size, group.count)
            group.page = paginator.get_page(page if kind else 1)
            group.results = [present(each, row, query_words) for row in group.page]
        groups.append(group)
    return groups
