"""The directory as a spreadsheet, safe to open in Excel or LibreOffice."""

import csv

from careers.formatting import percent
from careers.spreadsheets import safe_cell

COLUMNS = [
    ("title", "Role"),
    ("url", "Page"),
    ("listings", "In the article’s lists"),
    ("track", "Track"),
    ("min_education", "Minimum education"),
    ("salary_low", "Salary low (US$)"),
    ("salary_median", "Salary median (US$)"),
    ("salary_high", "Salary high (US$)"),
    ("salary_source", "Salary source"),
    ("official_median", "Official median (US$, BLS)"),
    ("official_occupation", "Official occupation"),
    ("outlook", "Outlook growth (%)"),
    ("outlook_period", "Outlook period"),
    ("core_skills", "Core skills"),
    ("industries", "Industries"),
]


def write_directory_csv(roles, stream, absolute_url):
    """Write `roles` (from Role.objects.for_cards()) as CSV rows to `stream`."""
    writer = csv.writer(stream)
    writer.writerow([label for _, label in COLUMNS])
    for role in roles:
        row = {
            "title": role.title,
            "url": absolute_url(role.get_absolute_url()),
            "listings": "; ".join(role.listing_titles),
            "track": role.get_track_display(),
            "min_education": role.get_min_education_display(),
            "salary_low": role.salary_low,
            "salary_median": role.salary_median,
            "salary_high": role.salary_high,
            "salary_source": role.salary_source.citation if role.salary_source else "",
            # A top-coded median is a floor, so it says so rather than pass for a figure.
            "official_median": (
                f"{role.official_median} or more"
                if role.official_median_top_coded
                else role.official_median
            ),
            "official_occupation": role.official_occupation,
            "outlook": percent(role.outlook_growth_pct),
            "outlook_period": role.outlook_period,
            "core_skills": "; ".join(skill.name for skill in role.core_skills),
            "industries": "; ".join(industry.name for industry in role.industries.all()),
        }
        writer.writerow([safe_cell(row[key]) for key, _ in COLUMNS])
