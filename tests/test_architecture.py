"""The layering the architecture promises (docs/architecture.md, "Layers"), checked on the code itself.

- `core` imports no domain app: it is the shared machinery they all build on.
- A domain app may use another app's models, services, queries and rules, never its views,
  forms, URLs, API or admin; and no two apps depend on each other, directly or round a loop.
- `language` and `eligibility` are pure libraries: the standard library only (no Django, nothing
  installed), and no other part of the product.
- `demo` (the demo council and the generator) spans every app, so it sits above them all: it may
  use any app's records and services, never its pages, and nothing imports it.
- Every domain app has the same shape.
"""

import ast
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "whatsstrong"
SHARED = {"core"}
PURE = {"language", "eligibility"}
ABOVE_ALL = {"demo"}
# The parts of an app that only its own pages and API use.
UI_MODULES = {"views", "forms", "urls", "api", "admin"}
# What another app may import from a domain app: its data and its public reads and writes.
PUBLIC_MODULES = {"models", "services", "queries", "rules"}
# Every domain app has these; rules.py, forms.py, api.py and parts.py where it needs them.
SHAPE = ("models.py", "services.py", "queries.py", "views.py", "urls.py", "tests")


def apps():
    return sorted(p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file())


def domain_apps():
    return [a for a in apps() if a not in SHARED | PURE | ABOVE_ALL]


def imports_of(app):
    """(importing file, imported module) for every import in the app's code, tests and migrations aside."""
    found = []
    for path in (PACKAGE / app).rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                found += [(path, alias.name) for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found += [(path, f"{node.module}.{alias.name}") for alias in node.names]
    return found


def product_imports(app):
    """(file, other app, module within it) for imports of other parts of the product."""
    for path, module in imports_of(app):
        parts = module.split(".")
        if parts[0] == "whatsstrong" and len(parts) > 1 and parts[1] in apps() and parts[1] != app:
            yield path.relative_to(PACKAGE.parent), parts[1], parts[2] if len(parts) > 2 else ""


def dependencies():
    return {app: {other for _, other, _ in product_imports(app)} for app in apps()}


def test_core_imports_no_domain_app():
    assert [(str(f), other) for f, other, _ in product_imports("core")] == []


@pytest.mark.parametrize("library", sorted(PURE))
def test_the_pure_libraries_need_neither_django_nor_the_product(library):
    assert (PACKAGE / library / "__init__.py").is_file()
    assert imports_of(library), "the check must see the library's imports"
    bad = [
        (str(f), m)
        for f, m in imports_of(library)
        if m.split(".")[0] == "whatsstrong" or m.split(".")[0] not in sys.stdlib_module_names
    ]
    assert bad == []


@pytest.mark.parametrize("app", domain_apps())
def test_apps_use_only_each_others_models_services_queries_and_rules(app):
    reaching_in = [
        (str(f), f"{other}.{module}")
        for f, other, module in product_imports(app)
        if other not in SHARED | PURE and module not in PUBLIC_MODULES
    ]
    assert reaching_in == [], "Call the other app's services or queries, or move shared machinery into core"


def find_cycle(graph):
    """One loop in the graph as a list of nodes, or None."""
    visiting, done = [], set()

    def visit(node):
        if node in visiting:
            return visiting[visiting.index(node) :] + [node]
        if node in done:
            return None
        visiting.append(node)
        for nxt in sorted(graph.get(node, ())):
            loop = visit(nxt)
            if loop:
                return loop
        visiting.pop()
        done.add(node)
        return None

    for start in sorted(graph):
        loop = visit(start)
        if loop:
            return loop
    return None


def test_nothing_imports_the_demo_and_the_demo_uses_no_pages():
    assert [(str(f), app) for app in apps() for f, other, _ in product_imports(app) if other in ABOVE_ALL] == []
    assert [(str(f), other, module) for f, other, module in product_imports("demo") if module in UI_MODULES] == []


def test_no_two_apps_depend_on_each_other():
    assert find_cycle(dependencies()) is None


def test_the_cycle_finder_finds_a_loop():
    assert find_cycle({"people": {"core"}, "conversations": {"people"}}) is None
    assert find_cycle({"people": {"conversations"}, "conversations": {"people"}}) == [
        "conversations",
        "people",
        "conversations",
    ]


@pytest.mark.parametrize("app", domain_apps())
def test_every_domain_app_has_the_same_shape(app):
    missing = [name for name in SHAPE if not (PACKAGE / app / name).exists()]
    assert missing == []
    assert (PACKAGE / app / "jinja2" / app).is_dir(), f"page templates go in whatsstrong/{app}/jinja2/{app}/"
