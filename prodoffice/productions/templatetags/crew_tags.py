"""The crew list's rows, drawn in Python: the template language's cost per cell (about 20 µs
each, ten cells a row, 50 rows a page) was a third of the crew list page, the page of the load
target (benchmarks/README.md, "Load").

The markup is the same as the template wrote, byte for byte: every value goes through `escape`
as `{{ }}` would, the engagement link is reversed once per page, not once per row.
"""

from __future__ import annotations

import uuid

from django import template
from django.template.defaultfilters import stringformat
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe

from prodoffice.core.display import day, icon, money, pill
from prodoffice.people.validators import format_phone

register = template.Library()

#: The id the engagement URL is reversed with once, then cut out and replaced per row.
_ROW_ID = str(uuid.UUID(int=0))


@register.simple_tag
def crew_rows(engagements, code: str, show_rates: bool) -> str:
    """The <tr> of every engagement (from `selectors.crew_page`), rates when `show_rates`."""
    before, _, after = reverse("web:engagement", args=[code, _ROW_ID]).rpartition(_ROW_ID)
    link = (escape(before), escape(after))
    return mark_safe("".join(_row(e, link, show_rates) for e in engagements))  # escaped in _row


def _row(e, link: tuple[str, str], show_rates: bool) -> str:
    pid = escape(e.public_id)
    cells = [
        f'<td class="nowrap"><a href="{link[0]}{pid}{link[1]}" class="fw-semibold">'
        f"{escape(e.person)}</a>{_name_notes(e)}</td>",
        f"<td>{_position(e)}</td>",
        f"<td>{escape(e.position.department.name)}</td>",
        f"<td>{pill(e.status, e.get_status_display())}</td>",
        f"<td><small>{_contact(e.person)}</small></td>",
        f'<td class="nowrap"><small>{_dates(e)}</small></td>',
        f"<td>{escape(e.cast_number or '')}</td>",
        f'<td class="text-end nowrap">{_rate(e)}</td>' if show_rates else "",
    ]
    row = "\n          ".join(cells)
    return f'\n        <tr data-engagement="{pid}">\n          {row}\n        </tr>\n      '


def _name_notes(e) -> str:
    """Pronouns and the experience warning after the name."""
    out = ""
    if e.person.pronouns:
        out += f' <small class="text-body-secondary">({escape(e.person.pronouns)})</small>'
    if e.experience_warning:
        warning = icon("triangle-alert", 14, "Experience warning")
        out += (
            f' <span class="text-warning-emphasis" title="{escape(e.experience_warning)}">'
            f"{warning}</span>"
        )
    return out


def _position(e) -> str:
    out = escape(e.position.title)
    if e.character:
        out += f'<br><small class="text-body-secondary">as {escape(e.character)}</small>'
    return out


def _contact(person) -> str:
    out = ""
    if person.email:
        email = escape(person.email)
        out += f'<a href="mailto:{email}" title="{email}">{email}</a>'
    if person.phone:
        out += f"<br>{escape(format_phone(person.phone))}"
    return out


def _dates(e) -> str:
    out = escape(day(e.start_date) or "–")
    if e.end_date:
        out += f" –<br>{escape(day(e.end_date))}"
    return out


def _rate(e) -> str:
    if e.rate is None:
        return ""
    unit = escape(e.get_rate_unit_display())
    return f'{escape(money(e.rate, e.currency))} <small class="text-body-secondary">{unit}</small>'


# --- the filter form's options -------------------------------------------------------------
# The department and position pickers list the whole catalogue (20 departments, 70 positions
# in the benchmark): as template loops over model instances they cost a tenth of the page.
# Read as plain values and written here, byte for byte what the loops wrote.


@register.simple_tag
def department_options(departments, chosen) -> str:
    """<option> of each department (by slug), `chosen` selected."""
    rows = departments.values_list("slug", "name")
    return mark_safe(  # escaped here
        "".join(
            f'<option value="{escape(slug)}"{" selected" if chosen == slug else ""}>'
            f"{escape(name)}</option>"
            for slug, name in rows
        )
    )


@register.simple_tag
def position_options(positions, chosen) -> str:
    """<optgroup> per department (consecutive, as `regroup`) of <option> per position."""
    chosen = stringformat(chosen, "s")
    out, current = [], None
    for pk, title, department_id, department_name in positions.values_list(
        "pk", "title", "department_id", "department__name"
    ):
        if department_id != current:
            if current is not None:
                out.append("</optgroup>")
            out.append(f'<optgroup label="{escape(department_name)}">')
            current = department_id
        selected = " selected" if chosen == str(pk) else ""
        out.append(f'<option value="{pk}"{selected}>{escape(title)}</option>')
    if current is not None:
        out.append("</optgroup>")
    return mark_safe("".join(out))  # escaped above
