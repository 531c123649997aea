from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from consultations.models import (
    Commitment,
    CommitmentUpdate,
    Consultation,
    ConsultationDocument,
    EngagementGroup,
    Feedback,
)


@admin.register(EngagementGroup)
class EngagementGroupAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind"]
    list_filter = ["kind"]
    search_fields = ["name"]


class ConsultationDocumentInline(admin.TabularInline):
    model = ConsultationDocument
    extra = 0


class FeedbackInline(admin.StackedInline):
    model = Feedback
    extra = 0
    filter_horizontal = ["priorities"]


@admin.register(Consultation)
class ConsultationAdmin(SimpleHistoryAdmin):
    list_display = ["title", "plan", "start_date", "end_date", "children_reached"]
    list_filter = ["plan"]
    search_fields = ["title", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["groups"]
    inlines = [FeedbackInline, ConsultationDocumentInline]


class CommitmentUpdateInline(admin.TabularInline):
    model = CommitmentUpdate
    extra = 0


@admin.register(Commitment)
class CommitmentAdmin(SimpleHistoryAdmin):
    list_display = ["promise", "owner_body", "due_date", "status"]
    list_filter = ["status", "owner_body"]
    search_fields = ["promise"]
    inlines = [CommitmentUpdateInline]


@admin.register(Feedback)
class FeedbackAdmin(SimpleHistoryAdmin):
    list_display = ["said", "consultation", "not_linked"]
    list_filter = ["consultation"]
    filter_horizontal = ["priorities"]
