"""Entry point: ``python -m app`` opens the window; with a command it runs headless."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    from app.startup_check import refuse_unsupported_windows

    if refuse_unsupported_windows():  # before Qt: its DLLs would fail on Windows 8.1 with a system error
        return 3
    from app.cli import build_parser, run_command

    for stream in (sys.stdout, sys.stderr):
        if stream is not None and hasattr(stream, "reconfigure"):
            try:
                stream.reconfigure(errors="replace")
            except (ValueError, OSError):
                pass
    args = build_parser().parse_args(argv)
    if args.command is None:
        from app.ui.app import run_gui

        return run_gui(args.db, args.database_url)
    return run_command(args)


if __name__ == "__main__":
    sys.exit(main())
