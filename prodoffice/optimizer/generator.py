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
