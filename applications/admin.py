from django.contrib import admin

from applications.models import Application, Company, ImportBatch, Interview, StageChange


class TimelineIsWrittenByMoves:
    """The timeline is written by Application.move_to() only, which also keeps the
    application's `reached` and `stage_changed_at`: the admin may correct a row's note,
    never add, move or delete a row."""

    readonly_fields = ["application", "changed_at", "from_stage", "to_stage"]

    def has_add_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class StageChangeInline(TimelineIsWrittenByMoves, admin.TabularInline):
    model = StageChange
    extra = 0
    fields = ["changed_at", "from_stage", "to_stage", "note"]


class InterviewInline(admin.TabularInline):
    model = Interview
    extra = 0
    fields = ["starts_at", "kind", "with_whom", "outcome"]


@admin.register(Company)
class CompanyAdmin(admin.ModelAdmin):
    list_display = ["name", "owner", "website", "created_at"]
    search_fields = ["name", "owner__email"]
    list_select_related = ["owner"]
    raw_id_fields = ["owner"]


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "company",
        "owner",
        "stage",
        "applied_on",
        "follow_up_on",
        "updated_at",
    ]
    list_filter = ["stage", "work_mode", "source"]
    search_fields = ["title", "company__name", "location", "owner__email"]
    list_select_related = ["company", "owner"]
    raw_id_fields = ["owner", "company"]
    date_hierarchy = "applied_on"
    inlines = [StageChangeInline, InterviewInline]
    readonly_fields = ["stage_changed_at", "reached"]

    def save_model(self, request, obj, form, change):
        """A new stage goes through move_to(), so the timeline gets its row."""
        if change and "stage" in form.changed_data:
            stage = obj.stage
            obj.stage = form.initial["stage"]
            super().save_model(request, obj, form, change)
            obj.move_to(stage, note="Changed in the admin.")
        else:
            super().save_model(request, obj, form, change)


@admin.register(StageChange)
class StageChangeAdmin(TimelineIsWrittenByMoves, admin.ModelAdmin):
    list_display = ["application", "from_stage", "to_stage", "changed_at"]
    list_filter = ["to_stage"]
    search_fields = ["application__title", "application__company__name"]
    list_select_related = ["application__company"]
    raw_id_fields = ["application"]


@admin.register(Interview)
class InterviewAdmin(admin.ModelAdmin):
    list_display = ["application", "starts_at", "kind", "with_whom", "outcome"]
    list_filter = ["kind", "outcome"]
    search_fields = ["application__title", "application__company__name", "with_whom"]
    list_select_related = ["application__company"]
    raw_id_fields = ["application"]
    date_hierarchy = "starts_at"


@admin.register(ImportBatch)
class ImportBatchAdmin(admin.ModelAdmin):
    """Pending CSV imports: operators may look and delete, not edit the rows."""

    list_display = [
        "file_name",
        "owner",
        "valid_count",
        "problem_count",
        "created_at",
        "expires_at",
    ]
    search_fields = ["file_name", "owner__email"]
    list_select_related = ["owner"]
    raw_id_fields = ["owner"]
    readonly_fields = [
        "owner",
        "file_name",
        "created_at",
        "expires_at",
        "row_count",
        "valid_count",
        "problem_count",
        "duplicate_count",
        "rows",
        "report",
    ]

    def has_add_permission(self, request):
        return False
