from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from plans.models import GovernanceBody, Membership, Partner, Plan, ProgressReport


@admin.register(Partner)
class PartnerAdmin(SimpleHistoryAdmin):
    list_display = ["name", "short_name", "is_statutory"]
    list_filter = ["is_statutory"]
    search_fields = ["name", "short_name"]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(GovernanceBody)
class GovernanceBodyAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "parent", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["user", "body", "role", "role_title"]
    list_filter = ["role", "body"]
    search_fields = ["user__username", "body__name", "role_title"]
    list_select_related = ["user", "body"]


@admin.register(Plan)
class PlanAdmin(SimpleHistoryAdmin):
    list_display = ["slug", "title", "status", "start_date", "end_date", "approval_date"]
    list_filter = ["status"]
    search_fields = ["title", "slug"]


@admin.register(ProgressReport)
class ProgressReportAdmin(SimpleHistoryAdmin):
    list_display = ["plan", "period", "version", "status", "meeting_date", "published_at"]
    list_filter = ["status", "plan"]
    list_select_related = ["plan", "period"]
    readonly_fields = ["snapshot", "published_at", "published_by"]
