"""Applications' views, one module per page family: applications, board, interviews,
companies, and csv (the export and the import)."""
