# FraudGraph: the two commands a new machine needs are `make demo` and `make test`.
SWIFT ?= swift
BIN = .build/release/fraudgraph

.PHONY: setup build demo test clean bench-interchange

setup:
	@scripts/setup.sh

build: setup
	$(SWIFT) build -c release --product fraudgraph

# The main job on the bundled case: validation, figures, into output/.
demo: build
	$(BIN) validate datasets/demo
	$(BIN) stats datasets/demo --format table --out output/stats.txt
	$(BIN) stats datasets/demo --format json --out output/stats.json
	@echo "written: output/stats.txt output/stats.json"

test: setup
	$(SWIFT) test

# Export speed of each interchange format against writing the case folder (large preset).
bench-interchange: setup
	bench/interchange/run.sh --preset large --check

clean:
	rm -rf .build output/*
	touch output/.gitkeep
