"""One exception for every refusal the centre makes, so each layer can stop a request with a
status and a sentence a person can act on, and the API turns it into `{"error": ...}`."""

from __future__ import annotations


class ApiError(Exception):
    """A request the centre refuses; `message` is shown to the caller as it is, and `details`
    go beside it in the JSON for a program to word the refusal in its own language."""

    def __init__(
        self,
        status_code: int,
        message: str,
        headers: dict[str, str] | None = None,
        details: dict[str, object] | None = None,
    ) -> None:
        super().__init__(message)
        self.status_code = status_code
        self.message = message
        self.headers = headers or {}
        self.details = details or {}


def bad_request(message: str) -> ApiError:
    return ApiError(400, message)


class CannotListen(Exception):
    """`centre serve` could not bind its address (taken, or not this machine's)."""
