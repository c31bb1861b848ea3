"""Models of the post app, one module per area; imported here so Django finds them."""

from prodoffice.post.models.editorial import Cut, CutEvent, CutVersion

__all__ = ["Cut", "CutEvent", "CutVersion"]
