"""Reads that span relations: the crew list, dashboard figures, the org chart."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet

from prodoffice.accounts import permissions as perms
from prodoffice.productions.choices import EngagementStatus
from prodoffice.productions.models import Department, Engagement, Meeting, Production

#: Columns a crew list can be sorted by (a whitelist; `-` prefix for descending).
CREW_SORTS = {
    "name": ("person__last_name", "person__first_name"),
    "position": ("position__title",),
    "department": ("position__department__order", "position__order"),
    "status": ("status",),
    "start": ("start_date",),
    "cast": ("cast_number",),
}


def engagement_list(
    *, user, production: Production | None = None, sort: str = "department"
) -> QuerySet[Engagement]:
    """Engagements the user may see, with everything a crew list row shows, in constant queries."""
    # Only what a crew-list row shows: loading superiors and productions per row doubled the
    # cost of a 400-row list (benchmarks/README.md); the org chart adds its superiors itself.
    qs = Engagement.objects.for_user(user).select_related("person", "position__department")
    if production is not None:
        qs = qs.filter(production=production)
    key = sort.lstrip("-")
    columns = CREW_SORTS.get(key, CREW_SORTS["department"])
    if sort.startswith("-"):
        columns = tuple(f"-{c}" for c in columns)
    return qs.order_by(*columns, "person__last_name", "id")


@dataclass
class Dashboard:
    """The figures on a production's dashboard. `whole` says whether the user sees the whole
    crew list: without it headcount, unconfirmed people and warnings are hidden, not empty."""

    headcount: list[tuple[str, int]] = field(default_factory=list)
    total_confirmed: int = 0
    unconfirmed: list[Engagement] = field(default_factory=list)
    warnings: list[Engagement] = field(default_factory=list)
    next_meetings: list[Meeting] = field(default_factory=list)
    whole: bool = False
    own_engagements: list[Engagement] = field(default_factory=list)


def own_engagements(*, user, production: Production) -> list[Engagement]:
    """The user's own engagements on the production (through their linked person)."""
    if not user.is_authenticated:
        return []
    return list(
        Engagement.objects.filter(production=production, person__user=user)
        .select_related("person", "position__department")
        .order_by("start_date", "id")
    )


def dashboard(*, user, production: Production) -> Dashboard:
    """Headcount by department, people not yet confirmed, experience warnings, next meetings."""
    visible = engagement_list(user=user, production=production)
    counts = (
        Department.objects.annotate(
            n=Count(
                "positions__engagements",
                filter=Q(
                    positions__engagements__production=production,
                    positions__engagements__status=EngagementStatus.CONFIRMED,
                ),
            )
        )
        .filter(n__gt=0)
        .order_by("order")
    )
    whole = perms.sees_whole_production(user, production.pk) or user.is_superuser
    headcount = [(d.name, d.n) for d in counts] if whole else []
    return Dashboard(
        whole=whole,
        own_engagements=own_engagements(user=user, production=production),
        headcount=headcount,
        total_confirmed=sum(n for _, n in headcount),
        unconfirmed=list(
            visible.filter(status__in=[EngagementStatus.PROSPECT, EngagementStatus.OFFERED])[:20]
        )
        if whole
        else [],
        warnings=list(visible.exclude(experience_warning="")[:20]) if whole else [],
        next_meetings=list(
            Meeting.objects.for_user(user)
            .filter(production=production, status="scheduled")
            .order_by("starts_at")[:5]
        ),
    )


@dataclass
class OrgNode:
    """One box of the org chart and the people reporting to it."""

    engagement: Engagement
    children: list[OrgNode] = field(default_factory=list)


def org_chart(*, user, production: Production) -> list[OrgNode]:
    """The reporting tree of a production's (non-released) engagements, from one query."""
    rows = list(
        engagement_list(user=user, production=production)
        .exclude(status=EngagementStatus.RELEASED)
        .select_related("reports_to")
    )
    nodes = {e.pk: OrgNode(e) for e in rows}
    roots = []
    for e in rows:
        parent = nodes.get(e.reports_to_id)
        (parent.children if parent else roots).append(nodes[e.pk])
    return roots
