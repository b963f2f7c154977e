"""One error hierarchy. Every error leaves the API as {"type", "detail", "detail_en"} with its status code.

An error names its text by catalogue key (`api.…` in vocabulary/texts): `detail` is the German text in plain
words for the people who see it, `detail_en` the English one.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from api.wording import in_both


class ErrorBody(BaseModel):
    type: str
    detail: str
    detail_en: str
    errors: list[dict[str, Any]] | None = None


class AppError(Exception):
    status_code = 400
    type = "bad_request"

    def __init__(self, key: str, /, *, errors: list[dict[str, Any]] | None = None, **values: object) -> None:
        self.key = key
        self.detail, self.detail_en = in_both(key, **values)
        self.errors = errors
        super().__init__(self.detail_en)

    def body(self) -> ErrorBody:
        return ErrorBody(type=self.type, detail=self.detail, detail_en=self.detail_en, errors=self.errors)


class InvalidInput(AppError):
    status_code = 422
    type = "invalid_input"


class NotFound(AppError):
    status_code = 404
    type = "not_found"


class NotAuthenticated(AppError):
    status_code = 401
    type = "not_authenticated"


class Forbidden(AppError):
    status_code = 403
    type = "forbidden"


class ImportRejected(AppError):
    status_code = 422
    type = "import_rejected"


class SessionExpired(NotAuthenticated):
    type = "session_expired"


class CsrfRejected(Forbidden):
    type = "csrf"


class Conflict(AppError):
    status_code = 409
    type = "conflict"


class Locked(AppError):
    """Too many failed logins in a row: the account waits STAFF_LOCKOUT_MINUTES."""

    status_code = 429
    type = "locked"


class ServiceUnavailable(AppError):
    status_code = 503
    type = "unavailable"


# Every route can answer these; documented once for all routers in api.main.
COMMON_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody, "description": "the request could not be read"},
    413: {"model": ErrorBody, "description": "too_large: the request body is over its limit (api.limits)"},
    422: {"model": ErrorBody, "description": "invalid_input: a value is not valid (errors lists the fields)"},
    500: {"model": ErrorBody, "description": "internal_error"},
}


def responses(*errors: type[AppError]) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses=` entry for the errors a route can raise."""
    documented: dict[int | str, dict[str, Any]] = {}
    for error in errors:
        documented[error.status_code] = {"model": ErrorBody, "description": error.type}
    return documented
