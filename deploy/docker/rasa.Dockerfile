# Familiennavi Rasa server (rasa 3.6.21, Python 3.10), port 5005.
#   docker build -f deploy/docker/rasa.Dockerfile -t familiennavi-rasa .         (from the repository root)
# The build stage builds the German spaCy pipeline and trains the model, so nothing is downloaded or trained
# at run time. No secret is baked in: channel tokens, ACTION_SERVER_TOKEN and RASA_API_TOKEN come from the
# environment when the container starts.

FROM python:3.10.13-slim-bookworm AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1 PYTHONDONTWRITEBYTECODE=1 \
    TF_CPP_MIN_LOG_LEVEL=2 RASA_TELEMETRY_ENABLED=false SQLALCHEMY_SILENCE_UBER_WARNING=1
RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH PYTHONPATH=/app
WORKDIR /src
# Dependencies only, from pyproject.toml's `bot` extra (rebuilt only when pyproject.toml changes).
COPY pyproject.toml ./
RUN echo "build stub" > README.md \
 && pip install ".[bot]" \
 && pip uninstall -y familiennavi
WORKDIR /app
COPY bot ./bot
COPY vocabulary ./vocabulary
COPY config.yml domain.yml ./
COPY data ./data
RUN python -m bot.nlu.spacy_pipeline var/spacy/de_familiennavi
RUN rasa train --fixed-model-name familiennavi --out models --quiet \
 && test -f models/familiennavi.tar.gz

FROM python:3.10.13-slim-bookworm
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONPATH=/app \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    TF_CPP_MIN_LOG_LEVEL=2 \
    RASA_TELEMETRY_ENABLED=false \
    SQLALCHEMY_SILENCE_UBER_WARNING=1 \
    MPLCONFIGDIR=/tmp/matplotlib \
    HOME=/home/app
RUN groupadd --system --gid 10001 app \
 && useradd --system --uid 10001 --gid app --home-dir /home/app --create-home --shell /usr/sbin/nologin app
COPY --from=build /opt/venv /opt/venv
WORKDIR /app
# The model loads the spaCy pipeline by its relative path var/spacy/de_familiennavi (config.yml).
COPY --from=build /app/var/spacy ./var/spacy
COPY --from=build /app/models/familiennavi.tar.gz ./models/familiennavi.tar.gz
COPY bot ./bot
COPY vocabulary ./vocabulary
# Town names in other languages and scripts: the NLU's FactExtractor finds them in messages (bot/nlu/facts.py).
COPY api/data/directory/town_names.csv ./api/data/directory/town_names.csv
COPY endpoints.yml credentials.yml ./
COPY deploy/docker/rasa-entrypoint.sh /usr/local/bin/familiennavi-rasa
RUN chmod 0755 /usr/local/bin/familiennavi-rasa
USER 10001:10001
EXPOSE 5005
# Loading the model takes about 40 s, hence the start period.
HEALTHCHECK --interval=15s --timeout=5s --start-period=120s --retries=3 \
  CMD ["python", "-c", "import sys, urllib.request; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:5005/', timeout=4).status == 200 else 1)"]
# The entrypoint adds --enable-api --auth-token "$RASA_API_TOKEN" only when RASA_API_TOKEN is set.
ENTRYPOINT ["/usr/local/bin/familiennavi-rasa"]
CMD []
