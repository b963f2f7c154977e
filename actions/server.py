"""The action server: rasa-sdk's app, closed by default.

    python -m actions.server            (what `make run` and the tests start)

Unlike `rasa run actions` it listens on 127.0.0.1 unless ACTION_SERVER_HOST says otherwise, refuses calls without
the shared token when ACTION_SERVER_TOKEN is set (Rasa sends it from endpoints.yml as `?token=`), and answers a
failing action with a bare error: rasa-sdk's own handler sends the whole request back, with the parent's messages.
"""

from __future__ import annotations

import argparse
import hmac
import logging
import os

from rasa_sdk.endpoint import create_app
from sanic import Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

log = logging.getLogger(__name__)

DEFAULT_PORT = 5055


def build_app(token: str) -> Sanic:
    app = create_app("actions", cors_origins=None)

    @app.on_request
    async def check_token(request: Request) -> HTTPResponse | None:
        if not token or request.path == "/health":
            return None
        given = request.args.get("token", "")
        if not hmac.compare_digest(given.encode("utf-8"), token.encode("utf-8")):
            return response.json({"error": "forbidden"}, status=403)
        return None

    @app.exception(Exception)
    async def failed(request: Request, exception: Exception) -> HTTPResponse:
        # The type only: the exception text and the request may hold what a parent wrote.
        log.error("action call failed: %s", type(exception).__name__)
        return response.json({"error": "action failed"}, status=500)

    return app


def main() -> None:
    parser = argparse.ArgumentParser(description="Familiennavi's action server")
    parser.add_argument("--port", type=int, default=int(os.environ.get("ACTION_SERVER_PORT", DEFAULT_PORT)))
    port = parser.parse_args().port
    logging.basicConfig(
        level=os.environ.get("LOG_LEVEL", "INFO"), format="%(asctime)s %(levelname)s %(name)s %(message)s"
    )
    host = os.environ.get("ACTION_SERVER_HOST", "127.0.0.1")
    app = build_app(os.environ.get("ACTION_SERVER_TOKEN", ""))
    log.info("action server on http://%s:%s", host, port)
    app.run(host=host, port=port, workers=1, access_log=False, motd=False)


if __name__ == "__main__":
    main()
