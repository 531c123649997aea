"""Change history of any model django-simple-history keeps: who, when, and which fields
changed from what to what. One reader and one view serve plans, priorities, strategies, measures,
governance bodies and consultations alike; a page may list an object's changes together with
those of its parts.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.utils.formats import date_format
from django.views.generic import DetailView
from simple_history.utils import get_m2m_reverse_field_name

from sscp.editing import ObjectPageMixin
from sscp.mixins import RoleRequiredMixin
from sscp.pagination import page_of
from sscp.people import person_name

# Records by the same person this close together are one change: saving a form writes the row
# and then, for each many-to-many field it touches, one more record.
SAME_CHANGE_WITHIN = datetime.timedelta(seconds=5)
EMPTY = "—"


# django-simple-history keeps a change reason of at most 100 characters: the full text (feedback,
# a reopening reason, a deadline reason) lives in a field of the row, which the history keeps too.
HISTORY_REASON_LENGTH = 100


@dataclass(frozen=True)
class FieldChange:
    label: str
    old: str
    new: str


@dataclass
class HistoryEntry:
    when: datetime.datetime
    who: str
    action: str  # "Created", "Changed" or "Deleted"
    reason: str
    changes: list[FieldChange] = field(default_factory=list)
    subject: str = ""  # what the change was to, where a page lists several objects' changes


@dataclass(frozen=True)
class HistorySource:
    """History records of one model for a page to list: of one object, or of many (the parts of
    the object the page is about, those since deleted among them).

    ``exclude`` names fields left out; ``subject`` names what a record is about, for a page that
    lists several objects' changes together; ``show`` gives the words for a field's values
    where the field's own (its choices, its related object's name) say nothing.
    """

    records: models.QuerySet
    exclude: Iterable[str] = ()
    subject: Callable[[models.Model], str] | None = None
    show: Mapping[str, Callable[[Any], str]] = field(default_factory=dict)


def change_history(obj: models.Model, *, exclude: Iterable[str] = ()) -> list[HistoryEntry]:
    """Every change to ``obj``, newest first.

    Runs a fixed number of queries however long the history: one for the records, one per
    many-to-many field kept in the history and one per kind of related object named.
    """
    return combined_history([HistorySource(obj.history.all(), exclude=exclude)])


def combined_history(sources: Iterable[HistorySource]) -> list[HistoryEntry]:
    """Every change recorded in ``sources``, newest first, each entry naming its subject when
    its source says how.

    Runs a fixed number of queries however long the history: one per source for its records,
    one per many-to-many field kept in the history and one per kind of related object named
    (across all the sources).
    """
    labels = _Labels()
    changes = [change for source in sources for change in _changes(source, labels)]
    labels.load()
    changes.sort(key=lambda c: (c.last.history_date, c.last.history_id), reverse=True)
    return [
        HistoryEntry(
            when=c.last.history_date,
            who=_person(c.last.history_user),
            action=c.action,
            reason=c.first.history_change_reason or c.last.history_change_reason or "",
            changes=[
                FieldChange(
                    label=str(f.verbose_name).capitalize(),
                    old=EMPTY if c.before is None else c.show(f, c.before[f.name]),
                    new=c.show(f, c.after[f.name]),
                )
                for f in c.changed
                if c.action != "Deleted"
            ],
            subject=c.source.subject(c.last) if c.source.subject else "",
        )
        for c in changes
    ]


@dataclass
class _Change:
    """One change before its related objects' names are looked up: the first and last of its
    records, and the fields' values before (None when it created the object) and after."""

    source: HistorySource
    labels: _Labels
    first: Any
    last: Any
    action: str
    changed: list
    before: dict | None
    after: dict

    def show(self, f, value) -> str:
        shown = self.source.show.get(f.name)
        if shown is not None and not _is_empty(value):
            return shown(value)
        return self.labels.show(f, value)


def _changes(source: HistorySource, labels: _Labels) -> list[_Change]:
    """The changes in one source's records, object by object, telling ``labels`` which related
    objects they name."""
    records = list(
        source.records.select_related("history_user").order_by("history_date", "history_id")
    )
    if not records:
        return []
    model = source.records.model.instance_type
    excluded = set(source.exclude)
    fields = [
        f
        for f in model._meta.concrete_fields
        if f.editable and not f.primary_key and f.name not in excluded
    ]
    m2m_fields = [f for f in records[0]._history_m2m_fields if f.name not in excluded]
    m2m_values = _m2m_values(records, m2m_fields)
    # Related objects the source's records were read with (select_related) are named from them.
    first = records[0]
    read_with = [
        f for f in fields if f.many_to_one and first._meta.get_field(f.name).is_cached(first)
    ]
    for record in records:
        for f in read_with:
            if (related := getattr(record, f.name)) is not None:
                labels.know(f, related)
    by_object = defaultdict(list)
    for record in records:
        snapshot = {f.name: getattr(record, f.attname) for f in fields} | {
            f.name: m2m_values[(record.history_id, f.name)] for f in m2m_fields
        }
        by_object[getattr(record, model._meta.pk.attname)].append((record, snapshot))

    changes = []
    for history in by_object.values():
        start = 0
        for index in range(1, len(history) + 1):
            if index < len(history) and _same_change(history[start][0], history[index][0]):
                continue
            first, last = history[start][0], history[index - 1][0]
            before = None if first.history_type == "+" or start == 0 else history[start - 1][1]
            after = history[index - 1][1]
            start = index
            if last.history_type == "-":
                action = "Deleted"
            elif before is None:
                action = "Created"
            else:
                action = "Changed"
            changed = [
                f
                for f in [*fields, *m2m_fields]
                if (before is None and not _is_empty(after[f.name]))
                or (before is not None and before[f.name] != after[f.name])
            ]
            if action == "Changed" and not changed:
                continue
            for f in changed:
                labels.want(f, after[f.name])
                if before is not None:
                    labels.want(f, before[f.name])
            changes.append(_Change(source, labels, first, last, action, changed, before, after))
    return changes


def _same_change(first, record) -> bool:
    return (
        record.history_type == "~"
        and first.history_type != "-"
        and record.history_user_id == first.history_user_id
        and record.history_date - first.history_date <= SAME_CHANGE_WITHIN
    )


def _m2m_values(records, m2m_fields) -> dict[tuple[int, str], frozenset]:
    values: dict[tuple[int, str], frozenset] = {}
    ids = [record.history_id for record in records]
    for f in m2m_fields:
        through = getattr(records[0], f.name).model
        target = through._meta.get_field(get_m2m_reverse_field_name(f)).attname
        linked = defaultdict(set)
        for history_id, target_id in through.objects.filter(history_id__in=ids).values_list(
            "history_id", target
        ):
            linked[history_id].add(target_id)
        for history_id in ids:
            values[(history_id, f.name)] = frozenset(linked[history_id])
    return values


def _is_empty(value) -> bool:
    if isinstance(value, list | dict | frozenset):
        return not value
    return value is None or value == ""


def _person(user) -> str:
    if user is None:
        return "the system (data load or script)"
    return person_name(user)


class _Labels:
    """Shows stored values as people read them, looking related objects up in bulk, except
    those already read with the records."""

    def __init__(self):
        self.wanted: dict[type[models.Model], set] = defaultdict(set)
        self.found: dict[type[models.Model], dict] = defaultdict(dict)

    def want(self, f, value) -> None:
        if f.is_relation and not _is_empty(value):
            self.wanted[f.related_model] |= set(value) if f.many_to_many else {value}

    def know(self, f, obj: models.Model) -> None:
        self.found[f.related_model][obj.pk] = obj

    def load(self) -> None:
        for model, ids in self.wanted.items():
            missing = ids - self.found[model].keys()
            if missing:
                self.found[model] |= model._base_manager.select_related().in_bulk(missing)

    def show(self, f, value) -> str:
        if _is_empty(value):
            return EMPTY
        if f.is_relation:
            found = self.found.get(f.related_model, {})
            ids = sorted(value) if f.many_to_many else [value]
            names = [self._name(found.get(pk), pk) for pk in ids]
            return "; ".join(sorted(names))
        if f.choices:
            return str(dict(f.flatchoices).get(value, value))
        if isinstance(value, bool):
            return "Yes" if value else "No"
        if isinstance(value, datetime.datetime):
            return date_format(value, "j F Y H:i")
        if isinstance(value, datetime.date):
            return date_format(value, "j F Y")
        if isinstance(value, Decimal):
            text = f"{value.normalize():f}"
            return text
        return str(value)

    @staticmethod
    def _name(obj, pk) -> str:
        if obj is None:
            return f"(deleted, no. {pk})"
        return getattr(obj, "long_label", None) or str(obj)


class ObjectHistoryView(RoleRequiredMixin, ObjectPageMixin, DetailView):
    """The change history page of one object. Subclasses name who may read it
    (``permission``, from their app's rules), the model (``queryset``), the fields to leave out
    (``history_exclude``) and the breadcrumbs above the object. A page that also lists the
    changes to the object's parts gives them in ``history_entries()`` and says so in ``note``.
    """

    template_name = "history/object_history.html"
    page_title = "Change history"
    note = ""
    history_exclude: tuple[str, ...] = ()
    paginate_by = 20

    def dispatch(self, request, *args, **kwargs):
        if self.permission is None:
            raise ImproperlyConfigured(f"{type(self).__qualname__} must name its permission.")
        return super().dispatch(request, *args, **kwargs)

    def history_entries(self) -> list[HistoryEntry]:
        return change_history(self.object, exclude=self.history_exclude)

    def get_context_data(self, **kwargs):
        entries = self.history_entries()
        page = page_of(self.request, entries, per_page=self.paginate_by)
        return super().get_context_data(
            page_obj=page,
            entries=page.object_list,
            kind=self.object._meta.verbose_name,
            page_title=self.get_page_title(),
            note=self.note,
            **kwargs,
        )
