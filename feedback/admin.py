from django.contrib import admin

from feedback.models import FeedbackRequest, Lesson, Reflection, Rejection


class ReflectionInline(admin.StackedInline):
    model = Reflection
    extra = 0
    fields = ["mood", "feelings", "reframe"]


class FeedbackRequestInline(admin.TabularInline):
    model = FeedbackRequest
    extra = 0
    fields = ["contact", "channel", "status", "sent_on", "follow_up_on", "is_generic"]
    raw_id_fields = ["contact"]
    show_change_link = True


@admin.register(Rejection)
class RejectionAdmin(admin.ModelAdmin):
    list_display = [
        "application",
        "owner",
        "received_on",
        "at_stage",
        "reflect_state",
        "feedback_state",
        "bridges_state",
    ]
    list_filter = ["at_stage", "channel", "reflect_state", "feedback_state", "bridges_state"]
    search_fields = [
        "application__title",
        "application__company__name",
        "application__owner__email",
        "reason_given",
    ]
    list_select_related = ["application__company", "owner"]
    raw_id_fields = ["application"]
    date_hierarchy = "received_on"
    inlines = [ReflectionInline, FeedbackRequestInline]


@admin.register(Reflection)
class ReflectionAdmin(admin.ModelAdmin):
    list_display = ["rejection", "mood", "updated_at"]
    list_filter = ["mood"]
    search_fields = [
        "rejection__application__title",
        "rejection__application__company__name",
        "rejection__application__owner__email",
    ]
    list_select_related = ["rejection__application__company"]
    raw_id_fields = ["rejection"]


@admin.register(FeedbackRequest)
class FeedbackRequestAdmin(admin.ModelAdmin):
    list_display = ["__str__", "status", "channel", "sent_on", "follow_up_on", "is_generic"]
    list_filter = ["status", "channel", "is_generic"]
    search_fields = [
        "rejection__application__title",
        "rejection__application__company__name",
        "rejection__application__owner__email",
        "contact__name",
        "response",
    ]
    list_select_related = ["contact", "rejection__application__company"]
    raw_id_fields = ["rejection", "contact"]
    date_hierarchy = "sent_on"


@admin.register(Lesson)
class LessonAdmin(admin.ModelAdmin):
    list_display = ["title", "owner", "category", "status", "target_on", "done_on"]
    list_filter = ["status", "category"]
    search_fields = ["title", "detail", "owner__email"]
    list_select_related = ["owner"]
    raw_id_fields = ["owner", "rejection", "feedback_request", "applications"]
    date_hierarchy = "target_on"
