"""schema.org data for role pages, so search engines and previews understand the figures."""

from careers.models import Credential


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


def occupation(role, page_url):
    """The role as a schema.org Occupation (role must come from Role.objects.for_detail())."""
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
            "estimatedSalary": [salary] if salary else [],
            "educationRequirements": [_credential(c) for c in role.required_credentials],
            "qualifications": [_credential(c) for c in role.preferred_credentials],
            "skills": [skill.name for skill in role.core_skills + role.helpful_skills],
            "industry": [industry.name for industry in role.industries.all()],
        }
    )
