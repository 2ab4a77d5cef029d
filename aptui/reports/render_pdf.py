"""PDF (and PNG) of an HTML report through headless Chromium (Debian's ``chromium`` package).

Chromium prints the page with its own CSS engine (A4 ``@page`` rules, margin boxes with the school's
name and the page numbers), offline: no network, no first-run work, a throw-away profile.  When it
is missing, ``ChromiumMissing`` says in French what to install.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from aptui.reports.document import Document

ENV_BINARY = "APTUI_CHROMIUM"
CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
TIMEOUT = 180  # seconds: a first start on a busy machine is slow
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-extensions", "--disable-dev-shm-usage", "--mute-audio", "--hide-scrollbars")
A4_PIXELS = (794, 1123)  # 210 x 297 mm at 96 dpi


class PrintError(RuntimeError):
    """Printing failed for a reason outside the school's data (the message says what, in French)."""


class ChromiumMissing(PrintError):
    """Chromium cannot be found or cannot print: the message says what to do, in French."""


class RenderError(PrintError):
    """Chromium ran but wrote nothing."""


def find_chromium() -> str | None:
    given = os.environ.get(ENV_BINARY)
    if given:
        return given if Path(given).is_file() else None
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").is_file() else None


def missing_message() -> str:
    return ("Chromium est introuvable : il imprime les rapports en PDF. Installez le paquet Debian "
            "« chromium » (sudo apt-get install chromium), ou donnez le chemin du navigateur dans la "
            f"variable {ENV_BINARY}. Le format html, lui, s'ouvre et s'imprime depuis n'importe quel navigateur.")


def _run(html: str, output_flag: str, output: str, extra: tuple[str, ...] = ()) -> bytes:
    binary = find_chromium()
    if binary is None:
        raise ChromiumMissing(missing_message())
    with tempfile.TemporaryDirectory(prefix="aptui-print-") as work:
        page = Path(work) / "page.html"
        page.write_text(html, encoding="utf-8")
        target = Path(work) / output
        command = [binary, *FLAGS, f"--user-data-dir={Path(work) / 'profile'}", *extra,
                   f"{output_flag}={target}", page.as_uri()]
        try:
            done = subprocess.run(command, capture_output=True, timeout=TIMEOUT, check=False,
                                  stdin=subprocess.DEVNULL, env={**os.environ, "HOME": work})
        except FileNotFoundError as exc:
            raise ChromiumMissing(missing_message()) from exc
        except subprocess.TimeoutExpired as exc:
            raise RenderError(f"Chromium n'a pas fini en {TIMEOUT} s") from exc
        if not target.is_file() or target.stat().st_size == 0:
            tail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-3:]
            raise RenderError("Chromium n'a rien écrit (code " + str(done.returncode) + ") : " + " / ".join(tail))
        return target.read_bytes()


def html_to_pdf(html: str) -> bytes:
    return _run(html, "--print-to-pdf", "page.pdf", ("--no-pdf-header-footer", "--print-to-pdf-no-header"))


def html_to_png(html: str, size: tuple[int, int] = A4_PIXELS) -> bytes:
    """A screenshot of the page as a browser window of ``size`` pixels shows it (screen CSS)."""
    return _run(html, "--screenshot", "page.png", (f"--window-size={size[0]},{size[1]}",
                                                   "--run-all-compositor-stages-before-draw"))


def pdf_bytes(document: Document) -> bytes:
    from aptui.reports.render_html import render_html

    return html_to_pdf(render_html(document))
