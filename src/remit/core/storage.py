"""Where uploads and meeting packs are kept: the media folder, or an S3-compatible bucket.

A bucket lets several web processes and background workers on different machines
share the same files, so none of them keeps anything the others need on its own disk.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

LOCAL = {"BACKEND": "django.core.files.storage.FileSystemStorage"}


def default_storage_setting(environ: Mapping[str, str]) -> dict[str, Any]:
    """The `default` entry of Django's STORAGES, from REMIT_S3_* variables when set.

    Credentials come from the usual AWS variables (or the machine's role), never
    from Remit's settings. Objects are private: Remit serves every file itself,
    after checking who may see it.
    """
    bucket = environ.get("REMIT_S3_BUCKET", "").strip()
    if not bucket:
        return dict(LOCAL)
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": environ.get("REMIT_S3_ENDPOINT_URL") or None,
            "region_name": environ.get("REMIT_S3_REGION") or None,
            "location": environ.get("REMIT_S3_PREFIX", "").strip("/"),
            "default_acl": None,
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }


def uses_local_folder(storages: Mapping[str, Any]) -> bool:
    return bool(storages["default"]["BACKEND"] == LOCAL["BACKEND"])


def crime_store_shared(environ: Mapping[str, str]) -> bool:
    """Whether machines share the crime store through the default storage: as
    REMIT_CRIME_STORE_SHARED says (`1` or `0`), otherwise whenever files go to a bucket."""
    chosen = environ.get("REMIT_CRIME_STORE_SHARED", "").strip()
    if chosen:
        return chosen == "1"
    return not uses_local_folder({"default": default_storage_setting(environ)})
