#!/bin/sh
# Starts the Rasa server in the container (deploy/docker/rasa.Dockerfile), as bot/tools/run.py does locally:
# through bot/server.py (Familiennavi's start-up patches), with the trained model, endpoints.yml and
# credentials.yml. Arguments given to the container are appended to `rasa run`.
#
# --interface 0.0.0.0: inside a container the container network is the boundary (Compose publishes the port
# on 127.0.0.1 only; in Kubernetes a ClusterIP Service and the Ingress for /webhooks/ only).
# Rasa's HTTP API (/model, /conversations, ...) stays off unless RASA_API_TOKEN is set; then it needs the token.
set -eu

# endpoints.yml substitutes these; Rasa refuses to start when one is not defined at all.
: "${ACTION_SERVER_URL:=http://actions:5055/webhook}"
: "${ACTION_SERVER_TOKEN:=}"
: "${REDIS_URL:=}"
: "${TRACKER_EXPIRY_SECONDS:=3600}"
export ACTION_SERVER_URL ACTION_SERVER_TOKEN REDIS_URL TRACKER_EXPIRY_SECONDS

if [ -z "$ACTION_SERVER_TOKEN" ]; then
  echo "familiennavi-rasa: ACTION_SERVER_TOKEN is empty; the action server must then accept calls without it" >&2
fi

set -- python -m bot.server run \
  --model models/familiennavi.tar.gz \
  --endpoints endpoints.yml \
  --credentials credentials.yml \
  --interface 0.0.0.0 \
  --port 5005 \
  "$@"

if [ -n "${RASA_API_TOKEN:-}" ]; then
  set -- "$@" --enable-api --auth-token "$RASA_API_TOKEN"
fi
# Optional: origins allowed to call Rasa from a browser (the widget's own origins use FAMILIENNAVI_ALLOWED_ORIGINS).
if [ -n "${RASA_CORS_ORIGINS:-}" ]; then
  set -- "$@" --cors "$RASA_CORS_ORIGINS"
fi

exec "$@"
