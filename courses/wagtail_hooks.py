from django.http import Http404

from wagtail import hooks

from .models import StepPage
from .reachability import is_reachable


@hooks.register("on_serve_page", order=1)
def refuse_unreachable_steps(serve):
    """A step below an unpublished course or module is not found. Ordered after Wagtail's own
    view-restriction check, so that a private page still asks visitors to sign in first (previews
    are not served through here)."""

    def inner(page, request, serve_args, serve_kwargs):
        if isinstance(page, StepPage) and not is_reachable(page, request=request):
            raise Http404
        return serve(page, request, serve_args, serve_kwargs)

    return inner
