"""`aptui sync [DOSSIER] [--rebase|--merge] [--no-push] [--force-errors] [--resolve [--choix N=local|distant]…
[--take local|distant]]`.

``--resolve`` lists every conflicting entry, numbered, in domain words (« [2] appel du 09/12/2025 pour
e07 : local « Excusé » / distant « En retard » »), and takes a side per entry: ``--choix 2=distant``,
then ``--take`` for the rest, then asked on a terminal.

Exit status: 0 done (or up to date), 3 conflicts wait for a choice, 4 nothing sent because the
pending edits or the push would add errors to the school (``--force-errors`` to send anyway),
1 any other failure (the message says why; nothing is lost), 2 wrong usage.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from aptui.gitsync import conflicts as cf
from aptui.gitsync import entries as ce
from aptui.gitsync.runner import Git, GitError
from aptui.gitsync.sync import SyncReport, sync

EXIT_CODES = {"ok": 0, "up_to_date": 0, "conflicts": 3, "errors": 4}


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "sync",
        help="partager l'école : enregistrer, recevoir, fusionner, vérifier, envoyer",
        description="Enregistre les modifications en attente (jamais perdues), reçoit celles de l'équipe, "
                    "les fusionne (ou rebase : git config aptui.pull rebase), vérifie l'école, puis envoie. "
                    "En cas de conflit, chaque conflit est marqué dans son fichier (<<<<<<< =======  >>>>>>>) "
                    "et --resolve permet de choisir. Rien n'est envoyé qui ajouterait des erreurs à l'école "
                    "(code 4), sauf avec --force-errors.",
    )
    parser.add_argument("path", nargs="?", default=".", metavar="DOSSIER", help="dossier de l'école (défaut : .)")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--rebase", dest="mode", action="store_const", const="rebase", help="rebaser vos commits")
    mode.add_argument("--merge", dest="mode", action="store_const", const="merge", help="fusionner (défaut)")
    parser.add_argument("--no-push", action="store_true", help="recevoir sans envoyer")
    parser.add_argument("--force-errors", action="store_true",
                        help="enregistrer et envoyer même si l'école y gagne des erreurs")
    parser.add_argument("--resolve", action="store_true", help="choisir pour chaque conflit, puis terminer")
    parser.add_argument("--take", choices=("local", "distant"),
                        help="avec --resolve : même choix pour toutes les entrées sans --choix")
    parser.add_argument("--choix", action="append", default=[], metavar="NUMÉRO=local|distant",
                        help="avec --resolve : le côté gardé pour une entrée de la liste (répétable)")
    parser.add_argument("--json", action="store_true", help="rapport en JSON")
    parser.set_defaults(run=run, mode=None)


def _write_line(stream: TextIO, line: str) -> None:
    stream.write(line + "\n")


def print_record(record: cf.ConflictRecord, out: Callable[[str], None] = print,
                 listed: list[ce.Entry] | None = None) -> None:
    """A conflict, who made each side, and its entries numbered, each with both sides in words."""
    local, distant = (record.ours, record.theirs) if record.ours.role == "local" else (record.theirs, record.ours)
    out(f"Conflit : {record.title}")
    out(f"  local   : {local.describe}")
    out(f"  distant : {distant.describe}")
    for entry in listed if listed is not None else ce.entries([record]):
        if entry.record is not record:
            continue
        chosen = f" — choisi : {entry.chosen}" if entry.chosen else ""
        out(f"  [{entry.number}] {entry.label} : local « {shown(entry, 'local')} » / "
            f"distant « {shown(entry, 'distant')} » (avant : {entry.base}){chosen}")


def shown(entry: ce.Entry, word: str) -> str:
    """A side's value; a free text (notes, motif…) is not printed where names are masked (logs)."""
    from aptui.render.names import PERSONAL_KEYS

    text = entry.local if word == "local" else entry.distant
    if masked() and entry.field in PERSONAL_KEYS and entry.value(word) is not None:
        return f"texte de {len(str(entry.value(word)))} caractères, masqué hors d'un terminal"
    return text


def masked() -> bool:
    """Whether the output may reach a log (names masked): free texts are then not printed."""
    from aptui.render.names import MaskedStream

    return isinstance(sys.stdout, MaskedStream)


def interactive() -> bool:
    return sys.stdin.isatty()


def ask(entry: ce.Entry) -> str:
    """« local » or « distant » for one entry, asked on the terminal."""
    while True:
        answer = input(f"  [{entry.number}] {entry.label} : garder [l]ocal « {entry.local} » "
                       f"ou [d]istant « {entry.distant} » ? ").strip().lower()
        word = ce.ANSWERS.get(answer) or ce.ANSWERS.get(answer[:1])
        if word is not None:
            return word


class UsageError(ValueError):
    """A wrong --choix: exit status 2, nothing resolved."""


def resolve_conflicts(root: Path, take: str | None, picks: list[str] | None = None) -> int:
    """Decide every conflicting entry: from ``--choix N=local|distant``, then ``--take``, then asked.

    A file is rewritten once all its entries are decided; entries without a choice (no terminal
    to ask) keep their markers and exit status 3.
    """
    git = Git(root)
    records = []
    for record in cf.list_records(git):
        if cf.is_fresh(git, record):
            records.append(record)
        else:
            sys.stderr.write(cf.drop_stale(git, record).message + "\n")
    if not records:
        print("Aucun conflit en attente.")
        return 0
    listed = ce.entries(records)
    try:
        chosen = dict(ce.parse_pick(text) for text in picks or [])
        ce.check_picks(listed, chosen)
    except ValueError as exc:
        raise UsageError(str(exc)) from exc
    can_ask = take is None and interactive()
    for record in records:
        print_record(record, listed=listed)
        left = None
        for entry in (e for e in listed if e.record is record):
            word = chosen.get(entry.number) or entry.chosen or take or (ask(entry) if can_ask else None)
            if word is None:
                left = entry
                continue
            try:
                decided = ce.choose(git, entry, word)
            except cf.StaleConflict as exc:
                sys.stderr.write(exc.message + "\n")
                break
            if decided is not None:
                print("  → résolu : " + " ; ".join(decided) if not masked() else
                      "  → résolu (chaque choix est écrit dans le message du commit de fusion).")
        if left is not None and record.chosen:
            print(f"  → {len(record.chosen)} entrée(s) choisie(s) sur {len(record.items)} : le fichier attend "
                  "les autres.")
    waiting = ce.undecided(cf.list_records(git))
    if waiting:
        numbers = ", ".join(str(e.number) for e in ce.entries(cf.list_records(git)) if e.chosen is None)
        sys.stderr.write(f"aptui sync : {len(waiting)} entrée(s) sans choix ({numbers}) : choisissez avec "
                         "--choix NUMÉRO=local|distant (les numéros de la liste ci-dessus, après les choix déjà "
                         "faits), --take local|distant pour toutes, ou lancez --resolve dans un terminal.\n")
        return 3
    return 0


def print_report(report: SyncReport, as_json: bool) -> None:
    if as_json:
        print(json.dumps({"status": report.status, "messages": report.messages, "received": report.received,
                          "sent": report.sent, "committed": report.committed.commit if report.committed else None,
                          "conflicts": [r.as_json() for r in report.conflicts],
                          "new_errors": [d.as_dict() for d in report.new_errors], "met": report.met,
                          "held": report.held},
                         ensure_ascii=False, indent=2))
        return
    stream = sys.stdout if report.ok else sys.stderr
    for message in report.messages:
        stream.write(message + "\n")
    if report.status == "conflicts":
        listed = ce.entries(report.conflicts)  # numbered as « aptui sync --resolve --choix N=… » reads them
        for record in report.conflicts:
            print_record(record, lambda line: _write_line(stream, line), listed)


def run(args: argparse.Namespace) -> int:
    root = Path(args.path)
    if not root.is_dir():
        sys.stderr.write(f"aptui : erreur d'utilisation : le dossier « {root} » n'existe pas\n")
        return 2
    if args.resolve:
        try:
            code = resolve_conflicts(root, args.take, args.choix)
        except UsageError as exc:
            sys.stderr.write(f"aptui sync : erreur d'utilisation : {exc}\n")
            return 2
        except (GitError, EOFError) as exc:
            sys.stderr.write(f"aptui sync : {getattr(exc, 'message', 'choix interrompu')}\n")
            return 1
        if code:
            return code
    report = sync(root, args.mode, push=not args.no_push, force_errors=args.force_errors)
    print_report(report, args.json)
    return EXIT_CODES.get(report.status, 1)
