"""Managers that let fixtures and forms refer to rows by slug instead of numeric id."""

from django.db import models


class SlugNaturalKeyManager(models.Manager):
    """Lets fixtures refer to rows by slug instead of numeric id."""

    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class SlugPairNaturalKeyManager(models.Manager):
    """Natural keys for join rows: the slugs of the two rows they join.

    The model names the lookups in NATURAL_KEY_LOOKUPS.
    """

    def get_by_natural_key(self, *slugs):
        return self.get(**dict(zip(self.model.NATURAL_KEY_LOOKUPS, slugs, strict=True)))
