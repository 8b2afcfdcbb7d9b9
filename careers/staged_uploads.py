"""Uploads waiting between an import's preview and its confirmation.

The admin's BLS import shows a preview first; the file waits here, under a random
name, until the editor confirms (or a day passes). Only names this module made are
ever read or deleted, so the folder may be shared.
"""

import datetime
import os
import re
import secrets
import tempfile
import time
from pathlib import Path

from django.conf import settings

# Uploads previewed but never confirmed are deleted when a later preview is made.
KEPT_FOR = datetime.timedelta(days=1)
# A stored upload's name (secrets.token_hex(16)): nothing else in the folder is touched.
STORED_NAME = re.compile(r"[0-9a-f]{32}")


def uploads_dir():
    """The folder where previewed uploads wait (settings.OEWS_UPLOAD_DIR, or one in the
    system's temporary folder); made if missing."""
    configured = getattr(settings, "OEWS_UPLOAD_DIR", None)
    directory = Path(configured or Path(tempfile.gettempdir()) / "careerguide-oews-uploads")
    directory.mkdir(parents=True, exist_ok=True)
    return directory


def stage(data):
    """Keep an upload's bytes until the editor confirms; returns the stored name.
    Uploads older than a day are deleted first: nobody will confirm them."""
    directory = uploads_dir()
    discard_stale(directory)
    name = secrets.token_hex(16)
    descriptor = os.open(directory / name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as stored:
        stored.write(data)
    return name


def staged(name):
    """A stored upload's bytes, or None when it is gone."""
    if not STORED_NAME.fullmatch(name):
        return None
    try:
        return (uploads_dir() / name).read_bytes()
    except FileNotFoundError:
        return None


def discard(name):
    if STORED_NAME.fullmatch(name):
        (uploads_dir() / name).unlink(missing_ok=True)


def discard_stale(directory):
    cutoff = time.time() - KEPT_FOR.total_seconds()
    for path in directory.iterdir():
        if not STORED_NAME.fullmatch(path.name):
            continue
        try:
            if path.stat().st_mtime < cutoff:
                path.unlink()
        except FileNotFoundError:
            pass  # another preview deleted it first
