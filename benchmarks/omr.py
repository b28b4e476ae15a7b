"""Reading scanned evaluation forms: 300 synthetic scans of the app's own printed forms.

    .venv/bin/python benchmarks/omr.py [--scans 300] [--seed 21]

The forms are the built-in templates (领导干部 with nine people, 领导班子, 选人用人 with five new
cadres, 全面从严治党, 整改满意度) laid out and printed by the app (app.core.printing.evaluation_form),
rendered with pypdfium2 at 150, 200 and 300 dpi in turn, filled in with pen marks of varied size and
stroke (ticks and crosses; a few boxes filled in solid to withdraw a choice beside the real one; a few
half-filled), then rotated −5…5°, scaled 97–103 %, shifted, given Gaussian noise and saved as JPEG at
quality 60 (tests/core/omr_synth.py). The set-up is not timed.

Timed: for each scan, opening the JPEG and reading the page (app.core.imports.omr.read_page): marks,
page code, every box. Each box is compared with the truth: `wrong` when read marked but not chosen
or empty/withdrawn but chosen, `unclear` when the reader says so (a page not found counts all its
boxes unclear; a page code read wrong counts all its boxes wrong).

Prints `omr: boxes=N wrong=W unclear=U seconds_per_page=S` (targets: W = 0, U ≤ 1 % of N, S ≤ 0.5).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from app.core.domain.evaluation import library, model  # noqa: E402
from app.core.imports import omr  # noqa: E402
from app.core.printing import evaluation_form  # noqa: E402
from app.core.printing import evaluation_layout as lay  # noqa: E402
from tests.core import omr_synth  # noqa: E402

FORMS = (
    ("leadership_people", 9),
    ("leadership_team", 0),
    ("cadre_selection", 5),
    ("strict_governance", 0),
    ("rectification_satisfaction", 0),
)
DPIS = (150, 200, 300)


def layouts() -> list[tuple[int, lay.Layout]]:
    out = []
    for code, (key, people) in enumerate(FORMS, start=101):
        form = model.parse_body(library.builtin_body(key))
        subjects = [model.Subject(f"测评对象{k + 1}", "副局长") for k in range(people)]
        out.append((code, lay.layout(model.with_subjects(form, subjects))))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scans", type=int, default=300)
    parser.add_argument("--seed", type=int, default=21)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    forms = layouts()
    by_code = {code: layout for code, layout in forms}
    scans: list[tuple[int, omr_synth.Scan]] = []
    k = 0
    while len(scans) < args.scans:
        code, layout = forms[k % len(forms)]
        dpi = DPIS[(k // len(forms)) % len(DPIS)]
        serials = [rng.randint(100_000, 999_999) for _ in range(2)]
        pdf = evaluation_form.render_forms(layout, code, 1, serials)
        scans += [(code, s) for s in omr_synth.make_scans(layout, pdf, serials, dpi, rng)]
        k += 1
    scans = scans[: args.scans]
    boxes = wrong = unclear = 0
    seconds = 0.0
    for code, scan in scans:
        start = time.perf_counter()
        reading = omr.read_page(omr.to_gray(omr.open_images(scan.data)[0]), by_code.get)
        seconds += time.perf_counter() - start
        n = len(scan.truth)
        boxes += n
        if not reading.ok:
            unclear += n
            continue
        if (reading.form_code, reading.page_no, reading.serial) != (code, scan.page_no, scan.serial):
            wrong += n
            continue
        for r in reading.boxes:
            chosen = scan.truth[(r.box.item_key, r.box.option_key)]
            if r.state == omr.UNCLEAR:
                unclear += 1
            elif (r.state == omr.MARKED) != chosen:
                wrong += 1
    print(f"omr: boxes={boxes} wrong={wrong} unclear={unclear} seconds_per_page={seconds / len(scans):.3f}")
    return 0 if wrong == 0 and unclear <= boxes / 100 and seconds / len(scans) <= 0.5 else 1


if __name__ == "__main__":
    raise SystemExit(main())
