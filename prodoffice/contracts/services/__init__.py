"""Every write of the contracts app, one module per area (drafting, sending, signing ...)."""
