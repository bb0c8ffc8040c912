"""URL path converters shared by the apps' URL patterns (registered in CoursesConfig.ready)."""

from django.urls.converters import IntConverter

# The largest value of a signed 64-bit integer, the widest id column of any supported database.
MAX_ID = 2**63 - 1


class IdConverter(IntConverter):
    """A database id: an `int` that fits the id columns, so a longer number answers 404, not 500.

    SQLite refuses to compare a column with an integer wider than 64 bits (OverflowError).
    """

    def to_python(self, value: str) -> int:
        number = int(value)
        if number > MAX_ID:
            raise ValueError(value)
        return number
