"""The schedule's pages, one module per page area."""
