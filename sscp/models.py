from django.db import models


class DataVersion(models.Model):
    """The version of one area of data (plans, measures, ...), changed in the same transaction
    as every write to that area, so a cached page keyed by it can never outlive its data.

    ``version`` is a fresh random number on every change rather than a counter: a rolled-back
    transaction (or a test) can never hand out again a number some cache entry was made under.
    Read and changed only through ``sscp.cache_versions``.
    """

    area = models.CharField(max_length=32, primary_key=True)
    version = models.BigIntegerField()
    changed_at = models.DateTimeField()

    def __str__(self):
        return f"{self.area} {self.version}"
