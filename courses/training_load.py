"""Applying the training content (read by `courses.training_import`) to the page tree.

Contract: one transaction; a bad file anywhere imports nothing. Each page remembers the hash of
the content it was last imported from and the revision the import made (ImportedPage):

- a page that does not exist is created, and published;
- a page whose content is unchanged is left alone (a second run changes nothing);
- a page whose file changed gets a new revision, submitted to its workflow as a draft (published
  only when the page has no workflow and the import is forced);
- a page whose latest revision someone else made since the import is left alone and reported,
  unless `force`.

English pages are wagtail-localize translations of the Swedish ones: the English file's texts
are stored as translations of the Swedish page's segments, and the page is made from them, so
localize's translation editor knows every string of it.
"""

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path
from typing import Any

from django.core.files.images import ImageFile
from django.db import transaction

from wagtail.images import get_image_model
from wagtail.models import Locale, Page
from wagtail_localize.models import (
    OverridableSegment,
    SegmentOverride,
    StringSegment,
    StringTranslation,
    TemplateSegment,
    Translation,
    TranslationSource,
)
from wagtail_localize.segments import OverridableSegmentValue, StringSegmentValue, TemplateSegmentValue
from wagtail_localize.segments.extract import extract_segments

from .models import (
    REQUIRED_STEP_KIND,
    CompletionRule,
    CourseIndexPage,
    CoursePage,
    HomePage,
    ImportedPage,
    InformationPage,
    LessonPage,
    ModulePage,
)
from .training_import import (
    ContentError,
    ContentProblem,
    PageSpec,
    Plan,
    SourceFile,
    TrainingContentError,
    content_hash,
    read_training,
    translation_key,
)

PAGE_MODELS = {
    "home": HomePage,
    "information": InformationPage,
    "course": CoursePage,
    "module": ModulePage,
    "lesson": LessonPage,
}
COURSE_INDEX = {
    "sv": {"title": "Kurser", "slug": "kurser", "intro": "<p>Kurserna på Samverkansakademin.</p>"},
    "en": {"title": "Courses", "slug": "courses", "intro": "<p>The courses of Samverkansakademin.</p>"},
}
TOOL_NAME = "load_training"


@dataclass
class ImportSummary:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: int = 0
    editor_changed: list[str] = field(default_factory=list)
    skipped_files: list[str] = field(default_factory=list)
    images_created: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.images_created)


def read_content(root: Path) -> Plan:
    return read_training(root, models=PAGE_MODELS)


@transaction.atomic
def load_training(
    root: Path, *, force: bool = False, progress: Callable[[str], None] | None = None, user=None
) -> ImportSummary:
    """Build or update the training from the content folder at `root`. Raises TrainingContentError
    (listing every problem by file and line) before or during the writes; nothing is kept then."""
    plan = read_content(root)
    loader = _Loader(plan, force=force, progress=progress or (lambda message: None), user=user)
    loader.run()
    return loader.summary


class _Loader:
    def __init__(self, plan: Plan, *, force: bool, progress: Callable[[str], None], user):
        self.plan = plan
        self.force = force
        self.progress = progress
        self.user = user
        self.summary = ImportSummary(skipped_files=list(plan.skipped))
        self.sv = Locale.objects.get(language_code="sv")
        self.en = Locale.objects.get(language_code="en")
        self.home = HomePage.objects.get(locale=self.sv, depth=2)
        self.pages: dict[str, Page] = {}
        self.created_now: set[str] = set()
        self.images: dict[str, int] = {}
        self.pending_course: tuple | None = None

    def run(self) -> None:
        self.store_diagrams()
        course_spec = self.plan.by_model(CoursePage)[0]
        index_spec = self.course_index_spec(course_spec)
        first = [*self.plan.by_model(HomePage), *self.plan.by_model(InformationPage)]
        ordered = [*first, index_spec, *(spec for spec in self.plan.pages if spec not in first)]
        for spec in ordered:
            self.import_page(spec)
            if spec.model in (ModulePage, CourseIndexPage):
                self.progress(spec.fields["sv"]["title"])
        self.finish_course()
        self.summary.skipped_files.sort()

    # Diagrams ----------------------------------------------------------------------------

    def store_diagrams(self) -> None:
        """Each diagram becomes a Wagtail image (SVG, checked when read; upload forms still
        refuse SVG). An unchanged file is found again by its hash."""
        image_model = get_image_model()
        for path, diagram in self.plan.diagrams.items():
            image = image_model.objects.filter(file_hash=diagram.hash).first()
            if image is None:
                name = Path(path).name
                image = image_model(title=name.rsplit(".", 1)[0])
                image.file = ImageFile(BytesIO(diagram.data), name=name)
                image._set_image_file_metadata()
                image.save()
                self.summary.images_created += 1
            self.images[path] = image.pk

    def with_images(self, spec: PageSpec, language: str) -> dict[str, Any]:
        values = json.loads(json.dumps(spec.fields[language]))
        for index, figure in spec.figures.get(language, []):
            values["body"][index]["value"]["image"] = self.images[figure.source]
        return values

    # The course index, which has no file of its own ---------------------------------------

    def course_index_spec(self, course_spec: PageSpec) -> PageSpec:
        existing = CourseIndexPage.objects.child_of(self.home).filter(locale=self.sv).first()
        key = "course-index"
        if existing is not None and existing.translation_key != translation_key(key):
            # An index made by hand (or by the demo loader) is reused, not duplicated.
            self.pages[key] = existing
        sources = {
            language: SourceFile(course_spec.sources[language].path, language, course_spec.sources[language].data)
            for language in ("sv", "en")
        }
        spec = PageSpec(key, CourseIndexPage, None, sources, {lang: dict(COURSE_INDEX[lang]) for lang in COURSE_INDEX})
        course_spec.parent_key = key
        return spec

    # Pages -------------------------------------------------------------------------------

    def parent_of(self, spec: PageSpec) -> Page:
        return self.home if spec.parent_key is None else self.pages[spec.parent_key]

    def import_page(self, spec: PageSpec) -> None:
        if spec.key in self.pages and spec.model is CourseIndexPage:
            sv_page = self.pages[spec.key]
            sv_state = "unchanged"
        else:
            sv_page, sv_state = self.import_swedish(spec)
            self.pages[spec.key] = sv_page
        self.import_english(spec, sv_page, sv_state)

    def swedish_values(self, spec: PageSpec) -> dict[str, Any]:
        values = self.with_images(spec, "sv")
        if spec.model is CoursePage:
            values["completion_rules"] = self.completion_rule_keys(spec)
        return values

    def completion_rule_keys(self, course: PageSpec) -> list[tuple[str, str]]:
        """Every lesson done, every module quiz passed and every workbook assignment approved: the
        requirement for each step kind that has one (REQUIRED_STEP_KIND), whichever app loads it."""
        modules = {spec.key for spec in self.plan.pages if spec.parent_key == course.key}
        requirement_of_kind = {kind: requirement for requirement, kind in REQUIRED_STEP_KIND.items()}
        rules = []
        for spec in self.plan.pages:
            requirement = requirement_of_kind.get(getattr(spec.model, "step_kind", None))
            if spec.parent_key in modules and requirement is not None:
                rules.append((requirement.value, spec.key))
        return rules

    def apply_values(self, page: Page, values: dict[str, Any]) -> None:
        for name, value in values.items():
            if name == "completion_rules":
                continue
            setattr(page, name, value)

    def apply_rules(self, page: CoursePage, rule_keys: list[tuple[str, str]]) -> None:
        """Completion rules point at the steps, so they are set once the steps exist."""
        steps = {
            key: self.pages[key]
            for _requirement, key in rule_keys
            if key in self.pages and self.pages[key].pk is not None
        }
        page.completion_rules = [
            CompletionRule(requirement=requirement, page=steps[key], sort_order=number)
            for number, (requirement, key) in enumerate(rule_keys)
            if key in steps
        ]

    def import_swedish(self, spec: PageSpec) -> tuple[Page, str]:
        key = translation_key(spec.key)
        values = self.swedish_values(spec)
        digest = content_hash(spec.model._meta.label, spec.parent_key, values)
        if spec.model is HomePage:
            existing = self.home  # made by a migration, with a key of its own
        else:
            existing = spec.model.objects.filter(translation_key=key, locale=self.sv).first()
        label = spec.sources["sv"].path if spec.model is not CourseIndexPage else "(course index)"
        if existing is None:
            parent = self.parent_of(spec)
            clash = parent.get_children().filter(slug=values["slug"]).first()
            if clash is not None:
                raise TrainingContentError(
                    [
                        ContentError(
                            label, 1, f"a page with the slug “{values['slug']}” that this import did not make exists"
                        )
                    ]
                )
            page = spec.model(translation_key=key, locale=self.sv)
            self.apply_values(page, values)
            parent.add_child(instance=page)
            self.created_now.add(spec.key)
            if spec.model is CoursePage:
                # The steps do not exist yet: the course is published now, its rules set at the end.
                self.save(page, spec, "sv", digest="", publish=True)
                self.pending_course = (spec, page, values, digest)
                return page, "created"
            self.save(page, spec, "sv", digest=digest, publish=True)
            self.summary.created.append(label)
            return page, "created"
        record = ImportedPage.objects.filter(page=existing).first()
        if record is not None and record.content_hash == digest:
            self.summary.unchanged += 1
            return existing, "unchanged"
        if spec.model is HomePage and record is None:
            # The first import of the home page the migrations made: published like a new page.
            page = existing.specific
            self.apply_values(page, values)
            self.save(page, spec, "sv", digest=digest, publish=True)
            self.summary.created.append(label)
            return page, "created"
        if spec.model is CoursePage:
            self.pending_course = (spec, existing, values, digest)
            return existing, "pending"
        return existing, self.update(existing, spec, "sv", values, digest, record, label)

    def update(self, page: Page, spec: PageSpec, language: str, values, digest: str, record, label: str) -> str:
        if self.changed_by_editor(page, record):
            self.summary.editor_changed.append(label)
            return "editor"
        page = page.specific
        self.apply_values(page, values)
        if spec.model is CoursePage:
            self.apply_rules(page, values["completion_rules"])
        self.save(page, spec, language, digest=digest, publish=False)
        self.summary.updated.append(label)
        return "updated"

    def changed_by_editor(self, page: Page, record: ImportedPage | None) -> bool:
        if self.force:
            return False
        return record is None or record.revision_id != page.latest_revision_id

    def save(self, page: Page, spec: PageSpec, language: str, *, digest: str, publish: bool) -> None:
        source = spec.sources[language]
        try:
            revision = page.save_revision(user=self.user, log_action=True)
        except Exception as error:
            raise _as_content_error(error, source) from error
        self.finish(page, revision, source.path, digest, publish)

    def finish(self, page: Page, revision, path: str, digest: str, publish: bool) -> None:
        if publish:
            revision.publish(user=self.user)
        else:
            self.submit(page)
        if digest:
            ImportedPage.objects.update_or_create(
                page=page, defaults={"source": path, "content_hash": digest, "revision": revision}
            )

    def submit(self, page: Page) -> None:
        """Send the new draft through the page's workflow (a reviewer approves and publishes)."""
        workflow = page.get_workflow()
        if workflow is None:
            if self.force:
                page.get_latest_revision().publish(user=self.user)
            return
        state = page.current_workflow_state
        if state is not None:
            state.cancel(user=self.user)
        workflow.start(page, self.user)

    # English -----------------------------------------------------------------------------

    def import_english(self, spec: PageSpec, sv_page: Page, sv_state: str) -> None:
        if sv_state == "pending":
            return
        if sv_state == "editor":
            # The Swedish page is an editor's now: its translation is theirs to update too.
            return
        key = translation_key(spec.key) if sv_page.translation_key is None else sv_page.translation_key
        values = self.with_images(spec, "en")
        sv_values = self.swedish_values(spec)
        digest = content_hash(spec.model._meta.label, values, content_hash(sv_values))
        existing = Page.objects.filter(translation_key=key, locale=self.en, alias_of__isnull=True).first()
        label = spec.sources["en"].path if spec.model is not CourseIndexPage else "(course index, English)"
        if existing is not None:
            record = ImportedPage.objects.filter(page=existing).first()
            if record is not None and record.content_hash == digest:
                self.summary.unchanged += 1
                return
            if self.changed_by_editor(existing, record):
                self.summary.editor_changed.append(label)
                return
        # Translate what the import wrote, not a draft an editor may have saved since.
        sv_record = ImportedPage.objects.filter(page=sv_page).select_related("revision").first()
        if sv_record is not None and sv_record.revision is not None:
            source_instance = sv_record.revision.as_object()
        else:
            source_instance = sv_page.specific.get_latest_revision_as_object()
        source, _created = TranslationSource.update_or_create_from_instance(source_instance)
        english = spec.model(locale=self.en, translation_key=key)
        self.apply_values(english, values)
        self.store_translations(source, source_instance, english, spec)
        Translation.objects.get_or_create(source=source, target_locale=self.en)
        try:
            page, _created = source.create_or_update_translation(self.en, user=self.user, publish=False)
        except Exception as error:
            raise _as_content_error(error, spec.sources["en"]) from error
        publish = existing is None or sv_state == "created"
        revision = page.get_latest_revision()
        self.finish(page, revision, spec.sources["en"].path, digest, publish)
        (self.summary.created if existing is None else self.summary.updated).append(label)

    def store_translations(self, source: TranslationSource, sv_instance: Page, english: Page, spec: PageSpec) -> None:
        """Store the English file's texts as the translations of the Swedish page's segments. The
        blocks of both files share their ids, so the segments line up path by path."""
        path = spec.sources["en"].path
        en_segments = extract_segments(english)
        en_strings = [segment for segment in en_segments if isinstance(segment, StringSegmentValue)]
        en_templates = [segment for segment in en_segments if isinstance(segment, TemplateSegmentValue)]
        en_overridables = [segment for segment in en_segments if isinstance(segment, OverridableSegmentValue)]
        sv_strings = list(
            StringSegment.objects.filter(source=source).select_related("string", "context").order_by("order")
        )
        sv_templates = list(
            TemplateSegment.objects.filter(source=source).select_related("template", "context").order_by("order")
        )
        lines = spec.lines.get("en", {})

        def mismatch(segment_path: str, what: str) -> TrainingContentError:
            line = next((line for block, line in lines.items() if block in segment_path), spec.sources["en"].body_line)
            return TrainingContentError([ContentError(path, line, f"{what} than the Swedish text ({segment_path})")])

        for sv_template, en_template in zip(sv_templates, en_templates, strict=False):
            if sv_template.context.path != en_template.path or sv_template.template.template != en_template.template:
                raise mismatch(en_template.path, "the English text has other paragraphs, list items or links")
        if len(sv_templates) != len(en_templates) or len(sv_strings) != len(en_strings):
            paths = [segment.path for segment in en_strings]
            sv_paths = [segment.context.path for segment in sv_strings]
            first = next((p for p, q in zip(paths, sv_paths, strict=False) if p != q), (paths or sv_paths or ["?"])[-1])
            raise mismatch(first, "the English text has other parts")
        for sv_segment, en_segment in zip(sv_strings, en_strings, strict=True):
            if sv_segment.context.path != en_segment.path:
                raise mismatch(en_segment.path, "the English text has other parts")
            translation, _created = StringTranslation.objects.update_or_create(
                translation_of=sv_segment.string,
                locale=self.en,
                context=sv_segment.context,
                defaults={
                    "data": en_segment.string.data,
                    "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
                    "tool_name": TOOL_NAME,
                    "has_error": False,
                    "field_error": "",
                },
            )
            if translation.has_error:
                raise mismatch(en_segment.path, "the English text has other links")
        sv_overridables = list(
            OverridableSegment.objects.filter(source=source).select_related("context").order_by("order")
        )
        by_path = {segment.path: segment for segment in en_overridables}
        for segment in sv_overridables:
            english_value = by_path.get(segment.context.path)
            if english_value is None:
                continue
            if english_value.data != segment.data:
                SegmentOverride.objects.update_or_create(
                    locale=self.en, context=segment.context, defaults={"data_json": json.dumps(english_value.data)}
                )
            else:
                SegmentOverride.objects.filter(locale=self.en, context=segment.context).delete()

    def finish_course(self) -> None:
        if self.pending_course is None:
            return
        spec, page, values, digest = self.pending_course
        label = spec.sources["sv"].path
        created = spec.key in self.created_now
        page = page.specific
        if not created:
            record = ImportedPage.objects.filter(page=page).first()
            if self.changed_by_editor(page, record):
                self.summary.editor_changed.append(label)
                return
        self.apply_values(page, values)
        self.apply_rules(page, values["completion_rules"])
        self.save(page, spec, "sv", digest=digest, publish=created)
        (self.summary.created if created else self.summary.updated).append(label)
        if created:
            # The English course was made before the rules were set: bring it up to this revision.
            ImportedPage.objects.filter(page__translation_key=page.translation_key, page__locale=self.en).update(
                content_hash=""
            )
            self.import_english(spec, page, "created")
            self.summary.updated.remove(spec.sources["en"].path)
        else:
            self.import_english(spec, page, "updated")


def _as_content_error(error: Exception, source: SourceFile) -> TrainingContentError:
    """A validation error of Wagtail or wagtail-localize while saving, reported against the file."""
    if isinstance(error, TrainingContentError):
        return error
    if isinstance(error, ContentProblem):
        return TrainingContentError([error.error])
    messages = getattr(error, "messages", None) or [str(error)]
    return TrainingContentError([ContentError(source.path, 1, "; ".join(str(message) for message in messages))])
