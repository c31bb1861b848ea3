"""Schedule pages: script, breakdown, boards, reports, calendar, feeds, USS, conflicts, runs."""

from django.urls import path

from prodoffice.scheduling.views import set_locations
from prodoffice.web.views import (
    boards,
    breakdown,
    conflicts,
    feeds,
    interchange,
    optimizer,
    reports,
    scripts,
)

production_urlpatterns = [
    path("locations/sets/", set_locations.set_mapping, name="location_sets"),
    path("script/", scripts.script_detail, name="script"),
    path("script/import/", scripts.script_import_view, name="script_import"),
    path("boards/", boards.boards_list, name="boards"),
    path("boards/<uuid:public_id>/", boards.board_detail, name="board"),
    path("boards/<uuid:public_id>/dood/", boards.board_dood, name="board_dood"),
    path("boards/<uuid:public_id>/copy/", boards.board_copy, name="board_copy"),
    path("boards/<uuid:public_id>/working/", boards.board_working, name="board_working"),
    path("boards/<uuid:public_id>/rename/", boards.board_rename, name="board_rename"),
    path("boards/<uuid:public_id>/delete/", boards.board_delete, name="board_delete"),
    path("boards/<uuid:public_id>/palette/", boards.board_palette, name="board_palette"),
    path("boards/<uuid:public_id>/unplaced/", boards.board_add_unplaced, name="board_unplaced"),
    path("boards/<uuid:public_id>/move/", boards.board_move, name="board_move"),
    path("boards/<uuid:public_id>/boneyard/", boards.board_boneyard, name="board_boneyard"),
    path("boards/<uuid:public_id>/insert/", boards.board_insert, name="board_insert"),
    path("boards/<uuid:public_id>/remove/", boards.board_strip_remove, name="board_strip_remove"),
    path("calendar/", boards.calendar_view, name="calendar"),
    path(
        "boards/<uuid:public_id>/schedule/",
        reports.board_schedule_page,
        name="board_schedule",
    ),
    path(
        "boards/<uuid:public_id>/one-liner/",
        reports.board_one_liner_page,
        name="board_one_liner",
    ),
    path(
        "boards/<uuid:public_id>/elements/",
        reports.board_elements_page,
        name="board_elements",
    ),
    path(
        "boards/<uuid:public_id>/schedule.<str:fmt>",
        reports.board_report_export,
        {"kind": "schedule"},
        name="board_schedule_export",
    ),
    path(
        "boards/<uuid:public_id>/one-liner.<str:fmt>",
        reports.board_report_export,
        {"kind": "one-liner"},
        name="board_one_liner_export",
    ),
    path(
        "boards/<uuid:public_id>/elements.<str:fmt>",
        reports.board_report_export,
        {"kind": "elements"},
        name="board_elements_export",
    ),
    path(
        "boards/<uuid:public_id>/dood.<str:fmt>",
        reports.board_report_export,
        {"kind": "dood"},
        name="board_dood_export",
    ),
    path("scenes/<uuid:public_id>/", breakdown.scene_detail, name="scene"),
    path(
        "scenes/<uuid:public_id>/elements/add/",
        breakdown.scene_element_add,
        name="scene_element_add",
    ),
    path(
        "scenes/<uuid:public_id>/elements/<uuid:element_id>/remove/",
        breakdown.scene_element_remove,
        name="scene_element_remove",
    ),
    path(
        "scenes/<uuid:public_id>/suggestions/",
        breakdown.scene_suggestion,
        name="scene_suggestion",
    ),
    path("scenes/<uuid:public_id>/breakdown.pdf", breakdown.scene_pdf, name="scene_pdf"),
    path("script/breakdown.pdf", breakdown.script_pdf, name="script_breakdown_pdf"),
    path("breakdown/cast/", breakdown.cast_review_view, name="cast_review"),
    path(
        "breakdown/cast/<uuid:public_id>/",
        breakdown.cast_review_update,
        name="cast_review_update",
    ),
    path("breakdown/elements/", breakdown.elements_list, name="elements"),
    path("breakdown/elements/<uuid:public_id>/", breakdown.element_edit, name="element_edit"),
    path("breakdown/categories/", breakdown.categories_view, name="categories"),
    path("calendar-feeds/", feeds.feeds_page, name="feeds"),
    path("calendar-feeds/<uuid:public_id>/revoke/", feeds.feed_revoke_view, name="feed_revoke"),
    path("script/export.uss", interchange.uss_download, name="uss_export"),
    path("interchange/", interchange.interchange_page, name="interchange"),
    path("conflicts/", conflicts.conflicts_page, name="conflicts"),
    path("boards/<uuid:public_id>/optimize/", optimizer.board_optimize, name="board_optimize"),
    path(
        "optimizations/<uuid:public_id>/",
        optimizer.optimization_detail,
        name="optimization",
    ),
]

urlpatterns = [
    path("feeds/<str:token>.ics", feeds.feed_ics, name="feed"),
]
