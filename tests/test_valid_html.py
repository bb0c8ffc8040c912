"""Every page type a learner or visitor meets is valid HTML (see tests/html_validity.py), in both languages."""

from django.test import Client
from django.urls import reverse
from django.utils import translation

import pytest

from .html_validity import html_problems
from .site_tour import Target, build_site_tour

pytestmark = pytest.mark.django_db


def test_the_checker_catches_a_list_in_a_span_and_a_stray_end_tag():
    assert html_problems("<!DOCTYPE html><html lang=sv><title>x</title><p><span><ul><li>x</ul></span></p>")
    assert html_problems("<!DOCTYPE html><html lang=sv><title>x</title><div></span></div>")
    assert html_problems('<!DOCTYPE html><html lang=sv><title>x</title><i id="a"></i><b id="a"></b>')
    assert not html_problems("<!DOCTYPE html><html lang=sv><title>x</title><div><ul><li>x</ul></div>")


def tour_path(target: Target, language: str) -> str:
    """The path of `target` in `language` (pages of the tour are synchronised into English as aliases)."""
    if isinstance(target, tuple):
        with translation.override(language):
            return reverse(target[0], kwargs=target[1])
    return target if language == "sv" else f"/en{target}"


@pytest.mark.parametrize("language", ["sv", "en"])
def test_every_page_type_is_valid_html(learner, learner_client, language):
    tour = build_site_tour(learner)
    clients = {"learner": learner_client, "visitor": Client()}
    problems = {}
    for who, pages in tour.items():
        for name, target in pages.items():
            path = tour_path(target, language)
            response = clients[who].get(path, follow=True)
            assert response.status_code == 200, (name, path, response.status_code)
            found = html_problems(response.content.decode())
            if found:
                problems[f"{name} ({path})"] = found
    translation.activate("sv")
    assert problems == {}
