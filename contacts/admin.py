from django.contrib import admin

from contacts.models import Contact, Interaction


class InteractionInline(admin.TabularInline):
    model = Interaction
    extra = 0
    fields = ["happened_on", "kind", "summary", "application"]
    raw_id_fields = ["application"]


@admin.register(Contact)
class ContactAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "company",
        "relation",
        "owner",
        "keep_in_touch_days",
        "last_contacted_on",
        "next_check_in_on",
    ]
    list_filter = ["relation", "keep_in_touch_days"]
    search_fields = ["name", "title", "email", "company__name", "owner__email"]
    list_select_related = ["company", "owner"]
    raw_id_fields = ["owner", "company"]
    readonly_fields = ["next_check_in_on", "created_at", "updated_at"]
    date_hierarchy = "next_check_in_on"
    inlines = [InteractionInline]


@admin.register(Interaction)
class InteractionAdmin(admin.ModelAdmin):
    list_display = ["contact", "kind", "happened_on", "application"]
    list_filter = ["kind"]
    search_fields = ["contact__name", "contact__company__name", "summary", "contact__owner__email"]
    list_select_related = ["contact", "application__company"]
    raw_id_fields = ["contact", "application"]
    date_hierarchy = "happened_on"
