"""The Windows version floor: refused before Qt, in Chinese, on a console or in a message box."""

from __future__ import annotations

import sys
import types

import pytest

from app import startup_check
from app.startup_check import unsupported_windows


@pytest.mark.parametrize("version, name", [((6, 1, 7601), "Windows 7"), ((6, 3, 9600), "Windows 8.1"),
                                           ((6, 2, 9200), "Windows 8"), ((5, 1, 2600), "Windows XP")])
def test_windows_before_10_is_refused_naming_the_system(version, name):
    message = unsupported_windows("Windows", version)
    assert message is not None and name in message and "Windows 10" in message and "Windows 11" in message


def test_an_early_windows_10_below_qt6s_1809_floor_is_refused_with_its_build():
    message = unsupported_windows("Windows", (10, 0, 17134))  # 1803
    assert message is not None and "17134" in message and "1809" in message


@pytest.mark.parametrize("version", [(10, 0, 17763), (10, 0, 19045), (10, 0, 26100)])
def test_windows_10_1809_and_later_and_windows_11_run(version):
    assert unsupported_windows("Windows", version) is None


@pytest.mark.parametrize("system", ["Linux", "Darwin"])
def test_other_systems_are_never_refused(system):
    assert unsupported_windows(system, (6, 1, 0)) is None


def test_on_this_machine_nothing_is_refused_and_nothing_is_said(capsys):
    assert startup_check.refuse_unsupported_windows() is False
    assert capsys.readouterr().err == ""


def test_an_old_windows_stops_main_before_the_parser_with_a_chinese_line_on_stderr(monkeypatch, capsys):
    from app.__main__ import main

    monkeypatch.setattr(startup_check, "current_windows", lambda: ("Windows", (6, 3, 9600)))
    assert main(["--version"]) == 3
    captured = capsys.readouterr()
    assert captured.out == "" and "支部台账无法在这台电脑上运行" in captured.err and "Windows 8.1" in captured.err


def test_without_a_console_the_refusal_is_a_windows_message_box(monkeypatch):
    shown = []
    user32 = types.SimpleNamespace(MessageBoxW=lambda hwnd, text, title, flags: shown.append((text, title, flags)))
    import ctypes

    monkeypatch.setattr(ctypes, "windll", types.SimpleNamespace(user32=user32), raising=False)
    monkeypatch.setattr(sys, "stderr", None)
    startup_check.show_refusal("需要 Windows 10")
    assert shown == [("需要 Windows 10", startup_check.TITLE, 0x10)]
