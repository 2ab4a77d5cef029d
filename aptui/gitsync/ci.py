"""CI files for the school repository (``aptui init --ci gitlab|github``).

Two jobs in each:

- **validation**: every push; the school must have no error (``aptui validate``);
- **fusion** (merge/pull requests only): the branch is merged into the target
  *in CI*, with aptui's merge driver (``aptui install-git``), and the **merge
  result** is validated — not only the branch head, since two branches each
  valid can make a broken school together; then the summary of the changes
  (``aptui diff --format markdown``) is posted where reviewers read: a note on
  the GitLab merge request (through the API, with a token the school
  provides in ``APTUI_GITLAB_TOKEN``), a comment on the GitHub pull request
  (with the workflow's own token), and the job's summary or artifact.

aptui is installed from ``APTUI_PIP``, a pip requirement the school sets (a
CI variable; ``aptui init --aptui-source`` writes it into the file), since
aptui is not published on a package index: e.g.
``aptui @ git+https://forge.example.org/outils/aptui.git@v0.1.0``.  The
default, :data:`DEFAULT_SOURCE`, is a placeholder to replace.

``write_ci_files(root)`` never overwrites a file the school already has.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

GITLAB_FILE = ".gitlab-ci.yml"
GITHUB_FILE = ".github/workflows/aptui.yml"
DEFAULT_SOURCE = "aptui @ git+https://forge.example.org/aptui/aptui.git"
"""Placeholder: where the school installs aptui from (its own mirror of the aptui repository, a tag...)."""
SUMMARY_FILE = "changements.md"

# The merge done in CI: the school's driver, a throw-away identity, a clear message on a true conflict.
MERGE_SCRIPT = """\
aptui install-git . --no-hook --no-commit > /dev/null
git config user.name "aptui (CI)"
git config user.email "ci@aptui.invalid"
git fetch --quiet origin "$TARGET"
if ! git merge --no-edit --quiet "origin/$TARGET"; then
  git diff --name-only --diff-filter=U
  echo "La fusion avec $TARGET a des conflits : fusionnez avec « aptui sync » puis renvoyez."
  exit 1
fi"""

GITLAB_NOTE = """\
if [ -z "${APTUI_GITLAB_TOKEN:-}" ]; then
  echo "APTUI_GITLAB_TOKEN absent : le résumé reste dans l'artefact changements.md (pas de note sur la merge request)."
else
  python3 - <<'PY'
import json, os, urllib.request
env = os.environ
url = f"{env['CI_API_V4_URL']}/projects/{env['CI_PROJECT_ID']}/merge_requests/{env['CI_MERGE_REQUEST_IID']}/notes"
body = open("changements.md", encoding="utf-8").read()
request = urllib.request.Request(url, data=json.dumps({"body": body}).encode(), method="POST", headers={
    "PRIVATE-TOKEN": env["APTUI_GITLAB_TOKEN"], "Content-Type": "application/json"})
with urllib.request.urlopen(request, timeout=30) as answer:
    print("Note publiée sur la merge request :", answer.status)
PY
fi"""


# The site of the reports (optional job): anonymized when APTUI_SITE says so.
SITE_SCRIPT = """\
if [ "$APTUI_SITE" = "anonyme" ]; then
  aptui site DEST . --anonymize
else
  aptui site DEST .
fi"""


def _block(script: str, indent: int) -> str:
    """A shell script as the lines of a YAML literal block (``|``) at some indentation."""
    pad = " " * indent
    return "\n".join(pad + line if line else "" for line in script.splitlines())


GITLAB_CI = f"""\
# Vérification de l'école (écrit par « aptui init --ci gitlab »).
# - validation : à chaque envoi, l'école ne doit avoir aucune erreur ;
# - fusion : sur une merge request, la branche est fusionnée dans la branche cible (avec le pilote
#   de fusion d'aptui) et c'est le résultat de la fusion qui est vérifié ; le résumé des
#   changements (aptui diff) est publié en note sur la merge request et gardé en artefact.
# Variables (Paramètres > CI/CD > Variables) :
# - APTUI_PIP : d'où installer aptui (une exigence pip, ex. « aptui @ git+https://…/aptui.git@v0.1.0 ») ;
# - APTUI_GITLAB_TOKEN (masquée) : un jeton d'accès au projet, rôle Reporter, portée « api », pour
#   publier la note ; sans lui, le résumé reste dans l'artefact.
image: python:3.11-slim

variables:
  GIT_DEPTH: "0"
  APTUI_PIP: "{{source}}"

before_script:
  - apt-get update -qq && apt-get install -y -qq git > /dev/null
  - pip install --quiet "$APTUI_PIP"

validation:
  stage: test
  script:
    - aptui validate .

fusion:
  stage: test
  rules:
    - if: $CI_PIPELINE_SOURCE == "merge_request_event"
  variables:
    TARGET: $CI_MERGE_REQUEST_TARGET_BRANCH_NAME
  script:
    - |
{_block(MERGE_SCRIPT, 6)}
    - aptui validate .
    - aptui diff "origin/$TARGET..HEAD" . --format markdown | tee {SUMMARY_FILE}
    - |
{_block(GITLAB_NOTE, 6)}
  artifacts:
    when: always
    paths:
      - {SUMMARY_FILE}
    expose_as: "Changements dans l'école"

# Site des rapports (facultatif, docs : README « Site des rapports ») : avec la variable APTUI_SITE
# à « oui » (noms réels) ou « anonyme » (pseudonymes), chaque envoi sur la branche par défaut
# publie « aptui site » sur GitLab Pages. Les noms d'élèves mineurs y figurent : réservez d'abord
# l'accès aux membres du projet (Paramètres > Général > Visibilité > Pages : « Membres du projet »).
pages:
  stage: deploy
  rules:
    - if: $APTUI_SITE && $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH
  script:
    - |
{_block(SITE_SCRIPT.replace("DEST", "public"), 6)}
  artifacts:
    paths:
      - public
    expire_in: 30 days
"""

GITHUB_CI = f"""\
# Vérification de l'école (écrit par « aptui init --ci github »).
# - validation : à chaque envoi, l'école ne doit avoir aucune erreur ;
# - fusion : sur une pull request, la branche est fusionnée dans la branche cible (avec le pilote
#   de fusion d'aptui) et c'est le résultat de la fusion qui est vérifié ; le résumé des
#   changements (aptui diff) est publié en commentaire de la pull request (jeton du workflow)
#   et dans le résumé du job.
# Variable du dépôt (Settings > Secrets and variables > Actions > Variables) :
# - APTUI_PIP : d'où installer aptui (une exigence pip, ex. « aptui @ git+https://…/aptui.git@v0.1.0 »).
name: aptui

on:
  push:
  pull_request:

permissions:
  contents: read
  pull-requests: write

env:
  APTUI_PIP: ${{{{ vars.APTUI_PIP || '{{source}}' }}}}

jobs:
  validation:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.11"
      - run: pip install --quiet "$APTUI_PIP"
      - name: Vérifier l'école
        run: aptui validate .

  fusion:
    if: github.event_name == 'pull_request'
    runs-on: ubuntu-latest
    env:
      TARGET: ${{{{ github.base_ref }}}}
    steps:
      - uses: actions/checkout@v4
        with:
          ref: ${{{{ github.event.pull_request.head.sha }}}}
          fetch-depth: 0
      - uses: actions/setup-python@v5
        with:
          python-version: "3.11"
      - run: pip install --quiet "$APTUI_PIP"
      - name: Fusionner avec la branche cible (pilote de fusion d'aptui)
        run: |
{_block(MERGE_SCRIPT, 10)}
      - name: Vérifier le résultat de la fusion
        run: aptui validate .
      - name: Résumé des changements
        run: |
          aptui diff "origin/$TARGET..HEAD" . --format markdown > {SUMMARY_FILE}
          cat {SUMMARY_FILE} >> "$GITHUB_STEP_SUMMARY"
      - name: Commenter la pull request
        continue-on-error: true  # a pull request from a fork gets a read-only token
        env:
          GH_TOKEN: ${{{{ github.token }}}}
          PR: ${{{{ github.event.pull_request.number }}}}
        run: gh pr comment "$PR" --body-file {SUMMARY_FILE}

  # Site des rapports (facultatif, docs : README « Site des rapports »), selon la variable APTUI_SITE :
  # - « artefact » : le site en artefact du workflow, que seuls les lecteurs du dépôt téléchargent ;
  # - « pages » : publié sur GitHub Pages. ATTENTION : les Pages d'un dépôt privé sont publiques,
  #   sauf « visibilité privée » des Pages (GitHub Enterprise Cloud) : sinon, utilisez « anonyme » ;
  # - « anonyme » : le site anonymisé (pseudonymes), publié sur GitHub Pages.
  site:
    if: github.event_name == 'push' && github.ref_name == github.event.repository.default_branch && vars.APTUI_SITE != ''
    runs-on: ubuntu-latest
    permissions:
      contents: read
      pages: write
      id-token: write
    env:
      APTUI_SITE: ${{{{ vars.APTUI_SITE }}}}
    environment:
      name: ${{{{ vars.APTUI_SITE == 'artefact' && 'site-artefact' || 'github-pages' }}}}
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.11"
      - run: pip install --quiet "$APTUI_PIP"
      - name: Écrire le site des rapports
        run: |
{_block(SITE_SCRIPT.replace("DEST", "site"), 10)}
      - name: Garder le site en artefact (lecteurs du dépôt seulement)
        if: vars.APTUI_SITE == 'artefact'
        uses: actions/upload-artifact@v4
        with:
          name: site-des-rapports
          path: site
          retention-days: 30
      - name: Préparer GitHub Pages
        if: vars.APTUI_SITE != 'artefact'
        uses: actions/upload-pages-artifact@v3
        with:
          path: site
      - name: Publier sur GitHub Pages
        if: vars.APTUI_SITE != 'artefact'
        uses: actions/deploy-pages@v4
"""

CI_FILES = {"gitlab": (GITLAB_FILE, GITLAB_CI), "github": (GITHUB_FILE, GITHUB_CI)}


def ci_text(kind: str, source: str = DEFAULT_SOURCE) -> str:
    """The CI file of one forge, installing aptui from ``source`` (a pip requirement)."""
    if kind not in CI_FILES:
        raise ValueError(f"forge inconnue : « {kind} » (gitlab ou github)")
    if any(c in source for c in "\"'\n$`\\"):
        raise ValueError(f"source d'aptui « {source} » : ni guillemets, ni $, ni retour à la ligne")
    return CI_FILES[kind][1].replace("{source}", source)


def write_ci_files(root: Path, kinds: Iterable[str] = ("gitlab", "github"), source: str = DEFAULT_SOURCE) -> list[Path]:
    """Write the CI files of the chosen forges; returns the files written (existing ones are kept)."""
    written = []
    for kind in kinds:
        text = ci_text(kind, source)
        path = Path(root) / CI_FILES[kind][0]
        if path.exists():
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
