"""Certificates: PDF rendering per certificate and the public verification page.

One learner completes a course of 2 modules x 3 lessons, which issues a certificate; its PDF is
rendered 100 times unsealed (reportlab, DejaVu Sans embedded, QR code) and 100 times sealed (the
same plus pyHanko's PAdES signature with the P-256 seal: the cost of signing is the difference,
shown as × baseline), its Open Badges credential is built and signed (pyld canonicalisation and
Ed25519), and its verification page is requested anonymously. The verification rate limit is
lifted for the run.
"""

from http import HTTPStatus

from django.test import Client, override_settings

from certificates.services import build_credential, render_pdf, render_unsealed_pdf
from tests.factories import CourseIndexPageFactory, UserFactory, build_course, complete_course, swedish_home

from .timing import count_queries, measure

PDF_REPEAT = 100
PAGE_REPEAT = 300


def run() -> list[dict]:
    # All bench modules share one database: each builds its own course index (own slug).
    index = CourseIndexPageFactory(parent=swedish_home(), title="Kurser bench_certificates")
    course = build_course(modules=2, lessons_per_module=3, index=index)
    learner = UserFactory(first_name="Åsa-Märta", last_name="Öberg-Łukasz")
    certificate = complete_course(learner, course).certificate
    certificate.refresh_from_db()

    unsealed_size = len(render_unsealed_pdf(certificate))
    sealed_size = len(render_pdf(certificate))
    unsealed_median, unsealed_p95 = measure(lambda: render_unsealed_pdf(certificate), repeat=PDF_REPEAT, warmup=3)
    sealed_median, sealed_p95 = measure(lambda: render_pdf(certificate), repeat=PDF_REPEAT, warmup=3)
    credential_median, credential_p95 = measure(lambda: build_credential(certificate), repeat=PDF_REPEAT, warmup=3)
    rows = [
        {
            "name": "certificate PDF generation, unsealed",
            "median_ms": unsealed_median,
            "p95_ms": unsealed_p95,
            "ratio": 1.0,
            "queries": count_queries(lambda: render_unsealed_pdf(certificate)),
            "note": f"one A4 landscape page with QR code, {unsealed_size // 1024} KiB; baseline; median over {PDF_REPEAT}",
        },
        {
            "name": "certificate PDF generation, sealed",
            "median_ms": sealed_median,
            "p95_ms": sealed_p95,
            "ratio": sealed_median / unsealed_median,
            "queries": count_queries(lambda: render_pdf(certificate)),
            "note": (
                f"the same plus the PAdES B-B seal (P-256, keys cached per process), {sealed_size // 1024} KiB; "
                f"signing costs {sealed_median - unsealed_median:.1f} ms"
            ),
        },
        {
            "name": "Open Badges credential, built and signed",
            "median_ms": credential_median,
            "p95_ms": credential_p95,
            "queries": count_queries(lambda: build_credential(certificate)),
            "note": "URDNA2015 canonicalisation (pyld) of credential and proof, Ed25519",
        },
    ]

    client = Client()
    url = f"/verify/{certificate.verification_code}/"

    def verify():
        response = client.get(url)
        if response.status_code != HTTPStatus.OK:
            raise AssertionError(f"GET {url} answered {response.status_code}")

    def verify_json():
        response = client.get(url, headers={"accept": "application/json"})
        if response.status_code != HTTPStatus.OK:
            raise AssertionError(f"GET {url} (JSON) answered {response.status_code}")

    with override_settings(CERTIFICATE_VERIFICATIONS_PER_MINUTE=10**9):
        for name, fn, note in (
            ("certificate verification page", verify, "anonymous, HTML"),
            ("certificate verification JSON", verify_json, "anonymous, Accept: application/json"),
        ):
            median_ms, p95_ms = measure(fn, repeat=PAGE_REPEAT, warmup=20)
            queries = count_queries(fn)
            rows.append({"name": name, "median_ms": median_ms, "p95_ms": p95_ms, "queries": queries, "note": note})
    return rows
