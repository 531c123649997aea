"""Demo data: the Somerset partnership, its three plans, the bookcase behind the 2022-25 plan,
two years of quarterly returns and the consultations that shaped the plans.

Facts and figures come from the public papers in ``/work/shared/seeds`` (a Cabinet decision
report, scrutiny reports, the SSCP twelve-monthly report 2020-21 and a press release); the
sentences are our own. People appear only as role titles. Where a figure or date is invented to
make the demo tell a story (every quarterly figure, and the forward plan references of the
2016-19 and 2022-25 plans), a comment in ``demo/data`` says so; the data itself reads as a real
partnership's would, with the papers named as its sources.

``load_demo_data`` is idempotent: every row is found by its natural key (a slug, a name,
``(financial_year, quarter)``, ``(measure, period)`` ...) and created only when missing. Rows
that already exist are left as they are, so re-running the loader (``make run`` does on every
start) never undoes what someone changed in the browser and writes no new history.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import models, transaction

from consultations.models import (
    Commitment,
    CommitmentUpdate,
    Consultation,
    ConsultationDocument,
    EngagementGroup,
    Feedback,
)
from demo.data.common import (
    CHANGE_REASON,
    DEMO_EMAIL_DOMAIN,
    DEMO_PASSWORD,
    _at,
)
from demo.data.consultations import CONSULTATIONS, ENGAGEMENT_GROUPS
from demo.data.governance import BODIES, PARTNERS
from demo.data.measures import (
    DEADLINE_AFTER_QUARTER_END,
    MEASURES,
    NOT_AVAILABLE,
    OPEN_QUARTER,
    PERIOD_YEARS,
    RETURN_EXCEPTIONS,
    RETURN_QUARTERS,
)
from demo.data.people import ACCOUNTS, REVIEWER
from demo.data.plans import PLANS, PRIORITIES
from demo.data.reports import (
    REPORT_BACKGROUND,
    REPORT_CONSULTATIONS,
    REPORT_FRONT,
    REPORT_IMPLICATIONS,
    REPORTS,
    report_sign_offs,
)
from demo.data.strategies import STRATEGIES
from demo.notifications import load_notifications
from demo.risks import load_assurance
from measures.models import Measure, ReportingPeriod, Return
from people.models import Profile
from plans.models import GovernanceBody, Membership, Partner, Plan, ProgressReport
from plans.roles import GROUP_NAMES
from priorities.models import Priority, Strategy
from reports.services import report_create, report_publish, report_update
from sscp import cache

# --- loading ----------------------------------------------------------------------------------


@dataclass
class SeedReport:
    """What a run of ``load_demo_data`` did, model by model, and the accounts it can log in as."""

    created: Counter = field(default_factory=Counter)
    existing: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    labels: list[str] = field(default_factory=list)  # in the order the models were loaded
    # (username, role, password or a note) for each demo account that has a password.
    accounts: list[tuple[str, str, str]] = field(default_factory=list)

    def count(self, model: type[models.Model], *, created: bool) -> None:
        label = self.label(model)
        if label not in self.labels:
            self.labels.append(label)
        (self.created if created else self.existing)[label] += 1

    @staticmethod
    def label(model: type[models.Model]) -> str:
        return str(model._meta.verbose_name_plural).capitalize()

    @property
    def total_created(self) -> int:
        return sum(self.created.values())

    def lines(self) -> list[str]:
        width = max(len(label) for label in self.labels)
        lines = [f"{'':{width}}  created  updated  unchanged"]
        for label in self.labels:
            unchanged = self.existing[label] - self.updated[label]
            lines.append(
                f"{label:{width}}  {self.created[label]:7}  {self.updated[label]:7}  {unchanged:9}"
            )
        return lines


def _ensure(
    report: SeedReport,
    model: type[models.Model],
    lookup: dict[str, Any],
    defaults: dict[str, Any] | None = None,
    *,
    m2m: dict[str, list[models.Model]] | None = None,
    history_date: datetime.datetime | None = None,
    history_user=None,
) -> tuple[Any, bool]:
    """The row ``lookup`` finds, or a new validated one with ``defaults`` and ``m2m`` links.

    An existing row is returned untouched: re-running the demo writes nothing and records no
    history for rows that are already there.
    """
    try:
        obj = model._default_manager.get(**lookup)
    except model.DoesNotExist:
        obj = model(**lookup, **(defaults or {}))
        obj._change_reason = CHANGE_REASON
        if history_date is not None:
            obj._history_date = history_date
        if history_user is not None:
            obj._history_user = history_user
        obj.full_clean()
        obj.save()
        for name, related in (m2m or {}).items():
            if related:
                getattr(obj, name).add(*related)
        report.count(model, created=True)
        return obj, True
    report.count(model, created=False)
    return obj, False


def _load_groups_and_accounts(report: SeedReport, *, with_passwords: bool, bodies) -> dict:
    user_model = get_user_model()
    groups = {}
    for name in GROUP_NAMES:
        groups[name], created = Group.objects.get_or_create(name=name)
        report.count(Group, created=created)

    users = {}
    for account in ACCOUNTS:
        username = account["username"]
        give_password = with_passwords and account.get("demo", False)
        user = user_model._default_manager.filter(username=username).first()
        if user is None:
            user = user_model(
                username=username,
                first_name=account["title"],
                email=f"{username}@{DEMO_EMAIL_DOMAIN}",
            )
            if give_password:
                user.set_password(DEMO_PASSWORD)
            else:
                user.set_unusable_password()
            user.full_clean()
            user.save()
            report.count(user_model, created=True)
        else:
            report.count(user_model, created=False)
            if give_password and not user.has_usable_password():
                user.set_password(DEMO_PASSWORD)
                user.save(update_fields=["password"])
                report.updated[report.label(user_model)] += 1
        users[username] = user

        if account.get("partner"):
            partner = Partner.objects.get(name=account["partner"])
            _ensure(report, Profile, {"user": user}, {"partner": partner})
        if account.get("group"):
            group = groups[account["group"]]
            if not user.groups.filter(pk=group.pk).exists():
                user.groups.add(group)
        if account.get("body"):
            _ensure(
                report,
                Membership,
                {"user": user, "body": bodies[account["body"]]},
                {"role": account["membership"], "role_title": account["title"]},
            )
        if give_password:
            # A password someone has since changed is left alone, and not printed.
            password = (
                DEMO_PASSWORD if user.check_password(DEMO_PASSWORD) else "(changed, left as is)"
            )
            report.accounts.append((username, account["role"], password))
    return users


def _load_governance(report: SeedReport) -> dict[str, GovernanceBody]:
    partners = {}
    for row in PARTNERS:
        values = dict(row)
        partners[row["name"]], _ = _ensure(report, Partner, {"name": values.pop("name")}, values)

    bodies: dict[str, GovernanceBody] = {}
    for row in BODIES:
        values = dict(row)
        slug = values.pop("slug")
        parent = values.pop("parent")
        lead_partner = values.pop("lead_partner")
        values["parent"] = bodies[parent] if parent else None
        values["lead_partner"] = partners[lead_partner] if lead_partner else None
        bodies[slug], _ = _ensure(report, GovernanceBody, {"slug": slug}, values)
    return bodies


def _load_plans(report: SeedReport) -> tuple[dict[str, Plan], dict[tuple[str, int], Priority]]:
    plans: dict[str, Plan] = {}
    for row in PLANS:
        values = dict(row)
        slug = values.pop("slug")
        predecessor = values.pop("predecessor")
        values["predecessor"] = plans[predecessor] if predecessor else None
        plans[slug], _ = _ensure(report, Plan, {"slug": slug}, values)

    priorities: dict[tuple[str, int], Priority] = {}
    for plan_slug, rows in PRIORITIES.items():
        for order, row in enumerate(rows, start=1):
            priorities[plan_slug, order], _ = _ensure(
                report,
                Priority,
                {"plan": plans[plan_slug], "order": order},
                {"title": row["title"], "description": row["description"]},
                m2m={"continues": [priorities[key] for key in row.get("continues", [])]},
            )
    return plans, priorities


def _load_strategies(report: SeedReport, bodies, priorities) -> dict[str, Strategy]:
    strategies = {}
    for row in STRATEGIES:
        values = dict(row)
        slug = values.pop("slug")
        linked = [priorities[key] for key in values.pop("priorities")]
        values["owner_body"] = bodies[values["owner_body"]]
        strategies[slug], _ = _ensure(
            report, Strategy, {"slug": slug}, values, m2m={"priorities": linked}
        )
    return strategies


def _load_periods(report: SeedReport) -> dict[tuple[int, int], ReportingPeriod]:
    periods = {}
    for financial_year in PERIOD_YEARS:
        for quarter in (1, 2, 3, 4):
            start, end = ReportingPeriod.quarter_dates(financial_year, quarter)
            periods[financial_year, quarter], _ = _ensure(
                report,
                ReportingPeriod,
                {"financial_year": financial_year, "quarter": quarter},
                {
                    "start_date": start,
                    "end_date": end,
                    "deadline": end + DEADLINE_AFTER_QUARTER_END,
                    "is_open": (financial_year, quarter) == OPEN_QUARTER,
                },
            )
    return periods


def _return_timeline(period: ReportingPeriod, index: int) -> tuple[datetime.datetime, ...]:
    """When a return was started, submitted and reviewed: spread over the weeks after the
    quarter ends, each measure on its own day, all before the deadline."""
    created = _at(period.end_date + datetime.timedelta(days=7 + index % 5), 9, 30)
    submitted = _at(created.date() + datetime.timedelta(days=9 + index % 3), 15)
    reviewed = _at(submitted.date() + datetime.timedelta(days=3 + index % 4), 11)
    return created, submitted, reviewed


def _load_measures(report: SeedReport, priorities, strategies, bodies, periods, users) -> None:
    reporters = {
        account["body"]: users[account["username"]]
        for account in ACCOUNTS
        if account.get("membership") in Membership.REPORTING_ROLES
    }
    reviewer = users[REVIEWER]
    plan_slug = "2022-25"
    for index, row in enumerate(MEASURES):
        priority = priorities[plan_slug, row["priority"]]
        measure, _ = _ensure(
            report,
            Measure,
            {"priority": priority, "title": row["title"]},
            {
                "strategy": strategies[row["strategy"]],
                "reporting_body": bodies[row["reporting_body"]],
                "definition": row["definition"],
                "unit": row["unit"],
                "polarity": row["polarity"],
                "baseline": Decimal(row["baseline"]),
                "target": Decimal(row["target"]) if row["target"] is not None else None,
                "tolerance": Decimal(row["tolerance"]),
                "data_source": row["data_source"],
            },
        )
        reporter = reporters[row["reporting_body"]]
        for quarter_key, raw_value in zip(RETURN_QUARTERS, row["values"], strict=True):
            if raw_value is None:
                continue
            status = row["open_status"] if quarter_key == OPEN_QUARTER else Return.Status.APPROVED
            _load_return(
                report,
                measure=measure,
                period=periods[quarter_key],
                raw_value=raw_value,
                status=status,
                notes=row["notes"],
                exception=RETURN_EXCEPTIONS.get((row["key"], *quarter_key), {}),
                reporter=reporter,
                reviewer=reviewer,
                index=index,
            )


def _load_return(
    report, *, measure, period, raw_value, status, notes, exception, reporter, reviewer, index
) -> None:
    not_available = raw_value == NOT_AVAILABLE
    value = None if not_available else Decimal(raw_value)
    calculated_rag = measure.rag_for(value)
    rag = exception.get("rag", calculated_rag)
    commentary, next_steps = notes.get(rag, ("", ""))
    created_at, submitted_at, reviewed_at = _return_timeline(period, index)
    submitted = status != Return.Status.DRAFT
    reviewed = status in (Return.Status.APPROVED, Return.Status.RETURNED)
    last_step = reviewed_at if reviewed else submitted_at if submitted else created_at
    ret, created = _ensure(
        report,
        Return,
        {"measure": measure, "period": period},
        {
            "value": value,
            "not_available": not_available,
            "not_available_reason": exception.get("not_available_reason", ""),
            "calculated_rag": calculated_rag,
            "rag": rag,
            "rag_override_reason": exception.get("rag_override_reason", ""),
            "commentary": exception.get("commentary", commentary),
            "next_steps": exception.get("next_steps", next_steps),
            "status": status,
            "feedback": exception.get("feedback", ""),
            "created_by": reporter,
            "submitted_by": reporter if submitted else None,
            "submitted_at": submitted_at if submitted else None,
            "reviewed_by": reviewer if reviewed else None,
            "reviewed_at": reviewed_at if reviewed else None,
        },
        history_date=last_step,
        history_user=reviewer if reviewed else reporter,
    )
    if created:
        # created_at and updated_at are set by the database clock; give them the story's dates.
        stamps = {"created_at": created_at, "updated_at": last_step}
        Return.objects.filter(pk=ret.pk).update(**stamps)
        Return.history.filter(id=ret.pk).update(**stamps)
        cache.bump(cache.RETURNS, cache.FIGURES)  # update() sends no signals


def _load_consultations(report: SeedReport, plans, priorities, bodies, users) -> None:
    groups = {}
    for row in ENGAGEMENT_GROUPS:
        values = dict(row)
        groups[row["name"]], _ = _ensure(
            report, EngagementGroup, {"name": values.pop("name")}, values
        )

    author = users[REVIEWER]
    for row in CONSULTATIONS:
        consultation, _ = _ensure(
            report,
            Consultation,
            {"slug": row["slug"]},
            {
                "plan": plans[row["plan"]],
                "title": row["title"],
                "start_date": row["start_date"],
                "end_date": row["end_date"],
                "methods": [str(method) for method in row["methods"]],
                "summary": row["summary"],
                "children_reached": row["children_reached"],
            },
            m2m={"groups": [groups[name] for name in row["groups"]]},
        )
        for order, (title, url, note) in enumerate(row["documents"], start=1):
            _ensure(
                report,
                ConsultationDocument,
                {"consultation": consultation, "title": title},
                {"url": url, "note": note, "order": order},
            )
        feedback = []
        for order, item in enumerate(row["feedback"], start=1):
            said, _ = _ensure(
                report,
                Feedback,
                {"consultation": consultation, "order": order},
                {"said": item["said"], "not_linked": item.get("not_linked", False)},
                m2m={"priorities": [priorities[key] for key in item["priorities"]]},
            )
            feedback.append(said)
        for item in row["commitments"]:
            commitment, _ = _ensure(
                report,
                Commitment,
                {"consultation": consultation, "promise": item["promise"]},
                {
                    "feedback": feedback[item["feedback"]]
                    if item["feedback"] is not None
                    else None,
                    "owner_body": bodies[item["owner_body"]],
                    "due_date": item["due_date"],
                    "status": item["status"],
                },
            )
            for day, text in item["updates"]:
                _ensure(
                    report,
                    CommitmentUpdate,
                    {"commitment": commitment, "date": day},
                    {"text": text, "author": author},
                    history_date=_at(day, 12),
                    history_user=author,
                )


@transaction.atomic
def load_demo_data(*, with_passwords: bool) -> SeedReport:
    """Create whatever part of the demo data is missing; never change or duplicate a row.

    ``with_passwords`` gives the demo accounts (manager, chair, datalead, scrutiny) the password
    DEMO_PASSWORD; without it new accounts get an unusable password, and existing ones keep
    theirs. The accounts that only submit other bodies' returns never get a password.
    """
    report = SeedReport()
    bodies = _load_governance(report)
    users = _load_groups_and_accounts(report, with_passwords=with_passwords, bodies=bodies)
    plans, priorities = _load_plans(report)
    strategies = _load_strategies(report, bodies, priorities)
    periods = _load_periods(report)
    _load_measures(report, priorities, strategies, bodies, periods, users)
    _load_consultations(report, plans, priorities, bodies, users)
    load_assurance(report.count, plans=plans, priorities=priorities, bodies=bodies, users=users)
    _load_reports(report, plans, periods, users)
    load_notifications(report.count)
    return report


def _load_reports(report: SeedReport, plans, periods, users) -> None:
    manager = users[REVIEWER]
    plan = plans["2022-25"]
    for row in REPORTS:
        period = periods[row["quarter"]]
        if ProgressReport.objects.filter(plan=plan, period=period).exists():
            report.count(ProgressReport, created=False)
            continue
        draft = report_create(plan=plan, period=period, user=manager)
        draft = report_update(
            report=draft,
            user=manager,
            expected_version=draft.lock_version,
            changes={
                **REPORT_FRONT,
                "meeting_date": row["meeting_date"],
                "summary": row["summary"],
                "issues_for_consideration": row["issues"],
                "background": REPORT_BACKGROUND,
                "consultations_undertaken": REPORT_CONSULTATIONS,
                **REPORT_IMPLICATIONS,
                "background_papers": row["papers"],
            },
            sign_offs=report_sign_offs(row["meeting_date"]),
        )
        if row["published_at"] is not None:
            published = report_publish(
                report=draft, user=manager, expected_version=draft.lock_version
            )
            # The paper was published on the story's date, not today.
            ProgressReport.objects.filter(pk=published.pk).update(published_at=row["published_at"])
            ProgressReport.history.filter(id=published.pk, status="published").update(
                published_at=row["published_at"]
            )
            cache.bump(cache.REPORTS)  # update() sends no signal
        report.count(ProgressReport, created=True)
