"""The audit sentences of call sheet actions."""

from __future__ import annotations

from prodoffice.audit.describe import Event, register, register_target, updated

register_target("callsheets.callsheet", str)
register_target("callsheets.callsettings", str)


def _with_message(text: str):
    """A sentence followed by the event's message (who, or the override reason)."""

    def phrase(event: Event) -> str:
        message = event.message
        return f"{text.format(target=event.target)}{': ' + message if message else ''}"

    return phrase


register(
    {
        "callsheet.draft": "drafted {target}",
        "callsheet.refresh": "re-read the board into {target}",
        "callsheet.update": updated("call sheet"),
        "callsheet.call_set": _with_message("set a call by hand on {target}"),
        "callsheet.call_reset": _with_message("reset a call on {target}"),
        "callsheet.department_call": "changed a department's call on {target}",
        "callsheet.publish": _with_message("published {target}"),
        "callsheet.send": _with_message("sent {target}"),
        "callsheet.resend": _with_message("sent {target} again"),
        "callsheet.confirm": _with_message("recorded a confirmation of {target}"),
        "callsheet.settings": updated("call sheet settings"),
        "callsheet.alarm": "warned that {target}'s call sheet is not published yet",
        "callsheet.bounce": _with_message("recorded a bounced e-mail of {target}"),
        "callsheet.wrap_set": _with_message("set a dismiss time by hand on {target}"),
    }
)
