"""Data sets for the benchmark: the demo (x1) and a generated partnership of any scale.

``generate_partnership(scale)`` builds a partnership shaped like the demo, with the same four
accounts (``manager``, ``chair``, ``datalead``, ``scrutiny``) and the same open quarter
(Q4 2024-25, the last quarter of the active 2022-25 plan), so every page can be pointed at the
same kind of row at every scale. Sizes grow with the scale (``Sizes.for_scale``); scale 50 gives
about 6 plans, 150 strategies, 2,500 measures, 30,000 returns, 500 users and 100 consultations.

Rows are written with ``bulk_create`` in one transaction, so generation takes seconds. That
skips ``save()``: django-simple-history records no history for them (benchmark data needs none)
and ``full_clean()`` is not run; the database constraints still check every row. Generated
accounts have an unusable password: the benchmark logs in with ``force_login`` or a session.
"""

from __future__ import annotations

import datetime
import random
import time
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import models, transaction

from consultations.models import (
    Commitment,
    CommitmentUpdate,
    Consultation,
    EngagementGroup,
    Feedback,
)
from measures.models import Measure, Rag, ReportingPeriod, Return
from plans.models import GovernanceBody, Membership, Partner, Plan, ProgressReport
from priorities.models import Priority, Strategy
from sscp import cache_versions
from sscp.roles import BUSINESS_MANAGERS, SCRUTINY_MEMBERS

LONDON = ZoneInfo("Europe/London")
ACTIVE_PLAN_START = 2022  # the active plan is 2022-25, as in the demo
OPEN_QUARTER = (2024, 4)  # its last quarter is open for returns, as in the demo
ROLE_ACCOUNTS = ("manager", "chair", "datalead", "scrutiny")
BATCH = 2000


@dataclass(frozen=True)
class Sizes:
    """How many of each thing a generated partnership has."""

    plans: int
    priorities_per_plan: int
    partners: int
    bodies: int
    users: int
    strategies: int
    measures: int
    consultations: int
    engagement_groups: int

    @classmethod
    def for_scale(cls, scale: int) -> Sizes:
        if scale < 1:
            raise ValueError(f"The scale is a whole number from 1, not {scale}.")
        return cls(
            plans=min(6, 2 + scale),
            priorities_per_plan=3 + scale // 10,
            partners=6 + scale // 10,
            bodies=10 + 2 * scale,
            users=10 * scale,
            strategies=3 * scale,
            measures=50 * scale,
            consultations=2 * scale,
            engagement_groups=6 + scale // 5,
        )


@dataclass
class Generated:
    """What ``generate_partnership`` wrote, model by model, and how long it took."""

    scale: int
    counts: Counter = field(default_factory=Counter)
    seconds: float = 0.0

    def count(self, model: type[models.Model], rows: int) -> None:
        self.counts[str(model._meta.verbose_name_plural)] += rows

    def summary(self) -> str:
        shown = ("plans", "strategies", "measures", "returns", "users", "consultations")
        return ", ".join(f"{self.counts[name]:,} {name}" for name in shown)


def _bulk(generated: Generated, model: type[models.Model], rows: list) -> list:
    created = model._default_manager.bulk_create(rows, batch_size=BATCH)
    generated.count(model, len(created))
    return created


def _at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=LONDON)


WORDS = (  # noqa: SIM905 - one readable string
    "children families partners early help referrals assessment school health police "
    "safeguarding practice neglect exploitation outcomes quarter target improved steady "
    "training audit pathway plan review demand capacity timeliness voice young people"
).split()


def _text(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


# --- the partnership --------------------------------------------------------------------------


class _Builder:
    def __init__(self, scale: int):
        self.sizes = Sizes.for_scale(scale)
        self.rng = random.Random(scale)
        self.generated = Generated(scale=scale)

    def build(self) -> Generated:
        self.people()
        self.governance()
        self.memberships()
        self.plans_and_periods()
        self.priorities()
        self.strategies()
        self.measures()
        self.returns()
        self.reports()
        self.consultations()
        return self.generated

    def people(self) -> None:
        user_model = get_user_model()
        unusable = make_password(None)
        names = [
            *ROLE_ACCOUNTS,
            *(f"user{n:04d}" for n in range(self.sizes.users - len(ROLE_ACCOUNTS))),
        ]
        users = _bulk(
            self.generated,
            user_model,
            [
                user_model(
                    username=name,
                    first_name=name.capitalize(),
                    email=f"{name}@example.org",
                    password=unusable,
                )
                for name in names
            ],
        )
        self.accounts = dict(zip(ROLE_ACCOUNTS, users, strict=False))
        self.pool = users[len(ROLE_ACCOUNTS) :]
        managers, _ = Group.objects.get_or_create(name=BUSINESS_MANAGERS)
        scrutiny, _ = Group.objects.get_or_create(name=SCRUTINY_MEMBERS)
        extra_managers = self.pool[: 1 + self.sizes.users // 250]
        extra_scrutiny = self.pool[-(1 + self.sizes.users // 50) :]
        through = user_model.groups.through
        links = [through(user_id=self.accounts["manager"].pk, group_id=managers.pk)]
        links += [through(user_id=self.accounts["scrutiny"].pk, group_id=scrutiny.pk)]
        links += [through(user_id=u.pk, group_id=managers.pk) for u in extra_managers]
        links += [through(user_id=u.pk, group_id=scrutiny.pk) for u in extra_scrutiny]
        through.objects.bulk_create(links)
        self.manager = self.accounts["manager"]

    def governance(self) -> None:
        partners = _bulk(
            self.generated,
            Partner,
            [
                Partner(
                    name=f"Partner organisation {n + 1}",
                    short_name=f"P{n + 1}",
                    is_statutory=n < 3,
                    lead_role=f"Lead officer, partner {n + 1}",
                )
                for n in range(self.sizes.partners)
            ],
        )

        def body(n: int, kind: str, parent: GovernanceBody | None) -> GovernanceBody:
            return GovernanceBody(
                name=f"{GovernanceBody.Kind(kind).label} {n + 1}",
                slug=f"body-{n + 1}",
                kind=kind,
                parent=parent,
                lead_partner=partners[n % len(partners)],
                remit=_text(self.rng, 30),
            )

        executive = _bulk(
            self.generated, GovernanceBody, [body(0, GovernanceBody.Kind.EXECUTIVE, None)]
        )[0]
        business_group = _bulk(
            self.generated,
            GovernanceBody,
            [body(1, GovernanceBody.Kind.BUSINESS_GROUP, executive)],
        )[0]
        # Under the business group: subgroups and boards; under them: panels, forums, committees.
        rest = self.sizes.bodies - 2
        upper = [
            body(
                n, (GovernanceBody.Kind.SUBGROUP, GovernanceBody.Kind.BOARD)[n % 2], business_group
            )
            for n in range(2, 2 + (rest + 1) // 2)
        ]
        upper = _bulk(self.generated, GovernanceBody, upper)
        lower_kinds = (
            GovernanceBody.Kind.PANEL,
            GovernanceBody.Kind.FORUM,
            GovernanceBody.Kind.COMMITTEE,
        )
        lower = [
            body(n, lower_kinds[n % 3], upper[n % len(upper)])
            for n in range(2 + len(upper), 2 + rest)
        ]
        lower = _bulk(self.generated, GovernanceBody, lower)
        self.bodies = [executive, business_group, *upper, *lower]
        # The bodies that own strategies and report measures; the chair account chairs the
        # first of them, the data lead account is the data lead of the second.
        self.reporting_bodies = self.bodies[2:]

    def memberships(self) -> None:
        roles = (
            Membership.Role.CHAIR,
            Membership.Role.DEPUTY_CHAIR,
            Membership.Role.DATA_LEAD,
            Membership.Role.MEMBER,
        )
        pool = self.pool
        rows = []
        self.reporter = {}
        for index, body in enumerate(self.bodies):
            for offset, role in enumerate(roles):
                if role == Membership.Role.DEPUTY_CHAIR and index % 2:
                    continue
                user = pool[(4 * index + offset) % len(pool)]
                rows.append(Membership(user=user, body=body, role=role, role_title=role.label))
                if role == Membership.Role.CHAIR:
                    self.reporter[body.pk] = user
        chair_body, datalead_body = self.reporting_bodies[0], self.reporting_bodies[1]
        rows.append(
            Membership(
                user=self.accounts["chair"],
                body=chair_body,
                role=Membership.Role.CHAIR,
                role_title=f"Chair, {chair_body.name}",
            )
        )
        rows.append(
            Membership(
                user=self.accounts["datalead"],
                body=datalead_body,
                role=Membership.Role.DATA_LEAD,
                role_title=f"Data lead, {datalead_body.name}",
            )
        )
        self.reporter[chair_body.pk] = self.accounts["chair"]
        self.reporter[datalead_body.pk] = self.accounts["datalead"]
        _bulk(self.generated, Membership, rows)

    def plans_and_periods(self) -> None:
        count = self.sizes.plans
        self.plans = []
        predecessor = None
        for index in range(count):
            start_year = ACTIVE_PLAN_START - 3 * (count - 1 - index)
            active = index == count - 1
            slug = f"{start_year}-{(start_year + 3) % 100:02d}"
            plan = Plan(
                title=f"Children and Young People's Plan {slug}",
                short_title=f"Plan {slug}" if index % 2 else "",
                slug=slug,
                start_date=datetime.date(start_year, 4, 1),
                end_date=datetime.date(start_year + 3, 3, 31),
                vision=_text(self.rng, 40),
                status=Plan.Status.ACTIVE if active else Plan.Status.CLOSED,
                approval_date=datetime.date(start_year, 2, 1),
                approved_by="The County Council's Cabinet",
                decision_reference=f"CAB-{start_year}-{index + 1:02d}",
                predecessor=predecessor,
            )
            plan.save()
            self.generated.count(Plan, 1)
            self.plans.append(plan)
            predecessor = plan

        periods = []
        for plan in self.plans:
            for year in range(plan.start_date.year, plan.end_date.year):
                for quarter in (1, 2, 3, 4):
                    start, end = ReportingPeriod.quarter_dates(year, quarter)
                    periods.append(
                        ReportingPeriod(
                            financial_year=year,
                            quarter=quarter,
                            start_date=start,
                            end_date=end,
                            deadline=end + datetime.timedelta(days=42),
                            is_open=(year, quarter) == OPEN_QUARTER,
                        )
                    )
        periods = _bulk(self.generated, ReportingPeriod, periods)
        self.periods_of = {
            plan.pk: [p for p in periods if plan.start_date <= p.start_date <= plan.end_date]
            for plan in self.plans
        }

    def priorities(self) -> None:
        per_plan = self.sizes.priorities_per_plan
        rows = [
            Priority(
                plan=plan,
                order=order,
                title=f"Priority {order} of {plan.slug}: {_text(self.rng, 6)}",
                description=_text(self.rng, 30),
            )
            for plan in self.plans
            for order in range(1, per_plan + 1)
        ]
        created = _bulk(self.generated, Priority, rows)
        self.shelves = [created[i * per_plan : (i + 1) * per_plan] for i in range(len(self.plans))]
        through = Priority.continues.through
        through.objects.bulk_create(
            through(from_priority_id=later.pk, to_priority_id=earlier.pk)
            for earlier_plan, later_plan in zip(self.shelves, self.shelves[1:], strict=False)
            for earlier, later in zip(earlier_plan, later_plan, strict=True)
        )

    def strategies(self) -> None:
        """Strategy n stands on a shelf of plan n % plans and on the same shelf of the next plan,
        so strategies carry over from one plan to the next, as in the demo."""
        count, plans = self.sizes.strategies, len(self.plans)
        rows = [
            Strategy(
                title=f"Strategy {n + 1}: {_text(self.rng, 4)}",
                slug=f"strategy-{n + 1}",
                summary=_text(self.rng, 40),
                owner_body=self.reporting_bodies[n % len(self.reporting_bodies)],
                lead_role=f"Head of service {n + 1}",
                governance_route="Reports to the Partnership Business Group",
                status=Strategy.Status.PUBLISHED,
                review_date=datetime.date(2025, 1 + n % 12, 1),
                document_url=f"https://example.org/strategies/{n + 1}",
            )
            for n in range(count)
        ]
        self.strategy_rows = _bulk(self.generated, Strategy, rows)
        self.strategy_shelves: dict[int, list[Priority]] = {}
        links = []
        for n, strategy in enumerate(self.strategy_rows):
            plan_index = n % plans
            order = (n // plans) % self.sizes.priorities_per_plan
            shelves = [self.shelves[plan_index][order]]
            if plan_index + 1 < plans:
                shelves.append(self.shelves[plan_index + 1][order])
            self.strategy_shelves[strategy.pk] = shelves
            links += [
                Strategy.priorities.through(strategy_id=strategy.pk, priority_id=p.pk)
                for p in shelves
            ]
        Strategy.priorities.through.objects.bulk_create(links, batch_size=BATCH)

    def measures(self) -> None:
        units = list(Measure.Unit)
        per_plan = Counter()  # each plan's measures go round the reporting bodies from the first
        rows = []
        for n in range(self.sizes.measures):
            strategy = self.strategy_rows[n % len(self.strategy_rows)]
            shelves = self.strategy_shelves[strategy.pk]
            priority = shelves[(n // len(self.strategy_rows)) % len(shelves)]
            body_index = per_plan[priority.plan_id] % len(self.reporting_bodies)
            per_plan[priority.plan_id] += 1
            unit = units[n % len(units)]
            monitored = n % 7 == 6
            polarity = (
                Measure.Polarity.NONE
                if monitored
                else (Measure.Polarity.HIGHER, Measure.Polarity.LOWER)[n % 2]
            )
            high = 100 if unit == Measure.Unit.PERCENTAGE else 500
            target = None if monitored else Decimal(self.rng.randint(high // 2, high - 5))
            rows.append(
                Measure(
                    priority=priority,
                    strategy=strategy,
                    reporting_body=self.reporting_bodies[body_index],
                    title=f"Measure {n + 1}: {_text(self.rng, 7)}",
                    definition=_text(self.rng, 25),
                    unit=unit,
                    polarity=polarity,
                    baseline=Decimal(self.rng.randint(high // 3, high // 2)),
                    target=target,
                    tolerance=Decimal(5),
                    data_source="Generated for the benchmark",
                )
            )
        self.measure_rows = _bulk(self.generated, Measure, rows)

    def returns(self) -> None:
        """One return per measure and quarter of its plan; the open quarter is part done."""
        plan_of_priority = {p.pk: p.plan_id for shelf in self.shelves for p in shelf}
        # Each body's open-quarter returns cycle through these, so every body that reports in
        # the open quarter has a draft (for the return save), submitted ones, ...
        S = Return.Status
        open_statuses = (S.DRAFT, S.SUBMITTED, S.APPROVED, None, S.APPROVED, S.RETURNED)
        open_statuses += (S.APPROVED, S.SUBMITTED, S.APPROVED, None)  # None: not started
        open_count = Counter()
        rows = []
        for n, measure in enumerate(self.measure_rows):
            plan_id = plan_of_priority[measure.priority_id]
            reporter = self.reporter[measure.reporting_body_id]
            for period in self.periods_of[plan_id]:
                status = S.APPROVED
                if period.is_open:
                    status = open_statuses[open_count[measure.reporting_body_id] % 10]
                    open_count[measure.reporting_body_id] += 1
                if status is None:
                    continue
                ret = self._return(n, measure, period, status, reporter)
                rows.append(ret)
        _bulk(self.generated, Return, rows)

    def _return(self, n, measure, period, status, reporter) -> Return:
        not_available = (n + period.quarter) % 97 == 0
        value = None
        if not not_available:
            centre = float(measure.target if measure.target is not None else measure.baseline)
            ceiling = 100 if measure.unit == Measure.Unit.PERCENTAGE else 10_000
            value = Decimal(min(ceiling, max(0, round(centre * self.rng.uniform(0.85, 1.1), 2))))
            # A count is a whole number (the return form refuses anything else).
            whole = measure.unit == Measure.Unit.COUNT
            value = value.quantize(Decimal("1") if whole else Decimal("0.01"))
        calculated = measure.rag_for(value)
        overridden = n % 50 == 0 and calculated == Rag.AMBER
        rag = Rag.RED if overridden else calculated
        submitted = status != Return.Status.DRAFT
        reviewed = status in (Return.Status.APPROVED, Return.Status.RETURNED)
        return Return(
            measure=measure,
            period=period,
            value=value,
            not_available=not_available,
            not_available_reason="The system was being replaced this quarter."
            if not_available
            else "",
            calculated_rag=calculated,
            rag=rag,
            rag_override_reason="The trend is worse than the figure shows." if overridden else "",
            commentary=_text(self.rng, 30),
            next_steps=_text(self.rng, 15) if rag in (Rag.AMBER, Rag.RED) else "",
            status=status,
            feedback=_text(self.rng, 12) if status == Return.Status.RETURNED else "",
            created_by=reporter,
            submitted_by=reporter if submitted else None,
            submitted_at=_at(period.end_date + datetime.timedelta(days=20)) if submitted else None,
            reviewed_by=self.manager if reviewed else None,
            reviewed_at=_at(period.end_date + datetime.timedelta(days=25)) if reviewed else None,
        )

    def reports(self) -> None:
        """A published report for every closed quarter of every plan, a draft for the open one."""
        rows = []
        for plan in self.plans:
            for period in self.periods_of[plan.pk]:
                if period.is_open:
                    rows.append(
                        ProgressReport(plan=plan, period=period, summary=_text(self.rng, 30))
                    )
                    continue
                report = ProgressReport(
                    plan=plan,
                    period=period,
                    meeting_date=period.deadline + datetime.timedelta(days=30),
                    lead_officer="Director of Children's Services",
                    author="Partnership Business Manager",
                    summary=_text(self.rng, 60),
                    issues_for_consideration=_text(self.rng, 40),
                    background=_text(self.rng, 80),
                    implications=_text(self.rng, 30),
                    status=ProgressReport.Status.PUBLISHED,
                    published_at=_at(period.deadline + datetime.timedelta(days=20)),
                    published_by=self.manager,
                )
                report.snapshot = snapshot_of(report)
                rows.append(report)
        _bulk(self.generated, ProgressReport, rows)

    def consultations(self) -> None:
        kinds = list(EngagementGroup.Kind)
        groups = _bulk(
            self.generated,
            EngagementGroup,
            [
                EngagementGroup(
                    name=f"Engagement group {n + 1}",
                    kind=kinds[n % len(kinds)],
                    description=_text(self.rng, 15),
                )
                for n in range(self.sizes.engagement_groups)
            ],
        )
        methods = list(Consultation.Method)
        rows = []
        for n in range(self.sizes.consultations):
            plan = self.plans[n % len(self.plans)]
            start = plan.start_date - datetime.timedelta(days=200 - n % 150)
            rows.append(
                Consultation(
                    plan=plan,
                    title=f"Consultation {n + 1}: {_text(self.rng, 5)}",
                    slug=f"consultation-{n + 1}",
                    start_date=start,
                    end_date=start + datetime.timedelta(days=30),
                    methods=[str(methods[n % len(methods)]), str(methods[(n + 3) % len(methods)])],
                    summary=_text(self.rng, 50),
                    children_reached=100 + n,
                    professionals_reached=20 + n,
                )
            )
        consultations = _bulk(self.generated, Consultation, rows)
        through = Consultation.groups.through
        through.objects.bulk_create(
            through(consultation_id=c.pk, engagementgroup_id=group_id)
            for n, c in enumerate(consultations)
            for group_id in {groups[0].pk, groups[n % len(groups)].pk}
        )
        shelves_of_plan = {
            plan.pk: shelf for plan, shelf in zip(self.plans, self.shelves, strict=True)
        }
        feedback = _bulk(
            self.generated,
            Feedback,
            [
                Feedback(consultation=c, said=_text(self.rng, 20), order=order)
                for c in consultations
                for order in range(1, 5)
            ],
        )
        through = Feedback.priorities.through
        through.objects.bulk_create(
            (
                through(feedback_id=item.pk, priority_id=priority.pk)
                for n, item in enumerate(feedback)
                for priority in shelves_of_plan[item.consultation.plan_id][: 1 + n % 2]
            ),
            batch_size=BATCH,
        )
        statuses = list(Commitment.Status)
        commitments = []
        for n, item in enumerate(feedback):
            if n % 2:
                continue
            status = statuses[n % len(statuses)]
            commitments.append(
                Commitment(
                    consultation=item.consultation,
                    feedback=item,
                    promise=_text(self.rng, 15),
                    owner_body=self.reporting_bodies[n % len(self.reporting_bodies)],
                    due_date=item.consultation.end_date + datetime.timedelta(days=365),
                    status=status,
                    status_reason=_text(self.rng, 8)
                    if status == Commitment.Status.NOT_DONE
                    else "",
                )
            )
        commitments = _bulk(self.generated, Commitment, commitments)
        _bulk(
            self.generated,
            CommitmentUpdate,
            [
                CommitmentUpdate(
                    commitment=c,
                    date=c.due_date - datetime.timedelta(days=90 * k),
                    text=_text(self.rng, 20),
                    author=self.manager,
                )
                for n, c in enumerate(commitments)
                for k in range(1, 2 + n % 2)
            ],
        )


def generate_partnership(scale: int) -> Generated:
    """Write a generated partnership of ``scale`` times the demo's size into an empty database."""
    started = time.perf_counter()
    with transaction.atomic():
        generated = _Builder(scale).build()
        cache_versions.bump(*cache_versions.AREAS)  # bulk_create sends no signals
    generated.seconds = time.perf_counter() - started
    return generated


# --- the demo, and a published report for it --------------------------------------------------


def snapshot_of(report: ProgressReport) -> dict:
    """The frozen paper of a published report (its plan and period set), built as
    ``plans.report_services.report_publish`` builds it, from the data in the database."""
    from plans.report_paper import build_paper
    from plans.report_selectors import report_data

    return build_paper(report_data(report))


def ensure_published_report() -> ProgressReport | None:
    """A published report on the active plan: the newest one, or one made for the benchmark
    (for the latest closed quarter with returns) when the demo has none. None if no plan is
    active or no quarter has returns."""
    plan = Plan.objects.active().first()
    if plan is None:
        return None
    existing = ProgressReport.objects.published().filter(plan=plan).first()
    if existing is not None:
        return existing
    period = (
        ReportingPeriod.objects.filter(
            is_open=False,
            returns__measure__priority__plan=plan,
            start_date__gte=plan.start_date,
        )
        .distinct()
        .order_by("-start_date")
        .first()
    )
    if period is None:
        return None
    manager = get_user_model().objects.filter(groups__name=BUSINESS_MANAGERS).first()
    version = 1 + ProgressReport.objects.filter(plan=plan, period=period).count()
    report = ProgressReport(
        plan=plan,
        period=period,
        version=version,
        summary="Progress against the plan's priorities this quarter (made by the benchmark).",
        status=ProgressReport.Status.PUBLISHED,
        published_at=_at(period.deadline),
        published_by=manager,
    )
    report.snapshot = snapshot_of(report)
    report.save()
    return report
