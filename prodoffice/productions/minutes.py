"""Meeting minutes as a PDF (WeasyPrint) from HTML drawn here: system DejaVu fonts, no fetches."""

from __future__ import annotations

import zoneinfo

from django.template import Context, Engine

from prodoffice.productions.models import Meeting

_TEMPLATE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{ m.title }}</title>
<style>
@page { size: A4; margin: 18mm 16mm; @bottom-right { content: "Page " counter(page) " of " counter(pages); font-size: 8pt; color: #555; } }
body { font-family: "DejaVu Sans", sans-serif; font-size: 9.5pt; color: #111; }
h1 { font-size: 15pt; margin: 0 0 2mm; } h2 { font-size: 11pt; border-bottom: 1px solid #999; margin: 6mm 0 2mm; padding-bottom: 1mm; }
.meta { color: #444; margin-bottom: 4mm; } table { width: 100%; border-collapse: collapse; }
th, td { text-align: left; padding: 1.2mm 2mm; border-bottom: 0.5pt solid #ccc; vertical-align: top; }
th { background: #eee; } .notes { white-space: pre-wrap; }
</style></head><body>
<h1>{{ m.title }}</h1>
<div class="meta">{{ production.code }} – {{ production.title }} · {{ when }} · {{ m.location }} · {{ m.get_status_display }}</div>
<h2>Agenda</h2>
{% if agenda %}<ol>{% for a in agenda %}<li><strong>{{ a.title }}</strong>{% if a.department %} ({{ a.department }}){% endif %}{% if a.notes %}<div class="notes">{{ a.notes }}</div>{% endif %}</li>{% endfor %}</ol>{% else %}<p>No agenda points.</p>{% endif %}
<h2>Attendance</h2>
<table><thead><tr><th>Name</th><th>Position</th><th>Department</th><th>Attendance</th></tr></thead><tbody>
{% for a in attendances %}<tr><td>{{ a.engagement.person }}</td><td>{{ a.engagement.position.title }}</td><td>{{ a.engagement.position.department.name }}</td><td>{{ a.get_status_display }}</td></tr>{% empty %}<tr><td colspan="4">Nobody invited.</td></tr>{% endfor %}
</tbody></table>
<h2>Decisions</h2>
{% if decisions %}<ol>{% for d in decisions %}<li class="notes">{{ d.text }}</li>{% endfor %}</ol>{% else %}<p>No decisions recorded.</p>{% endif %}
<h2>Action items</h2>
<table><thead><tr><th>Action</th><th>Assignee</th><th>Due</th><th>Done</th></tr></thead><tbody>
{% for a in actions %}<tr><td class="notes">{{ a.text }}</td><td>{{ a.assignee.person|default:"–" }}</td><td>{{ a.due_date|date:"D j M Y"|default:"–" }}</td><td>{{ a.done|yesno:"Yes,No" }}</td></tr>{% empty %}<tr><td colspan="4">No action items.</td></tr>{% endfor %}
</tbody></table>
{% if m.minutes %}<h2>Notes</h2><div class="notes">{{ m.minutes }}</div>{% endif %}
</body></html>"""  # noqa: E501 (a template reads better unwrapped)


def _when(meeting: Meeting) -> str:
    if meeting.starts_at is None:
        return "Date to be set"
    production = meeting.production
    local = meeting.starts_at.astimezone(zoneinfo.ZoneInfo(production.time_zone))
    clock = "%H:%M" if production.use_24h_clock else "%I:%M %p"
    return f"{local:%a} {local.day} {local:%b %Y}, {local.strftime(clock)} ({production.time_zone})"


def minutes_html(meeting: Meeting) -> str:
    """The minutes as a standalone HTML document (autoescaped)."""
    context = {
        "m": meeting,
        "production": meeting.production,
        "when": _when(meeting),
        "agenda": meeting.agenda_items.select_related("department"),
        "attendances": meeting.attendances.select_related(
            "engagement__person", "engagement__position__department"
        ),
        "decisions": meeting.decisions.all(),
        "actions": meeting.action_items.select_related("assignee__person"),
    }
    engine = Engine(autoescape=True, builtins=["django.template.defaultfilters"])
    return engine.from_string(_TEMPLATE).render(Context(context))


def _no_fetch(url: str, *args, **kwargs):
    """Refuse every external resource: the PDF is built from what is on this machine."""
    raise ValueError(f"prodoffice PDFs fetch nothing ({url})")


def minutes_pdf(meeting: Meeting) -> bytes:
    """Render the minutes to PDF bytes."""
    from weasyprint import HTML

    return HTML(string=minutes_html(meeting), url_fetcher=_no_fetch).write_pdf()
