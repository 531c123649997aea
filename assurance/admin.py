"""The learning themes are a managed list, kept in the admin like the partners."""

from django.contrib import admin

from assurance.models import LearningTheme


@admin.register(LearningTheme)
class LearningThemeAdmin(admin.ModelAdmin):
    list_display = ["name"]
    search_fields = ["name"]
