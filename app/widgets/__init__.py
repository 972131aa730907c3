"""Widgets both faces use, one per module; they read shared state from ``app.session``."""
