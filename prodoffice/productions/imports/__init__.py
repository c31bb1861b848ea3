"""Crew list files: reading CSV or XLSX tables, validating rows (the import: services.imports)."""
