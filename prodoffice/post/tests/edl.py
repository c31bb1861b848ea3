"""Writing small CMX 3600 EDLs for tests: (clip, source in, source out) in frames at 24 fps."""

from __future__ import annotations

BASE = 24 * 3600  # 01:00:00:00


def tc(frames: int, fps: int = 24) -> str:
    seconds, ff = divmod(frames, fps)
    hours, rest = divmod(seconds, 3600)
    minutes, ss = divmod(rest, 60)
    return f"{hours:02d}:{minutes:02d}:{ss:02d}:{ff:02d}"


def write_edl(shots: list[tuple[str, int, int]], title: str = "test cut", fps: int = 24) -> bytes:
    """An EDL of consecutive video cuts; record time starts at 01:00:00:00."""
    lines = [f"TITLE: {title}", "FCM: NON-DROP FRAME", ""]
    record = BASE
    for number, (clip, src_in, src_out) in enumerate(shots, start=1):
        length = src_out - src_in
        lines.append(
            f"{number:03d}  AX       V     C        {tc(BASE + src_in, fps)} "
            f"{tc(BASE + src_out, fps)} {tc(record, fps)} {tc(record + length, fps)}"
        )
        lines.append(f"* FROM CLIP NAME:  {clip}")
        record += length
    return ("\n".join(lines) + "\n").encode()
