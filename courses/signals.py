"""Drop cached course structures and page chrome when published content changes.

Publishing (aliases included), unpublishing and moving send Wagtail's signals; deleting a live
page unpublishes it first (Wagtail's own pre_delete handler), so deletes arrive as unpublishing.
The cache is dropped at once (later reads in the same transaction see the change) and again once
the change commits, so that a request that read the old rows meanwhile leaves nothing stale.
"""

from uuid import UUID

from django.db import transaction
from django.db.models import Q

from wagtail.models import Page

from .chrome import bump_chrome_version
from .middleware import forget_sites
from .models import CoursePage
from .sites import point_default_site_at_base_url
from .structure import forget_courses


def courses_around(page: Page) -> set[UUID]:
    """Translation keys of the courses that hold `page`, are `page` or lie below it."""
    above = [page.path[:end] for end in range(Page.steplen, len(page.path) + 1, Page.steplen)]
    return set(
        CoursePage.objects.filter(Q(path__in=above) | Q(path__startswith=page.path)).values_list(
            "translation_key", flat=True
        )
    )


def _now_and_on_commit(forget) -> None:
    forget()
    transaction.on_commit(forget)


def _forget(translation_keys: set[UUID]) -> None:
    def forget():
        forget_courses(translation_keys)
        bump_chrome_version()

    _now_and_on_commit(forget)


def page_changed(sender, instance: Page, **kwargs) -> None:
    """Receiver of page_published and page_unpublished."""
    _forget(courses_around(instance))


def page_moved(sender, instance: Page, parent_page_before: Page, **kwargs) -> None:
    """Receiver of post_page_move: the courses at the old place and at the new one."""
    _forget(courses_around(instance) | courses_around(parent_page_before))


def site_changed(sender, **kwargs) -> None:
    """Receiver of post_save and post_delete of Site: another host or root page changes every link."""
    _now_and_on_commit(forget_sites)
    _forget(set(CoursePage.objects.values_list("translation_key", flat=True)))


def reference_data_loaded(sender, progress=None, **kwargs) -> None:
    """Receiver of organisations' reference_data_loaded, sent on every release."""
    point_default_site_at_base_url(progress=progress)
