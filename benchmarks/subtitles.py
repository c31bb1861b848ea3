"""Subtitle QC of a 1,500-event file, shot changes included, against pysubs2 loading the file.

The claim (issue 16): QC, which reads the file through pysubs2 and then checks every rule, stays
within 2x of pysubs2 loading the same file. Both sides start from the same UTF-8 bytes; QC also
detects the encoding, checks every timing line and snaps times to frames. Best of N runs each.

    .venv/bin/python benchmarks/subtitles.py [--events 1500] [--runs 15] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from fractions import Fraction
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pysubs2

from prodoffice.languages import qc

FPS = Fraction(24000, 1001)
WORDS = [
    "el",
    "faro",
    "puerto",
    "noche",
    "luz",
    "padre",
    "madre",
    "barco",
    "mar",
    "nadie",
    "sabe",
    "quién",
    "dijo",
    "esta",
    "vez",
    "siempre",
]


def stamp(ms: int) -> str:
    hours, rest = divmod(ms, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    seconds, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d},{millis:03d}"


def generate(events: int, seed: int = 16) -> tuple[bytes, tuple[int, ...]]:
    """An SRT of `events` events (one or two lines, some too long or too fast) and shot changes."""
    rng = random.Random(seed)
    blocks, start, cuts = [], 1000, []
    for number in range(1, events + 1):
        length = rng.randint(700, 6500)
        lines = [
            " ".join(rng.choices(WORDS, k=rng.randint(3, 9))) for _ in range(rng.randint(1, 2))
        ]
        if number % 3 == 0:
            lines[0] = "<i>" + lines[0] + "</i>"
        blocks.append(
            f"{number}\n{stamp(start)} --> {stamp(start + length)}\n" + "\n".join(lines) + "\n"
        )
        cuts.append(int(Fraction(start + length, 1000) * FPS) + rng.randint(-2, 14))
        start += length + rng.choice((0, 42, 83, 250, 1000))
    return "\n".join(blocks).encode("utf-8"), tuple(sorted(set(cuts)))


def best(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1500)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--json", help="Write the figures to this file.")
    args = parser.parse_args()
    data, cuts = generate(args.events)
    text = data.decode("utf-8")
    cut = qc.CutContext(runtime_frames=10**9, shot_changes=cuts)
    profile = qc.default_profile("es")

    def load():
        return pysubs2.SSAFile.from_string(text, format_="srt")

    def check():
        document = qc.read_bytes(data, filename="bench.srt", language="es")
        return qc.run_qc(document, profile=profile, fps=FPS, cut=cut)

    report = check()
    assert report.events == args.events == len(load())
    figures = {
        "events": args.events,
        "shot_changes": len(cuts),
        "violations": len(report.violations),
        "shot_change_findings": report.counts["shot_change"],
        "pysubs2_load_ms": round(best(load, args.runs) * 1000, 2),
        "qc_ms": round(best(check, args.runs) * 1000, 2),
    }
    figures["ratio"] = round(figures["qc_ms"] / figures["pysubs2_load_ms"], 2)
    figures["within_2x"] = figures["ratio"] <= 2.0
    print(json.dumps(figures, indent=2))
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
