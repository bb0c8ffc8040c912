import csv
import io
from http import HTTPStatus

from django.urls import reverse

from wagtail.models import ModelLogEntry

import pytest
from openpyxl import load_workbook

from reports.models import ReportExport

pytestmark = pytest.mark.django_db


def _csv_rows(response) -> list[list[str]]:
    content = b"".join(response.streaming_content)
    assert content.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def test_the_learners_report_lists_every_enrolment_in_swedish_name_order(world, admin_client):
    response = admin_client.get(reverse("reports:learners"))

    assert response.status_code == HTTPStatus.OK
    names = [row.learner.last_name for row in response.context["object_list"]]
    assert names == ["Berg", "Ek", "Zetterberg", "Åberg", "Ängström", "Öberg"]


@pytest.mark.parametrize("term", ["åsa", "ÅSA", "öBERG", "ÅSA.ÖBERG@example"])
def test_the_learners_search_ignores_case_of_swedish_letters(world, admin_client, term):
    response = admin_client.get(reverse("reports:learners"), {"q": term})

    assert [row.learner.last_name for row in response.context["object_list"]] == ["Öberg"]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"status": "completed"}, ["Åberg", "Ängström", "Öberg"]),
        ({"status": "inactive"}, ["Berg", "Ek"]),
        ({"status": "active"}, ["Zetterberg"]),
        ({"organisation_type": "police"}, ["Berg", "Ängström"]),
    ],
)
def test_the_learners_report_filters(world, admin_client, filters, expected, settings):
    response = admin_client.get(reverse("reports:learners"), filters)

    assert [row.learner.last_name for row in response.context["object_list"]] == expected


def test_the_learners_report_filters_by_county(world, admin_client):
    from organisations.models import County

    skane = County.objects.get(code="12")
    response = admin_client.get(reverse("reports:learners"), {"county": skane.pk})

    assert [row.learner.last_name for row in response.context["object_list"]] == ["Zetterberg", "Ängström", "Öberg"]


def test_the_learners_report_shows_progress_and_certificate_columns(world, admin_client):
    response = admin_client.get(reverse("reports:learners"))
    rows = {row.learner.last_name: row for row in response.context["object_list"]}

    assert (rows["Zetterberg"].progress_percent, rows["Berg"].progress_percent, rows["Öberg"].progress_percent) == (
        50,
        25,
        100,
    )
    assert rows["Zetterberg"].municipality_name == "Malmö"
    assert (rows["Berg"].county_name, rows["Berg"].police_region_name) == ("Uppsala län", "Mitt")


def test_the_learners_csv_is_streamed_with_a_bom_and_the_report_headings(world, admin_client):
    response = admin_client.get(reverse("reports:learners"), {"export": "csv", "status": "completed"})

    rows = _csv_rows(response)
    assert rows[0][:3] == ["Efternamn", "Förnamn", "E-postadress"]
    assert [row[0] for row in rows[1:]] == ["Åberg", "Ängström", "Öberg"]
    assert rows[1][4:7] == ["Uppsala", "Uppsala län", "Mitt"]


def test_the_learners_xlsx_reads_back(world, admin_client):
    response = admin_client.get(reverse("reports:learners"), {"export": "xlsx"})

    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    values = list(sheet.values)
    assert values[0][0] == "Efternamn"
    assert [row[0] for row in values[1:]] == ["Berg", "Ek", "Zetterberg", "Åberg", "Ängström", "Öberg"]


@pytest.mark.parametrize("typed", ["=1+2", "+SUM(A1)", "-2+3", "@cmd", "\tx", "\rx"])
def test_a_typed_formula_is_neutralised_in_the_csv(world, admin_client, typed):
    learner = world.learners["Ek"]
    learner.first_name = typed
    learner.save()

    rows = _csv_rows(admin_client.get(reverse("reports:learners"), {"export": "csv", "q": "Ek"}))

    assert rows[1][1] == "'" + typed


def test_a_typed_formula_stays_text_in_the_xlsx(world, admin_client):
    learner = world.learners["Ek"]
    learner.first_name = '=HYPERLINK("http://example.com")'
    learner.save()

    response = admin_client.get(reverse("reports:learners"), {"export": "xlsx", "q": "Ek"})
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    cell = sheet.cell(row=2, column=2)

    assert (cell.value, cell.data_type) == ('=HYPERLINK("http://example.com")', "s")


def test_an_export_is_recorded_in_the_audit_log_with_its_filter(world, admin_client, admin_user):
    admin_client.get(reverse("reports:learners"), {"export": "csv", "status": "completed"})

    export = ReportExport.objects.get()
    entry = ModelLogEntry.objects.get(action="reports.export")
    assert (export.user, export.report, export.export_format, export.filters) == (
        admin_user,
        "learners",
        "csv",
        "status=completed",
    )
    assert (entry.user, entry.object_id, entry.data["filters"]) == (admin_user, str(export.pk), "status=completed")


def test_the_coverage_report_shows_the_headline_map_and_tables(world, admin_client):
    response = admin_client.get(reverse("reports:coverage"))
    html = response.content.decode()

    assert response.status_code == HTTPStatus.OK
    assert "1 av 290 kommuner har både en kommunal och en polisiär samordnare utbildad" in html
    assert html.count("<path ") == 290
    assert "<title>Lund: båda utbildade</title>" in html


def test_the_coverage_csv_has_one_row_per_municipality(world, admin_client):
    rows = _csv_rows(admin_client.get(reverse("reports:coverage"), {"export": "csv"}))
    lund = next(row for row in rows if row[0] == "1281")

    assert len(rows) == 291
    assert lund[1:] == ["Lund", "Skåne län", "Syd", "ja", "ja", "ja"]


def test_the_course_overview_page_shows_the_figures(world, admin_client):
    response = admin_client.get(reverse("reports:overview"), {"course": world.course.pk})

    assert response.status_code == HTTPStatus.OK
    assert response.context["overview"].enrolled == 6
    assert response.content.decode().count("<rect ") == 4


def test_the_home_page_panel_shows_the_numbers(world, admin_client):
    response = admin_client.get(reverse("wagtailadmin_home"))

    html = response.content.decode()
    assert reverse("reports:coverage") in html
    assert "Kommuner med båda samordnarna utbildade" in html


def test_a_course_administrator_without_a_scope_sees_no_learner(world, client, staff_member):
    administrator = staff_member("Kursadministratörer", is_staff=True)
    client.force_login(administrator)

    response = client.get(reverse("reports:learners"))
    rows = _csv_rows(client.get(reverse("reports:learners"), {"export": "csv"}))

    assert response.status_code == HTTPStatus.OK
    assert list(response.context["object_list"]) == []
    assert len(rows) == 1


def test_an_editor_may_not_see_the_reports(world, client, staff_member):
    client.force_login(staff_member("Redaktörer", is_staff=True))

    response = client.get(reverse("reports:learners"))

    assert response.status_code == HTTPStatus.FOUND
    assert response.url == reverse("wagtailadmin_home")


def test_each_learners_row_links_to_the_learners_page(world, admin_client):
    html = admin_client.get(reverse("reports:learners")).content.decode()

    for learner in world.learners.values():
        assert reverse("learners:inspect", args=[learner.pk]) in html
