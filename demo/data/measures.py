"""Measures of the 2022-25 plan, their quarters and two years of returns."""

from __future__ import annotations

import datetime

from measures.models import Measure, Rag, Return

# --- measures and their returns -------------------------------------------------------------

# The quarters of the 2022-25 plan. Returns were collected from Q1 2023-24, once the measures
# behind the Plan on a Page had been agreed; the latest quarter is still open.
PERIOD_YEARS = (2022, 2023, 2024)
OPEN_QUARTER = (2024, 4)
RETURN_QUARTERS = tuple((fy, q) for fy in (2023, 2024) for q in (1, 2, 3, 4))
DEADLINE_AFTER_QUARTER_END = datetime.timedelta(weeks=6)

# "values" has one entry per RETURN_QUARTERS quarter: a figure, None (no return) or NOT_AVAILABLE.
# The quarterly figures are invented to tell a story around the yearly figures the papers give
# (named in "data_source"); the data does not say so, as a real partnership's would not.
# "open_status" is the status of the open quarter's return; closed quarters are approved.
# "notes" gives the commentary and next steps a return carries for the RAG it earns.
NOT_AVAILABLE = "not available"
TWELVE_MONTH_REPORT = "SSCP twelve-monthly report 2020-21"

MEASURES = [
    # 1. Keeping children and young people safe
    {
        "key": "rapid-reviews",
        "priority": 1,
        "strategy": "learning-and-improvement-framework",
        "reporting_body": "multi-agency-safeguarding-quality-assurance-subgroup",
        "title": "Rapid reviews completed within the 15-day timescale",
        "definition": (
            "Percentage of rapid reviews in the last 12 months that were completed within 15 "
            "days of the serious incident notification."
        ),
        "unit": Measure.Unit.PERCENTAGE,
        "polarity": Measure.Polarity.HIGHER,
        "baseline": "100",
        "target": "100",
        "tolerance": "20",
        "data_source": f"{TWELVE_MONTH_REPORT} (15-day timescale)",
        "values": ["100", "100", "80", "100", "100", "100", "75", "100"],
        "open_status": Return.Status.APPROVED,
        "notes": {
            Rag.GREEN: ("Every rapid review in the last 12 months met the 15-day timescale.", ""),
            Rag.AMBER: (
                "One review in the rolling year ran past 15 days while partners gathered "
                "chronologies from an agency outside Somerset.",
                "Agree chronology deadlines with every agency on the day a notification is made.",
            ),
            Rag.RED: (
                "One of the four rapid reviews in the rolling year ran past 15 days.",
                "Review the rapid review process with agency leads, as the partnership has "
                "committed to keep refining it.",
            ),
        },
    },
    {
        "key": "section-11",
        "priority": 1,
        "strategy": "learning-and-improvement-framework",
        "reporting_body": "multi-agency-safeguarding-quality-assurance-subgroup",
        "title": "Agencies with a completed Section 11 self-assessment",
        "definition": (
            "Number of agencies that have completed a Section 11 (Children Act 2004) "
            "safeguarding self-assessment in the current two-year audit cycle."
        ),
        "unit": Measure.Unit.COUNT,
        "polarity": Measure.Polarity.HIGHER,
        "baseline": "21",
        "target": "25",
        "tolerance": "3",
        "data_source": f"{TWELVE_MONTH_REPORT} (21 agencies)",
        "values": ["21", "21", "22", "23", "23", "24", "25", "26"],
        "open_status": Return.Status.APPROVED,
        "notes": {
            Rag.GREEN: (
                "Every agency expected in this cycle has completed its self-assessment.",
                "",
            ),
            Rag.AMBER: (
                "A few agencies, mostly from the voluntary sector, have still to complete their "
                "self-assessment.",
                "Offer voluntary sector agencies a support session and follow up each "
                "outstanding return.",
            ),
            Rag.RED: (
                "Completion is behind plan; voluntary sector agencies say they have had little "
                "capacity to engage with the new arrangements.",
                "Write to the safeguarding lead of every outstanding agency and test the findings "
                "through walk-about visits.",
            ),
        },
    },
    {
        "key": "staff-trained",
        "priority": 1,
        "strategy": "workforce-development-strategy",
        "reporting_body": "training-and-workforce-development-subgroup",
        "title": "Staff accessing SSCP multi-agency safeguarding training",
        "definition": (
            "Number of staff from across the workforce who attended SSCP multi-agency training "
            "in the last 12 months (rolling)."
        ),
        "unit": Measure.Unit.COUNT,
        "polarity": Measure.Polarity.HIGHER,
        "baseline": "1051",
        "target": "1100",
        "tolerance": "100",
        "data_source": f"{TWELVE_MONTH_REPORT} (1,051 staff)",
        "values": ["1012", "1064", "1098", "1131", "1150", "1118", "1087", "1142"],
        "open_status": Return.Status.SUBMITTED,
        "notes": {
            Rag.GREEN: (
                "Attendance is at or above target, helped by the mix of online and face-to-face "
                "courses.",
                "",
            ),
            Rag.AMBER: (
                "Attendance is a little below target; several courses this quarter were "
                "under-subscribed.",
                "Promote the programme through agency safeguarding leads and add lunchtime "
                "learning sessions.",
            ),
            Rag.RED: (
                "Attendance is well below target.",
                "Review the course programme and its timing with agency leads.",
            ),
        },
    },
    {
        "key": "training-confidence",
        "priority": 1,
        "strategy": "workforce-development-strategy",
        "reporting_body": "training-and-workforce-development-subgroup",
        "title": "Delegates confident that training will improve their practice",
        "definition": (
            "Percentage of delegates who say in the course evaluation that they are confident "
            "the training will have a positive impact on their practice."
        ),
        "unit": Measure.Unit.PERCENTAGE,
        "polarity": Measure.Polarity.HIGHER,
        "baseline": "96",
        "target": "95",
        "tolerance": "3",
        "data_source": f"{TWELVE_MONTH_REPORT} (96%)",
        "values": ["96", "97", "95", "96", "94", "96", "97", "95"],
        "open_status": Return.Status.APPROVED,
        "notes": {
            Rag.GREEN: ("Delegates continue to rate the training highly.", ""),
            Rag.AMBER: (
                "Confidence dipped slightly; evaluations say break-out rooms on online courses "
                "did not work well.",
                "Trainers to agree a standard way of running online break-out activities.",
            ),
            Rag.RED: (
                "Confidence has fallen well below target.",
                "Review course content with the trainers and the delegates' agencies.",
            ),
        },
    },
    {
        "key": "interagency-understanding",
        "priority": 1,
        "strategy": "workforce-development-strategy",
        "reporting_body": "training-and-workforce-development-subgroup",
        "title": "Delegates reporting improved understanding of inter-agency working",
        "definition": (
            "Percentage of delegates who report a better understanding of how agencies work "
            "together to safeguard children after SSCP training."
        ),
        "unit": Measure.Unit.PERCENTAGE,
        "polarity": Measure.Polarity.HIGHER,
        "baseline": "79",
        "target": "85",
        "tolerance": "5",
        "data_source": f"{TWELVE_MONTH_REPORT} (79%)",
        "values": ["78", "80", "81", "83", "84", "86", "85", "87"],
        "open_status": Return.Status.SUBMITTED,
        "notes": {
            Rag.GREEN: ("Understanding of how agencies work together has reached target.", ""),
            Rag.AMBER: (
                "Understanding is improving but is still below target.",
                "Add multi-agency case studies from local reviews to every course.",
            ),
            Rag.RED: (
                "Fewer delegates than expected report a better grasp of how agencies work "
                "together.",
                "Redesign course exercises so that delegates from different agencies work "
                "through cases together.",
            ),
        },
    },
    {
        "key": "own-responsibilities",
        "priority": 1,
        "strategy": "workforce-development-strategy",
        "reporting_body": "training-and-workforce-development-subgroup",
        "title": "Delegates reporting improved understanding of their own responsibilities",
        "definition": (
            "Percentage of delegates who report a better understanding of their own "
            "professional safeguarding responsibilities after SSCP training."
        ),
        "unit": Measure.Unit.PERCENTAGE,
        "polarity": Measure.Polarity.HIGHER,
        "baseline": "85",
        "target": "90",
        "tolerance": "5",
        "data_source": f"{TWELVE_MONTH_REPORT} (85%)",
        "values": ["86", "87", "88", "88", "89", "90", "91", "90"],
        "open_status": Return.Status.DRAFT,
        "notes": {
            Rag.GREEN: ("On target.", ""),
            Rag.AMBER: (
                "Slightly below target.",
                "Strengthen the part of each course on professional duties and escalation.",
            ),
            Rag.RED: (
                "Well below target.",
                "Review the learning outcomes of every course with the trainers.",
            ),
        },
    },
    {
        "key": "ce-plans",
        "priority": 1,
        "strategy": "child-exploitation-strategy",
        "reporting_body": "child-exploitation-subgroup",
        "title": "Children at risk of exploitation with a multi-agency plan",
        "definition": (
            "Percentage of children and young people assessed as at risk of exploitation who "
            "have a current multi-agency plan."
        ),
        "unit": Measure.Unit.PERCENTAGE,
        "polarity": Measure.Polarity.HIGHER,
        "baseline": "72",
        "target": "90",
        "tolerance": "10",
        "data_source": "To be confirmed in the new Child Exploitation Strategy",
        "values": [None, None, None, None, "74", "79", "83", "86"],
        "open_status": Return.Status.SUBMITTED,
        "notes": {
            Rag.GREEN: ("On target.", ""),
            Rag.AMBER: (
                "More children at risk now have a multi-agency plan, but the figure is still "
                "below target.",
                "The subgroup will look at every case without a plan at each meeting.",
            ),
            Rag.RED: (
                "Too many children identified as at risk of exploitation have no multi-agency "
                "plan yet.",
                "Finish the needs assessment and agree one multi-agency pathway in the new "
                "strategy.",
            ),
        },
    },
    # 2. Supporting physical, emotional health and resilience
    {
        "key": "cdop-reviews",
        "priority": 2,
        "strategy": "health-safeguarding-and-emotional-wellbeing",
        "reporting_body": "child-death-overview-panel",
        "title": "Somerset child deaths reviewed by the Child Death Overview Panel",
        "definition": (
            "Number of deaths of Somerset children the panel considered in the quarter. "
            "Monitored, with no target."
        ),
        "unit": Measure.Unit.COUNT,
        "polarity": Measure.Polarity.NONE,
        "baseline": "16",
        "target": None,
        "tolerance": "0",
        "data_source": (f"{TWELVE_MONTH_REPORT} (16 Somerset child deaths in the year)"),
        "values": ["4", "5", "3", "4", "5", "3", "4", None],
        "open_status": None,
        "notes": {
            Rag.NOT_RATED: (
                "The panel considered Somerset cases alongside Dorset cases; its learning is "
                "shared through the Health Safeguarding Partnership.",
                "",
            ),
        },
    },
    {
        "key": "cic-health-assessments",
        "priority": 2,
        "strategy": "health-safeguarding-and-emotional-wellbeing",
        "reporting_body": "health-safeguarding-partnership",
        "title": "Children in care with an up-to-date health assessment",
        "definition": (
            "Percentage of children who have been in care for at least a year whose health "
            "assessment is up to date."
        ),
        "unit": Measure.Unit.PERCENTAGE,
        "polarity": Measure.Polarity.HIGHER,
        "baseline": "88",
        "target": "95",
        "tolerance": "5",
        "data_source": "Health provider records",
        "values": ["87", "89", "91", "92", "93", NOT_AVAILABLE, "94", "96"],
        "open_status": Return.Status.SUBMITTED,
        "notes": {
            Rag.GREEN: ("On target.", ""),
            Rag.AMBER: (
                "Below target; most late assessments are for children placed outside Somerset.",
                "Agree a tracking process with the health teams where children are placed.",
            ),
            Rag.RED: (
                "Well below target: requests for assessments are reaching health teams late.",
                "Track outstanding assessments weekly between social care and health.",
            ),
        },
    },
    {
        "key": "mh-access",
        "priority": 2,
        "strategy": "health-safeguarding-and-emotional-wellbeing",
        "reporting_body": "health-safeguarding-partnership",
        "title": "Children and young people seen within four weeks of referral for mental health "
        "support",
        "definition": (
            "Percentage of children and young people referred for mental health and wellbeing "
            "support who were seen within four weeks."
        ),
        "unit": Measure.Unit.PERCENTAGE,
        "polarity": Measure.Polarity.HIGHER,
        "baseline": "62",
        "target": "75",
        "tolerance": "8",
        "data_source": "Mental health provider waiting-time data",
        "values": ["60", "63", "66", "68", "70", "69", "71", "66"],
        "open_status": Return.Status.DRAFT,
        "notes": {
            Rag.GREEN: ("On target.", ""),
            Rag.AMBER: (
                "Waits are shorter than a year ago, but too many children still wait more than "
                "four weeks.",
                "Widen the early support offer in schools and track waits by area.",
            ),
            Rag.RED: (
                "Too many children and young people wait more than four weeks for mental health "
                "support.",
                "Escalate to the commissioners in the Health Safeguarding Partnership and review "
                "how referrals are triaged.",
            ),
        },
    },
    {
        "key": "eh-needs-met",
        "priority": 2,
        "strategy": "early-help-strategy",
        "reporting_body": "early-help-strategic-commissioning-board",
        "title": "Early help plans closed with the family's needs met",
        "definition": (
            "Percentage of early help plans closed in the quarter because the family's needs "
            "had been met."
        ),
        "unit": Measure.Unit.PERCENTAGE,
        "polarity": Measure.Polarity.HIGHER,
        "baseline": "70",
        "target": "80",
        "tolerance": "5",
        "data_source": "Early help case management system",
        "values": ["71", "74", "76", "78", "79", "81", "82", "77"],
        "open_status": Return.Status.RETURNED,
        "notes": {
            Rag.GREEN: ("On target: more families leave early help with their needs met.", ""),
            Rag.AMBER: (
                "Below target, though improving as Team Around the Family guidance takes hold.",
                "Audit a sample of plans closed without needs being met.",
            ),
            Rag.RED: (
                "Too many early help plans close before the family's needs are met.",
                "Review closures with lead practitioners and strengthen the step-down process.",
            ),
        },
    },
    {
        "key": "eh-fathers",
        "priority": 2,
        "strategy": "early-help-strategy",
        "reporting_body": "early-help-strategic-commissioning-board",
        "title": "Early help assessments that record the views of fathers or male carers",
        "definition": (
            "Percentage of early help assessments completed in the quarter that record the "
            "views of the child's father or male carer."
        ),
        "unit": Measure.Unit.PERCENTAGE,
        "polarity": Measure.Polarity.HIGHER,
        "baseline": "45",
        "target": "70",
        "tolerance": "10",
        "data_source": (
            f"Prompted by learning from local practice reviews ({TWELVE_MONTH_REPORT})"
        ),
        "values": ["46", "50", "55", "58", "61", "64", "68", "71"],
        "open_status": Return.Status.DRAFT,
        "notes": {
            Rag.GREEN: ("On target for the first time.", ""),
            Rag.AMBER: (
                "More assessments now include fathers and male carers, after the focus on them "
                "in training and forum weeks.",
                "Keep fathers and male carers in the sample of every early help audit.",
            ),
            Rag.RED: (
                "Fathers and male carers are still missing from too many early help "
                "assessments, as local reviews found.",
                "Add a prompt for fathers and male carers to the assessment form and cover it "
                "in the modular early help training.",
            ),
        },
    },
    # 3. Enabling children and young people to learn and thrive
    {
        "key": "care-leavers-accommodation",
        "priority": 3,
        "strategy": "corporate-parenting-strategy",
        "reporting_body": "corporate-parenting-board",
        "title": "Care leavers in suitable accommodation",
        "definition": "Percentage of care leavers aged 17 to 21 living in suitable accommodation.",
        "unit": Measure.Unit.PERCENTAGE,
        "polarity": Measure.Polarity.HIGHER,
        "baseline": "96.4",
        "target": "97",
        "tolerance": "2",
        "data_source": f"{TWELVE_MONTH_REPORT} (96.4%)",
        "values": ["96.1", "95.8", "94.6", "95.5", "96.8", "97.2", "97.4", "97.1"],
        "open_status": Return.Status.APPROVED,
        "notes": {
            Rag.GREEN: ("On target.", ""),
            Rag.AMBER: (
                "Just below target; a few young people are in temporary accommodation while "
                "moves are arranged.",
                "Review each young person in unsuitable accommodation at the monthly panel.",
            ),
            Rag.RED: (
                "Below target after several placements ended at short notice.",
                "Work with housing partners on more supported lodgings.",
            ),
        },
    },
    {
        "key": "care-leavers-eet",
        "priority": 3,
        "strategy": "corporate-parenting-strategy",
        "reporting_body": "corporate-parenting-board",
        "title": "Care leavers in education, employment or training",
        "definition": (
            "Percentage of care leavers aged 17 to 21 in education, employment or training."
        ),
        "unit": Measure.Unit.PERCENTAGE,
        "polarity": Measure.Polarity.HIGHER,
        "baseline": "52",
        "target": "60",
        "tolerance": "5",
        "data_source": "Children's services case records",
        "values": ["51", "53", "55", "54", "56", "57", "59", "58"],
        "open_status": Return.Status.RETURNED,
        "notes": {
            Rag.GREEN: ("On target.", ""),
            Rag.AMBER: (
                "Improving, but still below target.",
                "Personal advisers to agree an education or work goal with every young person.",
            ),
            Rag.RED: (
                "Too few care leavers are in education, employment or training.",
                "Ask partner employers for more work placements for care leavers.",
            ),
        },
    },
    {
        "key": "ehc-assessments",
        "priority": 3,
        "strategy": "effective-support-for-children-and-families",
        "reporting_body": "send-board",
        "title": "Education, health and care needs assessments completed within 20 weeks",
        "definition": (
            "Percentage of education, health and care needs assessments completed within the "
            "20-week statutory timescale."
        ),
        "unit": Measure.Unit.PERCENTAGE,
        "polarity": Measure.Polarity.HIGHER,
        "baseline": "45",
        "target": "65",
        "tolerance": "10",
        "data_source": "SEND service records",
        "values": ["38", "35", "41", "47", "52", "56", "58", None],
        "open_status": None,
        "notes": {
            Rag.GREEN: ("On target.", ""),
            Rag.AMBER: (
                "Timeliness is improving as new assessment staff take up post.",
                "Keep weekly tracking of every assessment due in the next month.",
            ),
            Rag.RED: (
                "Too few assessments are completed within 20 weeks; requests have risen faster "
                "than capacity.",
                "Agree a recovery plan with health and education partners through the SEND Board.",
            ),
        },
    },
    {
        "key": "cyp-voice",
        "priority": 3,
        "strategy": "learning-and-improvement-framework",
        "reporting_body": "multi-agency-safeguarding-quality-assurance-subgroup",
        "title": "Children and young people taking part in SSCP consultation and engagement",
        "definition": (
            "Number of children and young people who took part in partnership consultations, "
            "surveys and engagement events in the last 12 months (rolling)."
        ),
        "unit": Measure.Unit.COUNT,
        "polarity": Measure.Polarity.HIGHER,
        "baseline": "2500",
        "target": "2500",
        "tolerance": "300",
        "data_source": (
            f"{TWELVE_MONTH_REPORT} (over 2,500 took part in the consultation on the 2022-25 plan)"
        ),
        "values": ["2350", "2420", "2610", "2700", "2800", "2650", "2540", "2190"],
        "open_status": Return.Status.SUBMITTED,
        "notes": {
            Rag.GREEN: ("Children and young people continue to take part in large numbers.", ""),
            Rag.AMBER: (
                "Slightly fewer took part than the target.",
                "Plan the next survey with the Youth Forum and schools.",
            ),
            Rag.RED: (
                "Fewer took part this year: the big survey of last year has dropped out of the "
                "rolling figure.",
                "Run the next schools survey with the Youth Forum before the summer term ends.",
            ),
        },
    },
]

# Returns that differ from what their measure's values and notes would give.
RETURN_EXCEPTIONS = {
    ("rapid-reviews", 2024, 3): {
        "commentary": "One of the four rapid reviews in the rolling year ran past 15 days.",
        "next_steps": "Confirm with the national panel that the review's learning is on track.",
        "rag": Rag.AMBER,
        "rag_override_reason": (
            "The one late review was extended by agreement with the national panel to await a "
            "parallel criminal investigation; every other review met the timescale."
        ),
    },
    ("cic-health-assessments", 2024, 2): {
        "not_available_reason": (
            "The health provider moved to a new patient record system during the quarter, so "
            "the figure could not be validated in time."
        ),
        "commentary": "The figure will be reported with next quarter's return.",
    },
    ("eh-needs-met", 2024, 4): {
        "commentary": "Lower than last quarter.",
        "next_steps": "To follow.",
        "feedback": (
            "Please explain what lies behind the fall from 82% and what the board will do "
            "about it, so the committee can see whether this is a dip or a trend."
        ),
    },
    ("care-leavers-eet", 2024, 4): {
        "feedback": (
            "The commentary repeats last quarter's. Please say what changed this quarter and "
            "what the board will do next."
        ),
    },
}
