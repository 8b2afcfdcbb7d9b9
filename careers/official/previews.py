"""The admin's OEWS upload in two steps: `preview_import()` is import_oews()'s dry run,
keeping the file in temporary storage until the editor confirms; `confirm_import()`
applies exactly the file previewed, for the editor who previewed it."""

import contextlib
import datetime
import hashlib
import hmac
from decimal import Decimal

from django.conf import settings
from django.core import signing
from django.utils.module_loading import import_string
from import_export.tmp_storages import TempFolderStorage

from careers.official.importing import import_oews
from careers.preview_images import redraw_role_cards_after_commit

PREVIEW_SALT = "careers.oews-import"
# Time to read a preview and confirm it; after that the file is uploaded again.
PREVIEW_MAX_AGE = datetime.timedelta(hours=1)


class PreviewRefused(Exception):
    """A confirmation that cannot be applied: `message` says why, `code` names the case
    (expired, tampered, gone, changed)."""

    def __init__(self, message, code):
        super().__init__(message)
        self.message, self.code = message, code


def _tmp_storage(name=None):
    """Where a previewed file waits: django-import-export's temporary storage, the one
    its own admin import uses (settings.IMPORT_EXPORT_TMP_STORAGE_CLASS), read as bytes."""
    storage_class = getattr(settings, "IMPORT_EXPORT_TMP_STORAGE_CLASS", TempFolderStorage)
    if isinstance(storage_class, str):
        storage_class = import_string(storage_class)
    return storage_class(name=name, read_mode="rb")


def preview_import(
    data, *, release, published, hourly_top_code, file_name, user, linked_only=False
):
    """What importing `data` would change (nothing is saved), and the signed token that
    confirms it: (ImportReport, token), the token None when the file changes nothing.
    The file waits in temporary storage until confirm_import() applies it.
    Raises OewsFileError or ValueError as import_oews() does."""
    report = import_oews(
        data,
        release=release,
        published=published,
        hourly_top_code=hourly_top_code,
        file_name=file_name,
        dry_run=True,
        linked_only=linked_only,
    )
    if not report.changes_anything:
        return report, None
    storage = _tmp_storage()
    storage.save(data)
    token = signing.dumps(
        {
            "stored": storage.name,
            "file_name": file_name,
            "sha256": hashlib.sha256(data).hexdigest(),
            "release": release,
            "published": published.isoformat(),
            "hourly_top_code": str(hourly_top_code),
            "linked_only": linked_only,
            "user": user.pk,
        },
        salt=PREVIEW_SALT,
    )
    return report, token


def _staged(token):
    """The preview a token describes, once its signature and age are checked."""
    try:
        return signing.loads(token, salt=PREVIEW_SALT, max_age=PREVIEW_MAX_AGE)
    except signing.SignatureExpired:
        # Nobody can confirm it any more: free the storage now.
        _discard(signing.loads(token, salt=PREVIEW_SALT)["stored"])
        raise PreviewRefused(
            "This preview is more than an hour old; the figures may have changed since.",
            "expired",
        ) from None
    except signing.BadSignature:
        raise PreviewRefused(
            "This confirmation does not match a preview this site made (it may have been altered).",
            "tampered",
        ) from None


def _discard(name):
    with contextlib.suppress(FileNotFoundError):  # already gone
        _tmp_storage(name).remove()


def confirm_import(token, *, user):
    """Import the file a preview_import() token names, exactly as previewed, for `user`.
    Returns the ImportReport. Raises PreviewRefused when the token is not a fresh one of
    this user's, or the file is gone or altered; OewsFileError or ValueError as
    import_oews() does (nothing is saved then, and the file stays for another try)."""
    staged = _staged(token)
    if staged.get("user") != user.pk:
        raise PreviewRefused("This preview was made by someone else; make your own.", "tampered")
    try:
        data = _tmp_storage(staged["stored"]).read()
    except FileNotFoundError:
        data = None
    if data is None:
        raise PreviewRefused(
            "The previewed file is no longer stored: it was imported already, or cleared "
            "after a day.",
            "gone",
        )
    if not hmac.compare_digest(hashlib.sha256(data).hexdigest(), staged["sha256"]):
        raise PreviewRefused("The stored file is not the one previewed.", "changed")
    report = import_oews(
        data,
        release=staged["release"],
        published=datetime.date.fromisoformat(staged["published"]),
        hourly_top_code=Decimal(staged["hourly_top_code"]),
        file_name=staged["file_name"],
        user=user,
        linked_only=staged.get("linked_only", False),
    )
    _discard(staged["stored"])
    # A release can change the official median a role's preview image headlines.
    redraw_role_cards_after_commit()
    return report
