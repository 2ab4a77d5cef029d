"""CI files for the school repository: validate every push, and put the
semantic diff of a merge request in the job's output (and, on GitHub, in the
job summary).

``write_ci_files(root)`` is called by ``aptui init``; it never overwrites a
file the school already has.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

GITLAB_FILE = ".gitlab-ci.yml"
GITHUB_FILE = ".github/workflows/aptui.yml"
INSTALL = 'pip install --quiet "aptui"'
"""How the CI job installs aptui (change it for a private index or a git URL)."""

GITLAB_CI = """\
# Vérification de l'école à chaque envoi (écrit par « aptui init »).
# Le job « changements » met le résumé des changements (aptui diff) dans la sortie
# de la merge request ; le job « validation » échoue si l'école a des erreurs.
image: python:3.11-slim

variables:
  GIT_DEPTH: "0"

before_script:
  - apt-get update -qq && apt-get install -y -qq git > /dev/null
  - {install}

validation:
  stage: test
  script:
    - aptui validate .

changements:
  stage: test
  rules:
    - if: $CI_PIPELINE_SOURCE == "merge_request_event"
  script:
    - git fetch --quiet origin "$CI_MERGE_REQUEST_TARGET_BRANCH_NAME"
    - aptui diff "origin/$CI_MERGE_REQUEST_TARGET_BRANCH_NAME...HEAD" . --format markdown | tee changements.md
  artifacts:
    paths:
      - changements.md
    expose_as: "Changements dans l'école"
"""

GITHUB_CI = """\
# Vérification de l'école à chaque envoi (écrit par « aptui init »).
# Sur une pull request, le résumé des changements (aptui diff) est publié
# dans le résumé du job.
name: aptui

on:
  push:
  pull_request:

jobs:
  validation:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0
      - uses: actions/setup-python@v5
        with:
          python-version: "3.11"
      - run: {install}
      - name: Vérifier l'école
        run: aptui validate .
      - name: Changements dans l'école
        if: github.event_name == 'pull_request'
        run: |
          aptui diff "origin/${{ github.base_ref }}...HEAD" . --format markdown | tee -a "$GITHUB_STEP_SUMMARY"
"""

CI_FILES = {"gitlab": (GITLAB_FILE, GITLAB_CI), "github": (GITHUB_FILE, GITHUB_CI)}


def write_ci_files(root: Path, kinds: Iterable[str] = ("gitlab", "github"), install: str = INSTALL) -> list[Path]:
    """Write the CI files of the chosen forges; returns the files written (existing ones are kept)."""
    written = []
    for kind in kinds:
        if kind not in CI_FILES:
            raise ValueError(f"forge inconnue : « {kind} » (gitlab ou github)")
        name, text = CI_FILES[kind]
        path = Path(root) / name
        if path.exists():
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text.replace("{install}", install), encoding="utf-8")
        written.append(path)
    return written
