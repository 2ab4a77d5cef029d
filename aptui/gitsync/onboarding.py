"""A teacher joins the team: clone the school, say who they are, once.

``aptui clone`` (:mod:`aptui.cli.clone`) runs these steps; the questions are
asked through an :class:`Asker` so that a script (or a test) can answer them.
The staff id chosen is stored in the clone's git config
(:func:`aptui.gitsync.identity.set_staff_id`): git does not clone config, so
each clone is asked once, never again.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from aptui import vocab as v
from aptui.gitsync.runner import Git
from aptui.load.guard import read_or_none
from aptui.load.source import parse_source

Asker = Callable[[str], str | None]
"""Shows a question, returns the answer (None: no answer can be had, e.g. end of input)."""


@dataclass(frozen=True, slots=True)
class Member:
    """One teacher of staff.yaml."""

    id: str
    first_name: str
    last_name: str

    @property
    def label(self) -> str:
        full = f"{self.first_name} {self.last_name}".strip()
        return f"{full} ({self.id})" if full else self.id


def staff_members(root: Path) -> list[Member]:
    """The teachers of the school's staff.yaml, in file order (none when it cannot be read)."""
    raw = read_or_none(root, "staff.yaml")  # a regular school file within the limits (load/guard.py)
    if raw is None:
        return []
    parsed, _ = parse_source(raw, "staff.yaml")
    data = parsed.data if parsed is not None else None
    items = data.get(v.TEACHERS) if isinstance(data, dict) else None
    members = []
    for item in items if isinstance(items, list) else []:
        if isinstance(item, dict) and isinstance(item.get(v.ID), str):
            members.append(Member(item[v.ID], str(item.get(v.FIRST_NAME) or ""), str(item.get(v.NAME) or "")))
    return members


def _folded(text: str) -> str:
    """Lower case, without accents, hyphens or dots: « Anne-Lise Dûrand » ~ « anne lise durand »."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return " ".join(ascii_text.replace("-", " ").replace(".", " ").replace("_", " ").split())


def matching_members(members: Sequence[Member], name: str | None, email: str | None) -> list[Member]:
    """The teachers the git identity may be: same name (either order), or the e-mail says the id or name."""
    wanted = {_folded(name)} if name else set()
    local = _folded(email.split("@", 1)[0]) if email and "@" in email else None
    found = []
    for member in members:
        names = {_folded(f"{member.first_name} {member.last_name}"), _folded(f"{member.last_name} {member.first_name}")}
        if wanted & names or (local is not None and (local == _folded(member.id) or local in names)):
            found.append(member)
    return found


def clone_target(url: str, folder: str | None) -> Path:
    """The folder a clone goes to: the one given, else the last part of the URL without ``.git``."""
    if folder:
        return Path(folder)
    tail = url.rstrip("/").rsplit("/", 1)[-1].rsplit(":", 1)[-1]
    return Path(tail[:-4] if tail.endswith(".git") else tail or "ecole")


def ensure_identity(git: Git, ask: Asker, name: str | None = None, email: str | None = None) -> tuple[str, str] | None:
    """The git identity of the clone; asked (and stored in the clone's config) when git has none."""
    known = git.author()
    if known is not None and not (name or email):
        return known
    name = name or (known[0] if known else None) or _ask_nonempty(
        ask, "Votre nom, tel que l'équipe le lira dans l'historique (ex. Anne Durand) : ")
    email = email or (known[1] if known else None) or _ask_nonempty(ask, "Votre adresse e-mail : ")
    if not name or not email:
        return None
    git.run("config", "--local", "user.name", name)
    git.run("config", "--local", "user.email", email)
    return name, email


def _ask_nonempty(ask: Asker, question: str) -> str | None:
    for _ in range(3):
        answer = ask(question)
        if answer is None:
            return None
        if answer.strip():
            return answer.strip()
    return None


def choose_member(members: Sequence[Member], guess: Sequence[Member], ask: Asker) -> Member | None:
    """Ask which teacher of staff.yaml the user is (a number or an id; empty: the guess)."""
    if not members:
        return None
    default = guess[0] if len(guess) == 1 else None
    menu = "\n".join(f"  {index}. {member.label}" for index, member in enumerate(members, 1))
    hint = f" [Entrée : {default.label}, d'après votre identité git]" if default else ""
    question = f"Qui êtes-vous dans l'équipe (staff.yaml) ?\n{menu}\nNuméro ou identifiant{hint} : "
    by_id = {member.id: member for member in members}
    for _ in range(3):
        answer = ask(question)
        if answer is None:
            return None
        answer = answer.strip()
        if not answer and default is not None:
            return default
        if answer.isdigit() and 1 <= int(answer) <= len(members):
            return members[int(answer) - 1]
        if answer in by_id:
            return by_id[answer]
        question = f"« {answer} » n'est pas dans la liste : tapez un numéro de 1 à {len(members)} ou un identifiant : "
    return None


def check_out_a_branch(git: Git) -> str | None:
    """After a clone that checked out nothing, check out the remote's branch; a message, or None.

    A bare remote made by ``git init --bare`` keeps ``HEAD -> master`` while the school was
    pushed as ``main``: git clones, warns in English and leaves an empty folder.
    """
    if git.rev("HEAD") is not None:
        return None
    branches = [b for b in git.out("for-each-ref", "--format=%(refname:lstrip=3)", "refs/remotes/origin").split()
                if b != "HEAD"]
    if not branches:
        return ("Le dépôt distant est vide : le pilote doit d'abord y envoyer l'école "
                "(« aptui init DOSSIER », puis « git push -u origin main » dans ce dossier).")
    chosen = next((b for b in ("main", "master") if b in branches), branches[0] if len(branches) == 1 else None)
    if chosen is None:
        return ("Le dépôt distant a plusieurs branches et aucune par défaut : choisissez-en une avec "
                f"« git checkout BRANCHE » ({', '.join(sorted(branches))}).")
    git.run("checkout", "--quiet", chosen)
    return f"Branche « {chosen} » du dépôt distant mise en place (le dépôt distant ne désigne pas de branche par défaut)."
