"""Plan optimiser benchmark (issue 4): our engine vs greedy vs HiGHS on the full MILP, one table.

    python benchmarks/bench_optimizer.py [--quick] [--sizes small,medan,open,national] [--cpu-clock]

--cpu-clock gives the engine its time limits in CPU seconds (`solve(..., timer=time.process_time)`):
on a shared machine where it gets a fraction of a core, that shows what it does with the CPU an idle
machine would give it in the same wall time. Every row records the load average before and after.

Each size runs in its own process so that the peak memory (ru_maxrss) belongs to that size alone.
HiGHS (scipy's bundled copy) gets 60 s on the full MILP, and also 10x our plan time to test the
"10x faster to the same objective" goal. It is not run where the model has millions of variables.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

# Our time limit per size; "open" is the planner's 15,000-employee instance with every programme open to
# everyone (no candidate short-list), the case `candidates_per_employee` = 0 gives the app.
SIZES = {"small": 30.0, "medan": 60.0, "open": 60.0, "national": 280.0}
HIGHS_LIMIT = 60.0
HIGHS_MAX_VARIABLES = 2_000_000
NEEDS_DB = False  # pure engine: `benchmarks/run.py` needs no database for it
CHILD_TIMEOUT = 600.0  # seconds per size; the national target is 300
CPU_CLOCK_TIMEOUT_FACTOR = 6  # with --cpu-clock a loaded machine stretches the wall time
CHILD_MEMORY = 10 * 1024**3  # address-space cap per size (the national target is 8 GB peak)


def run_one(size: str, seed: int, cpu_clock: bool = False) -> dict:

    from renbang.engine.optimizer import check_feasibility, generate, objective, solve
    from renbang.engine.optimizer.context import build_context
    from renbang.engine.optimizer.greedy import greedy_plan
    from renbang.engine.optimizer.milp import solve_milp

    inst = generate(size, seed)
    out: dict = {"size": size, "employees": inst.n_employees, "sessions": inst.n_sessions}
    out["load_before"] = round(os.getloadavg()[0], 1)
    t, cpu = time.perf_counter(), time.process_time()
    timer = {"timer": time.process_time} if cpu_clock else {}
    result = solve(inst, time_limit=SIZES[size], use_milp=False, **timer)
    out.update(
        clock="cpu" if cpu_clock else "wall",
        ours_seconds=round(time.perf_counter() - t, 1),
        ours_cpu_seconds=round(time.process_time() - cpu, 1),
        ours_plan_seconds=result.stats.get("seconds_plan"),
        ours_plan_cpu_seconds=result.stats.get("cpu_seconds_plan"),
        ours_bound_seconds=result.stats.get("seconds_bound"),
        plan_source=result.stats.get("plan_source"),
        load_after=round(os.getloadavg()[0], 1),
        ours_objective=round(result.objective, 1),
        bound=round(result.bound, 1),
        gap_percent=round(100 * (result.bound - result.objective) / result.bound, 2),
        feasible=check_feasibility(inst, (result.emp, result.sess)) == [],
    )
    ctx = build_context(inst)
    t, cpu = time.perf_counter(), time.process_time()
    greedy = greedy_plan(ctx)
    out.update(
        greedy_seconds=round(time.perf_counter() - t, 1),
        greedy_cpu_seconds=round(time.process_time() - cpu, 1),
        greedy_objective=round(objective(inst, greedy), 1),
    )
    variables = milp_variables(ctx)
    out["milp_variables"] = variables
    if variables <= HIGHS_MAX_VARIABLES:
        highs = solve_milp(ctx, time_limit=HIGHS_LIMIT)
        out.update(
            highs_seconds=round(highs.seconds, 1),
            highs_status=highs.status,
            highs_objective=round(objective(inst, (highs.emp, highs.sess)), 1) if len(highs.emp) else None,
        )
        ten_x = min(10 * float(out["ours_plan_seconds"] or out["ours_seconds"]), 120.0)
        quick = solve_milp(ctx, time_limit=ten_x)
        out.update(
            highs_10x_limit=round(ten_x, 1),
            highs_10x_objective=round(objective(inst, (quick.emp, quick.sess)), 1) if len(quick.emp) else None,
        )
    out["peak_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    return out


def milp_variables(ctx) -> int:
    """Binaries of the full MILP (one per useful option and usable session), counted per class of
    employees rather than listed: the national case would need gigabytes to list them."""
    import numpy as np

    inst = ctx.inst
    seats = np.bincount(inst.session_prog[ctx.usable_session], minlength=inst.n_programmes)
    floor = ctx.allowed & (ctx.class_floorval > 0) if inst.jp_floor_weight > 0 else np.zeros_like(ctx.allowed)
    per_class = (floor * seats[None, :]).sum(axis=1)
    total = int((per_class * np.diff(ctx.class_ptr)).sum())
    return total + int(seats[ctx.pair_prog][ctx.pair_floorval <= 0].sum())


def table(rows: list[dict]) -> str:
    head = (
        "size",
        "employees",
        "clock",
        "load",
        "ours s (plan s)",
        "ours CPU s (plan)",
        "ours obj",
        "bound",
        "gap %",
        "greedy s (CPU)",
        "greedy obj",
        "HiGHS 60s obj",
        "HiGHS @10x ours",
        "peak MB",
    )
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for r in rows:
        highs = "not run ({:,} binaries)".format(r["milp_variables"])
        ten = "-"
        if "highs_status" in r:
            highs = (
                f"{r['highs_objective']} ({r['highs_status']}, {r['highs_seconds']} s)"
                if r["highs_objective"]
                else f"no plan ({r['highs_seconds']} s)"
            )
            ten = f"{r['highs_10x_objective'] or 'no plan'} in {r['highs_10x_limit']} s"
        lines.append(
            "| "
            + " | ".join(
                str(x)
                for x in (
                    r["size"],
                    f"{r['employees']:,}",
                    r["clock"],
                    f"{r['load_before']}-{r['load_after']}",
                    f"{r['ours_seconds']} ({r['ours_plan_seconds']})",
                    f"{r['ours_cpu_seconds']} ({r['ours_plan_cpu_seconds']})",
                    r["ours_objective"],
                    r["bound"],
                    r["gap_percent"],
                    f"{r['greedy_seconds']} ({r['greedy_cpu_seconds']} CPU)",
                    r["greedy_objective"],
                    highs,
                    ten,
                    r["peak_mb"],
                )
            )
            + " |"
        )
    return "\n".join(lines)


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (CHILD_MEMORY, CHILD_MEMORY))


def measure(size: str, seed: int = 1, cpu_clock: bool = False) -> dict:
    """run_one(size) in a child process (its own peak memory); a failure becomes {"error": ...}."""
    timeout = CHILD_TIMEOUT * (CPU_CLOCK_TIMEOUT_FACTOR if cpu_clock else 1)
    try:
        done = subprocess.run(
            [sys.executable, __file__, "--one", size, "--seed", str(seed)] + (["--cpu-clock"] if cpu_clock else []),
            capture_output=True,
            text=True,
            timeout=timeout,
            preexec_fn=_limit_memory,
        )
    except subprocess.TimeoutExpired:
        return {"size": size, "error": f"stopped after {timeout:.0f} s"}
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        tail = (done.stderr.strip().splitlines() or ["no output"])[-1]
        return {"size": size, "error": f"exit {done.returncode}: {tail[:80]}"}
    return json.loads(lines[-1])


def rows_for(r: dict) -> list[tuple[str, str]]:
    """(label, figure) rows of one size for the project-wide `make bench` table."""
    if "error" in r:
        return [(f"{r['size']}: ours", f"no result ({r['error']})")]
    name = f"{r['size']} {r['employees']:,}"
    ours = (
        f"plan {r['ours_plan_seconds']} s · bound {r['ours_bound_seconds']} s · total {r['ours_seconds']} s "
        f"({r['ours_cpu_seconds']} s CPU, load {r['load_before']}-{r['load_after']}) · obj {r['ours_objective']:,} · "
        f"gap {r['gap_percent']} % · peak {r['peak_mb'] / 1024:.1f} GB"
    )
    out = [(f"{name}: ours", ours)]
    out.append((f"{name}: greedy", f"{r['greedy_seconds']} s · obj {r['greedy_objective']:,}"))
    if "highs_status" in r:
        got = f"obj {r['highs_objective']:,} ({r['highs_status']})" if r["highs_objective"] else "no plan"
        out.append((f"{name}: HiGHS {HIGHS_LIMIT:.0f} s", f"{got} in {r['highs_seconds']} s"))
    else:
        out.append((f"{name}: HiGHS", f"not run ({r['milp_variables']:,} binaries)"))
    return out


def run() -> list[tuple[str, str]]:
    """`make bench` entry point: small, Medan and national, each in its own process."""
    return [row for size in SIZES for row in rows_for(measure(size))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small instance only")
    parser.add_argument("--sizes", default=",".join(SIZES), help="comma-separated subset of " + ", ".join(SIZES))
    parser.add_argument("--one", help=argparse.SUPPRESS)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--cpu-clock",
        action="store_true",
        help="time limits in CPU seconds of the engine (what an idle machine would give it) instead of wall",
    )
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one, args.seed, args.cpu_clock)))
        return 0
    rows = []
    for size in ["small"] if args.quick else args.sizes.split(","):
        r = measure(size, args.seed, args.cpu_clock)
        if "error" in r:
            print(f"{size}: {r['error']}", file=sys.stderr)
            continue
        rows.append(r)
    print(
        f"# Optimiser benchmark, {time.strftime('%Y-%m-%d')}, {platform.processor() or platform.machine()}, "
        f"Python {platform.python_version()}"
    )
    print(table(rows))
    print("\n# The same as `make bench` rows (label: figure)")
    for r in rows:
        for label, figure in rows_for(r):
            print(f"- {label}: {figure}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
