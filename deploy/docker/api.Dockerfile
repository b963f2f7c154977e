# Familiennavi offers API (FastAPI, Python 3.11).
#   docker build -f deploy/docker/api.Dockerfile -t familiennavi-api .        (from the repository root)
# Runs as uid 10001. SQLite (default) lives in /app/var: mount a volume there, or set DATABASE_URL to PostgreSQL.
# No secret is baked in: TOKEN_PEPPER, DATABASE_URL and REDIS_URL come from the environment at run time.

FROM python:3.11.7-slim-bookworm AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1 PYTHONDONTWRITEBYTECODE=1
RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
WORKDIR /src
# Dependencies only, from pyproject.toml's `api` extra (this layer is rebuilt only when pyproject.toml changes):
# the project is installed without its packages (none are copied yet), then removed again; the code is
# copied to /app in the runtime stage and found through PYTHONPATH, so var/ sits at /app/var as in the repo.
COPY pyproject.toml ./
RUN echo "build stub" > README.md \
 && pip install ".[api]" \
 && pip uninstall -y familiennavi

FROM python:3.11.7-slim-bookworm
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONPATH=/app \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    ENVIRONMENT=production
RUN groupadd --system --gid 10001 app \
 && useradd --system --uid 10001 --gid app --home-dir /home/app --create-home --shell /usr/sbin/nologin app
COPY --from=build /opt/venv /opt/venv
WORKDIR /app
COPY api ./api
COPY vocabulary ./vocabulary
RUN mkdir -p /app/var && chown app:app /app/var
VOLUME ["/app/var"]
USER 10001:10001
EXPOSE 8000
# Readiness (database answers, directory loaded); the first start builds the directory, hence the start period.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["python", "-c", "import sys, urllib.request; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8000/ready', timeout=4).status == 200 else 1)"]
# 0.0.0.0 inside the container: the container network is the boundary (Compose network / NetworkPolicy).
# One worker per container; scale with replicas.
CMD ["uvicorn", "api.main:app", "--host", "0.0.0.0", "--port", "8000", "--no-access-log"]
