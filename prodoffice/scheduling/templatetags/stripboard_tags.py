"""The stripboard's rows, drawn in Python: a 300-strip board is 300 rows with a form each, and
the template language's per-row cost (includes, url and csrf tags, icons) was 8x the floor.

The markup is the same as a template would write: every value goes through `escape`, the URLs,
the CSRF field and the grip icon are computed once per board, not once per strip.
"""

from __future__ import annotations

from django import template
from django.urls import reverse
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

from prodoffice.core.display import day, icon

register = template.Library()


class _Env:
    """What every row of one board shares."""

    def __init__(self, context):
        board, code = context["board"], context["current_production"].code
        self.can_edit = bool(context.get("can_edit"))
        args = [code, board.public_id]
        self.move = reverse("web:board_move", args=args)
        self.boneyard = reverse("web:board_boneyard", args=args)
        self.remove = reverse("web:board_strip_remove", args=args)
        token = context.get("csrf_token")
        self.csrf = format_html(
            '<input type="hidden" name="csrfmiddlewaretoken" value="{}">', str(token or "")
        )
        self.grip = icon("grip-vertical", 14) if self.can_edit else ""
        self.conflicts = context.get("conflicts_by_scene") or {}
        self.readiness = context.get("readiness_by_scene") or {}


@register.simple_tag(takes_context=True)
def strip_rows(context, rows) -> str:
    """The <li> of every strip in `rows` (StripRow objects of selectors.stripboard.board_sheet)."""
    env = context.render_context.get("strip_env")
    if env is None:
        env = context.render_context["strip_env"] = _Env(context)
    return mark_safe("".join(_row(row, env) for row in rows))  # every value escaped in _row


def _row(row, env: _Env) -> str:
    s = row.strip
    number = s.position + 1
    classes = f"strip strip-{s.kind}"
    if row.dark:
        classes += " strip-dark"
    scene = s.scene if s.scene_id else None
    if scene is not None and scene.omitted:
        classes += " strip-omitted"
    label = _label(s, scene)
    clashes = env.conflicts.get(scene.pk, []) if scene is not None else []
    if clashes:
        classes += " strip-conflict"
    attrs = (
        f'class="{classes}" id="strip-{s.pk}" data-strip="{s.pk}" data-position="{number}" '
        f'data-label="{escape(label)}"'
    )
    if env.can_edit:
        attrs += ' tabindex="0" draggable="true"'
    if row.colour:
        attrs += f' style="--strip: {escape(row.colour)}"'
    body = (
        f'<span class="grip" aria-hidden="true">{env.grip}</span><span class="pos">{number}</span>'
    )
    body += _cells(row, s, scene)
    if clashes:
        text = " ".join(c.message for c in clashes)
        body += (
            f'<span class="conflict-flag" title="{escape(text)}">'
            f'{icon("triangle-alert", 14)}<span class="visually-hidden"> Conflict: '
            f"{escape(text)}</span></span>"
        )
    body += _readiness_flag(env.readiness.get(scene.pk) if scene is not None else None)
    if env.can_edit:
        body += _form(s, number, env)
    return f"<li {attrs}>{body}</li>\n"


def _readiness_flag(row) -> str:
    """A flag when the scene's location is not ready (red) or at risk (amber) on its date."""
    if row is None or row.status == "ready":
        return ""
    text = f"{row.location}: {row.status_label.lower()}. " + " ".join(row.missing)
    return (
        f'<span class="readiness-flag readiness-{row.status}" title="{escape(text)}">'
        f'{icon("file-exclamation-point", 14)}<span class="visually-hidden"> Paperwork: '
        f"{escape(text)}</span></span>"
    )


def _label(strip, scene) -> str:
    if scene is not None:
        return f"Scene {scene.number}"
    return "Day break" if strip.kind == "day_break" else "Banner"


def _cells(row, strip, scene) -> str:
    if scene is not None:
        omitted = " <em>(omitted)</em>" if scene.omitted else ""
        return (
            f'<span class="sc">{escape(scene.number)}</span>'
            f'<span class="ie">{escape(scene.int_ext)}</span>'
            f'<span class="set">{escape(scene.set_name)}{omitted}</span>'
            f'<span class="dn">{escape(scene.day_night)}</span>'
            f'<span class="pg">{escape(scene.pages)}</span>'
            f'<span class="cast">{escape(", ".join(row.cast))}</span>'
        )
    if strip.kind == "day_break":
        return f'<span class="daybreak">{escape(_day_text(row.day))}</span>'
    text = strip.get_banner_kind_display()
    if strip.text:
        text += f": {strip.text}"
    return f'<span class="banner">{escape(text)}</span>'


def _day_text(total) -> str:
    """`End of day 3 – Wed 3 Mar – 7/8 pages – est. screen time 0:52`."""
    if total is None:
        return "Day break (no scenes before it)"
    parts = [f"End of day {total.number}"]
    if total.date:
        parts.append(day(total.date))
    parts += [total.pages, f"est. screen time {total.screen_time}"]
    return " – ".join(parts)


def _form(strip, number: int, env: _Env) -> str:
    """The per-strip form: a new position and Move; to or from the boneyard, or Remove."""
    if strip.kind == "scene":
        to = "board" if strip.in_boneyard else "boneyard"
        label = "To board" if strip.in_boneyard else "To boneyard"
        second = (
            f'<button class="btn btn-sm btn-outline-secondary" type="submit" '
            f'formaction="{env.boneyard}" name="to" value="{to}">{label}</button>'
        )
    else:
        second = (
            f'<button class="btn btn-sm btn-outline-danger" type="submit" '
            f'formaction="{env.remove}">Remove</button>'
        )
    return (
        f'<form class="strip-form" data-no-disable method="post" action="{env.move}">{env.csrf}'
        f'<input type="hidden" name="strip" value="{strip.pk}">'
        f'<label class="visually-hidden" for="to-{strip.pk}">New position of strip {number}</label>'
        f'<input class="form-control form-control-sm" type="number" min="1" name="position" '
        f'id="to-{strip.pk}" value="{number}">'
        f'<button class="btn btn-sm btn-outline-secondary" type="submit">Move</button>'
        f"{second}</form>"
    )
