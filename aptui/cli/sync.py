"""`aptui sync [DOSSIER] [--rebase|--merge] [--no-push] [--force-errors] [--resolve [--take local|distant]]`.

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
    parser.add_argument("--take", choices=("local", "distant"), help="avec --resolve : même choix pour tous")
    parser.add_argument("--json", action="store_true", help="rapport en JSON")
    parser.set_defaults(run=run, mode=None)


def describe_value(value: Any) -> str:
    if value is None:
        return "(supprimé / absent)"
    if isinstance(value, list):
        return ", ".join(map(str, value)) or "(aucun)"
    if isinstance(value, str) and "\n" in value:
        return f"(fichier de {value.count(chr(10))} lignes)"
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _write_line(stream: TextIO, line: str) -> None:
    stream.write(line + "\n")


def print_record(record: cf.ConflictRecord, out: Callable[[str], None] = print) -> None:
    local, distant = (record.ours, record.theirs) if record.ours.role == "local" else (record.theirs, record.ours)
    out(f"Conflit : {record.title}")
    out(f"  local   : {local.describe}")
    out(f"  distant : {distant.describe}")
    for item in record.items:
        values = {"local": item["ours"] if record.ours.role == "local" else item["theirs"],
                  "distant": item["theirs"] if record.ours.role == "local" else item["ours"]}
        out(f"  · {item['label']} : local = {describe_value(values['local'])} ; "
            f"distant = {describe_value(values['distant'])} (avant : {describe_value(item['base'])})")


def side_name(record: cf.ConflictRecord, word: str) -> str:
    """"local"/"distant" -> "ours"/"theirs" for this record."""
    return "ours" if (record.ours.role == "local") == (word == "local") else "theirs"


def ask(record: cf.ConflictRecord) -> dict[str, str]:
    choices = {}
    for item in record.items:
        while True:
            answer = input(f"  {item['label']} : garder [l]ocal ou [d]istant ? ").strip().lower()
            if answer[:1] in ("l", "d"):
                choices[item["key"]] = side_name(record, "local" if answer[:1] == "l" else "distant")
                break
    return choices


def resolve_conflicts(root: Path, take: str | None) -> int:
    git = Git(root)
    records = cf.list_records(git)
    if not records:
        print("Aucun conflit en attente.")
        return 0
    if take is None and not sys.stdin.isatty():
        for record in records:
            print_record(record)
        sys.stderr.write("aptui sync : choisissez avec --take local|distant (pas de terminal pour demander).\n")
        return 3
    for record in records:
        if not cf.is_fresh(git, record):
            sys.stderr.write(cf.drop_stale(git, record).message + "\n")
            continue
        print_record(record)
        try:
            cf.resolve(git, record, side_name(record, take) if take else ask(record))
        except cf.StaleConflict as exc:
            sys.stderr.write(exc.message + "\n")
            continue
        print("  → résolu.")
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
        for record in report.conflicts:
            print_record(record, lambda line: _write_line(stream, line))


def run(args: argparse.Namespace) -> int:
    root = Path(args.path)
    if not root.is_dir():
        sys.stderr.write(f"aptui : erreur d'utilisation : le dossier « {root} » n'existe pas\n")
        return 2
    if args.resolve:
        try:
            code = resolve_conflicts(root, args.take)
        except (GitError, EOFError) as exc:
            sys.stderr.write(f"aptui sync : {getattr(exc, 'message', 'choix interrompu')}\n")
            return 1
        if code:
            return code
    report = sync(root, args.mode, push=not args.no_push, force_errors=args.force_errors)
    print_report(report, args.json)
    return EXIT_CODES.get(report.status, 1)
