"""Every write of the productions app, one module per area; callers import the area module."""
