"""Reads of the scheduling app that span relations, one module per area."""
