# FraudGraph: the two commands a new machine needs are `make demo` and `make test`.
SWIFT ?= swift
BIN = .build/release/fraudgraph

.PHONY: setup build demo test clean bench-load bench-pictures bench-communities bench-rings bench-hierarchy bench-moneyflow bench-interchange

setup:
	@scripts/setup.sh

build: setup
	$(SWIFT) build -c release --product fraudgraph

# The main job on the bundled case: validation, then the case brief (rings, traces,
# freeze lists, den org charts, pictures) into output/; open output/index.html.
demo: build
	$(BIN) validate datasets/demo
	$(BIN) demo --case datasets/demo --out output
	@if command -v chromium >/dev/null 2>&1; then \
	    python3 scripts/browser_check.py output --pdf output/brief.pdf --screenshot output/brief.png > output/browser-check.json \
	    && echo "printed output/brief.pdf; browser check in output/browser-check.json"; \
	else echo "(no chromium: output/brief.pdf not printed)"; fi

test: setup
	FRAUDGRAPH_REQUIRE_BROWSER=$${FRAUDGRAPH_REQUIRE_BROWSER:-0} $(SWIFT) test

# Money-flow benchmark on the large preset (generated into bench/data/large if absent).
bench-moneyflow: setup
	bench/moneyflow/run.sh
# Benchmarks (bench/README.md): release build, big generated inputs in bench/data/.
bench-load: build
	python3 bench/load/compare.py

# The same DOT in-process and by Graphviz's command line; the overview of a generated
# case (PRESET=large for the 10M-transfer case).
bench-pictures: setup
	bench/pictures/run.sh $(or $(PRESET),small)

# Community detection beside igraph, leidenalg, NetworKit and Infomap on LFR graphs
# (made once into bench/data/; the 1,000,000-node ones take minutes each).
bench-communities: build
	python3 bench/communities/run.py --n 100000 --mu 0.3 0.5 0.6
	python3 bench/communities/run.py --n 1000000 --mu 0.3 0.5 0.6

# Planted rings recovered from generated cases, per setting.
bench-rings: build
	python3 bench/rings/run.py --preset tiny small large

# Export speed of each interchange format against writing the case folder, with the
# exports read back and compared (PRESET=small adds the followthemoney/networkx checks).
bench-interchange: setup
	bench/interchange/run.sh --preset $(or $(PRESET),large) --check
# Hierarchy: cross-checks against springrank and networkx, planted-truth recovery on
# generated cases, speed beside the peers (bench/hierarchy/README.md).
bench-hierarchy: build
	$(SWIFT) build -c release --product hierarchy-bench
	@test -d bench/data/small-1 || $(BIN) generate --preset small --seed 1 --out bench/data/small-1 --quiet
	python3 bench/hierarchy/crosscheck.py --case bench/data/small-1
	@test -d bench/data/large || $(BIN) generate --preset large --seed 1 --out bench/data/large --quiet
	@for s in 1 2 3 4 5; do test -d bench/data/small-$$s || $(BIN) generate --preset small --seed $$s --out bench/data/small-$$s --quiet; done
	python3 bench/hierarchy/evaluate.py bench/data/small-1 bench/data/small-2 bench/data/small-3 bench/data/small-4 bench/data/small-5
	python3 bench/hierarchy/evaluate.py bench/data/large
	python3 bench/hierarchy/speed.py --case bench/data/large

clean:
	rm -rf .build output/*
	touch output/.gitkeep
