"""Language desk pages, under /p/<code>/languages/."""

from django.urls import path

from prodoffice.languages.views import desk, dubbing, glossary, subtitles

production_urlpatterns = [
    path("languages/", desk.language_desk, name="languages"),
    path("languages/add/", desk.language_add, name="language_add"),
    path("languages/work/new/", desk.work_add, name="language_work_new"),
    path("languages/work/<uuid:public_id>/status/", desk.work_status, name="language_work_status"),
    path("languages/linguists/new/", desk.linguist_add, name="linguist_new"),
    path(
        "languages/linguists/<uuid:public_id>/contract/",
        desk.linguist_contract,
        name="linguist_contract",
    ),
    path("languages/subtitles/upload/", subtitles.subtitle_upload, name="subtitle_upload"),
    path("languages/subtitles/qc/", subtitles.subtitle_batch_qc, name="subtitle_batch_qc"),
    path("languages/subtitles/<uuid:public_id>/", subtitles.subtitle_track, name="subtitle_track"),
    path(
        "languages/subtitles/<uuid:public_id>/report.<str:fmt>",
        subtitles.subtitle_report_export,
        name="subtitle_report_export",
    ),
    path(
        "languages/subtitles/<uuid:public_id>/download/<str:fmt>/",
        subtitles.subtitle_download,
        name="subtitle_download",
    ),
    path(
        "languages/subtitles/<uuid:public_id>/cut-review/",
        subtitles.subtitle_cut_review,
        name="subtitle_cut_review",
    ),
    path("languages/glossary/", glossary.glossary_page, name="language_glossary"),
    path("languages/glossary/seed/", glossary.glossary_seed, name="language_glossary_seed"),
    path("languages/dubbing/", dubbing.dubbing_page, name="language_dubbing"),
    path("languages/dubbing/voices/", dubbing.voice_cast, name="language_voice_cast"),
    path("languages/dubbing/sessions/new/", dubbing.session_book, name="language_session_new"),
    path(
        "languages/dubbing/sessions/<uuid:public_id>/status/",
        dubbing.session_status,
        name="language_session_status",
    ),
    path("languages/dubbing/script/lines/new/", dubbing.line_add, name="language_script_line_new"),
    path("languages/dubbing/script/import/", dubbing.script_import, name="language_script_import"),
    path(
        "languages/dubbing/script/export.<str:fmt>",
        dubbing.script_export,
        name="language_script_export",
    ),
    path(
        "languages/<uuid:public_id>/dubbed-deliverables/",
        dubbing.dubbed_link,
        name="language_dubbed_link",
    ),
    path("languages/interpreters/new/", dubbing.interpreter_book, name="language_interpreter_new"),
]

urlpatterns = []
