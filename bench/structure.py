"""The generated partnership's structure: people, governance, plans, quarters, priorities and
strategies (``bench.figures`` adds measures, returns, reports and consultations)."""

from __future__ import annotations

import datetime
import random

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.utils import timezone

from assurance.models import (
    Action,
    ActionUpdate,
    LearningTheme,
    Recommendation,
    Review,
    Risk,
    RiskReview,
)
from assurance.workingdays import RAPID_REVIEW_WORKING_DAYS, add_working_days
from bench.generated import (
    ACTIVE_PLAN_START,
    BATCH,
    OPEN_QUARTER,
    ROLE_ACCOUNTS,
    Generated,
    Sizes,
    bulk_create_rows,
    filler_text,
    london_time,
)
from measures.models import ReportingPeriod
from notifications.models import Delivery, Kind, Notification
from plans.models import GovernanceBody, Membership, Partner, Plan
from plans.roles import BUSINESS_MANAGERS, SCRUTINY_MEMBERS
from priorities.models import Priority, Strategy
from sscp.models import OutgoingEmail
from yearly.models import YearlyReport
from yearly.services import yearly_paper


class StructureBuilder:
    """Builds people, governance, plans and strategies; ``PartnershipBuilder`` the rest."""

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
        self.notifications()
        self.risks()
        self.reviews()
        self.yearly_report()
        return self.generated

    def yearly_report(self) -> None:
        """A published yearly report on the open quarter's year, frozen from the generated
        data as publishing freezes it, and a correction of it being written (a draft, whose
        page reads the year's data live)."""
        report = YearlyReport(financial_year=OPEN_QUARTER[0], status="published")
        report.snapshot = yearly_paper(report)
        report.published_at = london_time(datetime.date(OPEN_QUARTER[0] + 1, 6, 30))
        report.save()
        YearlyReport.objects.create(
            financial_year=report.financial_year,
            version=2,
            texts=dict(report.texts or {}),
            supersedes=report,
            change_note="The training figures are corrected.",
        )

    def risks(self) -> None:
        """The risk register: risks spread over the plans and the 25 cells of the heat map,
        each with four reviews, so a risk's page shows a trend."""
        rows = [
            Risk(
                plan=self.plans[n % len(self.plans)],
                reference=f"RISK{n + 1:04d}",
                title=f"Risk {n + 1}: {filler_text(self.rng, 5)}",
                cause=filler_text(self.rng, 25),
                consequence=filler_text(self.rng, 25),
                owner_role=f"Head of service {n + 1}",
                owner_body=self.reporting_bodies[n % len(self.reporting_bodies)],
                likelihood=1 + n % 5,
                impact=1 + (n // 5) % 5,
                target_likelihood=1,
                target_impact=1 + (n // 5) % 5,
                existing_controls=filler_text(self.rng, 30),
                review_date=datetime.date(2025, 1 + n % 12, 1),
            )
            for n in range(self.sizes.risks)
        ]
        risks = bulk_create_rows(self.generated, Risk, rows)
        reviews = [
            RiskReview(
                risk=risk,
                reviewed_on=datetime.date(2022 + year, 3, 1),
                likelihood=max(1, risk.likelihood - (3 - year) // 2),
                impact=risk.impact,
                note=filler_text(self.rng, 12),
            )
            for risk in risks
            for year in range(4)
        ]
        bulk_create_rows(self.generated, RiskReview, reviews)

    def reviews(self) -> None:
        """The reviews register: rapid reviews, LCSPRs and audits led by the reporting bodies,
        each with two learning themes, a plan priority and (audits) three partners."""
        themes = bulk_create_rows(
            self.generated,
            LearningTheme,
            [LearningTheme(name=f"Theme {n + 1}: {filler_text(self.rng, 3)}") for n in range(8)],
        )
        kinds = (Review.Kind.RAPID, Review.Kind.LCSPR, Review.Kind.AUDIT)
        rows = []
        for n in range(self.sizes.reviews):
            kind = kinds[n % 3]
            notified = datetime.date(2022, 1, 3) + datetime.timedelta(days=11 * n)
            rapid = kind == Review.Kind.RAPID
            done = rapid and n % 2  # every other rapid review completed: the papers list them
            rows.append(
                Review(
                    kind=kind,
                    title=f"Review {n + 1}: {filler_text(self.rng, 5)}",
                    lead_body=self.reporting_bodies[n % len(self.reporting_bodies)],
                    status=(Review.Status.PUBLISHED, Review.Status.IN_PROGRESS)[n % 2],
                    summary=filler_text(self.rng, 30),
                    notified_on=notified if rapid else None,
                    due_on=add_working_days(notified, RAPID_REVIEW_WORKING_DAYS) if rapid else None,
                    completed_on=notified + datetime.timedelta(days=12) if done else None,
                    decision=Review.Decision.NO_LCSPR if done else "",
                    commissioned_on=None if rapid else notified,
                    scope=filler_text(self.rng, 20) if kind == Review.Kind.AUDIT else "",
                    findings=filler_text(self.rng, 40),
                )
            )
        reviews = bulk_create_rows(self.generated, Review, rows)
        partners = list(Partner.objects.order_by("pk")[:3])
        priorities = [priority for shelf in self.shelves for priority in shelf]
        Review.themes.through.objects.bulk_create(
            Review.themes.through(review_id=review.pk, learningtheme_id=theme.pk)
            for n, review in enumerate(reviews)
            for theme in (themes[n % 8], themes[(n + 3) % 8])
        )
        Review.priorities.through.objects.bulk_create(
            Review.priorities.through(
                review_id=review.pk, priority_id=priorities[n % len(priorities)].pk
            )
            for n, review in enumerate(reviews)
        )
        self.actions(reviews)
        Review.partners.through.objects.bulk_create(
            Review.partners.through(review_id=review.pk, partner_id=partner.pk)
            for review in reviews
            if review.kind == Review.Kind.AUDIT
            for partner in partners
        )

    def actions(self, reviews: list[Review]) -> None:
        """Two recommendations a review, each with two actions for reporting bodies (a third of
        them overdue, some complete) and two updates an action."""
        recommendations = bulk_create_rows(
            self.generated,
            Recommendation,
            [
                Recommendation(review=review, number=number, text=filler_text(self.rng, 20))
                for review in reviews
                for number in (1, 2)
            ],
        )
        statuses = list(Action.Status)
        actions = bulk_create_rows(
            self.generated,
            Action,
            [
                Action(
                    recommendation=recommendation,
                    text=filler_text(self.rng, 15),
                    owner_body=self.reporting_bodies[(n + side) % len(self.reporting_bodies)],
                    lead_role=f"Service lead {n + 1}",
                    due_on=datetime.date(2024 + (n % 3), 1 + n % 12, 1),
                    status=statuses[n % len(statuses)],
                )
                for n, recommendation in enumerate(recommendations)
                for side in (0, 1)
            ],
        )
        bulk_create_rows(
            self.generated,
            ActionUpdate,
            [
                ActionUpdate(
                    action=action,
                    status=action.status,
                    text=filler_text(self.rng, 12),
                    written_by=self.reporter[action.owner_body_id],
                    written_at=london_time(datetime.date(2024, 1 + month, 10)),
                )
                for action in actions
                for month in (0, 1)
            ],
        )

    def notifications(self) -> None:
        """Each role's account has 20 notifications per scale (half read) and the outbox 20
        e-mails per scale, so the inbox and the e-mail log show a long list."""
        now = timezone.now()
        per_account = 20 * self.generated.scale
        rows = [
            Notification(
                recipient=user,
                kind=Kind.RETURN_APPROVED,
                title=f"Return approved: generated {n}",
                body="Generated for the benchmark.",
                url="/",
                event_key=f"bench:{n}",
                delivery=Delivery.IMMEDIATE,
                read_at=now if n % 2 else None,
            )
            for user in self.accounts.values()
            for n in range(per_account)
        ]
        bulk_create_rows(self.generated, Notification, rows)
        bulk_create_rows(
            self.generated,
            OutgoingEmail,
            [
                OutgoingEmail(
                    to=f"user{n:04d}@example.org",
                    subject=f"SSCP Plans: generated {n}",
                    body="Generated for the benchmark.",
                    next_attempt_at=now,
                    sent_at=now if n % 3 else None,
                    attempts=1,
                )
                for n in range(per_account)
            ],
        )

    def people(self) -> None:
        user_model = get_user_model()
        unusable = make_password(None)
        names = [
            *ROLE_ACCOUNTS,
            *(f"user{n:04d}" for n in range(self.sizes.users - len(ROLE_ACCOUNTS))),
        ]
        users = bulk_create_rows(
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
        partners = bulk_create_rows(
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
                remit=filler_text(self.rng, 30),
            )

        executive = bulk_create_rows(
            self.generated, GovernanceBody, [body(0, GovernanceBody.Kind.EXECUTIVE, None)]
        )[0]
        business_group = bulk_create_rows(
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
        upper = bulk_create_rows(self.generated, GovernanceBody, upper)
        lower_kinds = (
            GovernanceBody.Kind.PANEL,
            GovernanceBody.Kind.FORUM,
            GovernanceBody.Kind.COMMITTEE,
        )
        lower = [
            body(n, lower_kinds[n % 3], upper[n % len(upper)])
            for n in range(2 + len(upper), 2 + rest)
        ]
        lower = bulk_create_rows(self.generated, GovernanceBody, lower)
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
        bulk_create_rows(self.generated, Membership, rows)

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
                vision=filler_text(self.rng, 40),
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
        periods = bulk_create_rows(self.generated, ReportingPeriod, periods)
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
                title=f"Priority {order} of {plan.slug}: {filler_text(self.rng, 6)}",
                description=filler_text(self.rng, 30),
            )
            for plan in self.plans
            for order in range(1, per_plan + 1)
        ]
        created = bulk_create_rows(self.generated, Priority, rows)
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
                title=f"Strategy {n + 1}: {filler_text(self.rng, 4)}",
                slug=f"strategy-{n + 1}",
                summary=filler_text(self.rng, 40),
                owner_body=self.reporting_bodies[n % len(self.reporting_bodies)],
                lead_role=f"Head of service {n + 1}",
                governance_route="Reports to the Partnership Business Group",
                status=Strategy.Status.PUBLISHED,
                review_date=datetime.date(2025, 1 + n % 12, 1),
                document_url=f"https://example.org/strategies/{n + 1}",
            )
            for n in range(count)
        ]
        self.strategy_rows = bulk_create_rows(self.generated, Strategy, rows)
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
