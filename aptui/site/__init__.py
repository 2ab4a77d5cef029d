"""`aptui site DOSSIER`: the reports of a school year as linked static HTML pages (opens from file://)."""
