"""A shortlist's secret link cannot be guessed, and no shared link breaks because its
advisor's account was deleted."""

import itertools
import re

import pytest
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError

from careers.models import Shortlist
from tests.helpers import make_shortlist


def test_tokens_are_long_unique_and_unrelated_to_the_id(ada):
    shortlists = [make_shortlist(ada, title=f"List {number}") for number in range(50)]
    tokens = [shortlist.token for shortlist in shortlists]
    assert len(set(tokens)) == len(tokens)
    assert all(len(token) >= 20 and re.fullmatch(r"[A-Za-z0-9_-]+", token) for token in tokens)
    # Neighbouring lists share no telling prefix: the token says nothing about the id.
    for before, after in itertools.pairwise(tokens):
        assert before[:8] != after[:8]
    assert all(str(shortlist.pk) != shortlist.token for shortlist in shortlists)
    with pytest.raises(IntegrityError), transaction.atomic():
        Shortlist.objects.create(owner=ada, title="Copy", token=tokens[0])


def test_deleting_an_advisor_who_has_lists_is_refused_so_no_shared_link_breaks(ada):
    make_shortlist(ada)
    with pytest.raises(ProtectedError):
        ada.delete()
