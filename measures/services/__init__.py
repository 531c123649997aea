"""Changes to measures, quarters and returns: one function each, keyword-only and atomic, called
by the views, the bulk upload, the commands and the tests alike. By subject:

* ``returns``: entering, submitting, reviewing and reopening returns, each refused when the
  return changed since the person opened it;
* ``periods``: setting quarters up, opening and closing them, moving their deadlines;
* ``definitions``: adding, changing and deleting measures' definitions;
* ``review``: approving the returns on target several at a time, from the review queue.

Callers import them from here: ``from measures import services``.
"""

from measures.services.definitions import (
    measure_create,
    measure_delete,
    measure_delete_refusals,
    measure_save_refusals,
    measure_update,
)
from measures.services.periods import (
    period_change_deadline,
    period_close,
    period_create,
    period_open,
    periods_create_for_plan,
)
from measures.services.returns import (
    RETURN_TEXT_LIMITS,
    Change,
    ReturnFigures,
    StaleReturnError,
    changes_since,
    return_approve,
    return_reopen,
    return_save_draft,
    return_send_back,
    return_submit,
)
from measures.services.review import (
    BulkApproval,
    return_bulk_approve_refusals,
    returns_approve_on_target,
)

__all__ = [
    "RETURN_TEXT_LIMITS",
    "BulkApproval",
    "Change",
    "ReturnFigures",
    "StaleReturnError",
    "changes_since",
    "measure_create",
    "measure_delete",
    "measure_delete_refusals",
    "measure_save_refusals",
    "measure_update",
    "period_change_deadline",
    "period_close",
    "period_create",
    "periods_create_for_plan",
    "period_open",
    "return_approve",
    "return_bulk_approve_refusals",
    "return_reopen",
    "return_save_draft",
    "return_send_back",
    "return_submit",
    "returns_approve_on_target",
]
