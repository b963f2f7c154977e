# Familiennavi action server (rasa-sdk 3.6, Python 3.10): actions/server.py, port 5055.
#   docker build -f deploy/docker/actions.Dockerfile -t familiennavi-actions .  (from the repository root)
# The actions import only rasa_sdk, httpx and vocabulary/ (standard library), not rasa: the image installs
# rasa-sdk at the version rasa 3.6.21 resolves to (3.6.2) and httpx within the `bot` extra's range, instead of
# all of Rasa and TensorFlow (about 2 GB less). Keep RASA_SDK_VERSION equal to `pip show rasa-sdk` in .venv/bot.
# ACTION_SERVER_TOKEN (shared with Rasa) comes from the environment at run time; nothing secret is baked in.

FROM python:3.10.13-slim-bookworm AS build
ARG RASA_SDK_VERSION=3.6.2
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1 PYTHONDONTWRITEBYTECODE=1
RUN python -m venv /opt/venv \
 && /opt/venv/bin/pip install "rasa-sdk==${RASA_SDK_VERSION}" "httpx>=0.24,<1"

FROM python:3.10.13-slim-bookworm
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONPATH=/app \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    ACTION_SERVER_HOST=0.0.0.0 \
    ACTION_SERVER_PORT=5055 \
    OFFERS_API_URL=http://api:8000
RUN groupadd --system --gid 10001 app \
 && useradd --system --uid 10001 --gid app --home-dir /home/app --create-home --shell /usr/sbin/nologin app
COPY --from=build /opt/venv /opt/venv
WORKDIR /app
COPY actions ./actions
COPY vocabulary ./vocabulary
USER 10001:10001
EXPOSE 5055
HEALTHCHECK --interval=15s --timeout=5s --start-period=20s --retries=3 \
  CMD ["python", "-c", "import sys, urllib.request; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:5055/health', timeout=4).status == 200 else 1)"]
# ACTION_SERVER_HOST=0.0.0.0: the container network is the boundary; only Rasa may reach it (NetworkPolicy),
# and with ACTION_SERVER_TOKEN set every call but /health needs the token.
CMD ["python", "-m", "actions.server", "--port", "5055"]
