"""Random talent-scheduling instances in the style of Garcia de la Banda, Stuckey and Chu (2011).

Every actor appears in at least two scenes (an actor in one scene is never idle and would be
removed by the solver's reduction), every scene has at least one actor, daily costs are drawn
from 1..100 and durations from 1..4 days.
"""

from __future__ import annotations

import random

from .instance import TalentInstance, make_instance


def random_instance(
    n_scenes: int,
    n_actors: int,
    seed: int | None = None,
    *,
    max_cost: int = 100,
    max_duration: int = 4,
) -> TalentInstance:
    """A random instance; the same seed always gives the same instance.

    Each actor appears in k scenes with k uniform in 2..max(2, n_scenes // 2), so casts are
    neither trivially sparse nor all-present.
    """
    if n_scenes < 2 or n_actors < 1:
        raise ValueError("need at least 2 scenes and 1 actor")
    rng = random.Random(seed)
    casts: list[set[int]] = [set() for _ in range(n_scenes)]
    for a in range(n_actors):
        k = rng.randint(2, max(2, n_scenes // 2))
        for s in rng.sample(range(n_scenes), k):
            casts[s].add(a)
    for s, cast in enumerate(casts):
        if not cast:  # an empty scene would be shot first for free: give it someone
            casts[s].add(rng.randrange(n_actors))
    costs = [rng.randint(1, max_cost) for _ in range(n_actors)]
    durations = [rng.randint(1, max_duration) for _ in range(n_scenes)]
    name = f"random_{n_scenes}_{n_actors}_{seed}"
    return make_instance(casts, costs, durations, name)


def to_text(inst: TalentInstance) -> str:
    """The instance in the benchmark text format (name, counts, flag rows with costs, durations)."""
    lines = [inst.name, str(inst.n_scenes), str(inst.n_actors)]
    for a, c in enumerate(inst.costs):
        flags = " ".join("1" if a in cast else "0" for cast in inst.scenes)
        lines.append(f"{flags} {c}")
    lines.append(" ".join(str(d) for d in inst.durations))
    return "\n".join(lines) + "\n"


def density_instance(
    n_scenes: int,
    n_actors: int,
    density: float,
    seed: int | None = None,
    *,
    costs: tuple[int, int] = (1, 100),
    durations: tuple[int, int] = (1, 4),
    name: str | None = None,
) -> TalentInstance:
    """Each actor in each scene with probability ``density`` (then at least one scene each,
    and every scene at least one actor); costs and durations uniform in the given ranges."""
    rng = random.Random(seed)
    casts: list[set[int]] = [set() for _ in range(n_scenes)]
    for a in range(n_actors):
        for s in range(n_scenes):
            if rng.random() < density:
                casts[s].add(a)
        if not any(a in c for c in casts):
            casts[rng.randrange(n_scenes)].add(a)
    for cast in casts:
        if not cast:
            cast.add(rng.randrange(n_actors))
    cost = [rng.randint(*costs) for _ in range(n_actors)]
    dur = [rng.randint(*durations) for _ in range(n_scenes)]
    label = name or f"density_{n_scenes}_{n_actors}_{round(100 * density)}_{seed}"
    return make_instance(casts, cost, dur, label)


def movie_shoot_text(
    n_scenes: int, n_actors: int, n_locations: int, n_precedences: int, seed: int | None = None
) -> str:
    """A random movie-shoot instance in the file format of ``instance.parse_movie_shoot``, in the
    style of the public ones: actor costs 1..20, location costs 0..40 (the first 0), durations
    1..5, each actor in a scene with probability 0.35..0.55, acyclic precedences (low to high)."""
    rng = random.Random(seed)
    dens = rng.uniform(0.35, 0.55)
    rows = [[int(rng.random() < dens) for _ in range(n_scenes)] for _ in range(n_actors)]
    for row in rows:
        if sum(row) == 0:
            row[rng.randrange(n_scenes)] = 1
    pairs: set[tuple[int, int]] = set()
    while len(pairs) < min(n_precedences, n_scenes * (n_scenes - 1) // 2):
        a, b = sorted(rng.sample(range(n_scenes), 2))
        pairs.add((a, b))
    lines = [f"{n_actors} {n_scenes} {n_locations} {len(pairs)}"]
    lines.append(" ".join(str(rng.randint(1, 20)) for _ in range(n_actors)))
    lines.append(" ".join(["0"] + [str(rng.randint(1, 40)) for _ in range(n_locations - 1)]))
    lines.append(" ".join(str(rng.randint(1, 5)) for _ in range(n_scenes)))
    lines.append(" ".join(str(rng.randrange(n_locations)) for _ in range(n_scenes)))
    lines.extend(" ".join(map(str, row)) for row in rows)
    lines.extend(f"{a} {b}" for a, b in sorted(pairs))
    return "\n".join(lines) + "\n"
