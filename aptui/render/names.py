"""Students named by their id, not their name, wherever output may reach a log.

The output of ``aptui validate`` piped into a CI log, the pre-commit hook's
refusal, the stderr of ``aptui sync``: anyone who can read the CI logs of the
repository could read there the names of minors.  So, for the commands in
``MASKED_COMMANDS``, ``install`` (called once by ``aptui.cli.main``) wraps
standard output and standard error in a ``MaskedStream`` unless names are
allowed on that stream: every « Prénom Nom » (or « Nom Prénom ») of the
school's students becomes the student's id, « Prénom Nom (id) » becomes
« id », and the value of a personal field quoted in an excerpt
(``nom: …``, ``notes: …``) is hidden.  Being in the renderers' path,
every message of those commands benefits, whoever wrote it.

Names are allowed on an interactive terminal (outside CI), with
``--names`` (``aptui validate``) or with ``APTUI_NAMES=1``; never by default
in the pre-commit hook (git runs it from GUIs and CI jobs alike).
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TextIO

from aptui import vocab as v

NAMES_ENV = "APTUI_NAMES"
MASKED_COMMANDS = frozenset({
    "validate", "sync", "pre-commit", "init", "install-git", "forget",
    "doctor", "clone", "merge-driver",  # a clone's checks and git's own driver (run from GUIs and CI)
    "import", "new-year", "proposer",  # summaries that list students, often run from a script
    "eleve", "equipe", "division", "barrette", "periode", "pfmp",  # set-up commands: what each edit did
    "export",  # says what it wrote (a student's right of access names them)
})
"""Commands whose output is masked outside a terminal."""
DOCUMENT_COMMANDS = frozenset({"report", "history", "diff", "log", "site", "textconv", "tui", "demo", "gen-sample"})
"""Commands that print names on purpose: documents asked for to be read (reports, history, diffs), git's
readable diff (its text is the files' own), the app, and the invented sample school."""
ALWAYS_MASKED = frozenset({"pre-commit", "merge-driver"})
"""Commands masked even on a terminal (unless APTUI_NAMES=1): git runs them, from GUIs and CI jobs alike."""
_INE = re.compile(r"(?<![A-Za-z0-9])[0-9]{9}[0-9A-Z][A-Z](?![A-Za-z0-9])")
"""An INE (identifiant national élève): 10 digits and a letter, or 9 digits and two letters."""
HIDDEN_INE = "(INE masqué)"
_EXTRA: list[tuple[str, str, str]] = []
"""People a command knows of beyond the school's files (the rows of an import): masked too."""
PERSONAL_KEYS = (
    v.NAME, v.FIRST_NAME, v.NOTES, v.COMMENT, v.REASON, v.DETAIL, v.RESULT, v.LABEL, v.STUDY_PROJECT,
    "naissance", "date_naissance", "ine",
)
"""YAML keys whose values are personal: hidden when an excerpt quotes such a line."""
HIDDEN = "…"
_KEY_LINE = re.compile(r"^(?P<lead>[ \t]*(?:- )?(?:" + "|".join(map(re.escape, PERSONAL_KEYS))
                       + r")[ \t]*:[ \t]*)(?P<value>\S.*)$", re.MULTILINE)
_TOP_KEY = re.compile(r"^(nom|prenom|id)[ \t]*:[ \t]*(.*?)[ \t]*$", re.MULTILINE)
_TRUTHY = ("1", "oui", "yes", "true", "vrai")

People = Iterable[tuple[str, str, str]]
"""(student id, first name, last name)."""


class NameMask:
    """Replaces the school's students' names by their ids in any text.

    One alternation of every name (3,000 for 1,500 students) cost ~1 s to
    compile and ~3 ms per line to apply.  Instead, names are indexed by their
    first word: a text is split into words once, and only the names whose first
    word occurs in it are matched, by a small pattern of the same form
    (compiled once per set of candidates, ``_candidates_pattern``).  A name that
    matches begins with its first word as a whole word of the text, so no match
    is lost; most texts (« aucun problème ») name no one and cost one scan.
    """

    def __init__(self, people: People) -> None:
        self._ids: dict[str, set[str]] = {}
        self._every_id: set[str] = set()
        for ident, first, last in people:
            first, last = " ".join(first.split()), " ".join(last.split())
            if not (ident and first and last):
                continue
            self._every_id.add(ident)
            for full in (f"{first} {last}", f"{last} {first}"):
                self._ids.setdefault(full.casefold(), set()).add(ident)
        # first word -> (first word's offset in the name, the name's pieces, the name), longest names first
        self._by_first: dict[str, list[tuple[int, list[str], str]]] = {}
        self._odd: re.Pattern[str] | None = None  # names whose first piece has no word character
        odd = []
        for name in sorted(self._ids, key=len, reverse=True):
            pieces = name.split(" ")
            word = _WORD.search(pieces[0])
            if word is None:
                odd.append(name)
                continue
            self._by_first.setdefault(word.group(0), []).append((word.start(), pieces, name))
        if odd:  # matched as before, by one alternation of every name (never the case in a real school)
            spaced = (re.escape(name).replace(r"\ ", r"\s+") for name in sorted(self._ids, key=len, reverse=True))
            self._odd = re.compile(r"(?<!\w)(?:" + "|".join(spaced) + r")(?!\w)(?:\s\((?P<id>[^()\s]+)\))?",
                                   re.IGNORECASE)

    def __bool__(self) -> bool:
        return bool(self._ids)

    def apply(self, text: str) -> str:
        """The text with names replaced by ids, INEs and personal values of YAML excerpts hidden."""
        masked = _INE.sub(HIDDEN_INE, _KEY_LINE.sub(lambda m: m.group("lead") + HIDDEN, self.names(text)))
        return _ELIDED_ID.sub(self._unelide, masked) if "'" in masked or "’" in masked else masked

    def _unelide(self, match: re.Match[str]) -> str:
        if match.group("id") not in self._every_id:
            return match.group(0)
        return match.group("word") + "e " + match.group("id")

    def names(self, text: str) -> str:
        """The text with every name replaced by the id (« Prénom Nom (id) » by « id »)."""
        if self._odd is not None:
            return self._odd.sub(self._replace, text)
        if not self._ids:
            return text
        by_first = self._by_first
        out: list[str] = []
        done = 0  # text[:done] is already in out
        for word in _WORD.finditer(text):
            candidates = by_first.get(word.group(0).casefold())
            if candidates is None:
                continue
            for offset, pieces, name in candidates:
                start = word.start() - offset
                if start < done:
                    continue
                end = _match_at(text, start, pieces)
                if end < 0:
                    continue
                given = _ID_AFTER.match(text, end)
                if given is not None:
                    replacement, end = given.group(1), given.end()
                else:
                    ids = sorted(self._ids[name])
                    replacement = ids[0] if len(ids) == 1 else "élève (" + ", ".join(ids) + ")"
                out += (text[done:start], replacement)
                done = end
                break
        if not out:
            return text
        out.append(text[done:])
        return "".join(out)

    def _replace(self, match: re.Match[str]) -> str:
        given = match.group("id")
        if given:
            return given
        name = " ".join(match.group(0).split()).casefold()
        ids = sorted(self._ids.get(name, ()))
        return ids[0] if len(ids) == 1 else "élève (" + ", ".join(ids) + ")"


_ELIDED_ID = re.compile(r"(?<!\w)(?P<word>[dD]|[qQ]u)['’](?P<id>[\w-]+)")
"""« d'e2025-005 », once « d'Inès Caron » is masked: an id is read as letters, so « de e2025-005 »."""


_WORD = re.compile(r"\w+")
_ID_AFTER = re.compile(r"\s\((?P<id>[^()\s]+)\)")
_SPACES = re.compile(r"\s+")


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


def _match_at(text: str, start: int, pieces: list[str]) -> int:
    """Where a name (its casefolded pieces, between which any run of spaces is allowed) ends if it is
    written at ``start`` as whole words, whatever the case; -1 if it is not."""
    if start > 0 and _is_word(text[start - 1]):
        return -1
    at = start
    for index, piece in enumerate(pieces):
        if index:
            spaces = _SPACES.match(text, at)
            if spaces is None:
                return -1
            at = spaces.end()
        written = text[at:at + len(piece)]
        if written != piece and written.casefold() != piece:
            return -1
        at += len(piece)
    if at < len(text) and _is_word(text[at]):
        return -1
    return at


def mask_for_school(school: Any) -> NameMask:
    """The mask of a loaded School (its ``students``)."""
    return NameMask((s.id, s.first_name, s.last_name) for s in school.students.values())


def people_in_files(root: Path) -> list[tuple[str, str, str]]:
    """(id, first name, last name) of every student file, read cheaply (top-level lines only)."""
    people = []
    folder = Path(root) / "students"
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return []
    for entry in entries:
        if not entry.name.endswith(".yaml") or not entry.is_file(follow_symlinks=False):
            continue
        try:
            with open(entry.path, "rb") as handle:
                text = handle.read(64_000).decode("utf-8-sig", errors="replace")
        except OSError:
            continue
        fields = {key: _scalar(value) for key, value in _TOP_KEY.findall(text)}
        people.append((fields.get(v.ID) or entry.name[:-5], fields.get(v.FIRST_NAME, ""), fields.get(v.NAME, "")))
    return people


def _scalar(raw: str) -> str:
    """A plain or quoted YAML scalar of one line, without its comment."""
    if raw[:1] in ("'", '"'):
        quote = raw[0]
        end = raw.rfind(quote)
        inner = raw[1:end] if end > 0 else raw[1:]
        return inner.replace("''", "'") if quote == "'" else inner.replace('\\"', '"')
    return raw.split(" #", 1)[0].strip()


def remember_people(people: Iterable[tuple[str, str, str]]) -> None:
    """Also mask these (id, first name, last name): people read from an import, not in the files yet."""
    _EXTRA.extend(people)


def root_of(args: Any) -> Path | None:
    """The school folder a command's arguments name (``path``, ``-C/--ecole``, a clone's target)."""
    for name in ("path", "ecole"):
        value = getattr(args, name, None)
        if isinstance(value, str):
            return Path(value)
    if getattr(args, "command", None) == "clone" and isinstance(getattr(args, "url", None), str):
        from aptui.gitsync.onboarding import clone_target

        return clone_target(args.url, getattr(args, "folder", None))
    return None


def mask_for_folder(root: Path) -> NameMask:
    return NameMask(people_in_files(root))


def names_allowed(stream: Any, forced: bool = False, always_masked: bool = False) -> bool:
    """Whether names may be printed on ``stream``."""
    if forced or os.environ.get(NAMES_ENV, "").strip().lower() in _TRUTHY:
        return True
    if always_masked:
        return False
    if os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "non"):
        return False
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):
        return False


class MaskedStream:
    """A text stream that masks names in everything written to it (the mask is built at the first write)."""

    def __init__(self, stream: TextIO, mask: Callable[[], NameMask]) -> None:
        self.wrapped = stream
        self._factory = mask
        self._mask: NameMask | None = None
        self._known = 0

    def write(self, text: str) -> int:
        if self._mask is None or self._known != len(_EXTRA):
            self._mask = self._factory()
            self._known = len(_EXTRA)
        self.wrapped.write(self._mask.apply(text))
        return len(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.wrapped, name)


def install(command: str | None, root: Path | None, forced: bool = False) -> Callable[[], None]:
    """Mask sys.stdout and sys.stderr for a command that may reach logs; returns what restores them."""
    if command not in MASKED_COMMANDS:
        return lambda: None
    always = command in ALWAYS_MASKED
    cached: list[list[tuple[str, str, str]]] = []

    def mask() -> NameMask:
        if not cached or not cached[0]:  # read again while the school has no student yet (a clone, an init)
            cached[:] = [people_in_files(root) if root is not None else []]
        return NameMask([*cached[0], *_EXTRA])

    saved = sys.stdout, sys.stderr
    if not names_allowed(sys.stdout, forced, always):
        sys.stdout = MaskedStream(sys.stdout, mask)
    if not names_allowed(sys.stderr, forced, always):
        sys.stderr = MaskedStream(sys.stderr, mask)

    def restore() -> None:
        sys.stdout, sys.stderr = saved

    return restore
