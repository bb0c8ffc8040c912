"""Drop cached admin access when what it is derived from changes: a user, their groups, their
permissions or their groups' permissions."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models.signals import m2m_changed, post_save, pre_delete
from django.dispatch import receiver

from .admin_access import forget_admin_access, forget_group_admin_access

User = get_user_model()
CHANGES = ("post_add", "post_remove", "pre_clear")


@receiver(post_save, sender=User, dispatch_uid="accounts_admin_access_user_saved")
def _user_saved(sender, instance, **kwargs):
    forget_admin_access([instance.pk])


@receiver(m2m_changed, sender=User.groups.through, dispatch_uid="accounts_admin_access_groups")
@receiver(m2m_changed, sender=User.user_permissions.through, dispatch_uid="accounts_admin_access_permissions")
def _user_groups_or_permissions_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in CHANGES:
        return
    if not reverse:
        forget_admin_access([instance.pk])
    elif action == "pre_clear":
        forget_admin_access(instance.user_set.values_list("pk", flat=True))
    else:
        forget_admin_access(pk_set)


@receiver(m2m_changed, sender=Group.permissions.through, dispatch_uid="accounts_admin_access_group_permissions")
def _group_permissions_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in CHANGES:
        return
    if not reverse:
        groups = [instance]
    elif action == "pre_clear":
        groups = instance.group_set.all()
    else:
        groups = Group.objects.filter(pk__in=pk_set)
    for group in groups:
        forget_group_admin_access(group)


@receiver(pre_delete, sender=Group, dispatch_uid="accounts_admin_access_group_deleted")
def _group_deleted(sender, instance, **kwargs):
    forget_group_admin_access(instance)
