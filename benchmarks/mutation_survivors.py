"""Every surviving mutant of the last ``mutmut run`` with the line it changed, grouped by
function, as Markdown (the list docs/testing.md explains; issue 13). Each is tagged with the
kind of change it is (see :func:`kind_of`), and each function's tags are counted.

    .venv/bin/python benchmarks/mutation_survivors.py [--dir CHECKOUT] [--title TEXT] > list.md
"""
from __future__ import annotations

import argparse
import re
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def changed_lines(mutmut: str, name: str, cwd: Path) -> tuple[list[str], list[str]]:
    """(removed, added) source lines of one mutant, from ``mutmut show``'s diff."""
    diff = subprocess.run([mutmut, "show", name], capture_output=True, text=True, cwd=cwd).stdout
    minus = [ln[1:].strip() for ln in diff.splitlines() if ln.startswith("-") and not ln.startswith("---")]
    plus = [ln[1:].strip() for ln in diff.splitlines() if ln.startswith("+") and not ln.startswith("+++")]
    return minus, plus


KINDS = {
    "strictness": "a comparison made inclusive or strict",
    "sign": "times or divided by a sign that is +-1",
    "break": "continue turned into break",
    "constant": "a number changed",
    "argument": "an argument dropped or replaced by None",
    "logic": "and/or, a negation or an operator swapped",
    "other": "anything else",
}


def kind_of(before: str, after: str) -> str:
    """What a one-line mutation did, by comparing the two lines' tokens."""
    a, b = re.findall(r"\w+|[^\s\w]+", before), re.findall(r"\w+|[^\s\w]+", after)
    if before.strip() == "continue" and after.strip() == "break":
        return "break"
    if len(a) == len(b):
        diff = [(x, y) for x, y in zip(a, b) if x != y]
        if diff and all({x, y} in ({"<", "<="}, {">", ">="}) for x, y in diff):
            return "strictness"
        if len(diff) == 1 and {diff[0][0], diff[0][1]} == {"*", "/"} and "sign" in before:
            return "sign"
        if diff and all(re.fullmatch(r"[\d.e+-]+", x) and re.fullmatch(r"[\d.e+-]+", y)
                        for x, y in diff):
            return "constant"
        if diff and all({x, y} <= {"and", "or", "not", "in", "==", "!=", "+", "-", "*", "/", "<", ">",
                                   "<=", ">=", "is"} for x, y in diff):
            return "logic"
    if "None" in after and "None" not in before or len(b) < len(a):
        return "argument"
    return "other"


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
    print("Kinds: " + "; ".join(f"**{k}**: {v}" for k, v in KINDS.items()) + ".\n")
    for function in sorted(by_function):
        rows = sorted(by_function[function])
        lines, tags = [], Counter()
        for number, name, status in rows:
            minus, plus = changed_lines(mutmut, name, args.dir)
            tag = kind_of(" ".join(minus), " ".join(plus))
            tags[tag] += 1
            note = "" if status == "survived" else f", {status}"
            lines.append(f"- {number} ({tag}{note}): `{' / '.join(minus)}` → `{' / '.join(plus)}`")
        counts = ", ".join(f"{k} {v}" for k, v in tags.most_common())
        print(f"## `{function}` ({len(rows)}: {counts})\n")
        print("\n".join(lines))
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
