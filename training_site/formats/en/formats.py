"""English dates as the site writes them: day, month, year and a 24-hour clock ("26 November 2026,
14:05"), the same order as in Swedish, instead of Django's US defaults ("Nov. 26, 2026, 2:05 p.m.")."""

DATE_FORMAT = "j F Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATE_FORMAT = "j M Y"
SHORT_DATETIME_FORMAT = "j M Y, H:i"
MONTH_DAY_FORMAT = "j F"
YEAR_MONTH_FORMAT = "F Y"
FIRST_DAY_OF_WEEK = 1
