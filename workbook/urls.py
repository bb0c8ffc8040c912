from django.urls import path

from . import views

app_name = "workbook"

urlpatterns = [
    path("arbetsbok/<id:page_id>/spara/", views.save, name="save"),
    path("arbetsbok/svar/<id:answer_id>/historik/", views.history, name="history"),
    path("arbetsbok/kurs/<id:course_id>/dokument/", views.request_document, name="request_document"),
    path("arbetsbok/dokument/<id:document_id>/", views.document, name="document"),
    path("arbetsbok/dokument/<id:document_id>/pdf/", views.download, {"kind": "pdf"}, name="download_pdf"),
    path("arbetsbok/dokument/<id:document_id>/docx/", views.download, {"kind": "docx"}, name="download_docx"),
]
