"""Pure-Python shooting-order optimisation: no Django, no project imports (benchmarked alone)."""
