from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "workbook"

urlpatterns = [
    path(_("workbook/<id:page_id>/save/"), views.save, name="save"),
    path(_("workbook/answers/<id:answer_id>/history/"), views.history, name="history"),
    path(_("workbook/courses/<id:course_id>/document/"), views.request_document, name="request_document"),
    path(_("workbook/documents/<id:document_id>/"), views.document, name="document"),
    path(_("workbook/documents/<id:document_id>/pdf/"), views.download, {"kind": "pdf"}, name="download_pdf"),
    path(_("workbook/documents/<id:document_id>/docx/"), views.download, {"kind": "docx"}, name="download_docx"),
]
