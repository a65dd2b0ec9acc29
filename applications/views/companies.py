"""Companies: the list, an employer's page, editing, merging one into another, deleting."""

from django.contrib import messages
from django.db.models import Count
from django.shortcuts import redirect, render

from applications.forms import CompanyForm, MergeForm
from applications.models import Company
from core.owned import owned_or_404
from core.pages import edit_page, paginate, render_form

COMPANY_LIST_SIZE = 10
# What the company page shows of its applications and people, and no more.
APPLICATION_FIELDS = ["company", "title", "stage", "applied_on", "updated_at"]
CONTACT_FIELDS = ["company", "name", "title", "relation", "next_check_in_on"]


def company_list(request):
    companies = Company.objects.for_user(request.user).with_counts().order_by("name_key", "pk")
    return render(request, "applications/company_list.html", {"page": paginate(request, companies)})


def company_detail(request, pk):
    """An employer: its applications, and the people, rejections, feedback and lessons
    that go with it."""
    # The applications counted with the company: the page's list needs no COUNT query.
    company = owned_or_404(
        Company.objects.annotate(application_count=Count("applications")), request.user, pk=pk
    )
    applications = company.applications.only(*APPLICATION_FIELDS).order_by("-updated_at", "-pk")
    contacts = company.contacts.only(*CONTACT_FIELDS).order_by("name", "pk")
    context = {
        "company": company,
        "page": paginate(request, applications, count=company.application_count),
        "contacts": contacts[:COMPANY_LIST_SIZE],
    }
    return render(request, "applications/company_detail.html", context)


def company_edit(request, pk):
    company = owned_or_404(Company, request.user, pk=pk)
    form = CompanyForm(request.POST or None, instance=company, user=request.user)
    return edit_page(
        request,
        form,
        "applications/company_form.html",
        {"company": company},
        "Company updated.",
        company,
    )


def company_merge(request, pk):
    company = owned_or_404(Company, request.user, pk=pk)
    form = MergeForm(request.POST or None, company=company)
    if request.method == "POST" and form.is_valid():
        target = form.cleaned_data["target"]
        company.merge_into(target)
        messages.success(request, f"Merged {company} into {target}. Nothing was lost.")
        return redirect(target)
    return render_form(
        request, "applications/company_merge.html", {"form": form, "company": company}
    )


def company_delete(request, pk):
    company = owned_or_404(Company, request.user, pk=pk)
    in_use = company.applications.count()
    if request.method == "POST":
        if in_use:
            messages.error(
                request,
                f"{company} still has {in_use} application{'s' if in_use != 1 else ''}. "
                "Delete or move them first, or merge this company into another.",
            )
            return render(
                request,
                "applications/company_confirm_delete.html",
                {"object": company, "in_use": in_use},
                status=409,
            )
        company.delete()
        messages.success(request, f"Deleted {company}.")
        return redirect("companies:list")
    return render(
        request, "applications/company_confirm_delete.html", {"object": company, "in_use": in_use}
    )
