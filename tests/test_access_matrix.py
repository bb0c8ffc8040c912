"""Who reaches what: every URL of the project's own apps, for every role, answers as the table says.

The URL names come from the URL configuration (the project's apps under i18n_patterns and at the
root, and what the project's apps register into the Wagtail admin), so a new URL without an entry
here fails `test_every_url_has_an_entry`, and an entry whose URL is gone fails too.

To add an entry: put the URL name in KWARGS with a function that builds its kwargs from the world
(`lambda w: {"pk": w.learner.pk}`), and in EXPECTED with the status each role should get, in ROLES
order: anonymous, learner, paired learner, other learner, editor, reviewer, administrator of
another county, national administrator (the named tuples such as ADMINISTRATORS cover most). GET
only; a view that only takes POST answers 405 (or, when it signs visitors in first, 302 for the
anonymous). Pages behind reauthentication go in REAUTHENTICATE too.
"""

import re
from dataclasses import dataclass
from http import HTTPStatus

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.resolvers import LocalePrefixPattern

from wagtail import hooks

import pytest

from accounts.models import AdministratorScope, OrganisationType, ScopeKind
from courses.models import LessonPage
from enrolments.models import Cohort, CohortInvitation
from enrolments.services import enrol_learner, form_pair, invite_partner
from organisations.models import County, Municipality
from organisations.services import load_reference_data
from quizzes.services import start_attempt
from tests.factories import (
    MunicipalLearnerFactory,
    PoliceLearnerFactory,
    TOTPAuthenticatorFactory,
    UserFactory,
    build_assignment,
    build_course,
    build_quiz,
    complete_course,
)
from workbook.services import request_document, save_answer, store_document

PROJECT_APPS = {
    "accounts",
    "certificates",
    "courses",
    "enrolments",
    "organisations",
    "quizzes",
    "reports",
    "training_site",
    "workbook",
}

ROLES = ["anonymous", "learner", "paired", "other", "editor", "reviewer", "county_admin", "national_admin"]


def _walk(patterns, namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _walk(pattern.url_patterns, inner)
        else:
            # An unnamed URL cannot have an entry: it shows up as missing, by its route.
            yield namespace + (pattern.name or f"<unnamed {pattern.pattern}>"), pattern


def _is_project(module: str) -> bool:
    return module.split(".")[0] in PROJECT_APPS


def front_end_names() -> set[str]:
    """Named URLs at the root and under the language prefix whose view lives in a project app."""
    names = set()
    for pattern in get_resolver().url_patterns:
        if isinstance(pattern, URLResolver) and isinstance(pattern.pattern, LocalePrefixPattern):
            candidates = list(_walk(pattern.url_patterns))
        elif isinstance(pattern, URLPattern):
            candidates = [(pattern.name, pattern)]
        else:
            continue  # Wagtail's admin (its project parts come from the hooks) and documents
        names |= {name for name, url in candidates if name and _is_project(url.lookup_str)}
    return names


def admin_names() -> set[str]:
    """What the project's apps register into the Wagtail admin: URLs and viewsets."""
    names = set()
    for hook in hooks.get_hooks("register_admin_urls"):
        if _is_project(hook.__module__):
            names |= {name for name, _url in _walk(hook())}
    for hook in hooks.get_hooks("register_admin_viewset"):
        if _is_project(hook.__module__):
            viewset = hook()
            names |= {name for name, _url in _walk(viewset.get_urlpatterns(), f"{viewset.name}:")}
    return names


@dataclass
class World:
    users: dict
    course: object
    lesson: object
    quiz: object
    attempt: object
    answer: object
    document: object
    certificate: object
    pair: object
    pair_invitation: object
    cohort: object
    cohort_invitation: object
    scope: object

    @property
    def learner(self):
        return self.users["learner"]


def _staff(group: str, **fields):
    """What the `staff_member` fixture makes (a group member with the authenticator app), for a
    module-scoped world, which function-scoped fixtures cannot build."""
    user = UserFactory(**fields)
    user.groups.add(Group.objects.get(name=group))
    TOTPAuthenticatorFactory(user=user)
    return user


def _build_world() -> World:
    load_reference_data()
    course = build_course(modules=2, lessons_per_module=1)
    quiz = build_quiz(course)
    assignment = build_assignment(course)
    certified_course = build_course(modules=1, lessons_per_module=1, index=course.get_parent().specific)
    learner = MunicipalLearnerFactory()  # Stockholm, Stockholms län
    paired = PoliceLearnerFactory()  # Stockholm too
    other = UserFactory(
        organisation_type=OrganisationType.MUNICIPALITY, municipality=Municipality.objects.get(name="Lund")
    )
    cohort = Cohort.objects.create(course=course, name="Hösten")
    for member in (learner, paired, other):
        enrol_learner(learner=member, course=course, cohort=cohort)
    pair = form_pair(course=course, first=learner, second=paired)
    third = PoliceLearnerFactory(municipality=other.municipality)
    enrol_learner(learner=third, course=course, cohort=cohort)
    pair_invitation = invite_partner(inviter=other, course=course, email=third.email)
    attempt, _created = start_attempt(learner=learner, quiz=quiz)
    answer = save_answer(
        author=learner, assignment=assignment, fields={"f0": "Vår lägesbild"}, base_version=0, submit=True
    )
    document = store_document(document_id=request_document(learner=learner, course=course, language="sv").pk)
    certificate = complete_course(learner, certified_course).certificate
    county_admin = _staff("Kursadministratörer")
    scope = AdministratorScope.objects.create(
        user=county_admin, kind=ScopeKind.COUNTY, county=County.objects.get(name="Skåne län")
    )
    national_admin = _staff("Kursadministratörer")
    AdministratorScope.objects.create(user=national_admin, kind=ScopeKind.NATIONAL)
    lesson = LessonPage.objects.descendant_of(course).first()
    return World(
        users={
            "anonymous": None,
            "learner": learner,
            "paired": paired,
            "other": other,
            "editor": _staff("Redaktörer"),
            "reviewer": _staff("Granskare"),
            "county_admin": county_admin,
            "national_admin": national_admin,
        },
        course=course,
        lesson=lesson,
        quiz=quiz,
        attempt=attempt,
        answer=answer,
        document=document,
        certificate=certificate,
        pair=pair,
        pair_invitation=pair_invitation,
        cohort=cohort,
        cohort_invitation=CohortInvitation.objects.create(cohort=cohort, email="ny@example.com"),
        scope=scope,
    )


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Built once for the module inside a transaction that is rolled back at its end; each test runs
    in a savepoint within it, so what a GET changes (an invitation accepted) is undone after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield _build_world()
        transaction.set_rollback(True)


def none(w):
    return {}


def user(w):
    return {"user_id": w.learner.pk}


def enrolment(w):
    return {"enrolment_id": w.certificate.enrolment_id}


def document(w):
    return {"document_id": w.document.pk}


def code(w):
    return {"code": w.certificate.verification_code}


def course(w):
    return {"course_id": w.course.pk}


def pk(attribute):
    return lambda w: {"pk": getattr(w, attribute).pk}


KWARGS = {
    "healthz": none,
    "did_document": none,
    "status_list": none,
    "wagtailadmin_login": none,
    "wagtailcore_login": none,
    "accounts:profile": none,
    "accounts:personal_data": none,
    "accounts:export": none,
    "accounts:delete": none,
    "enrolments:dashboard": none,
    "enrolments:enrol": course,
    "enrolments:complete_step": lambda w: {"page_id": w.lesson.pk},
    "enrolments:invitation": lambda w: {"token": w.cohort_invitation.token},
    "enrolments:join_cohort": none,
    "enrolments:invite_partner": course,
    "enrolments:accept_invitation": lambda w: {"invitation_id": w.pair_invitation.pk},
    "enrolments:leave_pair": lambda w: {"pair_id": w.pair.pk},
    "certificates:verify_serial": none,
    "certificates:verify": code,
    "certificates:credential": code,
    "certificates:detail": enrolment,
    "certificates:download": enrolment,
    "certificates:download_credential": enrolment,
    "quizzes:start": lambda w: {"page_id": w.quiz.pk},
    "quizzes:attempt": lambda w: {"attempt_id": w.attempt.pk},
    "quizzes:submit": lambda w: {"attempt_id": w.attempt.pk},
    "workbook:save": lambda w: {"page_id": w.answer.assignment_id},
    "workbook:history": lambda w: {"answer_id": w.answer.pk},
    "workbook:request_document": course,
    "workbook:document": document,
    "workbook:download_pdf": document,
    "workbook:download_docx": document,
    # The Wagtail admin
    "accounts_admin:personal_data": user,
    "accounts_admin:personal_data_json": user,
    "courses_outdated_translations": none,
    "courses_outdated_translations_results": none,
    "enrolments_pairs": none,
    "quizzes_results": none,
    "quizzes_results_results": none,
    "quizzes_results_detail": lambda w: {"quiz_id": w.quiz.pk},
    "quizzes_attempts": none,
    "quizzes_attempts_results": none,
    "reports:overview": none,
    "reports:overview_results": none,
    "reports:learners": none,
    "reports:learners_results": none,
    "reports:coverage": none,
    "reports:coverage_results": none,
    "workbook_review": none,
    "workbook_review_detail": lambda w: {"answer_id": w.answer.pk},
}
VIEWSET_VIEWS = ("index", "index_results", "add", "edit", "delete", "history", "history_results", "usage")

for _viewset, _object in [
    ("administrator_scopes", "scope"),
    ("cohorts", "cohort"),
    ("learners", "learner"),
    ("certificate_admin", "certificate"),
]:
    for _view in ("index", "index_results", "add"):
        KWARGS[f"{_viewset}:{_view}"] = none
    for _view in ("edit", "delete", "history", "history_results", "usage"):
        KWARGS[f"{_viewset}:{_view}"] = pk(_object)
KWARGS.update(
    {
        "cohorts:inspect": pk("cohort"),
        "cohorts:add_learners": pk("cohort"),
        "learners:inspect": pk("learner"),
        "certificate_admin:inspect": pk("certificate"),
        "certificate_admin:revoke": pk("certificate"),
        "certificate_admin:reinstate": pk("certificate"),
    }
)


# Statuses in ROLES order: anonymous, learner, paired, other, editor, reviewer, county_admin, national_admin.
PUBLIC = (200,) * 8
SIGNED_IN = (302, 200, 200, 200, 200, 200, 200, 200)
POST_ONLY = (302, 405, 405, 405, 405, 405, 405, 405)  # login_required before require_POST
REDIRECTS = (302,) * 8
NOBODY = (302,) * 8  # the admin sends those without the permission to its dashboard (or to sign in)
ADMINISTRATORS = (302, 302, 302, 302, 302, 302, 200, 200)
RESULTS = (302, 302, 302, 302, 200, 200, 200, 200)  # aggregate item analysis: editors and reviewers too
EDITORIAL = (302, 302, 302, 302, 200, 200, 302, 302)
OWN_CERTIFICATE = (302, 200, 404, 404, 404, 404, 404, 200)  # and the administrators in scope
JOINT_DOCUMENT = (302, 200, 200, 404, 404, 404, 404, 200)  # the pair, and the reviewers in scope
NATIONAL_ONLY_OBJECT = (302, 302, 302, 302, 302, 302, 404, 200)  # the learner lies outside the county admin's scope

EXPECTED = {
    "healthz": PUBLIC,
    "did_document": PUBLIC,
    "status_list": PUBLIC,
    "wagtailadmin_login": REDIRECTS,
    "wagtailcore_login": REDIRECTS,
    "accounts:profile": SIGNED_IN,
    "accounts:personal_data": SIGNED_IN,
    "accounts:export": SIGNED_IN,
    "accounts:delete": SIGNED_IN,
    "enrolments:dashboard": SIGNED_IN,
    "enrolments:enrol": POST_ONLY,
    "enrolments:complete_step": POST_ONLY,
    # The token is the proof: signed in, it enrols and sends to the dashboard; otherwise to sign-up.
    "enrolments:invitation": REDIRECTS,
    "enrolments:join_cohort": POST_ONLY,
    "enrolments:invite_partner": POST_ONLY,
    "enrolments:accept_invitation": POST_ONLY,
    "enrolments:leave_pair": POST_ONLY,
    "certificates:verify_serial": PUBLIC,
    "certificates:verify": PUBLIC,
    "certificates:credential": PUBLIC,
    "certificates:detail": OWN_CERTIFICATE,
    "certificates:download": OWN_CERTIFICATE,
    "certificates:download_credential": OWN_CERTIFICATE,
    "quizzes:start": POST_ONLY,
    "quizzes:attempt": (302, 200, 404, 404, 404, 404, 404, 404),  # an attempt is its learner's alone
    "quizzes:submit": POST_ONLY,
    "workbook:save": POST_ONLY,
    "workbook:history": (302, 200, 200, 404, 404, 404, 404, 404),  # the pair's; reviewers see the review page
    "workbook:request_document": POST_ONLY,
    "workbook:document": JOINT_DOCUMENT,
    "workbook:download_pdf": JOINT_DOCUMENT,
    "workbook:download_docx": JOINT_DOCUMENT,
    # The Wagtail admin. Personal data is for those with accounts.view_user (superusers).
    "accounts_admin:personal_data": NOBODY,
    "accounts_admin:personal_data_json": NOBODY,
    "courses_outdated_translations": EDITORIAL,
    "courses_outdated_translations_results": EDITORIAL,
    "enrolments_pairs": ADMINISTRATORS,
    "quizzes_results": RESULTS,
    "quizzes_results_results": RESULTS,
    "quizzes_results_detail": RESULTS,
    "quizzes_attempts": ADMINISTRATORS,
    "quizzes_attempts_results": ADMINISTRATORS,
    "reports:overview": ADMINISTRATORS,
    "reports:overview_results": ADMINISTRATORS,
    "reports:learners": ADMINISTRATORS,
    "reports:learners_results": ADMINISTRATORS,
    "reports:coverage": ADMINISTRATORS,
    "reports:coverage_results": ADMINISTRATORS,
    "workbook_review": ADMINISTRATORS,
    "workbook_review_detail": NATIONAL_ONLY_OBJECT,
    # Superusers only: the scopes themselves.
    **{f"administrator_scopes:{view}": NOBODY for view in VIEWSET_VIEWS},
    # Cohorts hold no learner's data (a count only): every administrator manages them; none deletes one.
    **{f"cohorts:{view}": ADMINISTRATORS for view in VIEWSET_VIEWS},
    "cohorts:delete": NOBODY,
    "cohorts:inspect": ADMINISTRATORS,
    "cohorts:add_learners": ADMINISTRATORS,
    # Learners are listed and inspected in scope; accounts are made by signing up, edited in Users.
    **{f"learners:{view}": NOBODY for view in VIEWSET_VIEWS},
    "learners:index": ADMINISTRATORS,
    "learners:index_results": ADMINISTRATORS,
    "learners:inspect": NATIONAL_ONLY_OBJECT,
    # Certificates are issued by the completion service, never added, edited or deleted in the admin.
    **{f"certificate_admin:{view}": NOBODY for view in VIEWSET_VIEWS},
    "certificate_admin:index": ADMINISTRATORS,
    "certificate_admin:index_results": ADMINISTRATORS,
    "certificate_admin:inspect": NATIONAL_ONLY_OBJECT,
    "certificate_admin:history": NATIONAL_ONLY_OBJECT,
    "certificate_admin:history_results": NATIONAL_ONLY_OBJECT,
    "certificate_admin:revoke": NATIONAL_ONLY_OBJECT,
    "certificate_admin:reinstate": NATIONAL_ONLY_OBJECT,
}

# Whose data each role may see: the learner and their partner each other's, the county
# administrator the learner in Skåne, the national administrator everyone's.
SEES = {
    "anonymous": set(),
    "learner": {"learner", "paired"},
    "paired": {"learner", "paired"},
    "other": {"other"},
    "editor": set(),
    "reviewer": set(),
    "county_admin": {"other"},
    "national_admin": {"learner", "paired", "other"},
}


# Pages behind allauth's reauthentication: the role confirms its password first, as it would.
REAUTHENTICATE = {"accounts:personal_data", "accounts:export", "accounts:delete"}


def sign_in(client, user, *, reauthenticate: bool) -> None:
    client.force_login(user)
    if reauthenticate:
        response = client.post(reverse("account_reauthenticate"), {"password": "correct-horse-battery"})
        assert response.status_code == HTTPStatus.FOUND, response.content


def test_every_url_has_an_entry():
    names = front_end_names() | admin_names()
    assert not names - set(EXPECTED), "URLs without an entry in the access matrix"
    assert not set(EXPECTED) - names, "entries for URLs that no longer exist"
    assert set(KWARGS) == set(EXPECTED)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_access(world, client, name, role):
    url = reverse(name, kwargs=KWARGS[name](world))
    if world.users[role] is not None:
        sign_in(client, world.users[role], reauthenticate=name in REAUTHENTICATE)
    response = client.get(url)
    assert response.status_code == EXPECTED[name][ROLES.index(role)], url
    if response.status_code == HTTPStatus.OK and not response.streaming:
        content = response.content.decode(errors="replace")
        for hidden in {"learner", "paired", "other"} - SEES[role]:
            assert not re.search(rf"\b{re.escape(world.users[hidden].email)}\b", content), (url, hidden)


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["accounts_admin:personal_data", "accounts_admin:personal_data_json"])
@pytest.mark.parametrize(
    ("role", "subject", "status"),
    [
        ("county_admin", "other", HTTPStatus.OK),
        ("county_admin", "learner", HTTPStatus.NOT_FOUND),
        ("national_admin", "learner", HTTPStatus.OK),
    ],
)
def test_personal_data_given_to_administrators_stays_in_their_scope(world, client, name, role, subject, status):
    """A group given accounts.view_user sees the personal data of its scope's learners only."""
    administrator = world.users[role]
    administrator.user_permissions.add(Permission.objects.get(content_type__app_label="accounts", codename="view_user"))
    client.force_login(administrator)
    response = client.get(reverse(name, kwargs={"user_id": world.users[subject].pk}))
    assert response.status_code == status


@pytest.mark.django_db
def test_the_address_check_would_see_a_learner(world, client):
    """The lists show learners' addresses, so the check in test_access bites when a scope leaks."""
    client.force_login(world.users["national_admin"])
    content = client.get(reverse("learners:index")).content.decode()
    for role in ("learner", "paired", "other"):
        assert world.users[role].email in content


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(name for name, statuses in EXPECTED.items() if statuses == PUBLIC))
def test_public_pages_answer_head(world, client, name):
    """Monitors and link checkers ask with HEAD."""
    assert client.head(reverse(name, kwargs=KWARGS[name](world))).status_code == HTTPStatus.OK
