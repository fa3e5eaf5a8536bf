"""Mutation testing for the code that must not be wrong: access, person and eligibility rules, versioned saves.

    python scripts/mutation.py              # every target (make mutation)
    python scripts/mutation.py access       # only targets whose name contains "access"
    python scripts/mutation.py --list       # show the mutants without running any tests

A mutant is the source with one thing changed: a condition negated, one side of an `and` or `or`
dropped, a comparison swapped, True and False swapped, a `raise` or a call removed, an arithmetic
operator swapped, a number moved by one. The file is overwritten with one mutant at a time, the
target's tests run, and the file is put back exactly as it was (also on Ctrl-C or a kill).
When a test fails the mutant is "killed";
when every test still passes it "survived", which means a test is missing, or that the change
cannot alter behaviour at all (an equivalent mutant: those are listed in EQUIVALENT below with
the reason, and are not run).

While it runs, the target files on disk hold mutants: do not edit them, run other tests or commit
from the same checkout until it finishes.

The script prints, per target, the mutants made, killed and survived, the score, and each
survivor with its line and what was changed. It exits 1 when any target scores below THRESHOLD.
"""

import argparse
import ast
import copy
import importlib.util
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Target:
    name: str
    path: str
    tests: tuple[str, ...]  # the quickest tests that should notice a mutant come first: -x stops there
    functions: tuple[str, ...] = ()  # only these functions (or Class.method); empty means the whole file


ACCESS_TESTS = (
    "whatsstrong/core/tests/test_access_table.py",
    "whatsstrong/core/tests/test_break_glass.py",
    "whatsstrong/core/tests/test_services_refuse.py",
    "whatsstrong/core/tests/test_access.py",
)

# What to break, and the tests that should notice. A target may name functions within a file, so
# when code moves to another file only the path changes here.
TARGETS = [
    Target("access rules", "whatsstrong/core/access.py", ACCESS_TESTS),
    Target(
        "person rules",
        "whatsstrong/people/rules.py",
        ("whatsstrong/people/tests/test_rules.py", "whatsstrong/people/tests/test_rules_find.py"),
    ),
    Target(
        "versioned save",
        "whatsstrong/core/records.py",
        (
            "whatsstrong/people/tests/test_versioned_save.py",
            "whatsstrong/core/tests/test_services_refuse.py",
            "whatsstrong/people/tests/test_history_and_conflicts.py",
        ),
        functions=("save_versioned", "changed_since", "stored", "add_to_record"),
    ),
    Target(
        "eligibility rules",
        "whatsstrong/eligibility/rules.py",
        (
            "whatsstrong/eligibility/tests/test_adults.py",
            "whatsstrong/eligibility/tests/test_carers.py",
            "whatsstrong/eligibility/tests/test_over_period.py",
            "whatsstrong/eligibility/tests/test_cases.py",
            "whatsstrong/eligibility/tests/test_typed_inputs.py",
        ),
    ),
]

THRESHOLD = 0.90

LONE_SURROGATE_ONLY = (
    "A code of 0xDFFF or 0xE000 after the +1 comes only from a lone surrogate in the prefix, which a name key "
    "never holds (keys are NFC text from a form or JSON, which refuse lone surrogates), so moving that edge by "
    "one changes no answer the search can ask for."
)

# Mutants that cannot change what the code does, keyed by (file, function, change as printed), with
# the reason. Only list one after trying to write a test that tells it apart.
EQUIVALENT = {
    (
        "whatsstrong/people/rules.py",
        "nhs_number_problem",
        "dropped `check == 10` from `or`",
    ): "A check digit of 10 never equals the last digit (0 to 9), so `check != int(digits[9])` refuses "
    "those numbers anyway; `check == 10` stays to say why they are never issued.",
    (
        "whatsstrong/people/rules.py",
        "nhs_number_problem",
        "`check == 10` → `check == 11`",
    ): "check is never 11 at that line (11 became 0 just before), so this is the same as dropping "
    "`check == 10`, above.",
    (
        "whatsstrong/people/rules.py",
        "prefix_end",
        "`55296 <= code <= 57343` → `55296 <= code < 57343`",
    ): LONE_SURROGATE_ONLY,
    (
        "whatsstrong/people/rules.py",
        "prefix_end",
        "`55296 <= code <= 57343` → `55296 <= code <= 57344`",
    ): LONE_SURROGATE_ONLY,
    (
        "whatsstrong/people/rules.py",
        "prefix_end",
        "`55296 <= code <= 57343` → `55296 <= code <= 57342`",
    ): LONE_SURROGATE_ONLY,
    (
        "whatsstrong/core/access.py",
        "is_active_staff",
        "dropped `user.is_authenticated` from `and`",
    ): "Every User is authenticated, and Django's AnonymousUser has is_active False, so checking "
    "is_active alone gives the same answer for everyone; is_authenticated stays to say what is meant.",
}

# -x stops at the first failing test. No migrations: the tables are built straight from the models,
# which is quicker and the same here (no migration moves data). Plugins installed alongside but not
# used by these tests are left out, as importing them costs more than running the tests.
PYTEST_ARGS = [
    "-x",
    "-q",
    "-p",
    "no:cacheprovider",
    "-p",
    "no:hypothesispytest",
    "-p",
    "no:schemathesis",
    "--nomigrations",
]


# --- Making mutants ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Mutant:
    line: int
    function: str
    change: str
    index: int  # the node's number in a pre-order walk of the module
    node: ast.AST  # what replaces that node


COMPARE_SWAPS = {
    ast.Eq: [ast.NotEq],
    ast.NotEq: [ast.Eq],
    ast.Lt: [ast.LtE, ast.GtE],
    ast.LtE: [ast.Lt, ast.Gt],
    ast.Gt: [ast.GtE, ast.LtE],
    ast.GtE: [ast.Gt, ast.Lt],
    ast.In: [ast.NotIn],
    ast.NotIn: [ast.In],
    ast.Is: [ast.IsNot],
    ast.IsNot: [ast.Is],
}
ARITHMETIC_SWAPS = {ast.Add: ast.Sub, ast.Sub: ast.Add, ast.Mult: ast.Div, ast.Div: ast.Mult, ast.Mod: ast.FloorDiv}


def walk(tree):
    """Every node in pre-order, with the function it is in and its parent; the same order every parse."""

    def visit(node, function, parent):
        yield node, function, parent
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            function = f"{function}.{node.name}" if function else node.name
        for child in ast.iter_child_nodes(node):
            yield from visit(child, function, node)

    yield from visit(tree, "", None)


def conditions(tree):
    """Expressions whose truth decides something: tests of if, while, assert, x if c else y,
    comprehension filters, and boolean expressions that a function returns."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.If, ast.While, ast.IfExp, ast.Assert)):
            found.add(id(node.test))
        elif isinstance(node, ast.comprehension):
            found.update(id(test) for test in node.ifs)
        elif isinstance(node, ast.Return) and isinstance(node.value, (ast.BoolOp, ast.Compare)):
            found.add(id(node.value))
    return found


def replacements(node, is_condition):
    """(new node, what changed) for each way of breaking this one node."""
    show = lambda n: short(ast.unparse(n))  # noqa: E731
    # Negating `not x` or a single comparison would repeat a mutant made below.
    negated_below = (isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not)) or (
        isinstance(node, ast.Compare) and len(node.ops) == 1 and type(node.ops[0]) in COMPARE_SWAPS
    )
    if is_condition and not negated_below:
        yield ast.UnaryOp(ast.Not(), copy.deepcopy(node)), f"`{show(node)}` → `not ({show(node)})`"
    if isinstance(node, ast.Compare):
        for i, op in enumerate(node.ops):
            for swap in COMPARE_SWAPS.get(type(op), []):
                new = copy.deepcopy(node)
                new.ops[i] = swap()
                yield new, f"`{show(node)}` → `{show(new)}`"
    elif isinstance(node, ast.BoolOp):
        word = "and" if isinstance(node.op, ast.And) else "or"
        for i, dropped in enumerate(node.values):
            rest = [copy.deepcopy(v) for j, v in enumerate(node.values) if j != i]
            new = rest[0] if len(rest) == 1 else ast.BoolOp(copy.deepcopy(node.op), rest)
            yield new, f"dropped `{show(dropped)}` from `{word}`"
        other = ast.Or() if word == "and" else ast.And()
        new = ast.BoolOp(other, copy.deepcopy(node.values))
        yield new, f"`{show(node)}` → `{show(new)}`"
    elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        yield copy.deepcopy(node.operand), f"`{show(node)}` → `{show(node.operand)}`"
    elif isinstance(node, ast.Constant) and isinstance(node.value, bool):
        yield ast.Constant(not node.value), f"`{node.value}` → `{not node.value}`"
    elif isinstance(node, ast.Constant) and type(node.value) is int:
        for value in (node.value + 1, node.value - 1):
            yield ast.Constant(value), f"`{node.value}` → `{value}`"
    elif isinstance(node, (ast.BinOp, ast.AugAssign)) and type(node.op) in ARITHMETIC_SWAPS:
        new = copy.deepcopy(node)
        new.op = ARITHMETIC_SWAPS[type(node.op)]()
        yield new, f"`{show(node)}` → `{show(new)}`"
    elif isinstance(node, ast.Raise):
        yield ast.Pass(), f"removed `{show(node)}`"
    elif isinstance(node, ast.Expr) and isinstance(node.value, ast.Call):
        yield ast.Pass(), f"removed `{show(node)}`"


def short(text, width=90):
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def make_mutants(source, functions=()):
    tree = ast.parse(source)
    is_condition = conditions(tree)
    mutants = []
    seen = Counter()
    for index, (node, function, parent) in enumerate(walk(tree)):
        if functions and not any(function == f or function.startswith(f + ".") for f in functions):
            continue
        for new, change in replacements(node, id(node) in is_condition):
            if isinstance(node, ast.Constant):  # `10` → `11` says little; show where the 10 is
                change = f"`{short(ast.unparse(parent))}` → `{short(ast.unparse(replace_node(parent, node, new)))}`"
            function = function or "(module)"
            seen[function, change] += 1
            if seen[function, change] > 1:  # the same change twice in one function: number them
                change += f" (#{seen[function, change]})"
            mutants.append(Mutant(node.lineno, function, change, index, new))
    return mutants


def mutated_source(source, mutant):
    """The source with one node replaced. Only that node's text changes, so a diff reads plainly;
    if splicing the text does not give the mutated syntax tree, the whole module is written out
    from the tree instead (the same code, without comments)."""
    tree = ast.parse(source)
    node = next(n for i, (n, _, _) in enumerate(walk(tree)) if i == mutant.index)
    expected = replace_node(tree, node, mutant.node)
    raw = source.encode()
    starts = [0]
    for line in raw.splitlines(keepends=True):
        starts.append(starts[-1] + len(line))
    begin = starts[node.lineno - 1] + node.col_offset  # offsets are in UTF-8 bytes
    end = starts[node.end_lineno - 1] + node.end_col_offset
    text = ast.unparse(mutant.node)
    if isinstance(node, ast.expr):
        text = f"({text})"
    spliced = (raw[:begin] + text.encode() + raw[end:]).decode(errors="replace")
    try:
        if ast.dump(ast.parse(spliced)) == ast.dump(expected):
            return spliced
    except SyntaxError:
        pass
    return ast.unparse(expected) + "\n"


def replace_node(tree, old, new):
    """A copy of the whole tree with `old` swapped for `new`."""

    class Swap(ast.NodeTransformer):
        def visit(self, node):
            return new if node is old else self.generic_visit(node)

    return Swap().visit(copy.deepcopy(tree, {id(old): old}))


# --- Running them -------------------------------------------------------------------------------


@dataclass
class Result:
    target: Target
    made: list = field(default_factory=list)
    killed: list = field(default_factory=list)
    survived: list = field(default_factory=list)
    equivalent: list = field(default_factory=list)

    @property
    def score(self):
        judged = len(self.killed) + len(self.survived)
        return len(self.killed) / judged if judged else 1.0


class Runner:
    def __init__(self, verbose=False):
        self.verbose = verbose
        # A cache folder of our own: a mutant's compiled file is removed before each run, so a stale
        # one (same size, same second) can never stand in for the source on disk.
        self.cache = tempfile.TemporaryDirectory(prefix="mutation-pycache-")
        self.env = {**os.environ, "PYTHONPYCACHEPREFIX": self.cache.name}

    def tests_pass(self, target, timeout=None):
        command = [sys.executable, "-m", "pytest", *PYTEST_ARGS, *target.tests]
        sys.pycache_prefix = self.cache.name
        compiled = Path(importlib.util.cache_from_source(str(ROOT / target.path)))
        compiled.unlink(missing_ok=True)
        completed = subprocess.run(
            command,
            cwd=ROOT,
            env=self.env,
            timeout=timeout,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        if completed.returncode not in (0, 1, 2):  # 2: a mutant that breaks import is still noticed
            raise RuntimeError(f"pytest could not run ({completed.returncode}):\n{completed.stdout[-2000:]}")
        return completed.returncode == 0, completed.stdout

    def run(self, target):
        path = ROOT / target.path
        original = path.read_bytes()
        stat = path.stat()
        source = original.decode()
        result = Result(target, made=make_mutants(source, target.functions))
        started = time.monotonic()
        passed, output = self.tests_pass(target)
        if not passed:
            raise SystemExit(f"The tests for {target.path} fail before any mutation:\n{output[-3000:]}")
        timeout = max(60, 10 * (time.monotonic() - started))
        print(f"\n{target.name}: {target.path} ({len(result.made)} mutants)", flush=True)
        try:
            for number, mutant in enumerate(result.made, 1):
                if (target.path, mutant.function, mutant.change) in EQUIVALENT:
                    result.equivalent.append(mutant)
                    continue
                path.write_text(mutated_source(source, mutant))
                try:
                    survived, _ = self.tests_pass(target, timeout)
                except subprocess.TimeoutExpired:
                    survived = False  # a mutant that hangs the tests is noticed too
                (result.survived if survived else result.killed).append(mutant)
                if self.verbose:
                    print(
                        f"  [{number}/{len(result.made)}] {'SURVIVED' if survived else 'killed'}: "
                        f"line {mutant.line} {mutant.function}: {mutant.change}",
                        flush=True,
                    )
                else:
                    print("S" if survived else ".", end="", flush=True)
        finally:
            path.write_bytes(original)
            os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
        print()
        return result


def report(result):
    target = result.target
    only = f" ({', '.join(target.functions)})" if target.functions else ""
    print(f"\n{target.name}: {target.path}{only}")
    print(
        f"  made {len(result.made)}, killed {len(result.killed)}, survived {len(result.survived)}, "
        f"equivalent {len(result.equivalent)}; score {result.score:.0%} (needs {THRESHOLD:.0%})"
    )
    for mutant in result.survived:
        print(f"  survived: line {mutant.line} in {mutant.function}: {mutant.change}")
    for mutant in result.equivalent:
        reason = EQUIVALENT[(target.path, mutant.function, mutant.change)]
        print(f"  equivalent: line {mutant.line} in {mutant.function}: {mutant.change}\n      {reason}")


def stale_equivalents(targets):
    """Entries in EQUIVALENT that no longer match a mutant, so the list does not quietly rot."""
    made = set()
    for target in targets:
        source = (ROOT / target.path).read_text()
        made.update((target.path, m.function, m.change) for m in make_mutants(source, target.functions))
    return [key for key in EQUIVALENT if key[0] in {t.path for t in targets} and key not in made]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="run only targets whose name contains one of these")
    parser.add_argument("--list", action="store_true", help="show the mutants without running tests")
    parser.add_argument("--verbose", "-v", action="store_true", help="one line per mutant as it runs")
    parser.add_argument(
        "--tests",
        nargs="+",
        metavar="PATH",
        help="run these tests instead of each target's own (to see what another set notices)",
    )
    args = parser.parse_args()
    targets = [t for t in TARGETS if not args.names or any(n in t.name for n in args.names)]
    if args.tests:
        targets = [replace(t, tests=tuple(args.tests)) for t in targets]
    if not targets:
        raise SystemExit(f"No target matches {args.names}; targets: {[t.name for t in TARGETS]}")
    if args.list:
        for target in targets:
            for m in make_mutants((ROOT / target.path).read_text(), target.functions):
                print(f"{target.path}:{m.line} {m.function}: {m.change}")
        return 0
    for key in stale_equivalents(targets):
        print(f"Listed as equivalent but no longer made (remove it from EQUIVALENT): {key}")
    # Ctrl-C and a plain kill both arrive as KeyboardInterrupt (even when started in the background,
    # where Ctrl-C would otherwise be ignored), so the file being mutated is always put back.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    started = time.monotonic()
    runner = Runner(verbose=args.verbose)
    try:
        results = [runner.run(target) for target in targets]
    except KeyboardInterrupt:
        print("\nStopped. Every file is as it was before the run.")
        return 130
    for result in results:
        report(result)
    minutes, seconds = divmod(round(time.monotonic() - started), 60)
    print(f"\nTook {minutes} min {seconds} s.")
    low = [r.target.name for r in results if r.score < THRESHOLD]
    if low:
        print(f"Below {THRESHOLD:.0%}: {', '.join(low)}. Add tests that notice the survivors.")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
