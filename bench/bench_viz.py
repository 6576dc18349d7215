"""Benchmark the HTML views (not run by pytest).

For synthetic networks of 100 / 1,000 / 5,000 entities: page generation time and file size,
and time to a drawn network in headless chromium, precomputed layout (physics off) vs vis
physics. Physics runs are capped (``--physics-timeout``) because they can take minutes.
Ratios are reported against the 100-node precomputed page measured in the same run.

    python bench/bench_viz.py [--sizes 100,1000,5000] [--physics-timeout 120]
"""

from __future__ import annotations

import argparse
import importlib.util
import tempfile
import time
from pathlib import Path

from kg import viz

HERE = Path(__file__).resolve().parent
SYNTHETIC = HERE.parent / "tests" / "data" / "viz" / "synthetic.py"
CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def synthetic(n: int):
    spec = importlib.util.spec_from_file_location("viz_synthetic", SYNTHETIC)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.synthetic_network(n)


def generate(n: int, physics: bool, out: Path) -> tuple[float, int]:
    """Seconds to build the network and write the page, and the page size in bytes."""
    g = synthetic(n)
    start = time.perf_counter()
    viz.render_html(g, out, physics=physics)
    return time.perf_counter() - start, out.stat().st_size


def time_to_drawn(context, path: Path, timeout_s: float) -> float | None:
    """Seconds from navigation to the first drawn frame after layout (None = timed out)."""
    page = context.new_page()
    start = time.perf_counter()
    page.goto(path.as_uri())
    try:
        page.wait_for_selector("body[data-drawn='1']", timeout=timeout_s * 1000)
        return time.perf_counter() - start
    except Exception:  # playwright TimeoutError
        return None
    finally:
        page.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,5000")
    parser.add_argument("--physics-timeout", type=float, default=120.0)
    parser.add_argument("--no-browser", action="store_true")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    tmp = Path(tempfile.mkdtemp(prefix="bench_viz_"))
    generate(20, False, tmp / "warmup.html")  # imports and template loading out of the baseline
    rows = []
    for n in sizes:
        for physics in (False, True):
            out = tmp / f"v{n}-{'physics' if physics else 'layout'}.html"
            seconds, size = generate(n, physics, out)
            rows.append({"n": n, "physics": physics, "gen_s": seconds, "bytes": size, "path": out})
    if not args.no_browser and Path(CHROMIUM).exists():
        from playwright.sync_api import sync_playwright

        with sync_playwright() as pw:
            context = pw.chromium.launch_persistent_context(
                tempfile.mkdtemp(prefix="bench_chromium_"), executable_path=CHROMIUM,
                headless=True, args=FLAGS)
            for row in rows:
                row["drawn_s"] = time_to_drawn(context, row["path"], args.physics_timeout)
            context.close()
    base = next(r for r in rows if not r["physics"])
    print(f"{'nodes':>6} {'layout':>11} {'gen s':>7} {'xbase':>6} {'MB':>6} {'drawn s':>9} {'xbase':>7}")
    for r in rows:
        drawn = r.get("drawn_s")
        drawn_txt = "n/a" if "drawn_s" not in r else (f">{args.physics_timeout:.0f}" if drawn is None else f"{drawn:.2f}")
        ratio = "" if not drawn or not base.get("drawn_s") else f"{drawn / base['drawn_s']:.1f}"
        print(f"{r['n']:>6} {'physics' if r['physics'] else 'precomputed':>11} {r['gen_s']:>7.2f} "
              f"{r['gen_s'] / base['gen_s']:>6.1f} {r['bytes'] / 1e6:>6.2f} {drawn_txt:>9} {ratio:>7}")
    print(f"pages in {tmp}")


if __name__ == "__main__":
    main()
