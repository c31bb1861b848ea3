"""Every write of the language desk, one module per area (callers import the module they need)."""
