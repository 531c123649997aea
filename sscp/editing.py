"""What every edit form shares: refusing stale edits, and calling a service from a form view.

Stale edits: an edit form carries, in a hidden ``last_change`` field, the id of the newest
change-history record of the object as it was when the form was opened. The service that saves
the object locks its row and compares: if anyone has changed the object since (in another
browser tab, or another manager), the save is refused with a message saying who changed it and
when, and nothing is written. The history kept by django-simple-history is the version, so no
model needs a version column of its own.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.http import HttpResponseRedirect
from django.utils import timezone
from django.utils.formats import date_format

STALE_CODE = "stale"


def last_change_id(obj: models.Model) -> int | None:
    """The id of the newest history record of ``obj`` (None for an object without history)."""
    if obj.pk is None:
        return None
    return obj.history.order_by("-history_id").values_list("history_id", flat=True).first()


def ensure_unchanged_since(obj: models.Model, seen_change: int | None) -> None:
    """Lock ``obj``'s row for the rest of the transaction and refuse the edit when the object
    has changed since the history record ``seen_change``.

    Call inside ``transaction.atomic`` before writing. Raises ``ValidationError`` (code
    ``"stale"``) naming who made the newer change and when.
    """
    model = type(obj)
    list(model._default_manager.select_for_update().filter(pk=obj.pk).values_list("pk"))
    latest = obj.history.select_related("history_user").order_by("-history_id").first()
    if latest is None or latest.history_id == seen_change:
        return
    who = _person(latest.history_user)
    when = date_format(timezone.localtime(latest.history_date), "j F Y \\a\\t H:i")
    raise ValidationError(
        f"This {model._meta.verbose_name} was changed by {who} on {when}, after you opened this "
        "form. Nothing has been saved. Reload the page to see the latest version, then make "
        "your changes again.",
        code=STALE_CODE,
    )


def _person(user) -> str:
    if user is None:
        return "someone else"
    return user.get_full_name() or user.get_username()


class StaleEditFormMixin:
    """For model forms that edit an existing object: adds the hidden ``last_change`` field.

    The view passes ``form.cleaned_data["last_change"]`` to the service as ``seen_change``.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["last_change"] = forms.IntegerField(required=False, widget=forms.HiddenInput)
        if not self.is_bound:
            self.initial["last_change"] = last_change_id(self.instance)

    @property
    def seen_change(self) -> int | None:
        return self.cleaned_data.get("last_change")


def add_service_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Put a service's ``ValidationError`` on the form: beside the field it names when the form
    has that field, otherwise at the top of the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            target = field if field in form.fields else None
            for item in errors:
                form.add_error(target, item)
    else:
        form.add_error(None, error)


def is_stale(form: forms.BaseForm) -> bool:
    return any(
        getattr(e, "code", None) == STALE_CODE
        for e in form.errors.as_data().get(NON_FIELD_ERRORS, [])
    )


class ServiceFormMixin:
    """A form view whose valid form is saved by a service.

    Subclasses implement ``perform(form)`` (call the service, return the saved object) and set
    ``success_message`` (formatted with ``object``). A ``ValidationError`` from the service is
    shown on the form; as services run in a transaction, nothing has been saved.
    """

    success_message = "Saved."

    def perform(self, form):
        raise NotImplementedError

    def get_success_message(self) -> str:
        return self.success_message.format(object=self.object)

    def form_valid(self, form):
        try:
            self.object = self.perform(form)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, self.get_success_message())
        return HttpResponseRedirect(self.get_success_url())

    def get_success_url(self) -> str:
        return self.object.get_absolute_url()


class FormPageMixin:
    """Context for ``edit/form_page.html`` and ``edit/confirm.html``: the page's title, a
    sentence saying what the form does, the submit button's words and where Cancel goes."""

    template_name = "edit/form_page.html"
    page_title = ""
    intro = ""
    submit_label = "Save changes"

    def get_page_title(self) -> str:
        return self.page_title

    def get_intro(self) -> str:
        return self.intro

    def get_cancel_url(self) -> str:
        raise NotImplementedError

    def get_context_data(self, **kwargs):
        kwargs.setdefault("page_title", self.get_page_title())
        kwargs.setdefault("intro", self.get_intro())
        kwargs.setdefault("submit_label", self.submit_label)
        kwargs.setdefault("cancel_url", self.get_cancel_url())
        return super().get_context_data(**kwargs)


class ServiceModelForm(forms.ModelForm):
    """A model form whose object is saved by a service.

    The form checks each field; the service checks the rules across fields and rows
    (uniqueness, database constraints, status changes) with messages a person can act on, so
    the form leaves those to it rather than showing the database's own wording first.
    """

    def validate_unique(self):
        pass
