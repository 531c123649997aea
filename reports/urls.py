"""Progress reports under /plans/reports/: list, drafting, publishing, versions, reading, and
the Word and PDF downloads.

They sit in the ``plans`` URL namespace (``plans:report_list`` ...), composed in ``config.urls``.
"""

from django.urls import path

from reports.views import drafting, reading, word_template

urlpatterns = [
    path("reports/", reading.ReportListView.as_view(), name="report_list"),
    path("reports/new/", drafting.ReportCreateView.as_view(), name="report_create"),
    path("reports/<int:pk>/", reading.ReportDetailView.as_view(), name="report_detail"),
    path("reports/<int:pk>/edit/", drafting.ReportEditView.as_view(), name="report_edit"),
    path(
        "reports/<int:pk>/not-received/",
        drafting.ReportNotReceivedView.as_view(),
        name="report_not_received",
    ),
    path("reports/<int:pk>/publish/", drafting.ReportPublishView.as_view(), name="report_publish"),
    path(
        "reports/<int:pk>/new-version/",
        drafting.ReportSupersedeView.as_view(),
        name="report_supersede",
    ),
    path("reports/<int:pk>/compare/", reading.ReportCompareView.as_view(), name="report_compare"),
    path(
        "reports/<int:pk>/download.docx",
        reading.ReportDocxView.as_view(),
        name="report_docx",
    ),
    path("reports/<int:pk>/download.pdf", reading.ReportPdfView.as_view(), name="report_pdf"),
    path(
        "reports/word-template/",
        word_template.WordTemplateView.as_view(),
        name="report_word_template",
    ),
    path(
        "reports/word-template/restore/",
        word_template.WordTemplateRestoreView.as_view(),
        name="report_word_template_restore",
    ),
    path(
        "reports/word-template/download.docx",
        word_template.WordTemplateDownloadView.as_view(),
        name="report_word_template_download",
    ),
]
