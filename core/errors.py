"""Errors whose message is fit to show a person.

Core raises these and never shows UI; the desktop and the CLI turn them into an inline
message (or one line on stderr). Anything that is not a ``LocumError`` is a bug: it is
logged with its traceback and reported briefly.
"""
from __future__ import annotations


class LocumError(Exception):
    """Base error. ``str(err)`` is a complete sentence a user can act on."""

    #: A short hint about what to do next, shown beside the message where there is room.
    action: str = ""

    def __init__(self, message: str, *, action: str = "") -> None:
        super().__init__(message)
        if action:
            self.action = action


class UnreadableFileError(LocumError):
    """One file could not be read; the rest of the work goes on."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class EmbedderMismatchError(LocumError):
    action = ('Set "embedder" in settings.json back to the embedder that built this library, or build a '
              "new library in another folder (`locum --home NEW_FOLDER index FOLDER`).")


class LibraryBusyError(LocumError):
    action = "Wait for the other Locum window or command to finish, then try again."


class ModelLoadError(LocumError):
    action = "Open Settings > Models and choose or add a working GGUF model."


class CancelledError(LocumError):
    def __init__(self, message: str = "Cancelled.") -> None:
        super().__init__(message)


class CloudOffError(LocumError):
    """A request would have left the machine while the cloud is switched off."""

    action = "Switch Claude on in Settings > Cloud, or keep using the local model."


class MissingKeyError(LocumError):
    action = "Enter an Anthropic API key in Settings > Cloud (or set ANTHROPIC_API_KEY)."


class CloudError(LocumError):
    """A cloud request failed; ``kind`` is auth | rate_limit | server | timeout | connection | bad_request | ..."""

    def __init__(self, message: str, *, kind: str = "", action: str = "") -> None:
        super().__init__(message, action=action)
        self.kind = kind
