"""A student weighing where to work sees what a role pays in each industry: on the
role's page, the industries employing the most of its official occupation, those the
guide names marked in words; on an industry's page, its roles' pay in the official
industries it counts, against all industries. Figures are BLS's May 2025 national
estimates by industry (fixtures/official/oews-areas-and-industries-may-2025.csv)."""

import html as html_lib
import re

import pytest

from careers.models import (
    Industry,
    NaicsIndustry,
    Occupation,
    Role,
    WageEstimate,
)
from careers.official.industry_pay import TOP_INDUSTRIES, PayByIndustry, overlaps_any
from tests.helpers import page_queries
from tests.helpers.charts import axis_labels, drawn_bars, units
from tests.helpers.footnotes import footnote_markup, references
from tests.helpers.oews import add_national_industries

DATA_SCIENTIST = "/roles/data-scientist/"
FINANCE = "/industries/finance/"
# The industries the guide names for data scientists (technology, finance, healthcare
# and retail), as the official ones those count.
NAMED_FOR_DATA_SCIENTISTS = 11


def section(response, heading_id):
    html = response.content.decode()
    return html.split(f'id="{heading_id}"')[1].split("</section>")[0]


def words(markup):
    """Markup as a person reads it: tags gone, white space folded."""
    plain = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", markup))
    plain = html_lib.unescape(plain).strip()
    return re.sub(r" ([,.):])", r"\1", plain)


def rows(markup):
    """Each body row of the tables in `markup`, as its words."""
    bodies = "".join(re.findall(r"<tbody>(.*?)</tbody>", markup, re.S))
    return [words(row) for row in re.findall(r"<tr[^>]*>(.*?)</tr>", bodies, re.S)]


def row_for(all_rows, naics):
    (found,) = [row for row in all_rows if f"NAICS {naics} " in row + " "]
    return found


def pay_by_industry(client, url=DATA_SCIENTIST):
    return section(client.get(url), "pay-by-industry-heading")


def official_pay(client, url=FINANCE):
    return section(client.get(url), "official-pay-heading")


# --- The role page ----------------------------------------------------------------------


def test_a_data_scientist_sees_pay_where_most_of_them_work_best_paid_first(client):
    markup = pay_by_industry(client)
    assert "What data scientists (SOC 15-2051) earn across the U.S." in words(markup)
    table = rows(markup)
    # Computer Systems Design employs 27,590 of them: median $132,380, the middle 80%
    # between $78,480 and $201,310.
    assert row_for(table, "541500") == (
        "Computer Systems Design and Related Services NAICS 541500 Named in the guide: "
        "Technology $132,380 $78,480 to $201,310 27,590"
    )
    # Management of Companies employs the most (28,620) and is listed, unmarked.
    assert row_for(table, "551100").endswith("$128,050 $77,520 to $185,080 28,620")
    assert "Named in the guide" not in row_for(table, "551100")
    # Best paid first: streaming and social networks ($169,080) lead, hospitals and
    # clinics come near the end.
    medians = [int(re.search(r"\$([\d,]+)", row).group(1).replace(",", "")) for row in table]
    assert medians == sorted(medians, reverse=True)
    assert table[0].startswith("Media Streaming Distribution Services") and "$169,080" in table[0]
    # Nonscheduled air transportation pays data scientists a median of $184,600, but
    # employs 70 of them: a list of where people work leaves it to BLS's tables.
    assert "Nonscheduled Air Transportation" not in markup


def test_the_industries_the_guide_names_for_the_role_are_marked_in_words_and_always_shown(client):
    table = rows(pay_by_industry(client))
    named = [row for row in table if "Named in the guide" in row]
    assert len(named) == NAMED_FOR_DATA_SCIENTISTS
    # Retail employs only 1,850 data scientists, yet the guide names it: it is listed.
    assert row_for(table, "44-45") == (
        "Sectors 44 and 45 - Retail Trade NAICS 44-45 Named in the guide: Retail "
        "$113,430 $60,610 to $181,130 1,850"
    )
    assert "Named in the guide: Healthcare" in row_for(table, "622000")
    # The mark links to the guide's industry page.
    assert '<a href="/industries/retail/">Retail</a>' in pay_by_industry(client)
    # The twelve biggest employers, and the named industries beyond them.
    assert TOP_INDUSTRIES < len(table) <= TOP_INDUSTRIES + NAMED_FOR_DATA_SCIENTISTS


def test_each_industry_is_listed_once_never_beside_its_own_parts(client):
    table = rows(pay_by_industry(client))
    codes = [re.search(r"NAICS (\S+)", row).group(1) for row in table]
    assert len(codes) == len(set(codes))
    # Not the sector 54 nor the subsector 541000 beside Computer Systems Design (541500);
    # not credit intermediation's 4-digit group beside the 3-digit one the guide names.
    for broader_or_narrower in ("54", "541000", "5220A1", "524100", "622100"):
        assert broader_or_narrower not in codes
    # Securities (523000): BLS publishes no 4-digit group of it, so the subsector stands.
    assert "523000" in codes


def test_the_rest_are_a_link_away_and_every_figure_names_its_source(client):
    page = client.get(DATA_SCIENTIST)
    markup = section(page, "pay-by-industry-heading")
    text = words(markup)
    assert "BLS publishes figures for data scientists in 129 more industries" in text
    assert (
        "Source: BLS OEWS, May 2025, national estimates by industry (published 15 May 2026)" in text
    )
    # The sentence's footnote: the release, linked to BLS's tables, at the foot of the page.
    [reference] = references(markup)
    listed = footnote_markup(page.content.decode())[reference.target]
    assert 'href="https://www.bls.gov/oes/tables.htm"' in listed
    assert 'datetime="2026-05-15"' in markup


def test_the_bars_share_the_sites_one_scale_with_the_axis_heading_their_column(client):
    markup = pay_by_industry(client)
    # The site's scale, $0 to $300,000, as on every page; the axis heads the bars' column.
    assert axis_labels(markup.split("</thead>")[0]) == [["$0", "$100k", "$200k", "$300k"]]
    computer_systems = markup.split("NAICS 541500")[1].split("</tr>")[0]
    (bar,) = drawn_bars(computer_systems, "official")
    assert bar.start == units(78_480) and bar.median == units(132_380)
    assert "style=" not in markup


def test_an_industry_figure_past_the_sites_scale_runs_off_it_open(client):
    estimates = WageEstimate.objects.by_industry().filter(occupation__code="15-2051")
    estimates.filter(industry__naics="541500").update(annual_p90=467_430)
    computer_systems = pay_by_industry(client).split("NAICS 541500")[1].split("</tr>")[0]
    (bar,) = drawn_bars(computer_systems, "official")
    assert bar.end == 240 and bar.open_end
    assert "$467,430" in computer_systems  # the figure itself is written in full


def test_a_top_coded_figure_reads_at_least_and_a_missing_one_not_published(client):
    estimates = WageEstimate.objects.by_industry().filter(occupation__code="15-2051")
    estimates.filter(industry__naics="513200").update(annual_p90=239_200, annual_p90_top_coded=True)
    estimates.filter(industry__naics="541500").update(annual_median=None)
    table = rows(pay_by_industry(client))
    assert "$78,110 to ≥ $239,200" in row_for(table, "513200")
    assert "Named in the guide: Technology Not published $78,480" in row_for(table, "541500")
    # A row without a median goes last.
    assert "NAICS 541500" in table[-1]


def test_a_named_industry_bls_publishes_nothing_for_is_said_in_words(client):
    WageEstimate.objects.by_industry().filter(
        occupation__code="15-2051", industry__naics="44-45"
    ).delete()
    markup = pay_by_industry(client)
    assert not [row for row in rows(markup) if "NAICS 44-45" in row]
    assert (
        "BLS publishes no figure for data scientists in Sectors 44 and 45 - Retail Trade "
        "(NAICS 44-45, private), which the guide counts in Retail."
    ) in words(markup)


def test_a_role_page_reads_the_same_however_many_industries_bls_publishes(client):
    _, before = page_queries(client, DATA_SCIENTIST)
    add_national_industries(600, Occupation.objects.filter(code="15-2051"))
    response, after = page_queries(client, DATA_SCIENTIST)
    assert after == before
    # The twelve biggest employers (now all new) and the eleven the guide names.
    table = rows(section(response, "pay-by-industry-heading"))
    assert len(table) == TOP_INDUSTRIES + NAMED_FOR_DATA_SCIENTISTS
    assert "in 722 more industries" in words(section(response, "pay-by-industry-heading"))


def test_pay_by_industry_needs_one_query(django_assert_num_queries):
    role = Role.objects.for_detail().get(slug="data-scientist")  # industries' official ones too
    with django_assert_num_queries(1):
        PayByIndustry.for_role(role)


def test_a_role_without_figures_by_industry_says_so_and_one_without_an_occupation_has_none(
    client,
):
    WageEstimate.objects.by_industry().filter(occupation__code="15-2051").delete()
    assert "BLS publishes no figures by industry for data scientists yet." in words(
        pay_by_industry(client)
    )
    assert "pay-by-industry-heading" not in client.get("/roles/ai-ethicist/").content.decode()


# --- The industry page ------------------------------------------------------------------


def test_an_industry_page_names_the_official_industries_it_counts(client):
    text = words(official_pay(client, "/industries/technology/"))
    assert (
        "Official industries counted: Software Publishers (NAICS 513200, private) "
        "Media Streaming Distribution Services, Social Networks, & Other Media Networks "
        "& Content Providers (NAICS 516200, private)"
    ) in text
    assert "Computer Systems Design and Related Services (NAICS 541500, private)" in text
    government = words(official_pay(client, "/industries/government/"))
    assert (
        "Federal, State, and Local Government, excluding State and Local Schools and "
        "Hospitals and USPS (NAICS 999000, all government)"
    ) in government


def test_the_finance_page_shows_its_roles_pay_in_finance_against_all_industries(client):
    markup = official_pay(client)
    scientists = markup.split('id="pay-soc-15-2051"')[1].split("</table>")[0]
    assert words(scientists.split("</caption>")[0]) == (
        ">Data Scientists (SOC 15-2051), closest to Data Scientist"
    )
    assert rows(scientists) == [
        "Securities, Commodity Contracts, and Other Financial Investments and Related "
        "Activities NAICS 523000 $134,510 $68,060 to $215,610 7,210",
        "Credit Intermediation and Related Activities NAICS 522000 "
        "$129,490 $77,110 to $199,130 16,500",
        "Insurance Carriers and Related Activities NAICS 524000 "
        "$108,650 $67,720 to $168,880 22,510",
        "All industries $120,230 $67,240 to $199,130 262,440",
    ]
    analysts = markup.split('id="pay-soc-13-2051"')[1].split("</table>")[0]
    assert "Quantitative Analyst" in analysts
    assert "NAICS 523000 $124,370" in words(analysts)
    assert (
        "Source: BLS OEWS, May 2025, national estimates by industry (published 15 May 2026)"
        in words(markup)
    )


def test_roles_sharing_an_official_occupation_share_its_table(client):
    text = words(official_pay(client))
    assert (
        "Software Developers (SOC 15-1252), closest to AI Specialist and Machine Learning Engineer"
    ) in text
    assert text.count("Software Developers (SOC 15-1252)") == 1


def test_an_industry_without_figures_says_plainly_that_bls_publishes_none(client):
    finance = Industry.objects.get(slug="finance")
    WageEstimate.objects.filter(industry__in=finance.official_industries.all()).delete()
    text = words(official_pay(client))
    assert "BLS publishes no figures in these industries for the official occupations" in text
    assert "$" not in text

    finance.official_industries.clear()
    text = words(official_pay(client))
    assert "No official industry is counted for finance yet" in text


def test_an_occupation_bls_publishes_nothing_for_there_is_named(client):
    WageEstimate.objects.by_industry().filter(occupation__code="13-2051").delete()
    text = words(official_pay(client))
    assert (
        "BLS publishes no figures in these industries for financial and investment analysts "
        "(SOC 13-2051), closest to Quantitative Analyst"
    ) in text


def test_an_industry_page_reads_the_same_however_many_industries_bls_publishes(client):
    response, before = page_queries(client, FINANCE)
    before_rows = rows(section(response, "official-pay-heading"))
    industries = add_national_industries(
        600, Occupation.objects.filter(code__in=["15-2051", "15-1252"])
    )
    response, after = page_queries(client, FINANCE)
    assert after == before
    assert rows(section(response, "official-pay-heading")) == before_rows
    # Counting them all in finance shows them all, still in as many queries.
    Industry.objects.get(slug="finance").official_industries.add(*industries)
    _, mapped = page_queries(client, FINANCE)
    assert mapped == before


def test_an_editor_counts_an_official_industry_for_a_guide_industry_in_the_admin(
    client, editor_client
):
    editor = editor_client
    retail = Industry.objects.get(slug="retail")
    url = f"/admin/careers/industry/{retail.pk}/change/"
    form = editor.get(url).content.decode()
    # Chosen from every official industry, by code and title.
    assert "General Merchandise Retailers (NAICS 455000, private)" in form
    assert "selectfilter" in form
    general_merchandise = NaicsIndustry.objects.get(naics="455000")
    response = editor.post(
        url,
        {
            "name": retail.name,
            "slug": retail.slug,
            "description": retail.description,
            "official_industries": [general_merchandise.pk],
        },
    )
    assert response.status_code == 302
    listing = editor.get("/admin/careers/industry/").content.decode()
    assert "455000" in listing
    text = words(official_pay(client, "/industries/retail/"))
    assert "Official industries counted: General Merchandise Retailers (NAICS 455000" in text
    assert "Sectors 44 and 45" not in text
    assert "Named in the guide: Retail" in words(pay_by_industry(client))


@pytest.mark.parametrize(
    ("naics", "named", "overlapping"),
    [
        ("541500", ["541500"], True),  # the same industry
        ("541500", ["540000"], True),  # lies in a named sector
        ("541000", ["541511"], True),  # contains a named industry
        ("31-33", ["332000"], True),  # a ranged sector contains its parts
        ("541500", ["511200", "522000"], False),
        ("611002", ["611000"], True),  # an owner grouping lies in its subsector
        ("541500", [], False),
    ],
)
def test_an_industry_the_guide_names_keeps_its_parts_and_its_sector_out_of_the_list(
    naics, named, overlapping
):
    assert overlaps_any(naics, named) is overlapping
