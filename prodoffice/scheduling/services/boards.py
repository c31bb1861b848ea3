"""Writes of stripboards: boards, strips, day breaks and banners, the boneyard.

Every function takes `actor` (a User, or None for the CLI and the system), is refused to anyone
but office staff and assistant directors (`permissions.can_edit_boards`), writes in one
transaction and records its audit event in that transaction.
Strip positions are dense (0 .. n-1) per board, boneyard strips included; a move rewrites the
board's positions in two steps so the unique (board, position) constraint never sees a clash.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F

from prodoffice.audit.services import record
from prodoffice.core.services import integrity_as_validation, require
from prodoffice.scheduling.engine.categories import STRIP_PALETTE
from prodoffice.scheduling.models import (
    BannerKind,
    Board,
    Scene,
    Strip,
    StripKind,
    colour_validator,
)
from prodoffice.scheduling.permissions import can_edit_boards

#: Added to every position of a board before renumbering; far above any real board's length.
_SHIFT = 1_000_000
EDIT_REFUSED = "Only the production office and the assistant directors change stripboards."


def _ordered(board: Board) -> list[Strip]:
    """The board's strips in position order, locked for the rest of the transaction."""
    return list(Strip.objects.select_for_update().filter(board=board).order_by("position"))


def _write_order(board: Board, strips: list[Strip]) -> None:
    """Give the strips positions 0 .. n-1 in list order; unsaved strips are created."""
    Strip.objects.filter(board=board).update(position=F("position") + _SHIFT)
    for index, strip in enumerate(strips):
        strip.position = index
    Strip.objects.bulk_update([s for s in strips if s.pk], ["position"])
    Strip.objects.bulk_create([s for s in strips if not s.pk])


def _check_position(position: int, upper: int) -> None:
    """Positions run from 0 to `upper` (inclusive); the message counts from 1, as the board does."""
    if not isinstance(position, int) or not 0 <= position <= upper:
        raise ValidationError(
            {"position": f"Position outside the board: choose a position from 1 to {upper + 1}."}
        )


def _audit(actor, action: str, target, production, changes=None) -> None:
    record(actor=actor, action=action, target=target, production=production, changes=changes)


def board_create(*, actor, production, name: str, script=None, empty: bool = False) -> Board:
    """A board with every scene of the current draft in script order (or none); the first works."""
    require(can_edit_boards(actor, production), EDIT_REFUSED)
    with transaction.atomic():
        board = Board(production=production, name=name.strip())
        board.is_working = not Board.objects.filter(production=production, is_working=True).exists()
        board.full_clean()
        with integrity_as_validation("A board with this name exists."):
            board.save()
        scenes = [] if empty else _script_scenes(production, script)
        Strip.objects.bulk_create(
            Strip(board=board, position=i, kind=StripKind.SCENE, scene=scene)
            for i, scene in enumerate(scenes)
        )
        _audit(actor, "board.create", board, production, {"strips": len(scenes)})
    return board


def _script_scenes(production, script) -> list[Scene]:
    """Scenes in play of the given or the current draft, in script order."""
    scenes = Scene.objects.filter(script__production=production, omitted=False)
    scenes = scenes.filter(script=script) if script else scenes.filter(script__is_current=True)
    return list(scenes.order_by("position"))


def board_copy(*, actor, board: Board, name: str) -> Board:
    """A what-if copy of a board with the same strips; it is not the working board."""
    require(can_edit_boards(actor, board.production), EDIT_REFUSED)
    with transaction.atomic():
        copy = Board(production=board.production, name=name.strip(), palette=dict(board.palette))
        copy.created_from = board
        copy.full_clean()
        with integrity_as_validation("A board with this name exists."):
            copy.save()
        strips = Strip.objects.filter(board=board).order_by("position")
        Strip.objects.bulk_create(_copy_strip(strip, copy) for strip in strips)
        _audit(actor, "board.copy", copy, board.production, {"created_from": str(board.pk)})
    return copy


def _copy_strip(strip: Strip, board: Board) -> Strip:
    fields = ("position", "kind", "scene_id", "banner_kind", "text", "in_boneyard")
    return Strip(board=board, **{field: getattr(strip, field) for field in fields})


def board_set_working(*, actor, board: Board) -> Board:
    """Make this board the production's working board (the others become what-ifs)."""
    require(can_edit_boards(actor, board.production), EDIT_REFUSED)
    with transaction.atomic():
        others = Board.objects.filter(production=board.production, is_working=True)
        others.exclude(pk=board.pk).update(is_working=False)
        Board.objects.filter(pk=board.pk).update(is_working=True)
        board.is_working = True
        _audit(actor, "board.set_working", board, board.production)
    return board


def strip_move(*, actor, strip: Strip, to_position: int, board: Board | None = None) -> Strip:
    """Move a strip to a position of its board; a strip of another board is refused."""
    board = board or strip.board
    require(can_edit_boards(actor, board.production), EDIT_REFUSED)
    if strip.board_id != board.pk:
        raise ValidationError({"strip": "This strip belongs to another board."})
    with transaction.atomic():
        strips = _ordered(board)
        _check_position(to_position, len(strips) - 1)
        moving = next(s for s in strips if s.pk == strip.pk)
        old = moving.position
        strips.remove(moving)
        strips.insert(to_position, moving)
        _write_order(board, strips)
        strip.position = to_position
        _audit(actor, "strip.move", strip, board.production, {"position": [old, to_position]})
    return strip


def board_reorder(*, actor, board: Board, strip_ids: list[int]) -> Board:
    """Put every strip of the board in the given order in one write (a whole first draft of a
    schedule, not one `strip_move` per strip); the ids are the board's strips, each once."""
    require(can_edit_boards(actor, board.production), EDIT_REFUSED)
    with transaction.atomic():
        strips = {s.pk: s for s in _ordered(board)}
        missing = [pk for pk in strips if pk not in set(strip_ids)]
        foreign = [pk for pk in strip_ids if pk not in strips]
        if foreign or missing or len(strip_ids) != len(strips):
            raise ValidationError({"strip_ids": _order_problem(foreign, missing, len(strips))})
        _write_order(board, [strips[pk] for pk in strip_ids])
        _audit(actor, "board.reorder", board, board.production, {"strips": len(strip_ids)})
    return board


def _order_problem(foreign: list[int], missing: list[int], count: int) -> str:
    """Why a new order is refused, naming the strips at fault."""
    if foreign:
        return f"Strips {', '.join(map(str, foreign))} are not on this board."
    if missing:
        return f"The order leaves out strips {', '.join(map(str, missing))} of this board."
    return f"Name each of the board's {count} strips exactly once."


def breaks_insert(
    *, actor, board: Board, day_ends: list[int], banners: list[tuple[int, str, str]] = ()
) -> list[Strip]:
    """Day breaks and banners at positions of the board as it stands, in one write (a whole
    first draft of a schedule). `day_ends` end a shoot day before the strip now at each position
    (or at the end); `banners` are (position, banner kind, text). At one position a day break
    comes before a banner."""
    require(can_edit_boards(actor, board.production), EDIT_REFUSED)
    if len(set(day_ends)) != len(day_ends):
        raise ValidationError({"day_ends": "Two day breaks at one position make an empty day."})
    new = [(p, Strip(board=board, kind=StripKind.DAY_BREAK)) for p in day_ends]
    new += [(p, _banner(board, kind, text)) for p, kind, text in banners]
    with transaction.atomic():
        strips = _ordered(board)
        for position, _strip in new:
            _check_position(position, len(strips))
        for position, strip in sorted(reversed(new), key=lambda item: -item[0]):
            strips.insert(position, strip)
        _write_order(board, strips)
        changes = {"day_ends": sorted(day_ends), "banners": sorted(p for p, _k, _t in banners)}
        _audit(actor, "board.breaks_insert", board, board.production, changes)
    return [strip for _position, strip in new]


def _banner(board: Board, banner_kind: str, text: str) -> Strip:
    """An unsaved banner strip, its kind and text checked."""
    if banner_kind not in (BannerKind.COMPANY_MOVE, BannerKind.MEAL, BannerKind.NOTE):
        raise ValidationError({"banner_kind": "Choose company move, meal or note."})
    strip = Strip(board=board, kind=StripKind.BANNER, banner_kind=banner_kind, text=text.strip())
    strip.full_clean(exclude=["position", "board"])
    return strip


def _insert(actor, board: Board, position: int, strip: Strip, action: str) -> Strip:
    """Insert a new strip at a position (0 .. n), moving the later strips down."""
    require(can_edit_boards(actor, board.production), EDIT_REFUSED)
    with transaction.atomic():
        strips = _ordered(board)
        _check_position(position, len(strips))
        strips.insert(position, strip)
        _write_order(board, strips)
        _audit(actor, action, strip, board.production, {"position": position})
    return strip


def day_break_insert(*, actor, board: Board, position: int) -> Strip:
    """End a shoot day before the strip now at `position` (or at the end)."""
    strip = Strip(board=board, kind=StripKind.DAY_BREAK)
    return _insert(actor, board, position, strip, "strip.day_break")


def banner_insert(*, actor, board: Board, position: int, banner_kind: str, text: str = "") -> Strip:
    """A company move, meal or note banner at `position`."""
    return _insert(actor, board, position, _banner(board, banner_kind, text), "strip.banner")


def _set_boneyard(actor, strip: Strip, value: bool, action: str) -> Strip:
    """Put a scene strip into the boneyard (off the schedule) or back onto the board."""
    require(can_edit_boards(actor, strip.board.production), EDIT_REFUSED)
    if strip.kind != StripKind.SCENE:
        raise ValidationError({"strip": "Only scene strips go to the boneyard."})
    with transaction.atomic():
        Strip.objects.filter(pk=strip.pk).update(in_boneyard=value)
        strip.in_boneyard = value
        _audit(actor, action, strip, strip.board.production, {"in_boneyard": [not value, value]})
    return strip


def strip_to_boneyard(*, actor, strip: Strip) -> Strip:
    """Take a scene off the schedule without deleting its strip."""
    return _set_boneyard(actor, strip, True, "strip.to_boneyard")


def strip_from_boneyard(*, actor, strip: Strip) -> Strip:
    """Put a boneyard scene back on the schedule where its strip stands."""
    return _set_boneyard(actor, strip, False, "strip.from_boneyard")


def board_rename(*, actor, board: Board, name: str) -> Board:
    """Give a board a new name (unique within the production)."""
    require(can_edit_boards(actor, board.production), EDIT_REFUSED)
    old, name = board.name, name.strip()
    candidate = Board(production_id=board.production_id, name=name)
    candidate.full_clean(exclude=["production", "created_from"], validate_constraints=False)
    with transaction.atomic():
        taken = Board.objects.filter(production_id=board.production_id, name__iexact=name)
        if taken.exclude(pk=board.pk).exists():
            raise ValidationError({"name": "A board with this name exists."})
        with integrity_as_validation("A board with this name exists."):
            Board.objects.filter(pk=board.pk).update(name=name)
        board.name = name
        _audit(actor, "board.rename", board, board.production, {"name": [old, name]})
    return board


def board_delete(*, actor, board: Board) -> None:
    """Delete a what-if board and its strips; the working board is never deleted."""
    require(can_edit_boards(actor, board.production), EDIT_REFUSED)
    with transaction.atomic():
        # Locked so that a concurrent "set as working" cannot make it the working board meanwhile.
        locked = Board.objects.select_for_update().get(pk=board.pk)
        if locked.is_working:
            raise ValidationError(
                {"board": "The working board cannot be deleted; make another board work first."}
            )
        strips = Strip.objects.filter(board=locked).count()
        _audit(
            actor,
            "board.delete",
            locked,
            locked.production,
            {"name": locked.name, "strips": strips},
        )
        locked.delete()


def board_palette_set(*, actor, board: Board, palette: dict[str, str]) -> Board:
    """Recolour the board's strips: hex colours for white, yellow, blue and green strips."""
    require(can_edit_boards(actor, board.production), EDIT_REFUSED)
    errors, colours = {}, {}
    for key in STRIP_PALETTE:
        value = (palette.get(key) or "").strip()
        try:
            colour_validator(value)
        except ValidationError:
            errors[key] = f"Use a hex colour such as #fff59d for the {key} strips."
        colours[key] = value.lower()
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        old = dict(board.palette)
        Board.objects.filter(pk=board.pk).update(palette=colours)
        board.palette = colours
        _audit(actor, "board.palette", board, board.production, {"palette": [old, colours]})
    return board


def strip_place(
    *, actor, board: Board, strip: Strip, to_position: int, in_boneyard: bool | None = None
) -> Strip:
    """Move a strip (strip_move) and, when asked, into or out of the boneyard, in one go."""
    with transaction.atomic():
        if in_boneyard is not None and in_boneyard != strip.in_boneyard:
            if strip.board_id != board.pk:
                raise ValidationError({"strip": "This strip belongs to another board."})
            _set_boneyard(
                actor,
                strip,
                in_boneyard,
                "strip.to_boneyard" if in_boneyard else "strip.from_boneyard",
            )
        return strip_move(actor=actor, strip=strip, to_position=to_position, board=board)


def strip_remove(*, actor, board: Board, strip: Strip) -> None:
    """Remove a day break or a banner (scene strips go to the boneyard instead)."""
    require(can_edit_boards(actor, board.production), EDIT_REFUSED)
    if strip.board_id != board.pk:
        raise ValidationError({"strip": "This strip belongs to another board."})
    if strip.kind == StripKind.SCENE:
        raise ValidationError({"strip": "Scene strips are not removed: move them to the boneyard."})
    with transaction.atomic():
        strips = [s for s in _ordered(board) if s.pk != strip.pk]
        _audit(
            actor, "strip.remove", strip, board.production, {"kind": strip.kind, "text": strip.text}
        )
        Strip.objects.filter(pk=strip.pk).delete()
        _write_order(board, strips)


def strips_follow_draft(*, actor, production, scenes: list[Scene]) -> int:
    """After a revision import: every board's strips follow their scene into the new draft.

    `scenes` are the new draft's stored scenes (each with `previous`). Scenes the revision cut go
    to the boneyard; scenes new to a board join its boneyard at the end. Returns boards changed.
    """
    require(can_edit_boards(actor, production), EDIT_REFUSED)
    successor = {scene.previous_id: scene for scene in scenes if scene.previous_id}
    changed = 0
    # Part of the import's transaction (no savepoint of its own: a failure undoes the import).
    with transaction.atomic(savepoint=False):
        for board in Board.objects.select_for_update().filter(production=production).order_by("pk"):
            changed += _follow(actor, board, successor, scenes)
    return changed


def _follow(actor, board: Board, successor: dict[int, Scene], scenes: list[Scene]) -> int:
    """One board's share of strips_follow_draft; 1 when it changed, else 0."""
    strips = _ordered(board)
    followed, cut = [], []
    for strip in strips:
        scene = successor.get(strip.scene_id) if strip.scene_id else None
        if scene is None:
            continue
        strip.scene = scene
        if scene.omitted and not strip.in_boneyard:
            strip.in_boneyard = True
            cut.append(scene.number)
        followed.append(strip)
    Strip.objects.bulk_update(followed, ["scene", "in_boneyard"])
    placed = {strip.scene_id for strip in strips}
    added = [s for s in scenes if not s.omitted and s.pk not in placed]
    Strip.objects.bulk_create(
        Strip(board=board, position=len(strips) + i, kind=StripKind.SCENE, scene=scene,
              in_boneyard=True)
        for i, scene in enumerate(added)
    )  # fmt: skip
    if not (followed or added):
        return 0
    changes = {"followed": len(followed), "omitted": cut, "added": [s.number for s in added]}
    _audit(actor, "board.follow_draft", board, board.production, changes)
    return 1


def board_add_unplaced(*, actor, board: Board) -> int:
    """Scenes of the current draft that are not on the board join its boneyard (an empty board)."""
    require(can_edit_boards(actor, board.production), EDIT_REFUSED)
    with transaction.atomic():
        strips = _ordered(board)
        placed = {strip.scene_id for strip in strips if strip.scene_id}
        missing = [s for s in _script_scenes(board.production, None) if s.pk not in placed]
        Strip.objects.bulk_create(
            Strip(board=board, position=len(strips) + i, kind=StripKind.SCENE, scene=scene,
                  in_boneyard=True)
            for i, scene in enumerate(missing)
        )  # fmt: skip
        _audit(actor, "board.add_unplaced", board, board.production, {"added": len(missing)})
    return len(missing)
