"""Scheduling tests. The optimizer runs without JIT here: tiny boards, no compile time."""

import os

os.environ.setdefault("PRODOFFICE_OPTIMIZER_JIT", "0")
