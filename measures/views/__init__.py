"""The measures app's pages, by subject: ``definitions`` (a measure and its definition),
``quarters`` (quarters and their collection status), ``returns`` (entering and reviewing
returns) and ``upload`` (bulk upload of returns)."""
