from typing import Any

from django.apps import AppConfig


def _region_changed(**kwargs: Any) -> None:
    """A region was loaded or changed: the request looks it up again."""
    from remit.core.selectors import forget_active_region

    forget_active_region()


def _signed_in(request: Any = None, **kwargs: Any) -> None:
    """Signing in writes the session anyway: it records the person as seen now."""
    from remit.core.middleware import mark_seen

    if request is not None and hasattr(request, "session"):
        mark_seen(request.session)


class CoreConfig(AppConfig):
    name = "remit.core"
    label = "core"
    verbose_name = "Region registry"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in
        from django.db.models.signals import post_delete
        from django.db.models.signals import post_save

        from remit.core.models import Region

        post_save.connect(_region_changed, sender=Region, dispatch_uid="remit_region_saved")
        post_delete.connect(_region_changed, sender=Region, dispatch_uid="remit_region_deleted")
        user_logged_in.connect(_signed_in, dispatch_uid="remit_signed_in_seen")
