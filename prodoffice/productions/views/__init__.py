"""The production's own pages: dashboard pieces, crew list, people, meetings, access, set-up."""
