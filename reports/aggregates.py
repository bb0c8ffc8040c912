from django.db.models import Aggregate, DurationField


class Median(Aggregate):
    """PostgreSQL's percentile_cont(0.5) over an interval; Django 5.2 has no median aggregate.

    Other databases have no such function: `reports.services` computes the median in Python there.
    """

    function = "PERCENTILE_CONT"
    name = "Median"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = DurationField()
    allow_distinct = False
