"""What changed for one person between two versions, and nothing about anyone else."""

from __future__ import annotations

from prodoffice.callsheets.diff import changes_for, changes_for_everyone


def sheet(
    ann_call="06:00",
    scenes=(("1", ["1"]), ("2", ["1", "2"])),
    location="Old Mill",
    grip_call="06:00",
):
    return {
        "locations": [{"name": location}],
        "scenes": [{"number": n, "cast": cast} for n, cast in scenes],
        "cast": [
            {"engagement": "ann", "board_id": "1", "character": "ANN", "call": ann_call},
            {"engagement": "ben", "board_id": "2", "character": "BEN", "call": "07:00"},
        ],
        "crew": [
            {
                "department": "Grip",
                "people": [{"engagement": "grip", "position": "Grip", "call": grip_call}],
            }
        ],
    }


def test_a_first_version_changes_nothing_for_anyone():
    assert changes_for(None, sheet(), "ann") == []


def test_a_moved_call_is_told_only_to_its_person():
    changes = changes_for_everyone(sheet(), sheet(ann_call="05:30"))
    assert changes == {"ann": ["Your call moved from 06:00 to 05:30."]}


def test_scenes_are_a_performers_own_and_crew_sees_the_days():
    new = sheet(scenes=(("1", ["1"]), ("3", ["2"])))
    changes = changes_for_everyone(sheet(), new)
    assert changes["ann"] == ["No longer: scene 2."]
    assert changes["ben"] == ["New scene: 3.", "No longer: scene 2."]
    assert changes["grip"] == ["New scene: 3.", "No longer: scene 2."]


def test_a_new_location_is_everyones_change():
    changes = changes_for_everyone(sheet(), sheet(location="Pier 9"))
    assert set(changes) == {"ann", "ben", "grip"}
    assert "New location: Pier 9." in changes["grip"]


def test_called_and_no_longer_called():
    new = sheet()
    new["crew"][0]["people"] = []
    assert changes_for(sheet(), new, "grip") == ["You are no longer called on this day."]
    assert changes_for(new, sheet(), "grip") == ["You are now called, at 06:00."]
