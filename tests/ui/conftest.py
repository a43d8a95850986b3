"""Main-window fixtures for every UI test module (defined in editor_helpers.py)."""

from .editor_helpers import dossier_file, no_dialogs, window  # noqa: F401 - pytest fixtures
