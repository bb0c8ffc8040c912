"""Read-only views of a learner's progress through courses.

Outlines are built from the pages of the locale being viewed (so links stay in that
language) and matched to progress by `translation_key`, because progress points at the
Swedish source pages. The number of queries does not depend on the number of modules,
steps or courses.
"""

from dataclasses import dataclass, field

from django.db.models import Q

from wagtail.models import Page

from courses.models import CoursePage, ModulePage, StepPage

from .models import Enrolment, StepProgress


@dataclass
class StepItem:
    page: StepPage
    done: bool

    @property
    def kind(self) -> str:
        return self.page.step_kind


@dataclass
class ModuleItem:
    page: ModulePage
    steps: list[StepItem] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.steps)

    @property
    def done_count(self) -> int:
        return sum(step.done for step in self.steps)

    @property
    def percent(self) -> int:
        return round(100 * self.done_count / self.total) if self.total else 0


@dataclass
class CourseOutline:
    course: CoursePage
    enrolment: Enrolment | None
    modules: list[ModuleItem] = field(default_factory=list)

    @property
    def is_enrolled(self) -> bool:
        return self.enrolment is not None

    @property
    def steps(self) -> list[StepItem]:
        return [step for module in self.modules for step in module.steps]

    @property
    def total(self) -> int:
        return len(self.steps)

    @property
    def done_count(self) -> int:
        return sum(step.done for step in self.steps)

    @property
    def percent(self) -> int:
        return round(100 * self.done_count / self.total) if self.total else 0

    @property
    def next_step(self) -> StepItem | None:
        """The first step not yet done, to resume from."""
        return next((step for step in self.steps if not step.done), None)

    def step_for(self, page: Page) -> StepItem | None:
        return next((step for step in self.steps if step.page.pk == page.pk), None)

    def neighbours(self, page: Page) -> tuple[StepItem | None, StepItem | None]:
        steps = self.steps
        for index, step in enumerate(steps):
            if step.page.pk == page.pk:
                previous = steps[index - 1] if index > 0 else None
                following = steps[index + 1] if index + 1 < len(steps) else None
                return previous, following
        return None, None


def course_outlines(courses: list[CoursePage], user) -> list[CourseOutline]:
    """Outlines of `courses` (pages of one locale) with `user`'s progress: four queries or so in all."""
    if not courses:
        return []
    in_any_course = Q()
    for course in courses:
        in_any_course |= Q(path__startswith=course.path, depth__gt=course.depth)
    pages = Page.objects.live().public().filter(in_any_course).order_by("path").defer_streamfields().specific()

    keys = [course.translation_key for course in courses]
    enrolments: dict = {}
    done_keys: set = set()
    if user.is_authenticated:
        enrolments = {
            enrolment.course.translation_key: enrolment
            for enrolment in Enrolment.objects.filter(learner=user, course__translation_key__in=keys).select_related(
                "course"
            )
        }
        done_keys = set(
            StepProgress.objects.filter(enrolment__in=enrolments.values()).values_list(
                "step__translation_key", flat=True
            )
        )

    outlines = {
        course.path: CourseOutline(course=course, enrolment=enrolments.get(course.translation_key))
        for course in courses
    }
    modules: dict[str, ModuleItem] = {}
    for page in pages:
        if isinstance(page, ModulePage):
            module = ModuleItem(page=page)
            modules[page.path] = module
            outline = outlines.get(page.path[: -Page.steplen])
            if outline is not None:
                outline.modules.append(module)
        elif isinstance(page, StepPage):
            module = modules.get(page.path[: -Page.steplen])
            if module is not None:
                module.steps.append(StepItem(page=page, done=page.translation_key in done_keys))
    return list(outlines.values())


def course_outline(course: CoursePage, user) -> CourseOutline:
    return course_outlines([course], user)[0]


def course_outline_for_step(step: StepPage, user) -> CourseOutline:
    course = CoursePage.objects.ancestor_of(step).first()
    return course_outline(course, user)
