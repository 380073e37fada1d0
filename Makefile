# plcbridge — the two commands a new user runs are `make demo` and `make test`.
# Everything is installed from Debian's packages by tools/install-deps.sh (idempotent).
SHELL := /bin/bash
PRESET ?= dev
FUZZ_SECONDS ?= 60

.PHONY: all deps build binary test tsan demo bench bench-lines fuzz format clean package

all: build

deps:
	@bash tools/install-deps.sh

# Configure and build with a CMake preset (dev = ASan+UBSan, warnings are errors).
build: deps
	cmake --preset $(PRESET)
	cmake --build --preset $(PRESET)
	@ln -sfn $(PRESET)/plcbridge build/plcbridge
	@echo "binary: build/plcbridge"

# Only the binary (what `make demo` runs): no tests, no benchmarks.
binary: deps
	cmake --preset $(PRESET)
	cmake --build --preset $(PRESET) --target plcbridge
	@ln -sfn $(PRESET)/plcbridge build/plcbridge

# The Debian package (docs/OPERATIONS.md "Install on the plant PC"): an optimised build of the
# binary alone, stripped, with the unit, the packaged configuration and the maintainer scripts.
package: deps
	cmake --preset package
	cmake --build --preset package
	rm -f build/package/plcbridge_*.deb
	cd build/package && cpack -G DEB
	@ls build/package/plcbridge_*.deb

# The whole suite: unit, integration (client <-> simulator on loopback), store (SQLite and a
# throwaway PostgreSQL started here and stopped after), CLI, interop, style.
test: build
	@bash tools/install-test-deps.sh
	@url=$$(bash tools/pg-test-cluster.sh start) || exit 1; \
	  echo "test PostgreSQL: $$url"; \
	  PLCBRIDGE_TEST_PG_URL=$$url ctest --preset $(PRESET); rc=$$?; \
	  bash tools/pg-test-cluster.sh stop; exit $$rc

# The same suite's unit, integration and end-to-end tests on a ThreadSanitizer build (the event loop,
# the database thread, the simulators' threads); not part of `make test` (a second full build).
tsan: deps
	cmake --preset tsan
	cmake --build --preset tsan
	@bash tools/install-test-deps.sh
	@url=$$(bash tools/pg-test-cluster.sh start) || exit 1; \
	  PLCBRIDGE_TEST_PG_URL=$$url ctest --preset tsan; rc=$$?; \
	  bash tools/pg-test-cluster.sh stop; exit $$rc

# The whole batch lifecycle on loopback: PLC simulator running batches, Odoo simulator, the service.
# DEMO_DIR keeps the SQLite database and the log between runs; DEMO_LISTEN is the API address.
DEMO_DIR ?= plcbridge-demo
DEMO_LISTEN ?= 127.0.0.1:8000
demo: binary
	build/plcbridge demo --data-dir $(DEMO_DIR) --listen $(DEMO_LISTEN)

# Benchmarks on an optimised build; prints the figures.
bench: deps
	cmake --preset release
	cmake --build --preset release
	build/release/fins_codec_bench
	build/release/slot_decode_bench
	build/release/plc_loopback_bench 2000
	build/release/auto_cancel_latency_bench 40 500
	@url=$$(bash tools/pg-test-cluster.sh start) || exit 1; \
	  PLCBRIDGE_TEST_PG_URL=$$url build/release/store_bench; rc=$$?; \
	  bash tools/pg-test-cluster.sh stop; exit $$rc

# The several-lines scale figure (docs/LINES.md): LINES simulated lines for LINES_SECONDS on the
# release binary; CPU per line-cycle, RSS, overruns, FINS commands per cycle per line.
LINES ?= 20
LINES_SECONDS ?= 600
bench-lines: deps
	cmake --preset release
	cmake --build --preset release --target plcbridge
	bash bench/lines_scale.sh $(LINES) $(LINES_SECONDS) build/release/plcbridge

# libFuzzer (clang) on the FINS decoders and on the API's request path, FUZZ_SECONDS each, on
# scratch copies of the corpora; each prints its executions ("Done N runs in S second(s)").
fuzz: deps
	cmake --preset fuzz
	cmake --build --preset fuzz --target fins_frame_fuzz http_request_fuzz
	@mkdir -p build/fuzz/corpus build/fuzz/http_corpus
	@cp -n fuzz/corpus/fins_frame/* build/fuzz/corpus/
	@cp -n fuzz/corpus/http_request/* build/fuzz/http_corpus/
	build/fuzz/fins_frame_fuzz build/fuzz/corpus -max_total_time=$(FUZZ_SECONDS) -max_len=2100
	build/fuzz/http_request_fuzz build/fuzz/http_corpus -max_total_time=$(FUZZ_SECONDS) -max_len=4096 \
	  -dict=fuzz/http_request.dict

format:
	clang-format -i $$(git ls-files '*.cpp' '*.hpp')

clean:
	rm -rf build
