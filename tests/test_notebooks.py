"""The notebooks: stripped in git, and executed end to end on the seed build (nbclient).

Each notebook runs in a fresh python3 kernel (ipykernel) with its own IPython/Jupyter
folders, from ``notebooks/`` and (for the tour) from the repository root, with ``KG_GRAPH``
pointing at the session's seed build. A cell error fails the test; tagged cells
(``check-…``) are asserted on their outputs.
"""

from __future__ import annotations

import ast
import re
from decimal import Decimal
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
NAMES = ["01_tour", "02_links", "03_money"]
CELL_TIMEOUT = 300  # seconds per cell; a hung kernel fails instead of blocking CI


def read(name: str):
    import nbformat

    return nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)


@pytest.mark.parametrize("name", NAMES)
def test_notebooks_stored_without_outputs(name: str) -> None:
    import nbformat

    nb = read(name)
    nbformat.validate(nb)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code, name
    for cell in code:
        assert cell.outputs == [], f"{name}: a cell has outputs; strip them before committing"
        assert cell.execution_count is None, f"{name}: execution_count must be null"
    assert nb.metadata["kernelspec"]["name"] == "python3"


@pytest.mark.parametrize("name", NAMES)
def test_notebooks_explain_and_use_only_the_kg_api(name: str) -> None:
    nb = read(name)
    prose = [c for c in nb.cells if c.cell_type == "markdown"]
    assert len(prose) >= 4 and prose[0].source.startswith("# ")
    imports = set()
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        tree = ast.parse(cell.source)
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                imports.update(a.name.split(".")[0] for a in node.names)
            elif isinstance(node, ast.ImportFrom):
                imports.add((node.module or "").split(".")[0])
            assert not isinstance(node, ast.FunctionDef | ast.ClassDef), f"{name}: logic belongs in kg"
    assert imports == {"kg"}, f"{name} imports {imports}"
    tags = {t for c in nb.cells for t in c.metadata.get("tags", [])}
    assert "setup" in tags


# ----------------------------------------------------------------------------- execution


@pytest.fixture
def kernel_env(seed_build, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Environment of the kernel: the seed graph, and private IPython/Jupyter folders."""
    monkeypatch.setenv("KG_GRAPH", str(seed_build.graph))
    for var in ("IPYTHONDIR", "JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR",
                "MPLCONFIGDIR"):
        folder = tmp_path / var.lower()
        folder.mkdir()
        monkeypatch.setenv(var, str(folder))
    monkeypatch.setenv("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    return seed_build.graph


def execute(name: str, cwd: Path):
    """Run a notebook in a fresh kernel; a cell error raises CellExecutionError."""
    from nbclient import NotebookClient

    nb = read(name)
    client = NotebookClient(nb, timeout=CELL_TIMEOUT, kernel_name="python3",
                            resources={"metadata": {"path": str(cwd)}})
    client.execute()
    return nb


def tagged(nb, tag: str):
    [cell] = [c for c in nb.cells if tag in c.metadata.get("tags", [])]
    return cell


def text(nb, tag: str) -> str:
    """The text/plain result of a tagged cell."""
    cell = tagged(nb, tag)
    results = [o for o in cell.outputs if o.output_type == "execute_result"]
    assert results, f"cell {tag} has no result: {cell.outputs}"
    return results[-1]["data"]["text/plain"]


def html(nb, tag: str) -> str:
    cell = tagged(nb, tag)
    return "".join(o["data"].get("text/html", "") for o in cell.outputs
                   if o.output_type in ("execute_result", "display_data"))


def no_errors(nb) -> None:
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            assert out.output_type != "error", out
            if out.output_type == "stream" and out.name == "stderr":
                assert "Traceback" not in out.text, out.text


@pytest.mark.slow
@pytest.mark.parametrize("cwd", [NOTEBOOKS, ROOT], ids=["from-notebooks", "from-root"])
def test_notebooks_tour_runs(kernel_env: Path, cwd: Path) -> None:
    nb = execute("01_tour", cwd)
    no_errors(nb)
    assert str(kernel_env) in text(nb, "setup")
    assert text(nb, "check-articles") == "5"
    assert "Fund" in text(nb, "check-classes")
    queries = html(nb, "check-queries")
    assert "funds_by_size" in queries and "located_in" in queries
    funds = html(nb, "check-funds")
    for column in ("name", "size", "sizeText"):
        assert f"<th>{column}</th>" in funds
    assert "亿元" in funds


@pytest.mark.slow
def test_notebooks_tour_builds_the_graph_when_missing(kernel_env: Path, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """A fresh clone without build/: the first cell builds the seed corpus, visibly."""
    import shutil

    from kg.api import find_graph

    monkeypatch.delenv("KG_GRAPH")
    clone = tmp_path / "clone"
    shutil.copytree(ROOT / "seeds", clone / "seeds")
    (clone / "notebooks").mkdir()
    if find_graph(clone / "notebooks") is not None:
        pytest.skip(f"a parent folder already holds a graph: {find_graph(clone / 'notebooks')}")
    nb = execute("01_tour", clone / "notebooks")
    no_errors(nb)
    streams = "".join(o.text for o in tagged(nb, "setup").outputs if o.output_type == "stream")
    assert f"built {clone / 'build' / 'innokg.ttl'}: 5 articles" in streams
    assert (clone / "build" / "innokg.ttl").is_file()
    assert text(nb, "check-articles") == "5"


@pytest.mark.slow
def test_notebooks_links_runs(kernel_env: Path) -> None:
    nb = execute("02_links", NOTEBOOKS)
    no_errors(nb)
    nodes, edges = ast.literal_eval(text(nb, "check-network"))
    assert nodes > 20 and edges > 10
    assert "<th>via</th>" in html(nb, "check-neighbors")
    view = html(nb, "check-view")
    assert view.startswith('<div class="kg-view"><iframe srcdoc="&lt;!DOCTYPE html')
    assert "硚口区" in view
    path = html(nb, "check-path")
    assert "<th>relation</th>" in path and "establishedBy" in path
    assert "<th>0</th>" in path, "no path between the two companies"
    assert "pagerank" in html(nb, "check-central")
    assert "<th>community</th>" in html(nb, "check-communities")


@pytest.mark.slow
def test_notebooks_money_runs(kernel_env: Path) -> None:
    nb = execute("03_money", NOTEBOOKS)
    no_errors(nb)
    assert "<th>size</th>" in html(nb, "check-funds")
    name, size = re.fullmatch(r"\('(.+)', Decimal\('(\d+(?:\.\d+)?)'\)\)",
                              text(nb, "check-largest-fund")).groups()
    assert name and Decimal(size) > 0  # a fund with a size in yuan
    assert "<th>support</th>" in html(nb, "check-support")
    charts = [o for c in nb.cells for o in c.get("outputs", []) if "image/png" in o.get("data", {})]
    assert len(charts) == 2
