"""The one error type that crosses layers: its message is Czech and meant for the user."""


class DossierError(Exception):
    """A file cannot be read or written; ``str(error)`` is a one-line Czech message."""
