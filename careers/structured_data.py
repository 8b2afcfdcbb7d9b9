"""schema.org data for role pages, so search engines and previews understand the figures."""

from careers.models import PERCENTILE_FIELDS, Credential


def _without_empty(data):
    """Drop keys whose value is None, "" or empty, recursively: no field is emitted empty."""
    if isinstance(data, dict):
        cleaned = {key: _without_empty(value) for key, value in data.items()}
        return {key: value for key, value in cleaned.items() if value not in (None, "", [], {})}
    if isinstance(data, list):
        return [
            item
            for item in (_without_empty(item) for item in data)
            if item not in (None, "", [], {})
        ]
    return data


# schema.org's words for our kinds of credential.
CREDENTIAL_CATEGORY = {
    Credential.Kind.DEGREE: "degree",
    Credential.Kind.CERTIFICATION: "certificate",
    Credential.Kind.LICENCE: "license",
}


def _credential(credential):
    return {
        "@type": "EducationalOccupationalCredential",
        "name": credential.name,
        "credentialCategory": CREDENTIAL_CATEGORY[credential.kind],
        "educationalLevel": credential.get_level_display() if credential.level else None,
    }


# schema.org's names for an estimate's percentiles (careers.models.PERCENTILE_FIELDS).
PERCENTILE_PROPERTIES = dict(
    zip(
        PERCENTILE_FIELDS,
        ("percentile10", "percentile25", "median", "percentile75", "percentile90"),
        strict=True,
    )
)
SOC_CODE_SET = {
    "@type": "CategoryCodeSet",
    "name": "Standard Occupational Classification (SOC)",
    "url": "https://www.bls.gov/soc/",
}


def _official_salary(link):
    """A linked occupation's newest BLS estimate as a distribution. A top-coded figure is
    left out: schema.org has no way to say "or more", and a bare number would look exact.
    None when there is no annual figure (an hourly-only occupation, or none loaded)."""
    estimate = link.estimate
    if estimate is None or not estimate.has_annual_figures:
        return None
    occupation, release = link.occupation, estimate.release
    return {
        "@type": "MonetaryAmountDistribution",
        "name": (
            f"{occupation.title} (SOC {occupation.code}): BLS OEWS {release.name}, "
            "United States, annual wage"
        ),
        "currency": "USD",
        "duration": "P1Y",
        **{
            name: getattr(estimate, field)
            for field, name in PERCENTILE_PROPERTIES.items()
            if not getattr(estimate, f"{field}_top_coded")
        },
    }


def _category(link):
    return {
        "@type": "CategoryCode",
        "codeValue": link.occupation.code,
        "name": link.occupation.title,
        "inCodeSet": SOC_CODE_SET,
    }


def occupation(role, page_url):
    """The role as a schema.org Occupation (role must come from Role.objects.for_detail()):
    the article's salary range and each linked official occupation's BLS percentiles."""
    links = role.occupation_links.all()
    salary = None
    if role.has_any_salary:
        salary = {
            "@type": "MonetaryAmountDistribution",
            "name": "annual base salary",
            "currency": "USD",
            "duration": "P1Y",
            "minValue": role.salary_low,
            "median": role.salary_median,
            "maxValue": role.salary_high,
        }
    return _without_empty(
        {
            "@context": "https://schema.org",
            "@type": "Occupation",
            "name": role.title,
            "description": role.summary,
            "url": page_url,
            "mainEntityOfPage": {
                "@type": "WebPage",
                "@id": page_url,
                "dateModified": role.updated_at.isoformat(),
                "lastReviewed": role.figures_updated_at.date().isoformat(),
            },
            "occupationLocation": {"@type": "Country", "name": "United States"},
            "occupationalCategory": [_category(link) for link in links],
            "estimatedSalary": [salary, *(_official_salary(link) for link in links)],
            "educationRequirements": [_credential(c) for c in role.required_credentials],
            "qualifications": [_credential(c) for c in role.preferred_credentials],
            "skills": [skill.name for skill in role.core_skills + role.helpful_skills],
            "industry": [industry.name for industry in role.industries_by_name],
        }
    )
