"""Breakdown sheets as PDF (WeasyPrint): the classic layout, one page per scene, nothing fetched.

The header holds the scene's facts (sheet and scene number, INT/EXT, set, day or night, pages in
eighths, script page, synopsis, revision colour); below it one box per category, its title bar
in the production's colour for that category, listing the scene's elements with their board IDs.
"""

from __future__ import annotations

from django.template import Context, Engine

from prodoffice.scheduling.models import Scene, Script
from prodoffice.scheduling.selectors.breakdown import scene_sheet, scenes_sheets

_TEMPLATE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Breakdown sheets – {{ production.code }}</title>
<style>
@page { size: Letter; margin: 12mm 12mm 14mm; @bottom-right { content: "Page " counter(page) " of " counter(pages); font-size: 7.5pt; color: #555; font-family: "DejaVu Sans", sans-serif; } @bottom-left { content: "{{ production.code }} · {{ script.revision_colour }} revision"; font-size: 7.5pt; color: #555; font-family: "DejaVu Sans", sans-serif; } }
body { font-family: "DejaVu Sans", sans-serif; font-size: 8.5pt; color: #111; margin: 0; }
.sheet { page-break-after: always; } .sheet:last-child { page-break-after: auto; }
.top { display: flex; justify-content: space-between; align-items: flex-end; border-bottom: 2pt solid #111; padding-bottom: 1.5mm; margin-bottom: 2mm; }
.top h1 { font-size: 13pt; margin: 0; letter-spacing: .08em; } .top .prod { font-size: 9pt; text-align: right; }
table.head { width: 100%; border-collapse: collapse; margin-bottom: 3mm; }
table.head th, table.head td { border: .75pt solid #111; padding: 1.2mm 1.6mm; text-align: left; vertical-align: top; }
table.head th { background: #eee; font-size: 6.5pt; text-transform: uppercase; letter-spacing: .05em; width: 14%; }
.scene-no { font-size: 16pt; font-weight: bold; text-align: center; }
.boxes { display: flex; flex-wrap: wrap; gap: 2mm; }
.box { width: calc(33.33% - 1.4mm); border: .75pt solid #111; min-height: 18mm; box-sizing: border-box; break-inside: avoid; }
.box h2 { margin: 0; padding: .8mm 1.5mm; font-size: 7pt; text-transform: uppercase; letter-spacing: .04em; border-bottom: .75pt solid #111; }
.box ul { list-style: none; margin: 0; padding: 1mm 1.5mm; } .box li { margin: .3mm 0; }
.bid { display: inline-block; min-width: 5mm; font-weight: bold; }
</style></head><body>
{% for s, groups in sheets %}<section class="sheet">
<div class="top"><h1>BREAKDOWN SHEET</h1><div class="prod"><strong>{{ production.title }}</strong> ({{ production.code }})<br>{{ script.title|default:script.source_filename }} · {{ script.revision_colour }} {{ script.revision_date|date:"j M Y" }}</div></div>
<table class="head"><tbody>
<tr><th>Sheet / scene</th><td class="scene-no" rowspan="2">{{ s.number }}</td><th>INT/EXT</th><td>{{ s.get_int_ext_display }}</td><th>Day/Night</th><td>{{ s.get_day_night_display }}{% if s.time_of_day and s.time_of_day|upper != s.get_day_night_display|upper %} ({{ s.time_of_day }}){% endif %}</td></tr>
<tr><th></th><th>Pages</th><td>{{ s.pages }}</td><th>Script page</th><td>{{ s.script_page }}</td></tr>
<tr><th>Set</th><td colspan="5">{{ s.set_name }}</td></tr>
<tr><th>Synopsis</th><td colspan="5">{{ s.summary|default:s.synopsis }}</td></tr>
</tbody></table>
<div class="boxes">{% for g in groups %}<div class="box"><h2 style="background: {{ g.category.colour }}; color: {% if g.dark %}#fff{% else %}#111{% endif %}">{{ g.category.name }}</h2><ul>{% for e in g.elements %}<li>{% if e.board_id %}<span class="bid">{{ e.board_id }}.</span> {% endif %}{{ e.name }}</li>{% endfor %}</ul></div>{% endfor %}</div>
</section>{% empty %}<p>No scenes.</p>{% endfor %}
</body></html>"""  # noqa: E501 (a template reads better unwrapped)


def _dark(colour: str) -> bool:
    """Whether white text reads better than black on this colour (relative luminance)."""
    r, g, b = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.5


def _mark(groups) -> list:
    for group in groups:
        group.dark = _dark(group.category.colour)
    return groups


def sheets_html(script: Script, sheets) -> str:
    """The sheets as one standalone HTML document (autoescaped)."""
    context = {
        "production": script.production,
        "script": script,
        "sheets": [(scene, _mark(groups)) for scene, groups in sheets],
    }
    engine = Engine(autoescape=True, builtins=["django.template.defaultfilters"])
    return engine.from_string(_TEMPLATE).render(Context(context))


def _no_fetch(url: str, *args, **kwargs):
    """Refuse every external resource: the PDF is built from what is on this machine."""
    raise ValueError(f"prodoffice PDFs fetch nothing ({url})")


def _pdf(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html, url_fetcher=_no_fetch).write_pdf()


def scene_sheet_pdf(scene: Scene) -> bytes:
    """One scene's breakdown sheet as PDF bytes."""
    return _pdf(sheets_html(scene.script, [(scene, scene_sheet(scene))]))


def script_sheets_pdf(script: Script) -> bytes:
    """Every scene in play of the draft, one breakdown sheet per page."""
    return _pdf(sheets_html(script, scenes_sheets(script)))
