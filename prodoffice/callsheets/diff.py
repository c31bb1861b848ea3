"""What changed for one person between two versions of a call sheet (pure).

Each person is compared on what is theirs: their call, their scenes (a performer's scenes by
board ID; crew work every scene of the day, so theirs are the day's), the day's locations and
general call. Everyone else's changes are not theirs to see.
"""

from __future__ import annotations


def person_view(snapshot: dict, engagement: str) -> dict | None:
    """One person's slice of a sheet: their call, scenes and locations (None: not called)."""
    locations = [loc["name"] for loc in snapshot.get("locations", [])]
    for row in snapshot.get("cast", []):
        if row.get("engagement") == engagement:
            scenes = [s["number"] for s in snapshot["scenes"] if row["board_id"] in s["cast"]]
            return {
                "call": row["call"],
                "scenes": scenes,
                "locations": locations,
                "role": f"{row['board_id']}. {row['character']}".strip(". "),
            }
    for group in snapshot.get("crew", []):
        for person in group["people"]:
            if person["engagement"] == engagement:
                scenes = [s["number"] for s in snapshot["scenes"]]
                return {
                    "call": person["call"],
                    "scenes": scenes,
                    "locations": locations,
                    "role": person["position"],
                }
    return None


def changes_for(old: dict | None, new: dict, engagement: str) -> list[str]:
    """Sentences on what changed for this person from `old` to `new` ([] for a first version)."""
    if not old:
        return []
    before, after = person_view(old, engagement), person_view(new, engagement)
    if after is None:
        return ["You are no longer called on this day."] if before else []
    if before is None:
        return [f"You are now called, at {after['call']}."]
    out = []
    if before["call"] != after["call"]:
        out.append(f"Your call moved from {before['call']} to {after['call']}.")
    out += _list_change("scene", before["scenes"], after["scenes"])
    out += _list_change("location", before["locations"], after["locations"])
    return out


def _list_change(noun: str, before: list[str], after: list[str]) -> list[str]:
    added = [item for item in after if item not in before]
    removed = [item for item in before if item not in after]
    out = []
    if added:
        out.append(f"New {noun}{'s' if len(added) > 1 else ''}: {', '.join(added)}.")
    if removed:
        out.append(f"No longer: {noun} {', '.join(removed)}.")
    if not added and not removed and before != after:
        out.append(f"The order of your {noun}s changed: {', '.join(after)}.")
    return out


def engagements_of(snapshot: dict | None) -> set[str]:
    """Public ids of everyone called on a sheet."""
    if not snapshot:
        return set()
    ids = {row["engagement"] for row in snapshot.get("cast", []) if row.get("engagement")}
    for group in snapshot.get("crew", []):
        ids |= {person["engagement"] for person in group["people"]}
    return ids


def changes_for_everyone(old: dict | None, new: dict) -> dict[str, list[str]]:
    """Per person (engagement public id) the changes since `old`, for those with any."""
    out = {}
    for engagement in engagements_of(old) | engagements_of(new):
        found = changes_for(old, new, engagement)
        if found:
            out[engagement] = found
    return out
