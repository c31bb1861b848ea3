"""Production types, phases, engagement statuses, rate units and their transition tables."""

from django.db import models


class ProductionType(models.TextChoices):
    FEATURE = "feature", "Feature film"
    SERIES = "series", "Series"
    COMMERCIAL = "commercial", "Commercial"
    SHORT = "short", "Short film"


class Phase(models.TextChoices):
    DEVELOPMENT = "development", "Development"
    PRE_PRODUCTION = "pre_production", "Pre-production"
    PRODUCTION = "production", "Production"
    POST_PRODUCTION = "post_production", "Post-production"
    DELIVERED = "delivered", "Delivered"


#: A production moves forward one phase at a time; it may step back one phase (a reshoot
#: returns post to production), and nothing leaves "delivered".
PHASE_TRANSITIONS = {
    Phase.DEVELOPMENT: {Phase.PRE_PRODUCTION},
    Phase.PRE_PRODUCTION: {Phase.PRODUCTION, Phase.DEVELOPMENT},
    Phase.PRODUCTION: {Phase.POST_PRODUCTION, Phase.PRE_PRODUCTION},
    Phase.POST_PRODUCTION: {Phase.DELIVERED, Phase.PRODUCTION},
    Phase.DELIVERED: set(),
}


class EngagementStatus(models.TextChoices):
    PROSPECT = "prospect", "Prospect"
    OFFERED = "offered", "Offered"
    CONFIRMED = "confirmed", "Confirmed"
    WRAPPED = "wrapped", "Wrapped"
    RELEASED = "released", "Released"


ENGAGEMENT_TRANSITIONS = {
    EngagementStatus.PROSPECT: {EngagementStatus.OFFERED, EngagementStatus.RELEASED},
    EngagementStatus.OFFERED: {
        EngagementStatus.CONFIRMED,
        EngagementStatus.PROSPECT,
        EngagementStatus.RELEASED,
    },
    EngagementStatus.CONFIRMED: {EngagementStatus.WRAPPED, EngagementStatus.RELEASED},
    EngagementStatus.WRAPPED: {EngagementStatus.CONFIRMED},
    EngagementStatus.RELEASED: {EngagementStatus.PROSPECT},
}

#: Statuses that count as "on the production" for headcount and meetings.
ACTIVE_STATUSES = (EngagementStatus.CONFIRMED,)
UNCONFIRMED_STATUSES = (EngagementStatus.PROSPECT, EngagementStatus.OFFERED)


class RateUnit(models.TextChoices):
    HOUR = "hour", "per hour"
    DAY = "day", "per day"
    WEEK = "week", "per week"
    FLAT = "flat", "flat"
    EPISODE = "episode", "per episode"


class MeetingKind(models.TextChoices):
    KICKOFF = "kickoff", "Kickoff"
    PRODUCTION = "production", "Production meeting"
    DEPARTMENT = "department", "Department meeting"
    OTHER = "other", "Other"


class MeetingStatus(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled"
    HELD = "held", "Held"
    CANCELLED = "cancelled", "Cancelled"


MEETING_TRANSITIONS = {
    MeetingStatus.SCHEDULED: {MeetingStatus.HELD, MeetingStatus.CANCELLED},
    MeetingStatus.HELD: set(),
    MeetingStatus.CANCELLED: {MeetingStatus.SCHEDULED},
}


class AttendanceStatus(models.TextChoices):
    INVITED = "invited", "Invited"
    PRESENT = "present", "Present"
    ABSENT = "absent", "Absent"
    EXCUSED = "excused", "Excused"


class UnavailabilityKind(models.TextChoices):
    OTHER_JOB = "other_job", "Other job"
    PERSONAL = "personal", "Personal"
    TRAVEL = "travel", "Travel"
    MEDICAL = "medical", "Medical"
    OTHER = "other", "Other"


class CrewListContacts(models.TextChoices):
    """Which personal contacts the printed (distributed) crew list carries: the privacy rule."""

    ALL = "all", "E-mail and phone"
    EMAIL = "email", "E-mail only"
    PHONE = "phone", "Phone only"
    NONE = "none", "None (the office's contacts only)"
