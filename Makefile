# The two commands a new machine needs are `make demo` and `make test`; each installs first.
SHELL := /bin/bash
UV := python3 -m uv
PYTEST_ARGS ?=
BENCH_ARGS ?=

.PHONY: setup system-deps up down status demo test lint bench

setup: system-deps
	@python3 -m uv --version >/dev/null 2>&1 || python3 -m pip install --quiet uv
	@$(UV) sync --all-packages --frozen --quiet

system-deps:
	@if ! command -v ffmpeg >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -qi 'wqy\|noto.*cjk'; then \
		if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then \
			echo "installing ffmpeg and a CJK font (apt)"; \
			(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
				ffmpeg fonts-wqy-microhei >/dev/null) || echo "apt install failed"; \
		elif ! command -v ffmpeg >/dev/null 2>&1; then \
			echo "ffmpeg is required: install it with your package manager"; exit 1; \
		fi; \
	fi

up: setup
	@$(UV) run drama-studio up

down:
	@$(UV) run drama-studio down

status:
	@$(UV) run drama-studio status

demo: setup
	@$(UV) run drama-studio demo

test: setup
	@$(UV) run pytest $(PYTEST_ARGS)

lint: setup
	@$(UV) run ruff check .
	@$(UV) run mypy libs/common/src libs/studio/src services/*/src

bench: setup
	@$(UV) run python -m bench.run_all $(BENCH_ARGS)
