"""`aptui site`: linked static pages that open from file:// (every href relative and pointing to a
written page), with the figures of the reports, and an anonymized variant without a real name."""

from __future__ import annotations

import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from conftest import SAMPLE_SCHOOL
from test_hours_by_hand import write_school

from aptui.cli.main import main
from aptui.site.pages import page_name


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.srcs: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for key, value in attrs:
            if key == "href" and value is not None and tag == "a":
                self.hrefs.append(value)
            if key == "src" and value is not None:
                self.srcs.append(value)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(path: Path) -> Links:
    links = Links()
    links.feed(path.read_text(encoding="utf-8"))
    return links


def broken_links(site: Path) -> list[str]:
    broken = []
    for page in sorted(site.glob("*.html")):
        for href in parse(page).hrefs:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or href.startswith("/"):
                broken.append(f"{page.name}: {href} is not relative")
                continue
            target = (page.parent / unquote(parts.path)).resolve()
            if not target.is_file() or site.resolve() not in target.parents:
                broken.append(f"{page.name}: {href}")
    return broken


def reachable(site: Path) -> set[str]:
    seen, todo = set(), ["index.html"]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        todo.extend(h for h in parse(site / name).hrefs if h not in seen)
    return seen


@pytest.fixture
def school(tmp_path: Path) -> Path:
    root = write_school(tmp_path / "school", "2009")
    hostile = root / "students/s3.yaml"
    hostile.write_text(hostile.read_text(encoding="utf-8").replace("nom: Noms3", 'nom: "<b>Noms3</b> & <i>x"'),
                       encoding="utf-8")
    return root


def test_small_school_site_has_no_broken_link_and_the_figures(school: Path, tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    site = tmp_path / "site"
    assert main(["site", str(site), str(school)]) == 0
    assert "file://" in capsys.readouterr().out
    names = {p.name for p in site.glob("*.html")}
    expected = {"index.html", "dispositif.html", "heures-eleves.html", "heures-enseignants.html",
                "divisions.html", "groupes.html", "eleves.html", "periodes.html",
                "division-TA.html", "division-TB.html", "groupe-P1-G-A.html", "groupe-P1-G-B.html", "periode-P1.html",
                *(f"eleve-s{i}.html" for i in range(1, 7))}
    assert names == expected
    assert broken_links(site) == []
    assert reachable(site) == expected  # every page is reached from the index
    # G-A: s1 and s5 the whole period, s2 from 30/09 (arrival); G-B: s2 until 29/09, s4 until her departure
    text_a = " ".join(parse(site / "groupe-P1-G-A.html").text)
    assert "30/09/2025" in text_a and "Un Tom, Deux Ana" in text_a
    links_b = parse(site / "groupe-P1-G-B.html")
    assert {"eleve-s2.html", "eleve-s3.html", "eleve-s4.html", "eleve-s6.html", "periode-P1.html"} <= set(links_b.hrefs)
    assert "07/10/2025" in " ".join(links_b.text)
    division = parse(site / "division-TA.html")
    assert {f"eleve-s{i}.html" for i in (1, 2, 3, 4)} <= set(division.hrefs)
    assert "eleve-s5.html" not in division.hrefs
    # the reports' pages: the figures by hand of test_hours_by_hand (TA 18.7 h, TB 11.3 h; t2 co-animates 20 h)
    scheme = " ".join(parse(site / "dispositif.html").text)
    assert "18,7" in scheme and "11,3" in scheme
    teachers = " ".join(parse(site / "heures-enseignants.html").text)
    assert "Ana Deux" in teachers
    assert "07/10/2025" in " ".join(parse(site / "eleve-s4.html").text)  # the student who left
    # the hostile name is shown as text, never markup
    html = (site / "eleve-s3.html").read_text(encoding="utf-8")
    assert "<b>Noms3" not in html and "&lt;b&gt;Noms3&lt;/b&gt; &amp; &lt;i&gt;x" in html


def test_sample_school_site_has_no_broken_link(tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert main(["site", str(site), str(SAMPLE_SCHOOL)]) == 0
    pages = list(site.glob("*.html"))
    assert len(pages) > 100
    assert broken_links(site) == []
    assert len(reachable(site)) == len(pages)


def test_anonymized_site_names_nobody(school: Path, tmp_path: Path) -> None:
    site = tmp_path / "anon"
    assert main(["site", str(site), str(school), "--anonymize", "--seed", "s"]) == 0
    text = " ".join(" ".join(parse(p).text) for p in site.glob("*.html"))
    for i in range(1, 7):
        assert f"Noms{i}" not in text and f"Prenoms{i}" not in text
    assert "Noms3" not in text and "Un Tom" not in text
    assert broken_links(site) == []


def test_rewrites_its_own_site_but_never_someone_elses_folder(school: Path, tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    site = tmp_path / "site"
    assert main(["site", str(site), str(school)]) == 0
    shutil.rmtree(school / "years/2025-2026/groups/P1")
    (school / "years/2025-2026/groups/P1").mkdir()
    assert main(["site", str(site), str(school)]) == 0
    assert not (site / "groupe-P1-G-A.html").exists()  # a page of the old site does not linger
    other = tmp_path / "mine"
    other.mkdir()
    (other / "notes.txt").write_text("à moi", encoding="utf-8")
    capsys.readouterr()
    assert main(["site", str(other), str(school)]) == 2
    assert "n'est pas un site aptui" in capsys.readouterr().err
    assert (other / "notes.txt").read_text(encoding="utf-8") == "à moi"


def test_page_names_are_plain_files() -> None:
    assert page_name("eleve", "e2024-001") == "eleve-e2024-001.html"
    odd = page_name("groupe", "P1", "../x y")
    assert "/" not in odd and " " not in odd and odd.startswith("groupe-P1-___x_y-") and odd.endswith(".html")
    assert page_name("groupe", "P1", "a b") != page_name("groupe", "P1", "a_b")


@pytest.mark.parametrize("mode", ["oui", "anonyme"])
def test_the_gitlab_pages_job_writes_the_site(school: Path, mode: str) -> None:
    """The optional « pages » job of `aptui init --ci gitlab`, run as the runner would (aptui installed)."""
    import os
    import subprocess
    import sys

    import yaml

    from aptui.gitsync.ci import ci_text

    job = yaml.safe_load(ci_text("gitlab"))["pages"]
    assert job["artifacts"]["paths"] == ["public"]
    assert job["rules"] == [{"if": "$APTUI_SITE && $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}]
    env = {**os.environ, "APTUI_SITE": mode, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    done = subprocess.run(["bash", "-c", "set -eo pipefail\n" + "\n".join(job["script"])], cwd=school, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    site = school / "public"
    assert (site / "index.html").is_file() and broken_links(site) == []
    text = " ".join(" ".join(parse(p).text) for p in site.glob("*.html"))
    assert ("Noms1" in text) == (mode == "oui")


def test_the_github_site_job_keeps_private_data_out_of_public_pages() -> None:
    import yaml

    from aptui.gitsync.ci import ci_text

    job = yaml.safe_load(ci_text("github"))["jobs"]["site"]
    steps = {step.get("name", ""): step for step in job["steps"]}
    assert steps["Garder le site en artefact (lecteurs du dépôt seulement)"]["if"] == "vars.APTUI_SITE == 'artefact'"
    assert steps["Publier sur GitHub Pages"]["uses"] == "actions/deploy-pages@v4"
    assert "--anonymize" in steps["Écrire le site des rapports"]["run"]
    assert job["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
