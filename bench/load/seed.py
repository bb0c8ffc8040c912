"""Load scripts: create the learners and write what the locustfile needs (python -m bench.load.seed OUT N)."""

import json
import sys


def main() -> None:
    import django

    django.setup()

    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.auth.hashers import make_password
    from django.contrib.sessions.backends.cached_db import SessionStore

    from allauth.account.models import EmailAddress

    from accounts.models import User
    from courses.models import CoursePage, LessonPage
    from quizzes.models import QuizPage

    out, count = sys.argv[1], int(sys.argv[2])
    course = CoursePage.objects.live().filter(locale__language_code="sv").first()
    lessons = LessonPage.objects.live().descendant_of(course).filter(locale=course.locale).order_by("path")
    quizzes = QuizPage.objects.live().descendant_of(course).filter(locale=course.locale).order_by("path")
    password = "bench-load-password-1"  # noqa: S105 - throwaway accounts in a throwaway cluster
    hashed = make_password(password)  # once: the production hasher is slow on purpose
    learners = []
    for number in range(count):
        email = f"learner{number:04d}@bench.invalid"
        user, created = User.objects.get_or_create(
            email=email, defaults={"first_name": "Bench", "last_name": f"Learner {number}"}
        )
        if created:
            user.password = hashed
            user.save(update_fields=["password"])
            EmailAddress.objects.get_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
        # Signed in already (a session as Django's login() leaves it), so the run measures learners
        # at work rather than 200 simultaneous password checks; the locustfile signs in again
        # through allauth only if a session is lost.
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        learners.append({"email": email, "session": session.session_key})
    state = {
        "password": password,
        "learners": learners,
        "course_id": course.pk,
        "lessons": [{"id": page.pk, "url": page.url} for page in lessons],
        "quizzes": [{"id": page.pk, "url": page.url} for page in quizzes],
    }
    with open(out, "w") as handle:
        json.dump(state, handle)
    print(f"{len(learners)} learners, {len(state['lessons'])} lessons, {len(state['quizzes'])} quizzes")


if __name__ == "__main__":
    main()
