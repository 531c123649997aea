from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from priorities.models import Priority, Strategy


@admin.register(Priority)
class PriorityAdmin(SimpleHistoryAdmin):
    list_display = ["title", "plan", "order", "retired_on"]
    list_filter = ["plan"]
    search_fields = ["title"]
    filter_horizontal = ["continues"]
    list_select_related = ["plan"]


@admin.register(Strategy)
class StrategyAdmin(SimpleHistoryAdmin):
    list_display = ["title", "owner_body", "lead_role", "status", "review_date"]
    list_filter = ["status", "owner_body"]
    search_fields = ["title", "lead_role"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["priorities"]
    list_select_related = ["owner_body"]
