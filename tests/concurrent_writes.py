"""Twenty learners at once enrol, mark a lesson done, start and submit a quiz, against the SQLite file
database that DATABASE_URL names (already migrated). Run in its own process by
tests/test_sqlite_concurrency.py, since the suite's own SQLite database lives in memory, where WAL
and busy timeouts do not apply. Prints the status codes of each round as JSON."""

import json
import threading
from collections.abc import Callable

import django

LEARNERS = 20


def _at_once(clients: list, request: Callable) -> list[int]:
    """Send `request(client, index)` from every client at the same moment; the status code of each."""
    from django.db import connection

    barrier = threading.Barrier(len(clients))
    statuses = [0] * len(clients)

    def send(index: int) -> None:
        barrier.wait()
        try:
            statuses[index] = request(clients[index], index).status_code
        finally:
            connection.close()

    threads = [threading.Thread(target=send, args=(index,)) for index in range(len(clients))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses


def main() -> None:
    django.setup()
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.urls import reverse

    from quizzes.models import QuizAttempt
    from tests.factories import UserFactory, build_course, build_quiz, lessons_of
    from tests.quizzes.helpers import as_post, correct_answers

    setup_test_environment()
    course = build_course(modules=1, lessons_per_module=1)
    quiz = build_quiz(course)
    lesson = lessons_of(course)[0]
    learners = [UserFactory() for _ in range(LEARNERS)]
    clients = []
    for learner in learners:
        client = Client(raise_request_exception=False)
        client.force_login(learner)
        clients.append(client)

    def submit(client, index: int):
        attempt = QuizAttempt.objects.get(learner=learners[index])
        return client.post(reverse("quizzes:submit", args=[attempt.pk]), as_post(correct_answers(attempt)))

    rounds = {
        "enrol": lambda client, index: client.post(reverse("enrolments:enrol", args=[course.pk])),
        "mark done": lambda client, index: client.post(reverse("enrolments:complete_step", args=[lesson.pk])),
        "start quiz": lambda client, index: client.post(reverse("quizzes:start", args=[quiz.pk])),
        "submit quiz": submit,
    }
    print(json.dumps({name: _at_once(clients, request) for name, request in rounds.items()}))  # noqa: T201


if __name__ == "__main__":
    main()
