"""The CI files of `aptui init --ci`: valid for their forge (check-jsonschema's vendored schemas, offline),
installing aptui from the school's source, and their merge-request job run for real here: the branch merged
into the target with aptui's driver, the merge result validated, the summary posted as a GitLab note
(to a local stand-in of the API)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import Any

import pytest
import yaml
from test_git_support import ANNE, BRUNO, YEAR, clone, git, make_remote, set_mark, take_attendance

from aptui.gitsync.ci import DEFAULT_SOURCE, ci_text, write_ci_files

CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"
SOURCE = "aptui @ git+https://forge.example.org/lycee/aptui.git@v0.1.0"


@pytest.mark.parametrize(("kind", "schema"), [("gitlab", "vendor.gitlab-ci"), ("github", "vendor.github-workflows")])
def test_ci_files_pass_the_forge_schema(tmp_path: Path, kind: str, schema: str) -> None:
    (path,) = write_ci_files(tmp_path, [kind], source=SOURCE)
    proc = subprocess.run([str(CHECK_JSONSCHEMA), "--builtin-schema", schema, str(path)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_ci_files_install_aptui_from_the_school_source_and_are_written_once(tmp_path: Path) -> None:
    written = write_ci_files(tmp_path, source=SOURCE)
    assert sorted(p.relative_to(tmp_path).as_posix() for p in written) == [".github/workflows/aptui.yml", ".gitlab-ci.yml"]
    gitlab = yaml.safe_load((tmp_path / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    assert gitlab["variables"]["APTUI_PIP"] == SOURCE
    assert 'pip install --quiet "$APTUI_PIP"' in gitlab["before_script"]
    github = yaml.safe_load((tmp_path / ".github/workflows/aptui.yml").read_text(encoding="utf-8"))
    assert github["env"]["APTUI_PIP"] == f"${{{{ vars.APTUI_PIP || '{SOURCE}' }}}}"
    steps = github["jobs"]["fusion"]["steps"]
    assert steps[0]["with"]["ref"] == "${{ github.event.pull_request.head.sha }}"  # the head, merged by us
    assert steps[-1]["run"] == 'gh pr comment "$PR" --body-file changements.md'
    assert github["permissions"]["pull-requests"] == "write"
    assert write_ci_files(tmp_path) == []  # the school's own files are kept
    with pytest.raises(ValueError):
        ci_text("bitbucket")
    with pytest.raises(ValueError):
        ci_text("gitlab", 'aptui"; rm -rf /')
    assert f'APTUI_PIP: "{DEFAULT_SOURCE}"' in ci_text("gitlab")


class FakeGitLab(BaseHTTPRequestHandler):
    """Records the notes posted to it, as GitLab's API would receive them."""

    received: list[dict[str, Any]] = []

    def do_POST(self) -> None:  # noqa: N802 - http.server's name
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.received.append({"path": self.path, "token": self.headers["PRIVATE-TOKEN"], "body": json.loads(body)})
        self.send_response(201)
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture()
def gitlab_api() -> Any:
    server = HTTPServer(("127.0.0.1", 0), FakeGitLab)
    FakeGitLab.received = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/api/v4", FakeGitLab.received
    server.shutdown()


def merge_request_job(repo: Path, api: str | None) -> subprocess.CompletedProcess[str]:
    """The GitLab « fusion » job's script, as the runner would run it (aptui already installed)."""
    job = yaml.safe_load(ci_text("gitlab"))["fusion"]
    env = {**os.environ, "TARGET": "main", "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
           "CI_PROJECT_ID": "42", "CI_MERGE_REQUEST_IID": "7"}
    if api is not None:
        env.update(CI_API_V4_URL=api, APTUI_GITLAB_TOKEN="jeton-de-test")
    script = "set -eo pipefail\n" + "\n".join(job["script"])
    return subprocess.run(["bash", "-c", script], cwd=repo, env=env, capture_output=True, text=True, timeout=300)


def test_merge_request_job_merges_with_aptui_validates_the_result_and_posts_the_summary(
        tmp_path: Path, gitlab_api: tuple[str, list[dict[str, Any]]]) -> None:
    remote = make_remote(tmp_path)
    anne = clone(remote, tmp_path / "anne", ANNE)
    bruno = clone(remote, tmp_path / "bruno", BRUNO)
    git(bruno, "switch", "-q", "-c", "appel-bruno")
    set_mark(bruno, "G-METHODO", "2025-12-09", "e07", "excuse")
    git(bruno, "commit", "-qam", "Appel : Maëlle excusée")
    set_mark(anne, "G-METHODO", "2025-12-09", "e03", "retard")  # same session, another student: git alone conflicts
    git(anne, "commit", "-qam", "Appel : Inès en retard")
    git(anne, "push", "-q", "origin", "main")
    # what the forge checks out: the branch head, fresh, without install-git
    ci = tmp_path / "ci"
    git(tmp_path, "clone", "-q", "--branch", "appel-bruno", str(bruno), str(ci))
    git(ci, "remote", "set-url", "origin", str(remote))
    api, received = gitlab_api
    proc = merge_request_job(ci, api)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    marks = (ci / f"{YEAR}/sessions/P2/G-METHODO.yaml").read_text(encoding="utf-8")
    assert "e07: excuse" in marks and "e03: retard" in marks  # both kept: the merge result is what was checked
    assert "aucun problème" in proc.stdout + proc.stderr
    summary = (ci / "changements.md").read_text(encoding="utf-8")
    assert summary.startswith("## Changements dans l'école : origin/main")
    assert "- Appel du 09/12/2025, P2 « Méthodo » corrigé : Maëlle Giraud présent → excusé" in summary
    assert "Inès" not in summary  # only what the branch brings
    [note] = received
    assert note["path"] == "/api/v4/projects/42/merge_requests/7/notes"
    assert note["token"] == "jeton-de-test" and note["body"]["body"] == summary


def test_merge_request_job_without_token_keeps_the_summary_and_a_true_conflict_fails_the_job(tmp_path: Path) -> None:
    remote = make_remote(tmp_path)
    anne = clone(remote, tmp_path / "anne", ANNE)
    bruno = clone(remote, tmp_path / "bruno", BRUNO)
    git(bruno, "switch", "-q", "-c", "seance")
    take_attendance(bruno, "G-METHODO", "2025-12-16", {"e03": "present"})
    git(bruno, "add", "-A")
    git(bruno, "commit", "-qm", "Appel du 16/12")
    ci = tmp_path / "ci"
    git(tmp_path, "clone", "-q", "--branch", "seance", str(bruno), str(ci))
    git(ci, "remote", "set-url", "origin", str(remote))
    proc = merge_request_job(ci, None)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "APTUI_GITLAB_TOKEN absent" in proc.stdout and (ci / "changements.md").is_file()
    # the same session recorded two ways on main: the merge cannot be made, the job says what to do
    take_attendance(anne, "G-METHODO", "2025-12-16", {"e03": "absent"})
    git(anne, "add", "-A")
    git(anne, "commit", "-qm", "Appel du 16/12 (Anne)")
    git(anne, "push", "-q", "origin", "main")
    git(ci, "reset", "-q", "--hard", "origin/seance")
    proc = merge_request_job(ci, None)
    assert proc.returncode == 1
    assert "La fusion avec main a des conflits : fusionnez avec « aptui sync » puis renvoyez." in proc.stdout
