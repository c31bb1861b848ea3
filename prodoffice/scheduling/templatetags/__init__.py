"""Template tags of the schedule pages: the stripboard rows and the strips' conflicts."""
