"""Command line: python -m renbang.engine.optimizer INSTANCE.json [--out PLAN.json] [--time-limit S].

A malformed instance prints one line naming the field and exits with code 2 (never a traceback).
"""

from __future__ import annotations

import argparse
import json
import sys

from .model import InstanceError, load_instance
from .solve import solve


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m renbang.engine.optimizer", description=__doc__)
    parser.add_argument("instance", help="instance file, format v1 (JSON)")
    parser.add_argument("--out", help="write the plan here instead of standard output")
    parser.add_argument("--time-limit", type=float, default=None, help="seconds (default 60)")
    args = parser.parse_args(argv)
    try:
        inst = load_instance(args.instance)
    except InstanceError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.time_limit is not None and args.time_limit <= 0:
        print("error: --time-limit: harus bilangan > 0", file=sys.stderr)
        return 2
    text = json.dumps(solve(inst, args.time_limit).to_dict(inst), ensure_ascii=False)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as fh:
            fh.write(text + "\n")
    else:
        print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
