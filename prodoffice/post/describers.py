"""The audit sentences of the post app's actions."""

from __future__ import annotations

from prodoffice.audit.describe import register, register_target

for label in (
    "post.cut",
    "post.cutversion",
    "post.facility",
    "post.room",
    "post.booking",
    "post.posttask",
    "post.deliveryschedule",
    "post.deliverable",
    "post.roomfeed",
    "post.adrcue",
    "post.vfxshot",
):
    register_target(label, str)

register(
    {
        "cut.import": "imported the cut version {target}",
        "cut.conform": "sent {target} to conform",
        "facility.create": "added the facility {target}",
        "room.create": "added the room {target}",
        "room.update": "changed the room {target}",
        "booking.create": "booked {target}",
        "booking.level": "changed the level of booking {target}",
        "booking.cancel": "cancelled booking {target}",
        "task.create": "added the post task {target}",
        "task.status": "changed the status of the post task {target}",
        "task.depend": "added a dependency to the post task {target}",
        "task.reschedule": "rescheduled the post task {target}",
        "task.update": "changed the post task {target}",
        "pipeline.template": "applied a post pipeline template to {target}",
        "delivery.create": "added the delivery schedule {target}",
        "deliverable.status": "changed the status of the deliverable {target}",
        "deliverable.file": "attached the delivered file of {target}",
        "task.undepend": "removed a dependency of the post task {target}",
        "task.delete": "deleted the post task {target}",
        "room.feed": "made a new calendar link of {target}",
        "room.feed_revoke": "revoked the calendar link of {target}",
        "cue.create": "added {target}",
        "cue.status": "changed the status of {target}",
        "shot.create": "added {target}",
        "shot.status": "changed the status of {target}",
        "deliverable.add": "added the deliverable {target}",
    }
)
