"""Journeys as event logs: the pure domain, the local store, the catalogue and sync.

Errors raised by this package all derive from :class:`sync.errors.SyncError`.
"""
