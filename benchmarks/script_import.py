"""Benchmark: importing a 190-scene, ~120-page feature against screenplain's own parse.

Generates a deterministic Fountain feature (190 scenes of action, dialogue with parentheticals and
extensions, transitions), then times both on the same text, in turns, in the same process,
measuring CPU time (so other work on a busy machine does not count):

- screenplain: `screenplain.parsers.fountain.parse` of the decoded text (element recognition only);
- ours: `import_script(bytes)`: decoding, parsing (screenplain's recognition plus line numbers,
  boneyard and notes), headings, measuring every scene in eighths and collecting characters.

Run: `.venv/bin/python benchmarks/script_import.py [--repeat 15]`. Target: ours within 2x.
"""

from __future__ import annotations

import argparse
import io
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from screenplain.parsers.fountain import parse as screenplain_parse

from prodoffice.scheduling.engine import import_script

SETS = ["KITCHEN", "POLICE STATION", "ROOFTOP", "CAR", "WAREHOUSE", "PARK", "HOSPITAL ROOM",
        "DINER", "BEACH", "OFFICE", "SUBWAY PLATFORM", "MOTEL ROOM"]  # fmt: skip
TIMES = ["DAY", "NIGHT", "DAWN", "DUSK", "CONTINUOUS", "LATER", "MORNING"]
CAST = ["MARY", "JOHN", "DETECTIVE RUIZ", "DR. OKAFOR", "SAM", "LENA", "THE WAITER", "OLD MAN"]
WORDS = ["the", "a", "she", "he", "looks", "turns", "toward", "away", "slowly", "door",
         "window", "light", "rain", "shadow", "gun", "phone", "table", "glass", "coffee", "runs",
         "stops", "waits", "listens", "nothing", "someone", "again", "never", "always"]  # fmt: skip


def sentence(rng: random.Random, low: int, high: int) -> str:
    """A sentence of random words."""
    words = [rng.choice(WORDS) for _ in range(rng.randint(low, high))]
    return " ".join(words).capitalize() + "."


def scene(rng: random.Random, number: int) -> str:
    """One scene: heading, action and a few exchanges."""
    prefix = rng.choice(["INT.", "EXT.", "INT./EXT."])
    parts = [f"{prefix} {rng.choice(SETS)} - {rng.choice(TIMES)}", ""]
    for _ in range(rng.randint(2, 4)):
        parts += [" ".join(sentence(rng, 6, 13) for _ in range(rng.randint(1, 3))), ""]
        for _ in range(rng.randint(1, 2)):
            cue = rng.choice(CAST) + rng.choice(["", "", " (V.O.)", " (CONT'D)", " (O.S.)"])
            lines = [cue]
            if rng.random() < 0.3:
                lines.append("(" + sentence(rng, 1, 3).rstrip(".").lower() + ")")
            lines.append(" ".join(sentence(rng, 4, 12) for _ in range(rng.randint(1, 2))))
            parts += [*lines, ""]
    if number % 7 == 0:
        parts += ["CUT TO:", ""]
    return "\n".join(parts)


def feature(scenes: int = 190, seed: int = 4) -> str:
    """A whole feature: title page and scenes."""
    rng = random.Random(seed)
    title = "Title: Benchmark Feature\nAuthor: prodoffice\n\n"
    return title + "\n".join(scene(rng, n) for n in range(1, scenes + 1))


def timed(function) -> float:
    """CPU seconds of one call (CPU time: other work on a busy machine does not count)."""
    start = time.process_time()
    function()
    return time.process_time() - start


def interleaved(theirs, ours, repeat: int) -> tuple[list[float], list[float]]:
    """Both timed in turns, so that a slow spell of the machine hits both alike."""
    their_times, our_times = [], []
    for _ in range(repeat):
        their_times.append(timed(theirs))
        our_times.append(timed(ours))
    return their_times, our_times


def main() -> None:
    """Generate, check the size, time both, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    text = feature()
    data = text.encode("utf-8")
    script = import_script(data, "feature.fountain")
    theirs, ours = interleaved(
        lambda: screenplain_parse(io.StringIO(text)),
        lambda: import_script(data, "feature.fountain"),
        args.repeat,
    )
    speakers = len(script.speaking_characters)
    print(f"scenes: {len(script.scenes)}, pages: {script.pages}, eighths: {script.eighths}, "
          f"speaking characters: {speakers}, bytes: {len(data)}")  # fmt: skip
    for label, times in (("screenplain parse", theirs), ("prodoffice import", ours)):
        median, best = statistics.median(times) * 1000, min(times) * 1000
        print(f"{label}: median {median:.1f} ms, best {best:.1f} ms (CPU time)")
    ratio = statistics.median(ours) / statistics.median(theirs)
    print(f"ratio (median): {ratio:.2f}x, (best): {min(ours) / min(theirs):.2f}x  (target: 2x)")


if __name__ == "__main__":
    main()
