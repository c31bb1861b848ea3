"""Models of the post app, one module per area; imported here so Django finds them."""

from prodoffice.post.models.cues import AdrCue, VfxShot
from prodoffice.post.models.delivery import Deliverable, DeliverySchedule
from prodoffice.post.models.editorial import Cut, CutEvent, CutVersion
from prodoffice.post.models.facilities import Booking, Facility, Room, RoomFeed
from prodoffice.post.models.pipeline import PostTask

__all__ = [
    "AdrCue",
    "Booking",
    "Cut",
    "CutEvent",
    "CutVersion",
    "Deliverable",
    "DeliverySchedule",
    "Facility",
    "PostTask",
    "Room",
    "RoomFeed",
    "VfxShot",
]
