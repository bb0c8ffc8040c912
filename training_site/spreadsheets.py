"""Cells of the CSV files the admin exports: text a learner typed never runs as a formula."""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value) -> str:
    """`value` as text; if a spreadsheet would read it as a formula, prefixed with an apostrophe so
    it stays text."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text
