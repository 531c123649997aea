"""The measures app's pages, by subject: ``definitions`` (a measure and its definition),
``quarters`` (quarters and their collection status), ``returns`` (entering and reviewing
returns), ``review`` (the review queue and approving several returns at once) and ``upload``
(bulk upload of returns)."""
