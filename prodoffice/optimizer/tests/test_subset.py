"""Subset DP kernel: optimal against brute force, with and without the bound and the pruning."""

import numpy as np
import pytest

from prodoffice.optimizer import _kernels as K
from prodoffice.optimizer import _subset as SD
from prodoffice.optimizer.generator import density_instance, random_instance
from prodoffice.optimizer.instance import make_instance, order_cost
from prodoffice.optimizer.talent import reduce, solve

from .helpers import brute_force


def _fill(red, ub, use_bound):
    f = SD.new_table(red.n)
    ctab = SD.cost_table(red.costs, red.m)
    stats = np.zeros(4, dtype=np.int64)
    aux = K.cast_table(red.scene_actors, red.m)
    ratio = np.zeros(max(red.m, 1))
    args = (red.scene_actors, red.durations, red.costs, red.n, red.m)
    value = SD.fill_all(*args, ub, use_bound, f, ctab, float("inf"), stats, ratio, aux)
    return value, f, ctab


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize("use_bound", [0, 1, 2])
def test_table_value_is_the_brute_force_optimum_and_walks_back_to_an_order_of_that_cost(
    seed, use_bound
):
    inst = density_instance(7, 5, 0.2 + 0.05 * (seed % 4), seed)
    red = reduce(inst)
    best = brute_force(inst)
    # Any upper bound at or above the optimum gives the optimum: the loosest, and the exact one.
    for ub in (2**31 - 2, best - red.work_cost):
        value, f, ctab = _fill(red, ub, use_bound)
        assert red.work_cost + value == best
        order = SD.walk(red.scene_actors, red.durations, red.n, f, ctab)
        assert order_cost(inst, red.expand(order.tolist())) == best


@pytest.mark.parametrize("seed", range(8))
def test_switching_the_bound_off_part_way_keeps_the_optimum(seed):
    """``fill_all`` switches the bound off once it costs more than it saves: the sets before
    the switch filled with the bound, the rest without, still give the optimum, at any switch
    point, and an order of that cost."""
    inst = density_instance(8, 5, 0.25 + 0.05 * (seed % 3), seed + 100)
    red = reduce(inst)
    best = brute_force(inst)
    full = 1 << red.n
    ctab = SD.cost_table(red.costs, red.m)
    aux = K.cast_table(red.scene_actors, red.m)
    ratio = np.zeros(max(red.m, 1))
    args = (red.scene_actors, red.durations, red.costs, red.n, red.m, best - red.work_cost)
    for switch in sorted({0, 1, full // 3, full // 2, full - 2}):
        f = SD.new_table(red.n)
        stats = np.zeros(4, dtype=np.int64)
        SD.fill(*args, 1, f, ctab, 0, switch, stats, ratio, aux)
        SD.fill(*args, 0, f, ctab, switch, full, stats, ratio, aux)
        assert red.work_cost + int(f[full - 1]) == best, switch
        order = SD.walk(red.scene_actors, red.durations, red.n, f, ctab)
        assert order_cost(inst, red.expand(order.tolist())) == best


def test_the_table_switches_the_bound_off_when_it_costs_more_than_the_plain_table():
    inst = density_instance(9, 6, 0.3, 7)
    red = reduce(inst)
    f = SD.new_table(red.n)
    ctab = SD.cost_table(red.costs, red.m)
    stats = np.zeros(4, dtype=np.int64)
    aux = K.cast_table(red.scene_actors, red.m)
    ratio = np.zeros(max(red.m, 1))
    args = (red.scene_actors, red.durations, red.costs, red.n, red.m, 2**31 - 2, 1, f, ctab)
    # A plain table estimated at no time at all: the bound is off from the first range on.
    value = SD.fill_all(*args, float("inf"), stats, ratio, aux, 0.0)
    assert red.work_cost + value == brute_force(inst)
    assert stats[3] == 0  # no bound was computed


def test_an_upper_bound_below_the_optimum_leaves_the_full_set_unreached():
    inst = random_instance(7, 5, 0)  # optimum holding 178
    red = reduce(inst)
    optimum = brute_force(inst) - red.work_cost
    assert optimum > 0
    value, _, _ = _fill(red, optimum - 1, 1)
    assert value > optimum - 1


def test_cost_table_sums_the_costs_of_a_mask_by_bytes():
    costs = np.arange(1, 20, dtype=np.int64)
    tab = SD.cost_table(costs, 19)
    mask = (1 << 0) | (1 << 9) | (1 << 18)
    assert SD._mask_cost8(np.int64(mask), tab) == 1 + 10 + 19


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("method", ["dp", "auto"])
def test_dp_and_auto_solve_small_instances_with_durations_and_duplicates(seed, method):
    # Scenes 0 and 1 share a cast (merged), actor 3 is in one scene (dropped).
    inst = make_instance(
        [[0, 1], [0, 1], [1, 2], [0, 2, 3], [2], [0]],
        [3 + seed, 5, 2 * seed + 1, 9],
        [1 + seed % 3, 2, 1, 3, 2, 1],
    )
    res = solve(inst, 5.0, method=method)
    assert res.proven_optimal
    assert res.cost == brute_force(inst) == order_cost(inst, res.order) == res.lower_bound
