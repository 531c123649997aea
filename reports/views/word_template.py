"""The Word template papers are written into: see which is in use, download it, replace it
with a checked upload, or restore the default. Business managers only."""

from __future__ import annotations

from django.contrib import messages
from django.core.files.storage import default_storage
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views import View
from django.views.generic import FormView, TemplateView

from reports.forms import WordTemplateForm
from reports.rules import can_manage_word_template
from reports.views.common import report_crumbs
from reports.word import CONTENT_TYPE
from reports.word_template import (
    STORED_NAME,
    is_replaced,
    replace_template,
    restore_default,
    template_bytes,
)
from sscp.mixins import BreadcrumbsMixin, RoleRequiredMixin

PUBLISHED_STAY = (
    "Papers already published keep the Word file made when they were published; draft "
    "reports, and papers published from now on, use the template in use."
)


class WordTemplateMixin(RoleRequiredMixin, BreadcrumbsMixin):
    permission = can_manage_word_template

    def get_breadcrumbs(self):
        return report_crumbs(None, ("Word template", None))

    def get_context_data(self, **kwargs):
        replaced = is_replaced()
        return super().get_context_data(
            replaced=replaced,
            replaced_at=default_storage.get_modified_time(STORED_NAME) if replaced else None,
            published_stay=PUBLISHED_STAY,
            **kwargs,
        )


class WordTemplateView(WordTemplateMixin, FormView):
    template_name = "reports/word_template.html"
    form_class = WordTemplateForm

    def form_valid(self, form):
        replace_template(form.content)
        messages.success(
            self.request,
            f"The Word template was replaced by {form.cleaned_data['file'].name}. "
            + PUBLISHED_STAY,
        )
        return redirect("plans:report_word_template")


class WordTemplateRestoreView(WordTemplateMixin, TemplateView):
    """Asks before going back to the default template; says so when it is already in use."""

    template_name = "reports/word_template_restore.html"

    def get_breadcrumbs(self):
        return report_crumbs(
            None,
            ("Word template", reverse("plans:report_word_template")),
            ("Restore the default", None),
        )

    def post(self, request, *args, **kwargs):
        if restore_default():
            messages.success(
                request, "The default Word template is in use again. " + PUBLISHED_STAY
            )
        else:
            messages.info(request, "The default Word template was already in use.")
        return redirect("plans:report_word_template")


class WordTemplateDownloadView(RoleRequiredMixin, View):
    permission = can_manage_word_template

    def get(self, request, *args, **kwargs):
        response = HttpResponse(template_bytes(), content_type=CONTENT_TYPE)
        response["Content-Disposition"] = 'attachment; filename="sscp-word-template.docx"'
        return response
