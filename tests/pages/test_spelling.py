"""One spelling: the audience and the data are American, so every page, fixture and
help text uses American forms (labor, analyze, specialization, program, modeling…)."""

import json
import re

import pytest
from django.apps import apps
from django.db.models import SlugField

from tests.helpers import ROOT, all_pages, text

# British forms a writer slips into, with the American one we use. Whole words only.
BRITISH = {
    "labour": "labor",
    "analyse": "analyze",
    "analysed": "analyzed",
    "analysing": "analyzing",
    "specialisation": "specialization",
    "specialisations": "specializations",
    "specialise": "specialize",
    "specialised": "specialized",
    "specialism": "specialty",
    "specialisms": "specialties",
    "programme": "program",
    "programmes": "programs",
    "modelling": "modeling",
    "modelled": "modeled",
    "organisation": "organization",
    "organisations": "organizations",
    "optimisation": "optimization",
    "optimise": "optimize",
    "visualisation": "visualization",
    "visualise": "visualize",
    "licence": "license",
    "licences": "licenses",
    "centre": "center",
    "centres": "centers",
    "colour": "color",
    "behaviour": "behavior",
    "favour": "favor",
    "catalogue": "catalog",
    "per cent": "percent",
    "recognise": "recognize",
    "recognised": "recognized",
    "prioritise": "prioritize",
    "utilise": "utilize",
    "whilst": "while",
    "enrol": "enroll",
    "learnt": "learned",
    "judgement": "judgment",
    "defence": "defense",
}
PATTERN = re.compile(r"\b(" + "|".join(map(re.escape, BRITISH)) + r")\b", re.IGNORECASE)


def british_words(text_):
    return sorted({match.lower() for match in PATTERN.findall(text_)})


def test_every_page_type_reads_in_american_english(client):
    found = {}
    for name, url in all_pages():
        words = british_words(text(client.get(url)))
        if words:
            found[name] = words
    assert found == {}, f"British spellings on pages: {found}"


@pytest.mark.parametrize("path", sorted((ROOT / "fixtures").glob("*.json")), ids=lambda p: p.name)
def test_the_seed_reads_in_american_english(path):
    texts = []
    for item in json.loads(path.read_text(encoding="utf-8")):
        model = apps.get_model(item["model"])
        for name, value in item["fields"].items():
            # Stored choice codes ("modelling", "licence") and slugs are addresses and data
            # that links rely on, not text anyone reads.
            field = model._meta.get_field(name)
            if isinstance(value, str) and not field.choices and not isinstance(field, SlugField):
                texts.append(value)
    assert british_words(" ".join(texts)) == []


def test_admin_labels_and_help_texts_read_in_american_english():
    texts = []
    for model in apps.get_app_config("careers").get_models():
        for field in model._meta.get_fields():
            texts += [str(getattr(field, "verbose_name", "")), str(getattr(field, "help_text", ""))]
            texts += [str(label) for _, label in getattr(field, "choices", None) or []]
        texts.append(str(model._meta.verbose_name_plural))
    assert british_words(" ".join(texts)) == []


def test_the_check_itself_catches_a_british_form():
    assert british_words("Modelling and analysing labour data, per cent") == [
        "analysing",
        "labour",
        "modelling",
        "per cent",
    ]
