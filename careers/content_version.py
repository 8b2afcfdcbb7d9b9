"""The content version: one number, kept in the default cache, that changes whenever
curated data changes. Whatever is cached from that data (whole public pages, the site's
salary scale) is keyed by it, so a change is seen on the very next request, with nothing
to find and delete: the old entries are never asked for again and simply expire.

`current()` reads it, `bump()` moves it on. Every save, delete and many-to-many change of
a careers model bumps it through the signals connected in CareersConfig.ready(); the
services that write in bulk without signals (the OEWS import, the demo data) call
`bump()` themselves. With REDIS_URL every worker shares the number, so a save in one is
seen by all; without it each process keeps its own (see settings.PAGE_CACHE_SECONDS).
"""

import time

from django.apps import apps
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

KEY = "careers:content-version"

# Advisors' shortlists are never on a cached page (their pages are not cached), and
# they change far more often than the curated data: they leave the cached pages alone.
NOT_SHOWN_ON_PUBLIC_PAGES = {"shortlist", "shortlistitem"}


def _first_version():
    # When the number is missing (a new cache, or Redis evicted it), it starts from the
    # clock in microseconds, never from 1: pages cached under an earlier number that
    # outlived it can then never be served again.
    return time.time_ns() // 1000


def current():
    """The content version now."""
    version = cache.get(KEY)
    if version is None:
        cache.add(KEY, _first_version(), timeout=None)
        version = cache.get(KEY)
    return version


def _increment():
    try:
        return cache.incr(KEY)
    except ValueError:  # missing: add() creates it unless another process just did
        cache.add(KEY, _first_version(), timeout=None)
        return cache.incr(KEY)


def bump():
    """Move the content version on: at once, and again when the transaction commits.

    The first makes the change visible to this transaction's own later requests (and to
    tests, which never commit); the second covers a request that read the data before
    the commit and cached its page under the already-bumped number. Atomic (the cache's
    incr), so two workers bumping at once both count. When the cache cannot be reached
    the error propagates and the change is rolled back rather than left unseen."""
    _increment()
    connection = transaction.get_connection()
    # Once per transaction is enough after the commit (a bulk delete bumps per row). A
    # savepoint's rollback drops the callbacks registered in it, so the list is exact.
    pending = any(callback is _increment for _, callback, _ in connection.run_on_commit)
    if connection.in_atomic_block and not pending:
        transaction.on_commit(_increment, robust=True)


def bumps_version(model):
    """True when a change to `model` may change a public page: a careers model (the
    official data's included), but not shortlists nor history entries, which no cached
    page shows (a history entry is written with the save that bumps anyway)."""
    meta = model._meta
    return (
        meta.app_label == "careers"
        and meta.model_name not in NOT_SHOWN_ON_PUBLIC_PAGES
        and not meta.model_name.startswith("historical")
    )


def _on_change(sender, **kwargs):
    bump()


def _on_m2m_change(sender, action, **kwargs):
    if action.startswith("post_"):
        bump()


def connect_signals():
    """Bump on every save, delete and many-to-many change of the models that bumps_version()
    names. Connected model by model, not for every sender: a post_delete receiver makes
    Django fetch each row a queryset deletes, which other apps' models need not pay for."""
    models = apps.get_app_config("careers").get_models(include_auto_created=True)
    for model in filter(bumps_version, models):
        uid = f"careers.content_version.{model._meta.label_lower}"
        post_save.connect(_on_change, sender=model, dispatch_uid=uid)
        post_delete.connect(_on_change, sender=model, dispatch_uid=uid)
        # The sender of m2m_changed is the relation's through model (auto-created or not).
        m2m_changed.connect(_on_m2m_change, sender=model, dispatch_uid=uid)
