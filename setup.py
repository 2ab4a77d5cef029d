"""Packaging hook: the wheel carries the sample school as package data.

``sample_school/`` stays at the top of the repository (the generator's
deterministic output, checked by a drift test); ``build_py`` copies it, as it
is at build time, to ``aptui/data/sample_school/`` inside the wheel, so that
``aptui demo`` works from an installed wheel.  An editable install reads the
folder in place (``aptui.cli.demo`` looks there first).  Everything else is in
pyproject.toml.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

SAMPLE = Path(__file__).resolve().parent / "sample_school"
PACKAGED = Path("aptui") / "data" / "sample_school"


class BuildWithSample(build_py):
    """build_py, plus a copy of sample_school/ into the built package."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False) or not SAMPLE.is_dir():
            return
        target = Path(self.build_lib) / PACKAGED
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(SAMPLE, target, ignore=shutil.ignore_patterns(".git", "__pycache__"))


setup(cmdclass={"build_py": BuildWithSample})
