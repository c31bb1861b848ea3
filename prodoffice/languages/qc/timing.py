"""Exact rational time: frame rates as fractions, timestamps snapped to frames."""

from __future__ import annotations

from fractions import Fraction

# The NTSC-family rates are written as decimals by everyone and are really n*1000/1001.
_NTSC = {
    "23.976": Fraction(24000, 1001),
    "23.98": Fraction(24000, 1001),
    "29.97": Fraction(30000, 1001),
    "47.952": Fraction(48000, 1001),
    "59.94": Fraction(60000, 1001),
}


class FrameRateError(ValueError):
    """A frame rate that cannot be read."""


def parse_fps(value: str | int | Fraction) -> Fraction:
    """Read '24', '23.976', '24000/1001' or a Fraction as an exact frame rate."""
    if isinstance(value, Fraction | int):
        fps = Fraction(value)
    else:
        text = str(value).strip()
        try:
            fps = _NTSC.get(text) or Fraction(text)
        except (ValueError, ZeroDivisionError):
            raise FrameRateError(
                f"frame rate {text!r} is not a number such as 24, 25 or 23.976"
            ) from None
    if not 1 <= fps <= 300:
        raise FrameRateError(f"frame rate {value} is outside 1 to 300 frames per second")
    return fps


def ms_to_frame(ms: int, fps: Fraction) -> int:
    """The frame a millisecond timestamp falls on, rounded half up to the nearest frame.

    Integer arithmetic on the rate's numerator and denominator: exact, and much faster than
    Fraction objects on a file of thousands of events."""
    num, den = fps.numerator, fps.denominator
    if ms < 0:
        return -ms_to_frame(-ms, fps)
    return (2 * ms * num + 1000 * den) // (2000 * den)


def frames_to_seconds(frames: int, fps: Fraction) -> Fraction:
    """Seconds, exactly, for a number of frames."""
    return Fraction(frames) / fps


def format_ms(ms: int) -> str:
    """HH:MM:SS.mmm, the CLI's timestamp format."""
    sign = "-" if ms < 0 else ""
    ms = abs(ms)
    hours, rest = divmod(ms, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    seconds, millis = divmod(rest, 1000)
    return f"{sign}{hours:02d}:{minutes:02d}:{seconds:02d}.{millis:03d}"


def format_fps(fps: Fraction) -> str:
    """A frame rate as people write it: 24, 25, 23.976."""
    if fps.denominator == 1:
        return str(fps.numerator)
    return f"{float(fps):.3f}".rstrip("0").rstrip(".")
