"""Tests of the service catalogue: model, loader, validation and search."""
