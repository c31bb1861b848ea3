"""The production's pages: crew list, people, meetings, org chart, access, audit, set-up."""
