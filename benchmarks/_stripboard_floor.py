"""The stripboard's floor: the same 300 rows from one query, rendered by a bare template.

No permission check, no production lookup, no base layout, no day totals, no per-strip forms:
one `select_related` query and a loop printing each strip's position, scene number, I/E, set,
D/N and pages. What the real page costs beyond this is its own work.
"""

from __future__ import annotations

from django.http import HttpResponse
from django.template import Context, Template

from prodoffice.scheduling.models import Strip

_TEMPLATE = Template(
    "<!doctype html><title>floor</title><ol>{% for s in strips %}<li>{{ s.position }} "
    "{% if s.scene %}{{ s.scene.number }} {{ s.scene.int_ext }} {{ s.scene.set_name }} "
    "{{ s.scene.day_night }} {{ s.scene.pages }}{% else %}{{ s.kind }}{% endif %}</li>"
    "{% endfor %}</ol>"
)


def stripboard_floor(request, code: str, public_id):
    """Benchmark-only: the board's strips, one query, one flat loop."""
    strips = list(
        Strip.objects.filter(board__public_id=public_id)
        .select_related("scene")
        .order_by("position")
    )
    return HttpResponse(_TEMPLATE.render(Context({"strips": strips})))
