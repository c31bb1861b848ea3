"""Every write of the scheduling app, one module per area."""
