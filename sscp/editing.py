"""What every edit page shares: refusing stale edits, saving through a service, and the base
views for creating, editing and confirming (GET says what will happen, POST does it).

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
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import slugify
from django.views.generic import CreateView, DetailView, UpdateView

from sscp.mixins import BreadcrumbsMixin, RoleRequiredMixin
from sscp.people import person_name

STALE_CODE = "stale"


# --- saving -----------------------------------------------------------------------------------


def save_checked(obj: models.Model, errors: dict[str, str]) -> models.Model:
    """Refuse ``obj`` with the rule ``errors`` (by field) if there are any; otherwise validate
    it fully and save it. Services call this inside their transaction."""
    if errors:
        raise ValidationError(errors)
    obj.full_clean()
    obj.save()
    return obj


def unique_slug(model: type[models.Model], text: str, *, reserved=frozenset()) -> str:
    """A slug for ``text`` that no row of ``model`` has yet and that no address uses."""
    base = slugify(text)[:90] or model._meta.model_name
    slug, number = base, 2
    while slug in reserved or model._default_manager.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


# --- stale edits ------------------------------------------------------------------------------


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
    who = person_name(latest.history_user) if latest.history_user else "someone else"
    when = date_format(timezone.localtime(latest.history_date), "j F Y \\a\\t H:i")
    raise ValidationError(
        f"This {model._meta.verbose_name} was changed by {who} on {when}, after you opened this "
        "form. Nothing has been saved. Reload the page to see the latest version, then make "
        "your changes again.",
        code=STALE_CODE,
    )


def last_changed_by(obj: models.Model) -> str:
    """Who made ``obj``'s newest history record, by name (``person_name``; "someone" when no
    one is recorded), for the message that refuses a stale edit."""
    last = obj.history.select_related("history_user").order_by("-history_id").first()
    return person_name(last.history_user) if last and last.history_user else "someone"


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


def add_refusals(form: forms.BaseForm, refusals: dict[str, str]) -> None:
    """Show the reasons a service's ``*_refusals`` function gives, by field, while the form is
    cleaned: beside the field they name (a field already in error keeps its own message), or
    at the top of the form when it has no such field. The service refuses again when saving."""
    for field, reason in refusals.items():
        if field not in form.errors:
            form.add_error(field if field in form.fields else None, reason)


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
    sentence saying what the form does, the submit and cancel buttons' words and where Cancel
    goes."""

    template_name = "edit/form_page.html"
    page_title = ""
    intro = ""
    submit_label = "Save changes"
    cancel_label = "Cancel"

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
        kwargs.setdefault("cancel_label", self.cancel_label)
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


# --- free text --------------------------------------------------------------------------------

# Every free-text field has a limit, so that no form stores megabytes that each page and paper
# showing it then carries: a narrative (a return's commentary, a section of a report, a plan's
# vision) runs to a few pages at most; a reason, a note or feedback to a paragraph or two. The
# limits are the forms' (the browser is told too), not the database's: the stored text is as
# long as it ever was.
LONG_TEXT_LENGTH = 10_000
SHORT_TEXT_LENGTH = 2_000
TEXT_TOO_LONG = "Too long: at most %(limit_value)d characters (it has %(show_value)d)."


def text_field(*, max_length: int = LONG_TEXT_LENGTH, rows: int = 3, **kwargs) -> forms.CharField:
    """A box for free text of at most ``max_length`` characters."""
    return forms.CharField(
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={"max_length": TEXT_TOO_LONG},
        **kwargs,
    )


def limited_text_formfield(model_field: models.Field, **kwargs) -> forms.Field | None:
    """For a model form's ``Meta.formfield_callback``: every ``TextField`` of the model holds at
    most ``LONG_TEXT_LENGTH`` characters in the form."""
    if isinstance(model_field, models.TextField):
        kwargs.setdefault("max_length", LONG_TEXT_LENGTH)
        kwargs.setdefault("error_messages", {"max_length": TEXT_TOO_LONG})
    return model_field.formfield(**kwargs)


# --- base views -------------------------------------------------------------------------------


class ObjectPageMixin(BreadcrumbsMixin):
    """A page about one object (editing it, confirming a change, its history). Breadcrumbs lead
    through ``parent_breadcrumbs()`` and the object (``object_label()``, ``object_url()``) to
    this page, named by ``page_crumb`` when that is shorter than the page's title; Cancel
    returns to the object.
    """

    page_title = ""
    page_crumb = ""

    def parent_breadcrumbs(self) -> list[tuple[str, str]]:
        return []

    def object_label(self) -> str:
        return str(self.object)

    def object_url(self) -> str:
        return self.object.get_absolute_url()

    def get_page_title(self) -> str:
        return self.page_title

    def get_page_crumb(self) -> str:
        return self.page_crumb or self.get_page_title()

    def get_breadcrumbs(self):
        return [
            *self.parent_breadcrumbs(),
            (self.object_label(), self.object_url()),
            (self.get_page_crumb(), None),
        ]

    def get_cancel_url(self) -> str:
        return self.object_url()


class ServiceCreateView(
    RoleRequiredMixin, BreadcrumbsMixin, FormPageMixin, ServiceFormMixin, CreateView
):
    """A form that creates an object through a service, from a list page: ``list_page`` is its
    label and URL name, for the breadcrumbs (after ``parent_breadcrumbs()``) and Cancel."""

    list_page: tuple[str, str] = ("Plans", "plans:plan_list")

    def parent_breadcrumbs(self) -> list[tuple[str, str]]:
        return []

    def get_cancel_url(self) -> str:
        return reverse(self.list_page[1])

    def get_breadcrumbs(self):
        label, url_name = self.list_page
        return [
            *self.parent_breadcrumbs(),
            (label, reverse(url_name)),
            (self.get_page_title(), None),
        ]


class ServiceUpdateView(
    RoleRequiredMixin, ObjectPageMixin, FormPageMixin, ServiceFormMixin, UpdateView
):
    """A form that changes an object through a service."""


class LastChangeForm(forms.Form):
    """The stale-edit field alone, for a page that confirms a change (``ConfirmView``)."""

    last_change = forms.IntegerField(required=False, widget=forms.HiddenInput)


class ConfirmView(RoleRequiredMixin, ObjectPageMixin, FormPageMixin, DetailView):
    """GET shows what a change will do (or why it cannot be made); POST makes it.

    Subclasses give the page's ``get_context_data`` (``consequences`` or ``refusal``; a
    ``note`` under the consequences) and ``perform()``, which calls the service and returns the
    message and where to go next. A ``ValidationError`` from the service is shown as a message
    back on the object's page.

    With ``stale_check``, the page carries the hidden ``last_change`` field and ``perform()``
    passes ``self.seen_change`` to the service, which refuses the change if the object was
    changed after the page was opened (a missing or tampered field counts as stale).
    """

    template_name = "edit/confirm.html"
    stale_check = False
    seen_change: int | None = None

    def perform(self) -> tuple[str, str]:
        raise NotImplementedError

    def get_context_data(self, **kwargs):
        if self.stale_check:
            kwargs.setdefault(
                "form", LastChangeForm(initial={"last_change": last_change_id(self.object)})
            )
        return super().get_context_data(**kwargs)

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        if self.stale_check:
            posted = LastChangeForm(request.POST)
            self.seen_change = posted.cleaned_data["last_change"] if posted.is_valid() else None
        try:
            message, next_url = self.perform()
        except ValidationError as error:
            for text in error.messages:
                messages.error(request, text)
            return redirect(self.get_cancel_url())
        messages.success(request, message)
        return redirect(next_url)
