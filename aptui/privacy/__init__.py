"""Privacy by construction: anonymised copies, the right of access, the right to erasure.

* ``anonymize_school(src, dest, seed) -> Mapping`` (``anonymize.py``): a
  valid copy of a school with nobody in it (``aptui export --anonymize``,
  and the base of any anonymised report);
* ``export_student(src, student, dest)`` (``access.py``): everything held
  about one student (``aptui export --student``);
* ``forget_student(root, student)`` (``forget.py``): a student's personal
  data removed from the working tree in one commit, the caches purged,
  and (``rewrite.py``) from the git history with ``git filter-repo``.

Depends only downwards (load, edit, gitsync, render): nothing below imports it.
"""

from __future__ import annotations

from aptui.privacy.anonymize import AnonymizeError, anonymize_school

__all__ = ["AnonymizeError", "anonymize_school"]
