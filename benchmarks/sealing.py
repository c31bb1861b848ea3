"""Benchmark: sealing a completed contract against WeasyPrint and pyHanko called directly.

For N distinct contracts (default 50), in turns, in the same process, with one office key:

- ours, whole: `seal_document(original, completion, ...)`: checks, the completion page rendered,
  appended, the DSS, the visible stamp and the PAdES signature;
- ours, render step: `render_completion(completion)` (template + `core.pdf.render_pdf`);
- baseline render: WeasyPrint's `HTML(string=completion_html).write_pdf()` on the same HTML;
- ours, seal step: `apply_seal(original, completion_pdf, ...)` with the page already rendered;
- baseline sign: pyHanko's `PdfSigner.sign_pdf` of the same original PDF, PAdES, invisible
  field, with pyHanko's own `SimpleSigner.load` of the same key files (loaded once, outside
  the timing; ours keeps the parsed key between signatures, pyHanko's re-parses it per call).

Wall and CPU time per document (median over the N documents); CPU time is what other work on a
shared machine disturbs least. Targets: render step and seal step each within 1.5x of their
baseline; the whole against the sum of the two baselines is reported too.

Run: `.venv/bin/python benchmarks/sealing.py [--docs 50] [--json FILE]`.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prodoffice.settings")

import django

django.setup()

import logging  # noqa: E402

from django.conf import settings  # noqa: E402

logging.getLogger("weasyprint").setLevel(logging.WARNING)
logging.getLogger("fontTools").setLevel(logging.WARNING)

from benchmarks._pades import render_directly, sign_directly  # noqa: E402
from prodoffice.contracts.sealing import init_signing_key, seal_document  # noqa: E402
from prodoffice.contracts.sealing.keys import office_signer  # noqa: E402
from prodoffice.contracts.sealing.seal import (  # noqa: E402
    apply_seal,
    completion_html,
    render_completion,
)
from prodoffice.contracts.sealing.tests.conftest import (  # noqa: E402
    CONTRACT_HTML,
    make_completion,
)

REASON = "Countersigned by the production office"


def originals(count: int) -> list[bytes]:
    """Distinct contract PDFs (the deal memo with a different number and rate each)."""
    from weasyprint import HTML

    docs = []
    for i in range(count):
        html = CONTRACT_HTML.replace("C-0042", f"C-{1000 + i}").replace("450.00", f"{400 + i}.00")
        docs.append(HTML(string=html).write_pdf())
    return docs


def measure(fn) -> tuple[float, float]:
    """Wall and CPU seconds of one call."""
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - wall, time.process_time() - cpu


def plain_pyhanko_signer():
    """pyHanko's own signer for the office key files, as a direct pyHanko user would load it."""
    from pyhanko.sign import signers

    from prodoffice.contracts.sealing import keys

    folder = keys.signing_dir()
    return signers.SimpleSigner.load(
        str(folder / keys.KEY_FILE), str(folder / keys.CERT_FILE), key_passphrase=keys.passphrase()
    )


def calls_for(original: bytes, ref: str, signer, baseline_signer) -> dict:
    """The five timed paths for one document (inputs prepared outside the timing)."""
    completion = make_completion(original, ref=ref)
    html = completion_html(completion)
    rendered = render_completion(completion)
    return {
        "seal_document": lambda: seal_document(
            original, completion, reason=REASON, contract_ref=ref
        ),
        "render_step": lambda: render_completion(completion),
        "weasyprint": lambda: render_directly(html),
        "seal_step": lambda: apply_seal(
            original, rendered, completion=completion, reason=REASON, contract_ref=ref,
            signer=signer,
        ),
        "pyhanko": lambda: sign_directly(original, baseline_signer),
    }  # fmt: skip


def run(count: int) -> dict:
    """Time every path on every document, in turns; medians per document in milliseconds."""
    docs = originals(count)
    signer, baseline_signer = office_signer(), plain_pyhanko_signer()
    paths = ["seal_document", "render_step", "weasyprint", "seal_step", "pyhanko"]
    wall: dict[str, list[float]] = {p: [] for p in paths}
    cpu: dict[str, list[float]] = {p: [] for p in paths}
    warm = make_completion(docs[0], ref="ctr_warmup")
    seal_document(docs[0], warm, reason=REASON, contract_ref="ctr_warmup")  # fonts, caches
    for i, original in enumerate(docs):
        for name, call in calls_for(original, f"ctr_bench{i:03d}", signer, baseline_signer).items():
            w, c = measure(call)
            wall[name].append(w * 1000)
            cpu[name].append(c * 1000)

    def med(series):
        return {k: round(statistics.median(v), 1) for k, v in series.items()}

    mw, mc = med(wall), med(cpu)
    ratios = {}
    for label, ours, base in [
        ("render step / WeasyPrint", "render_step", "weasyprint"),
        ("seal step / pyHanko", "seal_step", "pyhanko"),
    ]:
        ratios[label] = {
            "wall": round(mw[ours] / mw[base], 2),
            "cpu": round(mc[ours] / mc[base], 2),
        }
    ratios["seal_document / (WeasyPrint + pyHanko)"] = {
        "wall": round(mw["seal_document"] / (mw["weasyprint"] + mw["pyhanko"]), 2),
        "cpu": round(mc["seal_document"] / (mc["weasyprint"] + mc["pyhanko"]), 2),
    }
    return {
        "docs": count,
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}",
        "median_wall_ms": mw,
        "median_cpu_ms": mc,
        "ratios": ratios,
        "sample_sha256": hashlib.sha256(
            seal_document(docs[0], warm, reason=REASON, contract_ref="ctr_warmup")
        ).hexdigest()[:16],
    }


def report(result: dict) -> str:
    """The result as a markdown table."""
    rows = [
        f"{result['docs']} documents, {result['machine']}",
        "",
        "| path | median wall ms / doc | median CPU ms / doc |",
        "|---|---:|---:|",
    ]
    for name in result["median_wall_ms"]:
        rows.append(
            f"| {name} | {result['median_wall_ms'][name]} | {result['median_cpu_ms'][name]} |"
        )
    rows += ["", "| ratio | wall | CPU |", "|---|---:|---:|"]
    for label, r in result["ratios"].items():
        rows.append(f"| {label} | {r['wall']}x | {r['cpu']}x |")
    return "\n".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=50)
    parser.add_argument("--json", type=Path, help="Also write the figures as JSON here.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        settings.PRODOFFICE_SIGNING_DIR = Path(folder)
        init_signing_key("Benchmark office seal", "Benchmark Films")
        result = run(args.docs)
    print(report(result))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
