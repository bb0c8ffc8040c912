"""A learner's progress laid over the cached structure of a course.

The structure (courses.structure) comes in the locale being viewed, so links stay in that
language; progress points at the Swedish source pages and is matched by `translation_key`.
Laying progress over one course costs two queries, over a learner's courses one, whatever the
number of modules, steps or courses.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field

from courses.structure import CourseStructure, ModuleEntry, StepEntry

from .models import Enrolment, StepProgress


class _Counted:
    """The progress arithmetic of anything that has `steps` (each with `done`)."""

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
class OutlineStep:
    entry: StepEntry
    done: bool

    @property
    def pk(self) -> int:
        return self.entry.pk

    @property
    def title(self) -> str:
        return self.entry.title

    @property
    def summary(self) -> str:
        return self.entry.summary

    @property
    def url(self) -> str:
        return self.entry.url

    @property
    def kind(self) -> str:
        return self.entry.kind


@dataclass
class OutlineModule(_Counted):
    entry: ModuleEntry
    steps: list[OutlineStep] = field(default_factory=list)

    @property
    def pk(self) -> int:
        return self.entry.pk

    @property
    def title(self) -> str:
        return self.entry.title

    @property
    def summary(self) -> str:
        return self.entry.summary


@dataclass
class LearnerOutline(_Counted):
    """One learner's view of one course. `current_step`, `previous_step` and `next_step` are about the
    page the outline was made for (None on the course page); `show_body` says whether that page's
    content is shown (to an enrolled learner, or in an editor's preview)."""

    course: CourseStructure
    enrolment: Enrolment | None
    modules: list[OutlineModule] = field(default_factory=list)
    current_step: OutlineStep | None = None
    previous_step: OutlineStep | None = None
    next_step: OutlineStep | None = None
    preview: bool = False

    @property
    def is_enrolled(self) -> bool:
        return self.enrolment is not None

    @property
    def show_body(self) -> bool:
        return self.is_enrolled or self.preview

    @property
    def steps(self) -> list[OutlineStep]:
        return [step for module in self.modules for step in module.steps]

    @property
    def resume_step(self) -> OutlineStep | None:
        """The first step not yet done, to resume from."""
        return next((step for step in self.steps if not step.done), None)

    def step_for(self, page_pk: int) -> OutlineStep | None:
        return next((step for step in self.steps if step.pk == page_pk), None)


def _overlay(structure: CourseStructure, enrolment: Enrolment | None, done_keys: set, page_pk: int | None):
    outline = LearnerOutline(
        course=structure,
        enrolment=enrolment,
        modules=[
            OutlineModule(
                entry=module,
                steps=[OutlineStep(entry=step, done=step.translation_key in done_keys) for step in module.steps],
            )
            for module in structure.modules
        ],
    )
    steps = outline.steps
    for index, step in enumerate(steps):
        if step.pk == page_pk:
            outline.current_step = step
            outline.previous_step = steps[index - 1] if index > 0 else None
            outline.next_step = steps[index + 1] if index + 1 < len(steps) else None
    return outline


def learner_outline(*, structure: CourseStructure, user, page_pk: int | None = None) -> LearnerOutline:
    """`user`'s progress in the course of `structure`, seen from the page `page_pk` (a step, or None)."""
    enrolment = None
    done_keys: set = set()
    if user.is_authenticated:
        enrolment = Enrolment.objects.filter(learner=user, course__translation_key=structure.translation_key).first()
        if enrolment is not None:
            done_keys = set(
                StepProgress.objects.filter(enrolment=enrolment).values_list("step__translation_key", flat=True)
            )
    return _overlay(structure, enrolment, done_keys, page_pk)


def learner_outlines(*, enrolments: Sequence[Enrolment], structures: Sequence[CourseStructure]) -> list[LearnerOutline]:
    """The outlines of a learner's `enrolments`, each over its course's structure (in the same order)."""
    done: dict[int, set] = {enrolment.pk: set() for enrolment in enrolments}
    rows = StepProgress.objects.filter(enrolment__in=list(done)).values_list("enrolment_id", "step__translation_key")
    for enrolment_id, translation_key in rows:
        done[enrolment_id].add(translation_key)
    return [
        _overlay(structure, enrolment, done[enrolment.pk], None)
        for enrolment, structure in zip(enrolments, structures, strict=True)
    ]
