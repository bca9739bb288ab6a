"""Every surviving mutant of the last ``mutmut run`` with the line it changed, grouped by
function, as Markdown (the list docs/testing.md explains; issue 13).

    .venv/bin/python benchmarks/mutation_survivors.py [--dir CHECKOUT] [--title TEXT] > list.md
"""
from __future__ import annotations

import argparse
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def changed_lines(mutmut: str, name: str, cwd: Path) -> tuple[list[str], list[str]]:
    """(removed, added) source lines of one mutant, from ``mutmut show``'s diff."""
    diff = subprocess.run([mutmut, "show", name], capture_output=True, text=True, cwd=cwd).stdout
    minus = [ln[1:].strip() for ln in diff.splitlines() if ln.startswith("-") and not ln.startswith("---")]
    plus = [ln[1:].strip() for ln in diff.splitlines() if ln.startswith("+") and not ln.startswith("+++")]
    return minus, plus


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dir", type=Path, default=ROOT, help="where mutmut ran (default: this checkout)")
    ap.add_argument("--title", default="Surviving mutants")
    args = ap.parse_args()
    mutmut = str(Path(sys.executable).with_name("mutmut"))
    out = subprocess.run([mutmut, "results", "--all", "true"], capture_output=True, text=True,
                         cwd=args.dir, check=True).stdout
    by_function: dict[str, list[tuple[int, str, str]]] = defaultdict(list)
    for line in out.splitlines():
        name, sep, status = line.strip().rpartition(": ")
        if sep and status != "killed":
            module, _, mutant = name.rpartition(".")
            function, _, number = mutant.partition("__mutmut_")
            # mutmut's names: x_func for a function, xǁClassǁmethod for a method
            function = function.removeprefix("x_").removeprefix("xǁ").replace("ǁ", ".")
            by_function[f"{module}.{function}"].append((int(number), name, status))
    print(f"# {args.title}\n")
    for function in sorted(by_function):
        rows = sorted(by_function[function])
        print(f"## `{function}` ({len(rows)})\n")
        for number, name, status in rows:
            minus, plus = changed_lines(mutmut, name, args.dir)
            note = "" if status == "survived" else f" ({status})"
            print(f"- {number}{note}: `{' / '.join(minus)}` → `{' / '.join(plus)}`")
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
