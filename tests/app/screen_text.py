"""The terminal's lines as a person sees them: what the app draws, cell by cell."""

from __future__ import annotations

from textual.app import App


def screen_lines(app: App[object]) -> list[str]:
    """Each line of the screen as drawn now (what ``tmux capture-pane`` would show)."""
    strips = app.screen._compositor.render_strips()
    return ["".join(segment.text for segment in strip) for strip in strips]
