"""The admin for curated content, one module per part of the guide, as the models are:
the salary desk and listings (roles), the catalogue, the guide's content (editorial)
and advisors' shortlists. Official wage data has its own, careers.official.admin."""

from careers.admin import catalogue, editorial, roles, shortlists

__all__ = ["catalogue", "editorial", "roles", "shortlists"]
