"""Optimizer tests: no Django. Kernels run as plain Python here unless JIT is asked for."""

import os

# JIT compiling costs seconds on a fresh checkout; the tests use small instances only.
os.environ.setdefault("PRODOFFICE_OPTIMIZER_JIT", "0")
