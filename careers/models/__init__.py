"""The careers domain, one module per aggregate; every public name is re-exported here
so `from careers.models import Role` and the migrations keep working.

- catalogue: sources, industries, skills, credentials
- roles (with figures, revisions, role_links): roles and what they involve
- listings: the article's lists of roles (one role can be in several)
- editorial: statistics, salary factors, guide entries
- headlines: the field's salary range, key points, graduates' quotes
- shortlists: advisors' shortlists
- careers.official.models: official occupations and BLS wage estimates
"""

from careers.models.catalogue import Credential, Industry, Skill, SkillAlias, Source
from careers.models.editorial import GuideEntry, SalaryFactor, Statistic
from careers.models.figures import (
    FIGURE_FIELD_NAMES,
    FIGURE_FIELDS,
    NO_SALARY_FIGURE,
    OUTLOOK_MAX_PCT,
    OUTLOOK_MIN_PCT,
    SALARY_FIELDS,
    SALARY_HARD_MAX,
    SALARY_HARD_MIN,
    stale_before,
)
from careers.models.headlines import FieldSalaryRange, GraduateQuote, KeyPoint
from careers.models.listings import ENTRY_LISTING, ArticleListing
from careers.models.revisions import FiguresChangedMeanwhile, describe_value
from careers.models.role_links import CareerStep, RoleCredential, RoleSkill
from careers.models.roles import PLACEMENT_FIELDS, Role
from careers.models.searching import parse_terms
from careers.models.shortlists import Shortlist, ShortlistItem, new_shortlist_token
from careers.official.models import (
    ANNUAL_WAGE_FIELDS,
    EMPLOYMENT_MAX,
    ESTIMATE_FIGURE_FIELDS,
    HOURLY_WAGE_MAX,
    HOURS_PER_YEAR,
    PERCENTILE_FIELDS,
    SOC_CODE_PATTERN,
    WAGE_FIELDS,
    Occupation,
    RoleOccupation,
    WageEstimate,
    WageRelease,
    latest_estimates,
)
from careers.official.places import NATIONAL_AREA, NATIONAL_AREA_TITLE, Area, NaicsIndustry

__all__ = [
    "ANNUAL_WAGE_FIELDS",
    "EMPLOYMENT_MAX",
    "ENTRY_LISTING",
    "ESTIMATE_FIGURE_FIELDS",
    "FIGURE_FIELDS",
    "FIGURE_FIELD_NAMES",
    "HOURLY_WAGE_MAX",
    "HOURS_PER_YEAR",
    "NATIONAL_AREA",
    "NATIONAL_AREA_TITLE",
    "NO_SALARY_FIGURE",
    "OUTLOOK_MAX_PCT",
    "OUTLOOK_MIN_PCT",
    "PERCENTILE_FIELDS",
    "PLACEMENT_FIELDS",
    "SALARY_FIELDS",
    "SALARY_HARD_MAX",
    "SALARY_HARD_MIN",
    "SOC_CODE_PATTERN",
    "WAGE_FIELDS",
    "Area",
    "ArticleListing",
    "CareerStep",
    "Credential",
    "FieldSalaryRange",
    "FiguresChangedMeanwhile",
    "GraduateQuote",
    "GuideEntry",
    "Industry",
    "KeyPoint",
    "NaicsIndustry",
    "Occupation",
    "Role",
    "RoleCredential",
    "RoleOccupation",
    "RoleSkill",
    "SalaryFactor",
    "Shortlist",
    "ShortlistItem",
    "Skill",
    "SkillAlias",
    "Source",
    "Statistic",
    "WageEstimate",
    "WageRelease",
    "describe_value",
    "latest_estimates",
    "new_shortlist_token",
    "parse_terms",
    "stale_before",
]
