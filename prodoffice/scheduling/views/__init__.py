"""The schedule pages: script, breakdown, boards, calendar, reports, feeds, USS, conflicts."""
