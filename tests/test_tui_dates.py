"""The forms' one date parser: French formats, words, impossible days; and in the real app, the live ISO hint."""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from textual.widgets import Input, Static
from tui_support import changed_paths, line_diff, press, running, screen_text, snapshot_files, type_text

from aptui.tui.dates import DateError, DateFrame, parse_day, preview
from aptui.tui.dialogs.base import FormDialog
from aptui.tui.screens.attendance import AttendanceScreen
from aptui.tui.screens.students import StudentsScreen

DAYS = st.dates(min_value=date(1901, 1, 1), max_value=date(2199, 12, 31))
SCHOOL_YEARS = st.integers(min_value=1990, max_value=2090).flatmap(
    lambda y: st.tuples(st.just(date(y, 8, 20)) | st.dates(date(y, 8, 15), date(y, 9, 10)), st.just(y)))


def frame_of(today: date, first: date | None = None) -> DateFrame:
    first = first or date(today.year if today.month >= 9 else today.year - 1, 9, 1)
    return DateFrame(today, first, date(first.year + 1, 7, 4))


@given(DAYS, DAYS)
def test_every_written_form_reads_back_as_the_day(day: date, today: date) -> None:
    frame = frame_of(today)
    forms = [day.isoformat(), f"{day:%d/%m/%Y}", f"{day.day}/{day.month}/{day.year}", f"{day:%d.%m.%Y}",
             f"{day:%d-%m-%Y}", f"  {day:%d/%m/%Y} "]
    if 2000 <= day.year <= 2099:
        forms.append(f"{day:%d/%m/%y}")
    for text in forms:
        assert parse_day(text, frame) == day, text


@given(SCHOOL_YEARS, st.integers(min_value=0, max_value=364))
def test_day_and_month_fall_in_the_school_year(year_start: tuple[date, int], offset: int) -> None:
    first, _ = year_start
    day = first + timedelta(days=offset)
    frame = DateFrame(first + timedelta(days=40), first, first + timedelta(days=320))
    assert parse_day(f"{day:%d/%m}", frame) == day
    assert parse_day(f"{day.day}/{day.month}", frame) == day


@given(DAYS, st.sampled_from([("aujourd'hui", 0), ("Aujourd’hui", 0), ("AUJOURDHUI", 0), ("hier", -1),
                              ("Hier ", -1), ("demain", 1), ("DEMAIN", 1), ("avant-hier", -2),
                              ("Après-demain", 2), ("apres demain", 2)]))
def test_words_count_from_today(today: date, word: tuple[str, int]) -> None:
    text, shift = word
    assert parse_day(text, frame_of(today)) == today + timedelta(days=shift)


@given(st.integers(min_value=1901, max_value=2199), st.integers(min_value=1, max_value=12),
       st.integers(min_value=29, max_value=99))
def test_impossible_days_are_refused_in_french(year: int, month: int, day: int) -> None:
    length = calendar.monthrange(year, month)[1]
    if day <= length:
        return
    with pytest.raises(DateError) as refused:
        parse_day(f"{day}/{month}/{year}", frame_of(date(2025, 11, 20)))
    assert f"n'a que {length} jours" in refused.value.message


@given(st.integers(min_value=13, max_value=99))
def test_impossible_months_are_refused(month: int) -> None:
    with pytest.raises(DateError) as refused:
        parse_day(f"12/{month}/2025", frame_of(date(2025, 11, 20)))
    assert f"pas de mois {month}" in refused.value.message


@given(st.text(max_size=20))
def test_any_text_is_a_day_or_a_french_refusal(text: str) -> None:
    frame = frame_of(date(2025, 11, 20))
    try:
        parse_day(text, frame)
    except DateError as exc:
        assert exc.message == "Date vide." or exc.message.startswith(f"« {text.strip()} »")
    shown, good = preview(text, frame)
    assert good or shown


def test_preview_says_the_day_in_words() -> None:
    frame = frame_of(date(2025, 11, 20))
    assert preview("05/06", frame) == ("→ 2026-06-05 · vendredi 5 juin 2026", True)
    assert preview("1/12", frame) == ("→ 2025-12-01 · lundi 1er décembre 2025", True)
    assert preview("29/02", frame) == ("« 29/02 » : février 2026 n'a que 28 jours.", False)


async def test_interview_date_typed_in_french_is_written_in_iso(mini_school: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("APTUI_STAFF", "bpetit")  # the interview's default teacher
    path = "students/e07.yaml"
    before = snapshot_files(mini_school)
    async with running(mini_school) as pilot:
        await press(pilot, "2")
        screen = pilot.app.screen
        assert isinstance(screen, StudentsScreen)
        await press(pilot, *["down"] * 6, "i")
        dialog = pilot.app.screen
        assert isinstance(dialog, FormDialog)
        day = dialog.query_one("#field-day", Input)
        assert day.has_focus
        assert "→ 2025-11-20 · jeudi 20 novembre 2025" in screen_text(pilot.app)  # the default, said in words
        day.value = ""
        await type_text(pilot, "31/11")
        hint = str(dialog.query_one("#hint-day", Static).render())
        assert hint == "« 31/11 » : novembre 2025 n'a que 30 jours."
        dialog.query_one("#field-notes", Input).value = "Bilan de mi-période"
        await press(pilot, "ctrl+s")
        assert pilot.app.screen is dialog  # refused, nothing written
        assert "novembre 2025 n'a que 30 jours" in screen_text(pilot.app)
        assert snapshot_files(mini_school) == before
        day.value = ""
        day.focus()
        await type_text(pilot, "hier")
        assert "→ 2025-11-19 · mercredi 19 novembre 2025" in screen_text(pilot.app)
        day.value = ""
        await type_text(pilot, "18/11")
        assert str(dialog.query_one("#hint-day", Static).render()) == "→ 2025-11-18 · mardi 18 novembre 2025"
        await press(pilot, "ctrl+s")
        assert pilot.app.screen is screen
    after = snapshot_files(mini_school)
    assert changed_paths(before, after) == [path]
    _, added = line_diff(before[path], after[path])
    assert "  - date: 2025-11-18" in added


async def test_appel_date_field_reads_french_dates(mini_school: Path) -> None:
    async with running(mini_school) as pilot:
        await press(pilot, "4")
        screen = pilot.app.screen
        assert isinstance(screen, AttendanceScreen)
        await press(pilot, "d")
        field = screen.query_one("#appel-date", Input)
        assert field.has_focus
        field.value = ""
        await type_text(pilot, "2/12")
        assert str(screen.query_one("#appel-date-hint", Static).render()) == "→ 2025-12-02"
        await press(pilot, "enter")
        assert screen.day == date(2025, 12, 2)
        assert field.value == "2025-12-02"
        await press(pilot, "d")
        field.value = ""
        await type_text(pilot, "30/02")
        assert "février 2026 n'a que 28 jours" in str(screen.query_one("#appel-date-hint", Static).render())
        await press(pilot, "enter")
        assert screen.day == date(2025, 12, 2)  # refused: the day shown stays


async def test_default_dates_stay_inside_the_period(mini_school: Path) -> None:
    """After the last period (today in March, P2 ended 19/12): an interview defaults to the period's last day."""
    async with running(mini_school, today=date(2026, 3, 10)) as pilot:
        await press(pilot, "2", "i")
        dialog = pilot.app.screen
        assert isinstance(dialog, FormDialog)
        assert dialog.query_one("#field-day", Input).value == "2025-12-19"
