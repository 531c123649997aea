"""Change history of any model django-simple-history keeps: who, when, and which fields
changed from what to what. One reader and one view serve plans, priorities, strategies, measures
and governance bodies alike.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.paginator import Paginator
from django.db import models
from django.utils.formats import date_format
from django.views.generic import DetailView
from simple_history.utils import get_m2m_reverse_field_name

from sscp import roles
from sscp.editing import ObjectPageMixin
from sscp.mixins import RoleRequiredMixin

# Records by the same person this close together are one change: saving a form writes the row
# and then, for each many-to-many field it touches, one more record.
SAME_CHANGE_WITHIN = datetime.timedelta(seconds=5)
EMPTY = "—"


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


def change_history(obj: models.Model, *, exclude: Iterable[str] = ()) -> list[HistoryEntry]:
    """Every change to ``obj``, newest first.

    Runs a fixed number of queries however long the history: one for the records, one per
    many-to-many field kept in the history and one per kind of related object named.
    """
    records = list(
        obj.history.select_related("history_user").order_by("history_date", "history_id")
    )
    if not records:
        return []
    excluded = set(exclude)
    fields = [
        f
        for f in type(obj)._meta.concrete_fields
        if f.editable and not f.primary_key and f.name not in excluded
    ]
    m2m_fields = [f for f in records[0]._history_m2m_fields if f.name not in excluded]
    m2m_values = _m2m_values(records, m2m_fields)
    snapshots = [
        {f.name: getattr(record, f.attname) for f in fields}
        | {f.name: m2m_values[(record.history_id, f.name)] for f in m2m_fields}
        for record in records
    ]

    raw_entries = []  # (first record, last record, before snapshot or None, after snapshot)
    start = 0
    for index in range(1, len(records) + 1):
        if index < len(records) and _same_change(records[start], records[index]):
            continue
        first, last = records[start], records[index - 1]
        before = None if first.history_type == "+" or start == 0 else snapshots[start - 1]
        raw_entries.append((first, last, before, snapshots[index - 1]))
        start = index

    labels = _Labels(fields, m2m_fields)
    entries = []
    for first, last, before, after in raw_entries:
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
        entries.append((first, last, action, changed, before, after))

    labels.load()
    result = []
    for first, last, action, changed, before, after in reversed(entries):
        result.append(
            HistoryEntry(
                when=last.history_date,
                who=_person(last.history_user),
                action=action,
                reason=first.history_change_reason or last.history_change_reason or "",
                changes=[
                    FieldChange(
                        label=str(f.verbose_name).capitalize(),
                        old=EMPTY if before is None else labels.show(f, before[f.name]),
                        new=labels.show(f, after[f.name]),
                    )
                    for f in changed
                    if action != "Deleted"
                ],
            )
        )
    return result


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
    return value is None or value == "" or value == frozenset()


def _person(user) -> str:
    if user is None:
        return "the system (data load or script)"
    return user.get_full_name() or user.get_username()


class _Labels:
    """Shows stored values as people read them, looking related objects up in bulk."""

    def __init__(self, fields, m2m_fields):
        self.fields = {f.name: f for f in [*fields, *m2m_fields]}
        self.wanted: dict[type[models.Model], set] = defaultdict(set)
        self.found: dict[type[models.Model], dict] = {}

    def want(self, f, value) -> None:
        if f.is_relation and not _is_empty(value):
            self.wanted[f.related_model] |= set(value) if f.many_to_many else {value}

    def load(self) -> None:
        for model, ids in self.wanted.items():
            self.found[model] = model._base_manager.select_related().in_bulk(ids)

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
    """The change history page of one object. Subclasses name the model (``queryset``), the
    fields to leave out (``history_exclude``) and the breadcrumbs above the object."""

    permission = roles.can_view_history
    template_name = "history/object_history.html"
    page_title = "Change history"
    history_exclude: tuple[str, ...] = ()
    paginate_by = 20

    def get_context_data(self, **kwargs):
        entries = change_history(self.object, exclude=self.history_exclude)
        page = Paginator(entries, self.paginate_by).get_page(self.request.GET.get("page"))
        return super().get_context_data(
            page_obj=page,
            entries=page.object_list,
            kind=self.object._meta.verbose_name,
            **kwargs,
        )
