"""Files for the school's other tools: group compositions and attendance marks as rows.

Each export builds a ``Table`` (aptui/reports/tables.py) from the model; ``sheets.py``
turns it into CSV (comma or semicolon, optional BOM), XLSX or ODS.
"""
