# FraudGraph: the two commands a new machine needs are `make demo` and `make test`.
SWIFT ?= swift
BIN = .build/release/fraudgraph

.PHONY: setup build demo test clean bench-load bench-pictures bench-interchange

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

# Benchmarks (bench/README.md): release build, big generated inputs in bench/data/.
bench-load: build
	python3 bench/load/compare.py

# The same DOT in-process and by Graphviz's command line; the overview of a generated
# case (PRESET=large for the 10M-transfer case).
bench-pictures: setup
	bench/pictures/run.sh $(or $(PRESET),small)

# Export speed of each interchange format against writing the case folder, with the
# exports read back and compared (PRESET=small adds the followthemoney/networkx checks).
bench-interchange: setup
	bench/interchange/run.sh --preset $(or $(PRESET),large) --check

clean:
	rm -rf .build output/*
	touch output/.gitkeep
