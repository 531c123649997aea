"""The layout holds: imports run one way, from the roof (config) to the kernel (sscp), as the
import contract in pyproject.toml says; no module is over 500 lines; the cache mixin never serves
a page before access is checked."""

import ast
import subprocess
import sys
import tomllib
from pathlib import Path

import grimp
import pytest
from django.urls import get_resolver
from importlinter.contracts.layers import LayersContract

from sscp.cache import CachedPageMixin

ROOT = Path(__file__).resolve().parent.parent
CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
# Files that are data, not logic: the demo partnership's data modules and migrations.
LENGTH_EXEMPT = ("migrations", "demo/data")
MAX_LINES = 500


@pytest.fixture(scope="module")
def contract():
    (options,) = CONFIG["contracts"]
    return LayersContract(
        name=options["name"],
        session_options={"root_packages": CONFIG["root_packages"]},
        contract_options={k: v for k, v in options.items() if k not in ("id", "name", "type")},
    )


def project_graph() -> grimp.ImportGraph:
    return grimp.build_graph(*CONFIG["root_packages"], exclude_type_checking_imports=True)


def test_lint_imports_keeps_the_contract():
    result = subprocess.run(
        [str(Path(sys.executable).parent / "lint-imports")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 kept, 0 broken" in result.stdout


@pytest.mark.parametrize(
    ("importer", "imported"),
    [
        ("sscp.cache", "plans.roles"),  # the kernel importing an app
        ("plans.models", "measures.models"),  # a foundation app importing one above it
        ("measures.selectors", "consultations.models"),
        ("reports.views.reading", "bookcase.selectors"),  # two apps side by side
        ("bookcase.views", "reports.selectors"),
        ("consultations.views", "demo.loader"),  # a feature app importing the tooling
        ("plans.views", "config.views"),  # or the roof
    ],
)
def test_the_contract_refuses_an_upward_or_sideways_import(contract, importer, imported):
    graph = project_graph()
    assert contract.check(graph, verbose=False).kept
    graph.add_import(importer=importer, imported=imported, line_number=1, line_contents="import")
    assert not contract.check(graph, verbose=False).kept


def test_no_module_is_over_500_lines():
    too_long = {}
    for package in CONFIG["root_packages"]:
        for path in (ROOT / package).rglob("*.py"):
            relative = path.relative_to(ROOT).as_posix()
            if any(part in relative for part in LENGTH_EXEMPT):
                continue
            lines = len(path.read_text(encoding="utf-8").splitlines())
            if lines > MAX_LINES:
                too_long[relative] = lines
    assert too_long == {}


def _function_level_project_imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for function in ast.walk(tree):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for node in ast.walk(function):
            if (
                isinstance(node, ast.ImportFrom)
                and node.module
                and node.module.split(".")[0] in CONFIG["root_packages"]
            ):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.module}")
    return found


def test_no_function_imports_a_project_module_to_dodge_a_cycle():
    # An AppConfig.ready() imports its signal handlers when Django has loaded every app.
    found = [
        line
        for package in CONFIG["root_packages"]
        for path in (ROOT / package).rglob("*.py")
        if path.name != "apps.py"
        for line in _function_level_project_imports(path)
    ]
    assert found == []


def _views(resolver=None, seen=None):
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if hasattr(pattern, "url_patterns"):
            yield from _views(pattern)
        else:
            yield getattr(pattern.callback, "view_class", None)


def test_every_cached_page_names_the_rule_that_guards_it():
    """The mixin order is refused at class definition (sscp.cache); what that cannot see is a
    cached page whose access check has no rule to ask, which every signed-in person would pass
    and which would then be shared between them."""
    cached = [view for view in _views() if view and issubclass(view, CachedPageMixin)]
    assert len(cached) >= 15
    unguarded = [view.__qualname__ for view in cached if view.permission is None]
    assert unguarded == []


def test_every_cached_page_declares_the_parameters_it_reads():
    """The page cache keys a page by the query parameters its view declares and hides the rest
    from the view (sscp.cache): a view that read an undeclared one would be served another
    page's HTML."""
    cached = [view for view in _views() if view and issubclass(view, CachedPageMixin)]
    for view in cached:
        declared = getattr(view, "page_cache_params", None)
        assert isinstance(declared, tuple), f"{view.__qualname__} declares no page_cache_params"
        assert all(isinstance(name, str) for name in declared), view
        filterset = getattr(view, "filterset_class", None)
        if filterset is not None:
            assert set(filterset.base_filters) <= set(declared), view
