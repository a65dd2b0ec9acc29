"""Applications' views, one module per page family: applications, board, interviews,
companies, csv (the export and the import) and capture (a job advert's page read into
the new-application form)."""
