"""The organisation GUI (issue 4): navigation, the inspection view and its tab hook, coverage,
the unit directory, the staff pool, and the dialogs for terms, rounds, units, teams, inspections."""
