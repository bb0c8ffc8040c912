"""A course administrator adds an address to a cohort with the keyboard; the invited coordinator
signs up through the e-mailed link and is enrolled; the administrator finds them by searching for
their municipality and opens their page. Checked with axe-core on the way."""

import re
from urllib.parse import urlsplit

from django.core import mail
from django.urls import reverse

import pytest
from playwright.sync_api import Page, expect

from accounts.models import AdministratorScope, OrganisationType, ScopeKind
from enrolments.models import Cohort, Enrolment
from organisations.models import County, Municipality
from organisations.services import load_reference_data
from tests.factories import TOTPAuthenticatorFactory, UserFactory, build_course

from .conftest import axe_check, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "Lokal-Samverkan-2026!"
INVITED = "ny.samordnare@lund.example"


def _check(page: Page, name: str) -> None:
    screenshot(page, name)
    axe_check(page)


def test_an_invited_coordinator_signs_up_is_enrolled_and_is_found_by_municipality(browser_page: Page, sign_in, browser):
    from django.contrib.auth.models import Group

    load_reference_data()
    course = build_course(modules=1, lessons_per_module=2)
    cohort = Cohort.objects.create(course=course, name="Skåne hösten 2026")
    administrator = UserFactory(is_staff=True)
    administrator.groups.add(Group.objects.get(name="Kursadministratörer"))
    TOTPAuthenticatorFactory(user=administrator)
    AdministratorScope.objects.create(
        user=administrator, kind=ScopeKind.COUNTY, county=County.objects.get(name="Skåne län")
    )
    page = browser_page
    sign_in(page, administrator)

    page.goto(reverse("cohorts:add_learners", args=[cohort.pk]))
    page.get_by_label(re.compile("E-postadresser")).fill(INVITED)
    page.get_by_role("button", name="Lägg till deltagare").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#result-heading")).to_be_visible()
    expect(page.locator("main")).to_contain_text(INVITED)
    _check(page, "cohort-01-added")

    link = next(message for message in mail.outbox if INVITED in message.to)
    path = urlsplit(re.search(r"https?://\S+/inbjudan/\S+/", link.body).group(0)).path

    invitee = browser.new_context(base_url=page.url.split("/admin")[0], locale="sv-SE")
    coordinator = invitee.new_page()
    coordinator.goto(path)
    expect(coordinator.locator("input[name=email]")).to_have_value(INVITED)
    coordinator.fill("input[name=first_name]", "Nora")
    coordinator.fill("input[name=last_name]", "Nilsson")
    coordinator.fill("input[name=password1]", PASSWORD)
    coordinator.fill("input[name=password2]", PASSWORD)
    coordinator.locator("main form[method=post] button[type=submit]").click()
    expect(coordinator).not_to_have_url(re.compile(r"/accounts/signup/"))
    invitee.close()
    learner = Enrolment.objects.get(learner__email=INVITED, cohort=cohort).learner
    learner.organisation_type = OrganisationType.MUNICIPALITY
    learner.municipality = Municipality.objects.get(name="Lund")
    learner.save()

    page.goto(reverse("learners:index") + "?q=Lund")
    page.get_by_role("link", name="Nora Nilsson").click()
    expect(page.locator("main")).to_contain_text(course.title)
    expect(page.locator("main")).to_contain_text("Skåne hösten 2026")
    _check(page, "cohort-02-learner-page")
