"""A learner's progress laid over the cached structure of a course.

The structure (courses.structure) comes in the locale being viewed, so links stay in that
language; progress points at the Swedish source pages and is matched by `translation_key`.
Laying progress over one course or over all of a learner's courses costs one query, whatever the
number of modules, steps or courses.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple

from courses.structure import CourseStructure

from .models import Enrolment, StepProgress


class _Counted:
    """The progress arithmetic of anything that has `steps` (each with `done`); worked out once."""

    @cached_property
    def total(self) -> int:
        return len(self.steps)

    @cached_property
    def done_count(self) -> int:
        return sum(step.done for step in self.steps)

    @cached_property
    def percent(self) -> int:
        return round(100 * self.done_count / self.total) if self.total else 0


class OutlineStep(NamedTuple):
    """A step of the course (from its cached structure) and whether the learner has done it."""

    pk: int
    title: str
    summary: str
    url: str
    kind: str
    done: bool


@dataclass
class OutlineModule(_Counted):
    pk: int
    title: str
    summary: str
    steps: list[OutlineStep] = field(default_factory=list)


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

    @cached_property
    def steps(self) -> list[OutlineStep]:
        return [step for module in self.modules for step in module.steps]

    @property
    def resume_step(self) -> OutlineStep | None:
        """The first step not yet done, to resume from."""
        return next((step for step in self.steps if not step.done), None)

    def step_for(self, page_pk: int) -> OutlineStep | None:
        return next((step for step in self.steps if step.pk == page_pk), None)


def _overlay(
    structure: CourseStructure, enrolment: Enrolment | None, done_keys: set[str], page_pk: int | None
) -> LearnerOutline:
    outline = LearnerOutline(
        course=structure,
        enrolment=enrolment,
        modules=[
            OutlineModule(
                pk=module.pk,
                title=module.title,
                summary=module.summary,
                steps=[
                    OutlineStep(
                        step.pk, step.title, step.summary, step.url, step.kind, step.translation_key in done_keys
                    )
                    for step in module.steps
                ],
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
    done_keys: set[str] = set()
    if user.is_authenticated:
        # One query: the enrolment once per step done (once, with no key, when none is done). Pages
        # need only whether there is one: the enrolment comes with its other fields deferred.
        rows = Enrolment.objects.filter(learner=user, course__translation_key=structure.translation_key).values_list(
            "pk", "step_progress__step__translation_key"
        )
        for pk, done_key in rows:
            enrolment = enrolment or Enrolment.from_db(Enrolment.objects.db, ["id"], [pk])
            if done_key is not None:
                done_keys.add(str(done_key))
    return _overlay(structure, enrolment, done_keys, page_pk)


def learner_outlines(*, enrolments: Sequence[Enrolment], structures: Sequence[CourseStructure]) -> list[LearnerOutline]:
    """The outlines of a learner's `enrolments`, each over its course's structure (in the same order)."""
    done: dict[int, set[str]] = {enrolment.pk: set() for enrolment in enrolments}
    rows = StepProgress.objects.filter(enrolment__in=list(done)).values_list("enrolment_id", "step__translation_key")
    for enrolment_id, translation_key in rows:
        done[enrolment_id].add(str(translation_key))
    return [
        _overlay(structure, enrolment, done[enrolment.pk], None)
        for enrolment, structure in zip(enrolments, structures, strict=True)
    ]
