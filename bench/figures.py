"""The generated partnership's figures: measures, quarterly returns, progress reports and
consultations, on the structure ``bench.structure`` builds."""

from __future__ import annotations

import datetime
from collections import Counter
from decimal import Decimal

from bench.generated import (
    BATCH,
    bulk_create_rows,
    filler_text,
    london_time,
)
from bench.structure import StructureBuilder
from consultations.models import (
    Commitment,
    CommitmentUpdate,
    Consultation,
    EngagementGroup,
    Feedback,
)
from measures.models import Measure, Rag, Return
from plans.models import ProgressReport
from reports.paper import build_paper
from reports.selectors import report_data


class PartnershipBuilder(StructureBuilder):
    """The whole partnership at one scale (``build``)."""

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
                    title=f"Measure {n + 1}: {filler_text(self.rng, 7)}",
                    definition=filler_text(self.rng, 25),
                    unit=unit,
                    polarity=polarity,
                    baseline=Decimal(self.rng.randint(high // 3, high // 2)),
                    target=target,
                    tolerance=Decimal(5),
                    data_source="Generated for the benchmark",
                )
            )
        self.measure_rows = bulk_create_rows(self.generated, Measure, rows)

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
        bulk_create_rows(self.generated, Return, rows)

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
            commentary=filler_text(self.rng, 30),
            next_steps=filler_text(self.rng, 15) if rag in (Rag.AMBER, Rag.RED) else "",
            status=status,
            feedback=filler_text(self.rng, 12) if status == Return.Status.RETURNED else "",
            created_by=reporter,
            submitted_by=reporter if submitted else None,
            submitted_at=london_time(period.end_date + datetime.timedelta(days=20))
            if submitted
            else None,
            reviewed_by=self.manager if reviewed else None,
            reviewed_at=london_time(period.end_date + datetime.timedelta(days=25))
            if reviewed
            else None,
        )

    def reports(self) -> None:
        """A published report for every closed quarter of every plan, a draft for the open one."""
        rows = []
        for plan in self.plans:
            for period in self.periods_of[plan.pk]:
                if period.is_open:
                    rows.append(
                        ProgressReport(plan=plan, period=period, summary=filler_text(self.rng, 30))
                    )
                    continue
                report = ProgressReport(
                    plan=plan,
                    period=period,
                    meeting_date=period.deadline + datetime.timedelta(days=30),
                    lead_officer="Director of Children's Services",
                    author="Partnership Business Manager",
                    summary=filler_text(self.rng, 60),
                    issues_for_consideration=filler_text(self.rng, 40),
                    background=filler_text(self.rng, 80),
                    other_implications=filler_text(self.rng, 30),
                    status=ProgressReport.Status.PUBLISHED,
                    published_at=london_time(period.deadline + datetime.timedelta(days=20)),
                    published_by=self.manager,
                )
                report.snapshot = snapshot_of(report)
                rows.append(report)
        bulk_create_rows(self.generated, ProgressReport, rows)

    def consultations(self) -> None:
        kinds = list(EngagementGroup.Kind)
        groups = bulk_create_rows(
            self.generated,
            EngagementGroup,
            [
                EngagementGroup(
                    name=f"Engagement group {n + 1}",
                    kind=kinds[n % len(kinds)],
                    description=filler_text(self.rng, 15),
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
                    title=f"Consultation {n + 1}: {filler_text(self.rng, 5)}",
                    slug=f"consultation-{n + 1}",
                    start_date=start,
                    end_date=start + datetime.timedelta(days=30),
                    methods=[str(methods[n % len(methods)]), str(methods[(n + 3) % len(methods)])],
                    summary=filler_text(self.rng, 50),
                    children_reached=100 + n,
                    professionals_reached=20 + n,
                )
            )
        consultations = bulk_create_rows(self.generated, Consultation, rows)
        through = Consultation.groups.through
        through.objects.bulk_create(
            through(consultation_id=c.pk, engagementgroup_id=group_id)
            for n, c in enumerate(consultations)
            for group_id in {groups[0].pk, groups[n % len(groups)].pk}
        )
        shelves_of_plan = {
            plan.pk: shelf for plan, shelf in zip(self.plans, self.shelves, strict=True)
        }
        feedback = bulk_create_rows(
            self.generated,
            Feedback,
            [
                Feedback(consultation=c, said=filler_text(self.rng, 20), order=order)
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
                    promise=filler_text(self.rng, 15),
                    owner_body=self.reporting_bodies[n % len(self.reporting_bodies)],
                    due_date=item.consultation.end_date + datetime.timedelta(days=365),
                    status=status,
                    status_reason=filler_text(self.rng, 8)
                    if status == Commitment.Status.NOT_DONE
                    else "",
                )
            )
        commitments = bulk_create_rows(self.generated, Commitment, commitments)
        bulk_create_rows(
            self.generated,
            CommitmentUpdate,
            [
                CommitmentUpdate(
                    commitment=c,
                    date=c.due_date - datetime.timedelta(days=90 * k),
                    text=filler_text(self.rng, 20),
                    author=self.manager,
                )
                for n, c in enumerate(commitments)
                for k in range(1, 2 + n % 2)
            ],
        )


def snapshot_of(report: ProgressReport) -> dict:
    """The frozen paper of a published report (its plan and period set), built as
    ``reports.services.report_publish`` builds it, from the data in the database."""
    return build_paper(report_data(report))
