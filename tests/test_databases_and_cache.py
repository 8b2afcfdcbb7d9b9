"""A careers office deploys on PostgreSQL with a Redis cache; a newcomer runs SQLite.
The suite runs on both (CI runs it twice): these tests say which one it is on, and
prove the cache every worker shares really is shared."""

import os
import uuid

import pytest
from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.db import connection


def test_the_database_is_the_one_database_url_names():
    url = os.environ.get("DATABASE_URL", "")
    expected = "postgresql" if url.startswith(("postgres://", "postgresql://")) else "sqlite"
    assert connection.vendor == expected
    if expected == "postgresql":
        assert settings.DATABASES["default"]["CONN_MAX_AGE"] > 0
        assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True
    else:
        assert settings.DATABASES["default"]["OPTIONS"]["transaction_mode"] == "IMMEDIATE"


def test_workers_share_the_redis_cache_when_redis_url_is_set():
    url = os.environ.get("REDIS_URL", "")
    if not url:
        assert "LocMemCache" in settings.CACHES["default"]["BACKEND"]
        pytest.skip("REDIS_URL not set: the PostgreSQL and Redis pass runs this")
    cache = caches["default"]
    assert isinstance(cache, RedisCache)
    key, value = f"shared-{uuid.uuid4()}", {"figure": 120_230}
    cache.set(key, value, 30)
    # Another worker is another process with its own client: a fresh one sees the value.
    other_worker = RedisCache(url, {"KEY_PREFIX": settings.CACHES["default"]["KEY_PREFIX"]})
    assert other_worker.get(key) == value
    other_worker.delete(key)
    assert cache.get(key) is None
