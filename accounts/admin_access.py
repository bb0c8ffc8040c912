"""Whether a user may open the Wagtail admin, cached per user: every page header asks (to show
the "Administration" link), and a permission check costs two queries for a user who is not a
superuser. The cached answer is dropped whenever the user, their groups or their permissions
change, and expires after an hour in any case."""

from django.contrib.auth.models import Group
from django.core.cache import cache

ADMIN_ACCESS_PERMISSION = "wagtailadmin.access_admin"
TIMEOUT = 60 * 60


def _key(user_id: int) -> str:
    return f"accounts:admin-access:{user_id}"


def can_access_admin(user) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    key = _key(user.pk)
    allowed = cache.get(key)
    if allowed is None:
        allowed = user.has_perm(ADMIN_ACCESS_PERMISSION)
        cache.set(key, allowed, TIMEOUT)
    return allowed


def forget_admin_access(user_ids) -> None:
    cache.delete_many([_key(user_id) for user_id in user_ids])


def forget_group_admin_access(group: Group) -> None:
    forget_admin_access(group.user_set.values_list("pk", flat=True))
