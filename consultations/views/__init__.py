"""Consultation pages: ``reading`` for everyone with a role, ``editing`` for business
managers."""
