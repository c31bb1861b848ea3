"""Call sheet pages: per production (list, sheet, PDF, calls, confirmations, My schedule) and
the personal links, which need no account."""

from django.urls import path

from prodoffice.callsheets.views import link, schedule, sheets

production_urlpatterns = [
    path("callsheets/", sheets.callsheet_list, name="callsheets"),
    path("callsheets/new/", sheets.callsheet_new, name="callsheet_new"),
    path("callsheets/settings/", sheets.callsheet_settings, name="callsheet_settings"),
    path("callsheets/<uuid:public_id>/", sheets.callsheet_detail, name="callsheet"),
    path("callsheets/<uuid:public_id>/pdf/", sheets.callsheet_pdf, name="callsheet_pdf"),
    path("callsheets/<uuid:public_id>/call/", sheets.callsheet_call, name="callsheet_call"),
    path(
        "callsheets/<uuid:public_id>/confirmations/",
        sheets.callsheet_board,
        name="callsheet_board",
    ),
    path("my-schedule/", schedule.my_schedule, name="my_schedule"),
    path("my-schedule/<uuid:public_id>/sides.pdf", schedule.my_sides, name="my_sides"),
]

urlpatterns = [
    path("callsheet/<str:token>/", link.callsheet_link, name="callsheet_link"),
    path("callsheet/<str:token>/slip.pdf", link.callsheet_link_pdf, name="callsheet_link_pdf"),
    path("callsheet/<str:token>/sides.pdf", link.callsheet_link_sides, name="callsheet_link_sides"),
]
