from django import template

from accounts.admin_access import can_access_admin

register = template.Library()


@register.simple_tag(takes_context=True)
def admin_access(context) -> bool:
    """Whether the signed-in user may open the Wagtail admin (cached per user)."""
    request = context.get("request")
    return request is not None and can_access_admin(request.user)
