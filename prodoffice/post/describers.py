"""The audit sentences of the post app's actions."""

from __future__ import annotations

from prodoffice.audit.describe import register, register_target

register_target("post.cut", str)
register_target("post.cutversion", str)

register(
    {
        "cut.import": "imported {target}",
    }
)
