"""CSV out and CSV in for applications.

Export (export.py): one row per application, columns named like the model fields,
streamed from a single query; free text is escaped against formulas (formulas.py).

Import: a CSV from Onward or from a spreadsheet or another tracker is uploaded
(upload.py), read into rows of cells (reading.py), its columns mapped to Onward's
(columns.py), each row read cell by cell (rows.py, cells.py, dates.py) and checked for
duplicates (duplicates.py); the whole file's result (parse.py) is kept in an
ImportBatch until its owner has seen the preview (preview.py) and confirms it;
confirming creates the valid rows in one transaction (confirm.py).
"""
