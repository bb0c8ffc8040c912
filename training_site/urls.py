from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from certificates import views as certificate_views

from . import views

handler500 = "training_site.views.server_error"

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    # Open Badges: the issuer's did:web document and the revocation list, at addresses that never move.
    path(".well-known/did.json", certificate_views.did_document, name="did_document"),
    path("credentials/status/revocation/", certificate_views.status_list, name="status_list"),
    # Every sign-in goes through allauth, the Wagtail admin's included.
    path("admin/login/", views.admin_login_redirect, name="wagtailadmin_login"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
]

urlpatterns += i18n_patterns(
    path("accounts/", include("allauth.urls")),
    path("", include("accounts.urls")),
    path("", include("enrolments.urls")),
    path("", include("certificates.urls")),
    path("", include("quizzes.urls")),
    path("", include("workbook.urls")),
    # Shadows Wagtail's front-end login (Django's plain LoginView) and keeps its URL name.
    path("_util/login/", views.front_end_login_redirect, name="wagtailcore_login"),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns = static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT) + urlpatterns
