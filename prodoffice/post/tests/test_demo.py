"""The demo's post on a small production: every part once, a rerun adds nothing."""

from __future__ import annotations

import pytest

from prodoffice.post.demo import demo_post
from prodoffice.post.models import AdrCue, Booking, CutVersion, Deliverable, PostTask, Room, VfxShot
from prodoffice.post.selectors import version_change_list

pytestmark = pytest.mark.django_db


def test_demo_post_builds_every_part_once(world):
    demo_post(world.production)
    counts = [
        m.objects.count()
        for m in (Room, PostTask, CutVersion, Booking, Deliverable, AdrCue, VfxShot)
    ]
    assert counts[5] == 2 and counts[6] == 1
    assert counts[0] == 7 and counts[2] == 2 and counts[3] == 5
    assert PostTask.objects.filter(department="Acoustics").exists()
    v1, v2 = CutVersion.objects.order_by("number")
    changes = version_change_list(v1, v2)
    assert [c.clip for c in changes.added] == ["HL_013_E"]
    assert [c.clip for c in changes.removed] == ["HL_008_D"]
    assert {c.clip for c in changes.trimmed} == {"HL_002_B", "HL_003_A", "HL_011_A"}
    assert [c.clip for c in changes.moved] == ["HL_004_C"]
    demo_post(world.production)
    again = [
        m.objects.count()
        for m in (Room, PostTask, CutVersion, Booking, Deliverable, AdrCue, VfxShot)
    ]
    assert again == counts
