"""After a load run: is every acknowledged quiz submission in the database exactly once, and is
nothing half-written? (python -m bench.load.check OUTCOME.json; prints JSON)"""

import json
import sys


def main() -> None:
    import django

    django.setup()

    from django.db.models import Count

    from enrolments.models import Enrolment, StepProgress
    from quizzes.models import QuizAttempt

    outcome = json.load(open(sys.argv[1]))  # noqa: SIM115
    acknowledged = outcome["acknowledged"]
    ids = [entry["attempt"] for entry in acknowledged]
    rows = {
        attempt.pk: attempt
        for attempt in QuizAttempt.objects.filter(pk__in=ids)
        .select_related("learner")
        .only("pk", "submitted_at", "score", "learner__email")
    }
    missing = [entry for entry in acknowledged if entry["attempt"] not in rows]
    not_submitted = [
        entry["attempt"]
        for entry in acknowledged
        if entry["attempt"] in rows and not rows[entry["attempt"]].submitted_at
    ]
    wrong_learner = [
        entry["attempt"]
        for entry in acknowledged
        if entry["attempt"] in rows and rows[entry["attempt"]].learner.email != entry["learner"]
    ]
    duplicates = QuizAttempt.objects.values("learner", "quiz", "number").annotate(n=Count("pk")).filter(n__gt=1).count()
    half_written = QuizAttempt.objects.filter(submitted_at__isnull=False, score__isnull=True).count()
    result = {
        "acknowledged_submissions": len(acknowledged),
        "distinct_acknowledged_attempts": len(set(ids)),
        "found_submitted_exactly_once": len(set(ids)) - len({*(e["attempt"] for e in missing), *not_submitted}),
        "missing": len(missing),
        "acknowledged_but_not_submitted": len(not_submitted),
        "attributed_to_another_learner": len(wrong_learner),
        "duplicate_attempt_numbers": duplicates,
        "submitted_without_score": half_written,
        "submitted_attempts_in_database": QuizAttempt.objects.filter(submitted_at__isnull=False).count(),
        "duplicate_enrolments": Enrolment.objects.values("learner", "course")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
        .count(),
        "duplicate_step_progress": StepProgress.objects.values("enrolment", "step")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
        .count(),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
