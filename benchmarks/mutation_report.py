"""Mutation scores per module from the last ``mutmut run`` (``make mutation``): killed / all, and
the survivors to read (docs/testing.md lists the equivalent ones and why).

    .venv/bin/python benchmarks/mutation_report.py [--survivors]
"""
from __future__ import annotations

import argparse
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--survivors", action="store_true", help="also list every survivor")
    ap.add_argument("--dir", type=Path, default=ROOT, help="where mutmut ran (default: this checkout)")
    args = ap.parse_args()
    out = subprocess.run([str(Path(sys.executable).with_name("mutmut")), "results", "--all", "true"],
                         capture_output=True, text=True, cwd=args.dir, check=True).stdout
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    survivors: dict[str, list[str]] = defaultdict(list)
    for line in out.splitlines():
        name, sep, status = line.strip().rpartition(": ")
        if not sep:
            continue
        module = name.split(".x")[0].rsplit(".x_", 1)[0]
        module = ".".join(p for p in module.split(".") if not p.startswith(("x_", "xǁ")))
        counts[module][status] += 1
        if status != "killed":
            survivors[module].append(name)
    print(f"{'module':<36} {'mutants':>7} {'killed':>7} {'score':>7}  other")
    for module in sorted(counts):
        c = counts[module]
        total = sum(c.values())
        other = ", ".join(f"{k} {v}" for k, v in sorted(c.items()) if k != "killed")
        print(f"{module:<36} {total:>7} {c['killed']:>7} {c['killed'] / total:>7.1%}  {other}")
        if args.survivors:
            for s in survivors[module]:
                print(f"    {s}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
