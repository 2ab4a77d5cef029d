"""The three-way merge of school files, without git."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_git_support import FIXTURE, YEAR

from aptui.edit.roundtrip import load_rt
from aptui.gitsync.merge3 import merge_lines, merge_texts

GROUP = f"{YEAR}/groups/P2/G-APPRO.yaml"
SESSIONS = f"{YEAR}/sessions/P2/G-METHODO.yaml"
BILANS = f"{YEAR}/bilans/P1.yaml"


def read(path: str) -> str:
    return (FIXTURE / path).read_text(encoding="utf-8")


def test_student_lists_merge_as_sorted_sets() -> None:
    base = read(GROUP)
    ours = base.replace("  - e05\n", "  - e03\n  - e05\n")
    theirs = base.replace("  - e08\n", "  - e07\n  - e08\n").replace("  - e01\n", "")
    result = merge_texts(base, ours, theirs, GROUP)
    assert result.clean
    assert result.text == base.replace("  - e01\n", "").replace("  - e05\n", "  - e03\n  - e05\n") \
        .replace("  - e08\n", "  - e07\n  - e08\n")


def test_untouched_file_round_trips_byte_for_byte() -> None:
    base = read(SESSIONS)
    assert merge_texts(base, base, base, SESSIONS).text == base


def test_attendance_merges_per_session_and_per_student() -> None:
    base = read(SESSIONS)
    ours = base.replace("      e06: present\n      e07: absent\n", "      e06: present\n      e07: excuse\n", 1)
    theirs = base + ("  - date: 2026-01-06\n    debut: \"14:00\"\n    duree_min: 120\n    activite: Séance 7\n"
                     "    appel:\n      e03: present\n")
    result = merge_texts(base, ours, theirs, SESSIONS)
    assert result.clean
    assert result.text == ours + theirs[len(base):]


def test_same_mark_set_differently_is_a_conflict_resolvable_either_way() -> None:
    base = read(SESSIONS)
    ours = base.replace("      e07: absent\n", "      e07: excuse\n", 1)
    theirs = base.replace("      e07: absent\n", "      e07: retard\n", 1)
    result = merge_texts(base, ours, theirs, SESSIONS, student_name=lambda s: f"Élève {s}")
    [conflict] = result.conflicts
    assert conflict.key == "seances/2025-11-04/appel/e07"
    assert conflict.label == "appel du 04/11/2025 pour Élève e07"
    assert (conflict.base, conflict.ours, conflict.theirs) == ("absent", "excuse", "retard")
    assert result.text == ours
    chosen = merge_texts(base, ours, theirs, SESSIONS, {"seances/2025-11-04/appel/e07": "theirs"})
    assert chosen.text == theirs


def test_bilans_merge_per_student_and_per_field() -> None:
    base = read(BILANS)
    ours = base.replace("  e01:\n    auteur: bpetit\n    date: 2025-10-14\n    resultat: partiel",
                        "  e01:\n    auteur: bpetit\n    date: 2025-10-14\n    resultat: atteint")
    theirs = base.replace("  e08:\n    auteur: bpetit\n    date: 2025-10-14\n    resultat: partiel\n    decision: maintien",
                          "  e08:\n    auteur: bpetit\n    date: 2025-10-14\n    resultat: partiel\n"
                          "    decision: maintien\n    commentaire: Progrès nets")
    result = merge_texts(base, ours, theirs, BILANS)
    assert result.clean
    assert "resultat: atteint" in result.text and "commentaire: Progrès nets" in result.text


def test_field_changed_both_ways_and_deleted_versus_changed() -> None:
    base = read(GROUP)
    ours = base.replace("titre: Approfondissement", "titre: Approfondissement BTS")
    theirs = base.replace("titre: Approfondissement", "titre: Vers le BTS")
    result = merge_texts(base, ours, theirs, GROUP)
    assert [c.key for c in result.conflicts] == ["titre"]
    deleted = base.replace("titre: Approfondissement\n", "")
    result = merge_texts(base, deleted, theirs, GROUP)
    assert [(c.key, c.ours, c.theirs) for c in result.conflicts] == [("titre", None, "Vers le BTS")]
    assert "titre" not in result.text


def test_keys_added_on_one_side_keep_their_place() -> None:
    base = read("students/e01.yaml")
    theirs = base.replace("nom: Arnaud\n", "nom: Arnaud\ntuteur: adurand\n")
    ours = base + "passerelle: false\n"
    result = merge_texts(base, ours, theirs, "students/e01.yaml")
    assert result.clean
    assert result.text == ours.replace("nom: Arnaud\n", "nom: Arnaud\ntuteur: adurand\n")


def test_unreadable_yaml_falls_back_to_lines_then_to_a_whole_file_conflict() -> None:
    base = "a: 1\nb: [\n"
    assert merge_texts(base, "x: 0\n" + base, base + "c\n", GROUP).text == "x: 0\n" + base + "c\n"
    result = merge_texts(base, "a: 2\nb: [\n", "a: 3\nb: [\n", GROUP)
    assert [c.key for c in result.conflicts] == ["*"] and result.text == "a: 2\nb: [\n"


def test_line_merge_of_texts() -> None:
    assert merge_lines("a\nb\nc\n", "a\nB\nc\n", "a\nb\nC\n") == "a\nB\nC\n"
    assert merge_lines("a\nb\nc\n", "a\nB\nc\n", "a\nb2\nc\n") is None
    assert merge_lines("a\n", "a\nx\n", "a\nx\n") == "a\nx\n"
    assert merge_lines("a\n", "a\nx\n", "a\ny\n") is None


def test_marks_added_on_both_sides_keep_the_appel_sorted() -> None:
    base = read(SESSIONS)
    session = "    appel:\n      e03: present\n      e06: present\n      e07: absent\n"
    ours = base.replace(session, "    appel:\n      e03: present\n      e04: absent\n      e06: present\n"
                                 "      e07: absent\n", 1)
    theirs = base.replace(session, session + "      e08: retard\n", 1).replace(
        "      e03: present\n      e06: present\n      e07: absent\n",
        "      e03: present\n      e05: excuse\n      e06: present\n      e07: absent\n", 1)
    result = merge_texts(base, ours, theirs, SESSIONS)
    assert result.clean
    first = result.text.split("    appel:\n", 1)[1].split("  - date:", 1)[0]
    assert first == ("      e03: present\n      e04: absent\n      e05: excuse\n      e06: present\n"
                     "      e07: absent\n      e08: retard\n")


def test_comments_added_on_either_side_are_kept_next_to_their_entry() -> None:
    base = read(SESSIONS)
    ours = base.replace("      e07: absent\n", "      e07: excuse  # certificat reçu\n", 1)
    theirs = base.replace("  - date: 2025-11-18\n", "  # séance déplacée en salle B12\n  - date: 2025-11-18\n")
    theirs = theirs.replace("      e06: absent\n", "      e06: absent  # prévenu par la famille\n", 1)
    result = merge_texts(base, ours, theirs, SESSIONS)
    assert result.clean
    assert "      e07: excuse  # certificat reçu\n" in result.text
    assert "  # séance déplacée en salle B12\n  - date: 2025-11-18\n" in result.text
    assert "      e06: absent  # prévenu par la famille\n" in result.text


MARKS = ("present", "absent", "retard", "excuse")


@st.composite
def edited(draw: st.DrawFn, base: str, tag: str) -> str:
    """The sessions file with some marks changed and some comments written (full-line or end-of-line)."""
    lines = base.splitlines(keepends=True)
    marks = [i for i, line in enumerate(lines) if line.startswith("      e0")]
    for index in draw(st.lists(st.sampled_from(marks), max_size=4, unique=True)):
        student = lines[index].split(":")[0]
        lines[index] = f"{student}: {draw(st.sampled_from(MARKS))}\n"
    content = [i for i, line in enumerate(lines) if i > 0 and line.strip()]
    chosen = draw(st.lists(st.sampled_from(content), max_size=3, unique=True))
    for number, index in enumerate(sorted(chosen, reverse=True)):
        line = lines[index]
        text = f"# {tag} {number}"
        if draw(st.booleans()) and index in marks:
            lines[index] = line.rstrip("\n") + f"  {text}\n"
        else:
            indent = line[: len(line) - len(line.lstrip())]
            lines.insert(index, f"{indent}{text}\n")
    return "".join(lines)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_no_comment_added_by_either_side_is_lost(data: st.DataObject) -> None:
    base = read(SESSIONS)
    ours, theirs = data.draw(edited(base, "local")), data.draw(edited(base, "distant"))
    result = merge_texts(base, ours, theirs, SESSIONS)
    assert result.text is not None
    for side in (ours, theirs):
        for line in side.splitlines():
            if "# local" in line or "# distant" in line:
                comment = line[line.index("#"):]
                assert comment in result.text, (comment, result.text)
    assert isinstance(load_rt(result.text), dict)
