from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.urls import register_converter
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Courses")

    def ready(self):
        from wagtail.models import Site
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from organisations.signals import reference_data_loaded

        from . import signals
        from .converters import IdConverter

        register_converter(IdConverter, "id")
        page_published.connect(signals.page_changed, dispatch_uid="courses.page_published")
        page_unpublished.connect(signals.page_changed, dispatch_uid="courses.page_unpublished")
        post_page_move.connect(signals.page_moved, dispatch_uid="courses.post_page_move")
        post_save.connect(signals.site_changed, sender=Site, dispatch_uid="courses.site_saved")
        post_delete.connect(signals.site_changed, sender=Site, dispatch_uid="courses.site_deleted")
        reference_data_loaded.connect(signals.reference_data_loaded, dispatch_uid="courses.reference_data_loaded")
