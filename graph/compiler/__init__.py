"""Selection-to-Cypher compiler: a fetch plan (`plan.py`) in, one statement with parameters out (`build.py`)."""

from graph.compiler.build import Compiled, PlanError, compile_root

__all__ = ["Compiled", "PlanError", "compile_root"]
