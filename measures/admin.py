from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from measures.models import Measure, ReportingPeriod, Return


@admin.register(Measure)
class MeasureAdmin(SimpleHistoryAdmin):
    list_display = ["title", "priority", "reporting_body", "unit", "polarity", "target", "active"]
    list_filter = ["active", "unit", "polarity", "reporting_body", "priority__plan"]
    search_fields = ["title", "definition"]
    list_select_related = ["priority", "reporting_body"]


@admin.register(ReportingPeriod)
class ReportingPeriodAdmin(SimpleHistoryAdmin):
    list_display = ["label", "start_date", "end_date", "deadline", "is_open"]
    list_filter = ["is_open", "financial_year"]


@admin.register(Return)
class ReturnAdmin(SimpleHistoryAdmin):
    list_display = ["measure", "period", "value", "rag", "status", "submitted_at"]
    list_filter = ["status", "rag", "period"]
    search_fields = ["measure__title", "commentary"]
    list_select_related = ["measure", "period"]
    readonly_fields = ["version", "created_at", "updated_at"]
