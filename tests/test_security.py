import hashlib
from http import HTTPStatus

from django.contrib.auth.models import Group

from wagtail.models import Page, PagePermissionTester
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

import pytest

from courses.models import CoursePage, LessonPage, ModulePage

from .factories import CourseIndexPageFactory, UserFactory, lessons_of, swedish_home

pytestmark = pytest.mark.django_db

GROUPS = ["Redaktörer", "Granskare", "Kursadministratörer"]


def _csp(response) -> dict[str, list[str]]:
    policy = {}
    for directive in response["Content-Security-Policy"].split(";"):
        name, *values = directive.split()
        policy[name] = values
    return policy


@pytest.fixture
def editor(staff_member):
    return staff_member("Redaktörer")


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


# Sign-in goes through allauth


def test_admin_redirects_anonymous_users_to_the_allauth_login(client):
    response = client.get("/admin/")

    assert response.status_code == HTTPStatus.FOUND
    assert response.url == "/accounts/login/?next=/admin/"


def test_wagtail_login_page_redirects_to_the_allauth_login(client):
    response = client.get("/admin/login/?next=/admin/pages/")

    assert response.status_code == HTTPStatus.FOUND
    assert response.url.startswith("/accounts/login/")
    assert "next=/admin/pages/" in response.url


def test_wagtail_login_form_does_not_sign_anyone_in(client, editor):
    client.post("/admin/login/", {"username": editor.email, "password": "correct-horse-battery"})

    assert "_auth_user_id" not in client.session


def test_wagtail_password_reset_is_off(client):
    assert client.get("/admin/password_reset/").status_code == HTTPStatus.NOT_FOUND


def test_learner_without_a_group_cannot_reach_the_admin(learner_client):
    response = learner_client.get("/admin/")

    assert response.status_code in (HTTPStatus.FOUND, HTTPStatus.FORBIDDEN)
    assert response.status_code != HTTPStatus.OK


# Groups


@pytest.mark.parametrize("name", GROUPS)
def test_group_exists_with_admin_access(name):
    group = Group.objects.get(name=name)

    assert group.permissions.filter(content_type__app_label="wagtailadmin", codename="access_admin").exists()


def test_reviewers_can_publish_and_editors_cannot(db):
    course_index = CourseIndexPageFactory(parent=swedish_home())
    editor = UserFactory()
    editor.groups.add(Group.objects.get(name="Redaktörer"))
    reviewer = UserFactory()
    reviewer.groups.add(Group.objects.get(name="Granskare"))

    assert PagePermissionTester(reviewer, course_index).can_publish()
    assert not PagePermissionTester(editor, course_index).can_publish()
    assert PagePermissionTester(editor, course_index).can_edit()


def test_editor_reaches_the_admin(editor_client):
    assert editor_client.get("/admin/").status_code == HTTPStatus.OK


def test_editor_creates_a_course_module_and_lesson_in_the_admin(editor_client):
    index = CourseIndexPageFactory(parent=swedish_home())

    response = editor_client.post(
        f"/admin/pages/add/courses/coursepage/{index.pk}/",
        nested_form_data(
            {
                "title": "Lokal lägesbild",
                "slug": "lokal-lagesbild",
                "summary": "Hur man tar fram en lägesbild.",
                "description": rich_text("<p>Kursen i korthet.</p>"),
                "audience": "Samordnare",
                "estimated_hours": "",
                "reminder_days": 14,
                "completion_rules": inline_formset([]),
            }
        ),
    )
    assert response.status_code == HTTPStatus.FOUND, response.context["form"].errors
    course = CoursePage.objects.get(slug="lokal-lagesbild", locale__language_code="sv")

    response = editor_client.post(
        f"/admin/pages/add/courses/modulepage/{course.pk}/",
        nested_form_data({"title": "Modul 1", "slug": "modul-1", "summary": "Grunderna.", "objectives": rich_text("")}),
    )
    assert response.status_code == HTTPStatus.FOUND, response.context["form"].errors
    module = ModulePage.objects.get(slug="modul-1", locale__language_code="sv")

    response = editor_client.post(
        f"/admin/pages/add/courses/lessonpage/{module.pk}/",
        nested_form_data(
            {
                "title": "Vad är en lägesbild?",
                "slug": "vad-ar-en-lagesbild",
                "summary": "Begreppet.",
                "estimated_minutes": "10",
                "body": streamfield(
                    [
                        ("paragraph", rich_text("<p>En lägesbild beskriver brottsligheten.</p>")),
                        ("heading", {"text": "Källor", "level": "h2"}),
                        ("quote", {"quote": "Samverkan lönar sig.", "attribution": "Brå"}),
                        ("reflection", {"question": "Vilka källor har ni?", "guidance": ""}),
                    ]
                ),
            }
        ),
    )
    assert response.status_code == HTTPStatus.FOUND, response.context["form"].errors

    lesson = LessonPage.objects.get(slug="vad-ar-en-lagesbild", locale__language_code="sv")
    assert not lesson.live
    assert [block.block_type for block in lesson.get_latest_revision_as_object().body] == [
        "paragraph",
        "heading",
        "quote",
        "reflection",
    ]


def test_editor_cannot_publish_from_the_admin(editor_client):
    index = CourseIndexPageFactory(parent=swedish_home())

    editor_client.post(
        f"/admin/pages/add/courses/coursepage/{index.pk}/",
        nested_form_data(
            {
                "title": "Publiceringsförsök",
                "slug": "publiceringsforsok",
                "summary": "Test.",
                "description": rich_text(""),
                "reminder_days": 14,
                "completion_rules": inline_formset([]),
                "action-publish": "action-publish",
            }
        ),
    )

    assert not Page.objects.filter(slug="publiceringsforsok", live=True).exists()
    assert Page.objects.filter(slug="publiceringsforsok").exists()


def test_editor_previews_a_lesson(editor_client, course):
    lesson = lessons_of(course)[0]
    preview_url = f"/admin/pages/{lesson.pk}/edit/preview/"
    data = nested_form_data(
        {
            "title": lesson.title,
            "slug": lesson.slug,
            "summary": "Förhandsvisning.",
            "estimated_minutes": "",
            "body": streamfield([("paragraph", rich_text("<p>Text i förhandsvisningen.</p>"))]),
        }
    )

    response = editor_client.post(preview_url, data)
    assert response.json()["is_valid"] is True
    response = editor_client.get(preview_url)

    assert response.status_code == HTTPStatus.OK
    assert "Text i förhandsvisningen." in response.content.decode()


# Headers


def test_public_pages_have_a_strict_content_security_policy(client, course):
    policy = _csp(client.get(course.url))

    assert "'unsafe-inline'" not in policy["script-src"]
    assert "'unsafe-inline'" not in policy["style-src"]
    assert "'unsafe-eval'" not in policy["script-src"]
    assert policy["frame-ancestors"] == ["'self'"]
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]


def test_account_pages_have_the_strict_policy(client, db):
    policy = _csp(client.get("/accounts/login/"))

    assert "'unsafe-inline'" not in policy["script-src"]


def test_admin_pages_get_the_admin_policy(editor_client):
    policy = _csp(editor_client.get("/admin/"))

    assert "'unsafe-inline'" in policy["script-src"]
    assert policy["frame-ancestors"] == ["'self'"]


def test_public_templates_contain_no_inline_script_or_style(client, course):
    content = client.get(lessons_of(course)[0].url).content.decode()

    assert "<script>" not in content
    assert "<style" not in content
    assert " style=" not in content


@pytest.mark.parametrize("path", ["/", "/accounts/login/", "/healthz"])
def test_security_headers_on_responses(client, course, path):
    response = client.get(path)

    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "SAMEORIGIN"


def test_editor_previews_a_lesson_of_an_unpublished_course(editor_client, course):
    lesson = lessons_of(course)[0]
    course.unpublish()

    response = editor_client.get(f"/admin/pages/{lesson.pk}/view_draft/")

    assert response.status_code == HTTPStatus.OK
    assert "Brott är inte jämnt fördelade över kommunen." in response.content.decode()


def test_the_admin_sends_no_staff_email_hash_to_gravatar(editor_client, editor):
    email_hash = hashlib.md5(editor.email.encode(), usedforsecurity=False).hexdigest()

    content = editor_client.get("/admin/").content.decode()

    assert "gravatar" not in content
    assert email_hash not in content
