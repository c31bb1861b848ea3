"""Talent-scheduling and movie-shoot instances: data classes, parsers, validation, cost.

The benchmark format (Cheng, Diamond and Lin 1993; Garcia de la Banda, Stuckey and Chu 2011) is:
the instance name on the first line, then whitespace-separated integers: the number of scenes n,
the number of actors m, m rows of n 0/1 flags each followed by the actor's daily cost, and n scene
durations. Errors name the line and the token so that a user can fix a hand-edited file.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path


class InstanceError(ValueError):
    """A malformed or inconsistent instance; the message names the line and token at fault."""


@dataclass(frozen=True)
class TalentInstance:
    """A classic talent-scheduling instance.

    ``scenes[s]`` is the frozenset of actors (0-based) appearing in scene ``s``; ``costs[a]`` is the
    daily cost of actor ``a``; ``durations[s]`` the length of scene ``s`` in days.
    """

    name: str
    scenes: tuple[frozenset[int], ...]
    costs: tuple[int, ...]
    durations: tuple[int, ...]

    @property
    def n_scenes(self) -> int:
        """Number of scenes."""
        return len(self.scenes)

    @property
    def n_actors(self) -> int:
        """Number of actors."""
        return len(self.costs)

    def actor_scenes(self, actor: int) -> list[int]:
        """The scenes (0-based, file order) in which ``actor`` appears."""
        return [s for s, cast in enumerate(self.scenes) if actor in cast]

    def work_cost(self) -> int:
        """Cost of the days actually worked: a constant, whatever the order."""
        return sum(
            d * sum(self.costs[a] for a in cast)
            for d, cast in zip(self.durations, self.scenes, strict=True)
        )


def make_instance(
    scenes: Sequence[Sequence[int] | frozenset[int]],
    costs: Sequence[int],
    durations: Sequence[int],
    name: str = "instance",
    *,
    allow_unused_actors: bool = False,
) -> TalentInstance:
    """Build and validate a :class:`TalentInstance` from Python data (actor lists per scene)."""
    inst = TalentInstance(
        name=name,
        scenes=tuple(frozenset(int(a) for a in cast) for cast in scenes),
        costs=tuple(int(c) for c in costs),
        durations=tuple(int(d) for d in durations),
    )
    validate(inst, allow_unused_actors=allow_unused_actors)
    return inst


def validate(inst: TalentInstance, *, allow_unused_actors: bool = False) -> None:
    """Raise :class:`InstanceError` when the instance cannot be scheduled meaningfully."""
    if not inst.scenes:
        raise InstanceError("instance has no scenes")
    if len(inst.durations) != len(inst.scenes):
        raise InstanceError(f"{len(inst.durations)} durations given for {len(inst.scenes)} scenes")
    for s, d in enumerate(inst.durations):
        if d <= 0:
            raise InstanceError(
                f"scene {s + 1}: duration must be a positive number of days, got {d}"
            )
    for a, c in enumerate(inst.costs):
        if c < 0:
            raise InstanceError(f"actor {a + 1}: daily cost must not be negative, got {c}")
    for s, cast in enumerate(inst.scenes):
        bad = [a for a in cast if not 0 <= a < inst.n_actors]
        if bad:
            raise InstanceError(f"scene {s + 1}: unknown actor {bad[0] + 1}")
    if not allow_unused_actors:
        for a in range(inst.n_actors):
            if not any(a in cast for cast in inst.scenes):
                raise InstanceError(f"actor {a + 1} appears in no scene")


def order_cost(inst: TalentInstance, order: Sequence[int]) -> int:
    """Cost of shooting the scenes in ``order``: each actor paid from first to last day.

    Deliberately the plain definition, independent of the solvers, so that it can check them.
    """
    check_order(inst, order)
    first: dict[int, int] = {}
    last: dict[int, int] = {}
    day = 0
    for s in order:
        for a in inst.scenes[s]:
            first.setdefault(a, day)
            last[a] = day + inst.durations[s]
        day += inst.durations[s]
    return sum(inst.costs[a] * (last[a] - first[a]) for a in first)


def check_order(inst: TalentInstance, order: Sequence[int]) -> None:
    """Raise ValueError unless ``order`` holds every scene index exactly once."""
    if sorted(order) != list(range(inst.n_scenes)):
        raise ValueError(
            f"order must be a permutation of 0..{inst.n_scenes - 1}, got {list(order)}"
        )


# --- tokenizer -------------------------------------------------------------------------------


@dataclass
class _Tokens:
    """Integer tokens with their line numbers, read one at a time with clear errors."""

    items: list[tuple[int, str]]
    source: str
    pos: int = 0

    @classmethod
    def from_text(cls, text: str, source: str, first_line: int) -> _Tokens:
        lines = text.splitlines()
        items = [
            (no, tok)
            for no, line in enumerate(lines[first_line:], start=first_line + 1)
            for tok in line.split()
        ]
        return cls(items=items, source=source)

    def take(self, what: str) -> int:
        """Next token as an int; ``what`` describes it for the error message."""
        if self.pos >= len(self.items):
            raise InstanceError(f"{self.source}: file ends early: expected {what}")
        line, tok = self.items[self.pos]
        self.pos += 1
        try:
            return int(tok)
        except ValueError:
            raise InstanceError(
                f"{self.source}, line {line}: expected an integer for {what}, got {tok!r}"
            ) from None

    def where(self) -> str:
        """Location of the token most recently taken, for follow-up errors."""
        line, tok = self.items[self.pos - 1]
        return f"{self.source}, line {line} (token {tok!r})"

    def expect_end(self) -> None:
        """Refuse trailing tokens: they mean a count in the header is wrong."""
        if self.pos < len(self.items):
            line, tok = self.items[self.pos]
            extra = len(self.items) - self.pos
            raise InstanceError(
                f"{self.source}, line {line}: {extra} unexpected token(s) after the data, "
                f"starting with {tok!r} (do the scene and actor counts match the rows?)"
            )


def parse_talent(
    text: str, source: str = "<string>", *, allow_unused_actors: bool = False
) -> TalentInstance:
    """Parse the benchmark text format; raise :class:`InstanceError` on any inconsistency.

    ``allow_unused_actors`` accepts actors who appear in no scene (the published film-12 has one);
    they are never paid. By default such an actor is taken to be a data-entry mistake.
    """
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        raise InstanceError(f"{source}, line 1: missing instance name")
    name = lines[0].strip()
    toks = _Tokens.from_text(text, source, first_line=1)
    n = toks.take("the number of scenes")
    if n <= 0:
        raise InstanceError(f"{toks.where()}: the number of scenes must be positive")
    m = toks.take("the number of actors")
    if m <= 0:
        raise InstanceError(f"{toks.where()}: the number of actors must be positive")
    casts: list[set[int]] = [set() for _ in range(n)]
    costs: list[int] = []
    for a in range(m):
        for s in range(n):
            flag = toks.take(f"actor {a + 1}, scene {s + 1} flag (0 or 1)")
            if flag not in (0, 1):
                raise InstanceError(
                    f"{toks.where()}: actor {a + 1}, scene {s + 1}: flag must be 0 or 1"
                )
            if flag:
                casts[s].add(a)
        cost = toks.take(f"actor {a + 1} daily cost")
        if cost < 0:
            raise InstanceError(f"{toks.where()}: actor {a + 1} daily cost must not be negative")
        costs.append(cost)
    durations = []
    for s in range(n):
        d = toks.take(f"scene {s + 1} duration")
        if d <= 0:
            raise InstanceError(f"{toks.where()}: scene {s + 1} duration must be positive")
        durations.append(d)
    toks.expect_end()
    try:
        return make_instance(casts, costs, durations, name, allow_unused_actors=allow_unused_actors)
    except InstanceError as exc:
        raise InstanceError(f"{source}: {exc}") from None


def load_talent(path: str | Path, *, allow_unused_actors: bool = False) -> TalentInstance:
    """Read and parse a talent-scheduling file."""
    path = Path(path)
    return parse_talent(
        path.read_text(encoding="utf-8"), str(path.name), allow_unused_actors=allow_unused_actors
    )


# --- movie shoot ---------------------------------------------------------------------------


@dataclass(frozen=True)
class MovieShootInstance:
    """The movie-shoot problem (Bomsdorf and Derigs 2008, Hexaly's example form).

    Objective: sum of location cost x (visits - 1) + sum of actor cost x (paid days - worked days),
    where a visit is a maximal run of consecutive scenes at the same location.
    """

    name: str
    actor_costs: tuple[int, ...]
    location_costs: tuple[int, ...]
    durations: tuple[int, ...]
    locations: tuple[int, ...]
    scenes: tuple[frozenset[int], ...]
    precedences: tuple[tuple[int, int], ...] = field(default=())

    @property
    def n_scenes(self) -> int:
        """Number of scenes."""
        return len(self.durations)

    @property
    def n_actors(self) -> int:
        """Number of actors."""
        return len(self.actor_costs)

    def as_talent(self) -> TalentInstance:
        """The classic talent part (no locations, no precedences) of this instance."""
        return TalentInstance(self.name, self.scenes, self.actor_costs, self.durations)


def parse_movie_shoot(text: str, source: str = "<string>") -> MovieShootInstance:
    """Parse the movie-shoot format: counts, costs, durations, locations, casts, precedences."""
    toks = _Tokens.from_text(text, source, first_line=0)
    m = toks.take("the number of actors")
    n = toks.take("the number of scenes")
    n_loc = toks.take("the number of locations")
    n_prec = toks.take("the number of precedences")
    for what, value in (("actors", m), ("scenes", n), ("locations", n_loc)):
        if value <= 0:
            raise InstanceError(f"{source}: the number of {what} must be positive, got {value}")
    if n_prec < 0:
        raise InstanceError(f"{source}: the number of precedences must not be negative")
    actor_costs = [_nonneg(toks, f"actor {a + 1} daily cost") for a in range(m)]
    location_costs = [_nonneg(toks, f"location {k + 1} cost") for k in range(n_loc)]
    durations = []
    for s in range(n):
        d = toks.take(f"scene {s + 1} duration")
        if d <= 0:
            raise InstanceError(f"{toks.where()}: scene {s + 1} duration must be positive")
        durations.append(d)
    locations = []
    for s in range(n):
        loc = toks.take(f"scene {s + 1} location")
        if not 0 <= loc < n_loc:
            raise InstanceError(f"{toks.where()}: scene {s + 1} location must be in 0..{n_loc - 1}")
        locations.append(loc)
    casts: list[set[int]] = [set() for _ in range(n)]
    for a in range(m):
        for s in range(n):
            flag = toks.take(f"actor {a + 1}, scene {s + 1} flag (0 or 1)")
            if flag not in (0, 1):
                raise InstanceError(
                    f"{toks.where()}: actor {a + 1}, scene {s + 1}: flag must be 0 or 1"
                )
            if flag:
                casts[s].add(a)
    precedences = []
    for p in range(n_prec):
        a = toks.take(f"precedence {p + 1} first scene")
        b = toks.take(f"precedence {p + 1} second scene")
        for x in (a, b):
            if not 0 <= x < n:
                raise InstanceError(f"{toks.where()}: precedence {p + 1} names unknown scene {x}")
        precedences.append((a, b))
    toks.expect_end()
    cycle = find_precedence_cycle(n, precedences)
    if cycle:
        raise InstanceError(f"{source}: precedences form a cycle: {' -> '.join(map(str, cycle))}")
    return MovieShootInstance(
        name=Path(source).stem,
        actor_costs=tuple(actor_costs),
        location_costs=tuple(location_costs),
        durations=tuple(durations),
        locations=tuple(locations),
        scenes=tuple(frozenset(c) for c in casts),
        precedences=tuple(precedences),
    )


def _nonneg(toks: _Tokens, what: str) -> int:
    value = toks.take(what)
    if value < 0:
        raise InstanceError(f"{toks.where()}: {what} must not be negative")
    return value


def load_movie_shoot(path: str | Path) -> MovieShootInstance:
    """Read and parse a movie-shoot file."""
    path = Path(path)
    return parse_movie_shoot(path.read_text(encoding="utf-8"), str(path.name))


def find_precedence_cycle(n: int, pairs: Sequence[tuple[int, int]]) -> list[int] | None:
    """A cycle ``[a, b, ..., a]`` among precedence pairs ``(before, after)``, or None."""
    succ: dict[int, list[int]] = {}
    for a, b in pairs:
        succ.setdefault(a, []).append(b)
    state = [0] * n  # 0 new, 1 on the stack, 2 done
    for root in range(n):
        if state[root]:
            continue
        stack: list[tuple[int, Iterator[int]]] = [(root, iter(succ.get(root, ())))]
        path = [root]
        state[root] = 1
        while stack:
            node, it = stack[-1]
            nxt = next(it, None)
            if nxt is None:
                stack.pop()
                path.pop()
                state[node] = 2
            elif state[nxt] == 1:
                return [*path[path.index(nxt) :], nxt]
            elif state[nxt] == 0:
                state[nxt] = 1
                path.append(nxt)
                stack.append((nxt, iter(succ.get(nxt, ()))))
    return None


def movie_shoot_cost(inst: MovieShootInstance, order: Sequence[int]) -> tuple[int, int]:
    """(location cost, actor holding cost) of ``order`` by plain definition; checks precedences."""
    if sorted(order) != list(range(inst.n_scenes)):
        raise ValueError("order must be a permutation of the scenes")
    pos = {s: i for i, s in enumerate(order)}
    for a, b in inst.precedences:
        if pos[a] > pos[b]:
            raise ValueError(f"order breaks precedence: scene {a} must come before scene {b}")
    visits = [0] * len(inst.location_costs)
    prev = None
    for s in order:
        if inst.locations[s] != prev:
            visits[inst.locations[s]] += 1
        prev = inst.locations[s]
    loc_cost = sum(c * (v - 1) for c, v in zip(inst.location_costs, visits, strict=True) if v > 1)
    talent = inst.as_talent()
    worked = talent.work_cost()
    paid = _paid_cost(talent, order)
    return loc_cost, paid - worked


def _paid_cost(inst: TalentInstance, order: Sequence[int]) -> int:
    # Same rule as order_cost but tolerant of actors in no scene (movie-shoot data may have them).
    first: dict[int, int] = {}
    last: dict[int, int] = {}
    day = 0
    for s in order:
        for a in inst.scenes[s]:
            first.setdefault(a, day)
            last[a] = day + inst.durations[s]
        day += inst.durations[s]
    return sum(inst.costs[a] * (last[a] - first[a]) for a in first)
