# FraudGraph: the two commands a new machine needs are `make demo` and `make test`.
SWIFT ?= swift
BIN = .build/release/fraudgraph

.PHONY: setup build demo test clean bench-moneyflow

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

# Money-flow benchmark on the large preset (generated into bench/data/large if absent).
bench-moneyflow: setup
	bench/moneyflow/run.sh

clean:
	rm -rf .build output/*
	touch output/.gitkeep
