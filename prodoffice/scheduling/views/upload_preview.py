"""Preview, then confirm: moved to `prodoffice.core.uploads` (the crew list import uses it too)."""

from __future__ import annotations

from prodoffice.core.uploads import Step, import_step

__all__ = ["Step", "import_step"]
