"""The staff page itself: /staff/ and its files under /staff/assets/ (from api/staff_page, nothing else)."""

from __future__ import annotations

import re
from pathlib import Path as FilePath
from typing import Annotated

from fastapi import APIRouter, Path
from fastapi.responses import FileResponse, RedirectResponse

from api.errors import NotFound

PAGE_DIR = FilePath(__file__).resolve().parent.parent / "staff_page"
# A plain file name of the page's own kinds: no folders, no dot files, no way out of PAGE_DIR.
_ASSET_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}\.(js|css|svg|png|ico|woff2)$")
MEDIA_TYPES = {
    "js": "text/javascript; charset=utf-8",
    "css": "text/css; charset=utf-8",
    "svg": "image/svg+xml",
    "png": "image/png",
    "ico": "image/x-icon",
    "woff2": "font/woff2",
}

router = APIRouter(prefix="/staff", include_in_schema=False)


@router.get("")
def staff_page_without_slash() -> RedirectResponse:
    # The cookie's path is /staff and the page's relative links need the slash.
    return RedirectResponse("/staff/", status_code=308)


@router.get("/")
def staff_page() -> FileResponse:
    page = PAGE_DIR / "index.html"
    if not page.is_file():
        raise NotFound("api.staff.page_missing")
    return FileResponse(page, media_type="text/html; charset=utf-8", headers={"Cache-Control": "no-cache"})


@router.get("/assets/{name}")
def staff_asset(name: Annotated[str, Path(max_length=80)]) -> FileResponse:
    match = _ASSET_NAME.match(name)
    path = PAGE_DIR / name
    if match is None or not path.is_file():
        raise NotFound("api.error.not_found")
    return FileResponse(path, media_type=MEDIA_TYPES[match.group(1)], headers={"Cache-Control": "no-cache"})
