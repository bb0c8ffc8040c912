"""The structure of one course in one locale: its live modules and steps, with their titles,
summaries, URLs, kinds and order. It knows nothing of learners; the learner apps overlay
progress on it.

A structure is cached per (course, locale) and dropped whenever a page is published,
unpublished, moved or deleted (see courses.signals), so readers see a change at once. Building
one costs a query per page type; reading a cached one costs no query. Entries are named tuples
and translation keys strings: they unpickle several times faster than dataclasses and UUIDs.
"""

from dataclasses import dataclass
from typing import NamedTuple
from uuid import UUID

from django.core.cache import cache
from django.http import HttpRequest

from wagtail.models import Locale, Page

from .models import CoursePage, ModulePage, StepPage

CACHE_PREFIX = "courses:structure"
# A safety net only: every change that matters drops the entry at once (in the shared cache).
CACHE_SECONDS = 60 * 60


class StepEntry(NamedTuple):
    pk: int
    translation_key: str
    title: str
    summary: str
    url: str
    kind: str


class ModuleEntry(NamedTuple):
    pk: int
    title: str
    summary: str
    steps: tuple[StepEntry, ...]


@dataclass(frozen=True)
class CourseStructure:
    pk: int
    translation_key: str
    locale_id: int
    title: str
    url: str
    live: bool
    modules: tuple[ModuleEntry, ...]

    @property
    def steps(self) -> tuple[StepEntry, ...]:
        return tuple(step for module in self.modules for step in module.steps)

    def step_after(self, page_pk: int) -> StepEntry | None:
        steps = self.steps
        return next((steps[index + 1] for index, step in enumerate(steps[:-1]) if step.pk == page_pk), None)

    def contains(self, page_pk: int) -> bool:
        """Whether the page is a step learners can reach: it, its module and the course are live."""
        return self.live and any(step.pk == page_pk for step in self.steps)


def cache_key(translation_key: str | UUID, locale_id: int) -> str:
    return f"{CACHE_PREFIX}:{translation_key}:{locale_id}"


def _build(course: Page) -> CourseStructure:
    pages = (
        Page.objects.live()
        .public()
        .filter(path__startswith=course.path, depth__in=[course.depth + 1, course.depth + 2])
        .order_by("path")
        .defer_streamfields()
        .specific()
    )
    modules: dict[str, tuple[ModulePage, list[StepEntry]]] = {}
    for page in pages:
        if isinstance(page, ModulePage) and page.depth == course.depth + 1:
            modules[page.path] = (page, [])
        elif isinstance(page, StepPage) and page.path[: -Page.steplen] in modules:
            modules[page.path[: -Page.steplen]][1].append(
                StepEntry(
                    pk=page.pk,
                    translation_key=str(page.translation_key),
                    title=page.title,
                    summary=page.summary,
                    url=page.get_url(),
                    kind=page.step_kind,
                )
            )
    return CourseStructure(
        pk=course.pk,
        translation_key=str(course.translation_key),
        locale_id=course.locale_id,
        title=course.title,
        url=course.get_url(),
        live=course.live,
        modules=tuple(
            ModuleEntry(pk=module.pk, title=module.title, summary=module.summary, steps=tuple(steps))
            for module, steps in modules.values()
        ),
    )


def course_structure(course: Page) -> CourseStructure:
    """The structure of `course` (a CoursePage in any locale), from the cache when it is there."""
    key = cache_key(course.translation_key, course.locale_id)
    structure = cache.get(key)
    if structure is None:
        structure = _build(course)
        cache.set(key, structure, CACHE_SECONDS)
    return structure


def localized_course_structure(course: Page, locale: Locale) -> CourseStructure:
    """The structure of `course` in `locale` where that translation is live, else of `course` itself
    (as `Page.localized` answers). Reads the cache first; the translation is looked up only to build."""
    if course.locale_id != locale.pk:
        key = cache_key(course.translation_key, locale.pk)
        structure = cache.get(key)
        if structure is None:
            translation = course.get_translation_or_none(locale)
            if translation is not None:
                structure = _build(translation)
                cache.set(key, structure, CACHE_SECONDS)
        if structure is not None and structure.live:
            return structure
    return course_structure(course)


def structure_for(page: Page, *, request: HttpRequest | None = None) -> CourseStructure | None:
    """The structure of the course a course page, module or step belongs to; None outside a course.

    Routing caches each page's parents, so a served page finds its course without a query; with
    `request`, the answer is kept for the rest of the request (serving and the page's template).
    """
    if request is None:
        return _structure_for(page)
    if not hasattr(request, "_course_structures"):
        request._course_structures = {}
    if page.pk not in request._course_structures:
        request._course_structures[page.pk] = _structure_for(page)
    return request._course_structures[page.pk]


def _structure_for(page: Page) -> CourseStructure | None:
    if isinstance(page, StepPage):
        course = page.get_parent().get_parent()
    elif isinstance(page, ModulePage):
        course = page.get_parent()
    else:
        course = page
    if course is None or course.specific_class is not CoursePage:
        return None
    return course_structure(course)


def forget_courses(translation_keys: set[UUID]) -> None:
    """Drop the cached structures of these courses in every locale."""
    locale_ids = Locale.objects.values_list("pk", flat=True)
    cache.delete_many([cache_key(key, locale_id) for key in translation_keys for locale_id in locale_ids])
