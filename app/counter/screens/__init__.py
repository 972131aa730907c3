"""Screens of the counter app, one per module."""
