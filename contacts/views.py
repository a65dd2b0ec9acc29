"""Employer contacts and the interactions logged with them."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.formats import date_format

from contacts.forms import ContactFilterForm, ContactForm, InteractionForm
from contacts.models import Contact
from core.owned import owned_or_404
from core.pages import create_page, edit_page, paginate, render_form, safe_next

CONTACTS = Contact.objects.select_related("company")


# What a row of the list shows ({% contact_rows %}): values, not instances.
LIST_FIELDS = [
    *("pk", "name", "title", "relation", "next_check_in_on", "keep_in_touch_days"),
    *("last_contacted_on", "company", "company__name"),
]


def contact_list(request):
    filters = ContactFilterForm(request.GET)
    contacts = filters.filter(Contact.objects.for_user(request.user))
    # Counted without the rows' join, which the values' COUNT would keep.
    rows = contacts.values(*LIST_FIELDS)
    context = {
        "filters": filters,
        "page": paginate(request, rows, count=contacts.count()),
        "today": request.user.today(),
    }
    return render(request, "contacts/contact_list.html", context)


# What the contact page shows of each interaction, and no more.
INTERACTION_FIELDS = [
    *("contact", "happened_on", "kind", "summary"),
    *("application", "application__title", "application__company__name"),
]


def contact_detail(request, pk):
    contact = owned_or_404(CONTACTS, request.user, pk=pk)
    interactions = contact.interactions.select_related("application__company").only(
        *INTERACTION_FIELDS
    )
    context = {
        "contact": contact,
        "page": paginate(request, interactions),
        "today": request.user.today(),
    }
    return render(request, "contacts/contact_detail.html", context)


def contact_create(request):
    """/contacts/new/, and /contacts/new/?company=Globex from a company's page."""
    initial = {"company": request.GET.get("company", "")[:200]}
    form = ContactForm(request.POST or None, initial=initial, user=request.user)
    return create_page(
        request, form, "contacts/contact_form.html", {}, lambda contact: f"Added {contact.name}."
    )


def contact_edit(request, pk):
    contact = owned_or_404(CONTACTS, request.user, pk=pk)
    form = ContactForm(request.POST or None, instance=contact, user=request.user)
    back = safe_next(request, contact.get_absolute_url())
    return edit_page(
        request,
        form,
        "contacts/contact_form.html",
        {"contact": contact, "back": back},
        f"Saved {contact.name}.",
        back,
    )


def contact_delete(request, pk):
    contact = owned_or_404(CONTACTS, request.user, pk=pk)
    if request.method == "POST":
        contact.delete()
        messages.success(request, f"Deleted {contact.name}.")
        return redirect("contacts:list")
    context = {"object": contact, "interaction_count": contact.interactions.count()}
    return render(request, "contacts/contact_confirm_delete.html", context)


def contact_log(request, pk):
    """Logs a call, an email, a meeting...: the last contact and next check-in move on."""
    contact = owned_or_404(CONTACTS, request.user, pk=pk)
    form = InteractionForm(request.POST or None, contact=contact, user=request.user)
    if request.method == "POST" and form.is_valid():
        interaction = form.save()  # through the contact, so its dates move on in place
        messages.success(request, logged_message(contact, interaction))
        return redirect(contact)
    return render_form(request, "contacts/contact_log.html", {"form": form, "contact": contact})


def logged_message(contact, interaction):
    said = f"Logged: {interaction.get_kind_display().lower()} with {contact.name}."
    if contact.next_check_in_on:
        return f"{said} Next check-in: {date_format(contact.next_check_in_on, 'j F Y')}."
    return said
