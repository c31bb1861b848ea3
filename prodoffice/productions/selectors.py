"""Reads that span relations: the crew list, dashboard figures, the org chart."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet

from prodoffice.accounts import permissions as perms
from prodoffice.productions.choices import EngagementStatus
from prodoffice.productions.models import Department, Engagement, Meeting, Position, Production

#: Columns a crew list can be sorted by (a whitelist; `-` prefix for descending).
CREW_SORTS = {
    "name": ("person__last_name", "person__first_name"),
    "position": ("position__title",),
    "department": ("position__department__order", "position__order"),
    "status": ("status",),
    "start": ("start_date",),
    "cast": ("cast_number",),
}


_PRODUCTIONS_ATTR = "_prodoffice_productions"


def request_productions(request) -> list[Production]:
    """The request's user's productions (every one for a superuser), by title, read once per
    request: the /p/<code>/ scope finds its production among them and the navigation's
    switcher lists them (one query for both instead of two)."""
    cached = getattr(request, _PRODUCTIONS_ATTR, None)
    if cached is None:
        user = request.user
        if user.is_authenticated and not user.is_superuser:
            # A member's productions come with the memberships every page reads anyway.
            found = [m.production for m in perms.memberships(user).values()]
            cached = sorted(found, key=lambda p: (p.title, p.pk))
        else:
            cached = list(Production.objects.for_user(user))
        setattr(request, _PRODUCTIONS_ATTR, cached)
    return cached


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


#: The columns a row of the crew list page shows (`crew_list.html`), and no more: whole
#: people, positions and departments (addresses, passports, timestamps) were a quarter of the
#: page's cost under load (benchmarks/README.md, "Load"). A field added to the row goes here
#: too, or each row loads it with a query of its own (the page's query budget test fails).
CREW_PAGE_COLUMNS = (
    "public_id",
    "person__first_name",
    "person__last_name",
    "person__known_as",
    "person__pronouns",
    "person__email",
    "person__phone",
    "position__title",
    "position__department__name",
    "character",
    "experience_warning",
    "status",
    "start_date",
    "end_date",
    "cast_number",
    "rate",
    "currency",
    "rate_unit",
)


def crew_page(*, user, production: Production, sort: str = "department") -> QuerySet[Engagement]:
    """The crew list page's rows: `engagement_list` with only the columns a row shows."""
    return engagement_list(user=user, production=production, sort=sort).only(*CREW_PAGE_COLUMNS)


def crew_positions(production: Production) -> QuerySet[Position]:
    """The crew list's position filter: the production's positions with their department's
    name, in catalogue order."""
    return (
        Position.objects.for_production(production)
        .select_related("department")
        .only("title", "department__name")
    )


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
        Department.objects.for_production(production)
        .annotate(
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
    """One box of the org chart and the people reporting to it.

    `is_head`: the top of its department in the tree (no superior in the same department); the
    chart collapses every department to its heads. `head` is the engagement whose team this
    node belongs to (itself for a head), `team_size` how many people that head's team holds."""

    engagement: Engagement
    children: list[OrgNode] = field(default_factory=list)
    is_head: bool = True
    head: Engagement | None = None
    team_size: int = 0


@dataclass
class OrgDepartment:
    """One department of the printed chart: its people in reporting order, with their depth."""

    department: Department
    rows: list[tuple[int, Engagement]] = field(default_factory=list)


def org_chart(*, user, production: Production) -> list[OrgNode]:
    """The reporting tree of a production's (non-released) engagements, from one query.

    Someone reporting to a person of another department hangs under the head of that person's
    department, so that every head stays visible while the departments are collapsed."""
    rows = list(
        engagement_list(user=user, production=production)
        .exclude(status=EngagementStatus.RELEASED)
        .select_related("reports_to__position")
    )
    nodes = {e.pk: OrgNode(e) for e in rows}
    dept = {e.pk: e.position.department_id for e in rows}
    for e in rows:
        parent = e.reports_to_id
        nodes[e.pk].is_head = parent not in nodes or dept[parent] != dept[e.pk]
    for e in rows:
        head = _team_head(e.pk, nodes, dept)
        nodes[e.pk].head = nodes[head].engagement
        if head != e.pk:
            nodes[head].team_size += 1
    roots = []
    for e in rows:
        node, parent = nodes[e.pk], e.reports_to_id
        if parent not in nodes:
            roots.append(node)
        elif node.is_head:
            nodes[_team_head(parent, nodes, dept)].children.append(node)
        else:
            nodes[parent].children.append(node)
    return roots


def _team_head(pk: int, nodes: dict[int, OrgNode], dept: dict[int, int]) -> int:
    """The head of pk's team: up the reporting line while it stays in the department."""
    seen = {pk}
    while not nodes[pk].is_head:
        parent = nodes[pk].engagement.reports_to_id
        if parent in seen:  # a reporting loop: stop where it closes
            break
        seen.add(parent)
        pk = parent
    return pk


def org_departments(roots: list[OrgNode]) -> list[OrgDepartment]:
    """The chart by department, for print: each head with its team below it, indented by depth
    inside the department, departments in catalogue order."""
    by_dept: dict[int, OrgDepartment] = {}

    def walk(node: OrgNode, depth: int) -> None:
        department = node.engagement.position.department
        group = by_dept.setdefault(department.pk, OrgDepartment(department))
        group.rows.append((depth, node.engagement))
        for child in node.children:
            walk(child, 0 if child.is_head else depth + 1)

    for root in roots:
        walk(root, 0)
    return sorted(by_dept.values(), key=lambda g: (g.department.order, g.department.name))
