from django.shortcuts import render

from search import results
from search.forms import SearchForm
from search.kinds import BY_SLUG, KINDS
from search.words import query_words


def search(request):
    """/search/?q=…: every kind of result of the user's (results.search scopes each to
    them); ?kind=…&page=… one kind's results, page by page. A query that is too long is
    a 400 that says so."""
    form = SearchForm(request.GET)
    kind = BY_SLUG.get(request.GET.get("kind", ""))
    context = {"form": form, "kind": kind, "kinds": KINDS, "groups": None, "words": []}
    if not form.is_valid():
        return render(request, "search/search.html", context, status=400)
    context["words"] = words = query_words(form.cleaned_data["q"])
    if words:
        context["groups"] = results.search(request.user, words, kind, request.GET.get("page"))
        context["total"] = sum(group.count for group in context["groups"])
        context["chosen"] = next((g for g in context["groups"] if g.kind is kind), None)
    return render(request, "search/search.html", context)
