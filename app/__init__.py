"""The Textual application and the ``counterpart`` command line."""
