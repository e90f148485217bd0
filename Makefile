# Thin wrapper over CMake. `make demo` and `make test` install what is missing first.
BUILD      ?= build
BUILD_ASAN ?= build-asan
BUILD_AOT  ?= build-aot-full
JOBS       ?= $(shell nproc)
CMAKE_ARGS ?=

.PHONY: all deps build test test-asan test-aot-full demo bench format clean

all: build

deps:
	@./tools/install-deps.sh

$(BUILD)/CMakeCache.txt:
	cmake -S . -B $(BUILD) $(CMAKE_ARGS)

build: $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS)

test: deps
	@$(MAKE) --no-print-directory build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

test-asan: deps
	cmake -S . -B $(BUILD_ASAN) -DFVP_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug $(CMAKE_ARGS)
	cmake --build $(BUILD_ASAN) -j $(JOBS)
	cd $(BUILD_ASAN) && ASAN_OPTIONS=detect_leaks=1 ctest --output-on-failure -j $(JOBS)

# Every guest program also as a stripped AOT executable (slow: a translation each).
test-aot-full: deps
	cmake -S . -B $(BUILD_AOT) -DFVP_GUEST_AOT_STRIPPED=all $(CMAKE_ARGS)
	cmake --build $(BUILD_AOT) -j $(JOBS)
	cd $(BUILD_AOT) && ctest --output-on-failure -j $(JOBS) -R '/aot'

demo: deps
	@$(MAKE) --no-print-directory build
	./tools/demo.sh $(BUILD)

bench: deps
	@$(MAKE) --no-print-directory build
	./tools/bench.sh $(BUILD)

format:
	clang-format -i $$(git ls-files '*.c' '*.h')

clean:
	rm -rf $(BUILD) $(BUILD_ASAN)
