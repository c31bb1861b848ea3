"""The audit sentences of the language desk's actions."""

from __future__ import annotations

from prodoffice.audit.describe import register, register_target, status_change

for _target in (
    "languages.productionlanguage",
    "languages.linguist",
    "languages.subtitlefile",
    "languages.workitem",
    "languages.glossaryentry",
    "languages.voicerole",
    "languages.recordingsession",
    "languages.interpreterbooking",
    "languages.dubbingline",
):
    register_target(_target, str)

register(
    {
        "language.add": "added the language {target}",
        "language.remove": "took the language {target} off the production",
        "linguist.add": "put {target} on the language roster",
        "linguist.pair_add": "added a language pair to {target}",
        "linguist.contract": "drafted the language-services agreement of {target}",
        "work.create": "added the language work {target}",
        "work.status": status_change("the language work"),
        "subtitle.create": "started the subtitle track {target}",
        "subtitle.upload": "uploaded a new version of the subtitles {target}",
        "subtitle.cut_review": "checked the subtitles {target} against a new cut",
        "glossary.add": "added {target} to the glossary",
        "glossary.update": "changed the glossary entry {target}",
        "glossary.seed": "seeded the glossary from the cast and the script",
        "voice.cast": "cast the voice of {target}",
        "voice.recast": "recast the voice of {target}",
        "session.book": "booked the recording session {target}",
        "session.status": status_change("the recording session"),
        "interpreter.book": "booked the interpreter {target}",
        "dubbing.line_add": "added the dubbing script line {target}",
        "dubbing.import": "imported a dubbing script",
        "language.dubbed_link": "linked the dubbed version of {target} to the delivery schedules",
    }
)
