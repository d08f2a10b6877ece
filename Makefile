# Thin wrapper over CMake. Every target installs missing Debian packages first.
BUILD ?= build
JOBS ?= $(shell nproc)
SIGNLAB = $(BUILD)/signlab
XVFB = xvfb-run -a -s "-screen 0 1600x1000x24"

.PHONY: deps configure build run test test-asan test-tsan bench shot clean

deps:
	@bash scripts/install-deps.sh

configure: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release > /dev/null

build: configure
	@cmake --build $(BUILD) -j $(JOBS)

# Opens the GUI on the default scenario (Rosenbrock, four optimizers racing). Without a display it
# runs under Xvfb and saves a screenshot instead, so the command still proves the app works.
run: build
	@if [ -n "$$DISPLAY$$WAYLAND_DISPLAY" ]; then $(SIGNLAB); \
	else echo "no display: rendering the default scenario under Xvfb to signlab-shot.png"; \
	  $(XVFB) $(SIGNLAB) shot --frames 60 --png signlab-shot.png; fi

test: build
	@cd $(BUILD) && $(XVFB) ctest --output-on-failure -j $(JOBS)

# Same tests under AddressSanitizer + UBSan (GUI smoke included).
test-asan: deps
	@cmake -S . -B $(BUILD)-asan -DCMAKE_BUILD_TYPE=Debug -DSIGNLAB_SANITIZE=ON -DSIGNLAB_BUILD_BENCH=OFF > /dev/null
	@cmake --build $(BUILD)-asan -j $(JOBS)
	@cd $(BUILD)-asan && ASAN_OPTIONS=detect_leaks=0 $(XVFB) ctest --output-on-failure -j $(JOBS)

# Every core test under ThreadSanitizer: threads start in more places than any list of names keeps up
# with (the engine, its grid, geometry and sweep workers, sweeps, the kernels' thread pool above 64K
# elements, concurrent problem evaluation, demos at d = 10^6), so none is left out. About 2 minutes
# on 2 cores; a race report fails the test (TSan's exit code).
test-tsan: deps
	@cmake -S . -B $(BUILD)-tsan -DCMAKE_BUILD_TYPE=Debug -DSIGNLAB_TSAN=ON -DSIGNLAB_BUILD_APP=OFF -DSIGNLAB_BUILD_BENCH=OFF > /dev/null
	@cmake --build $(BUILD)-tsan -j $(JOBS) --target signlab_tests
	@cd $(BUILD)-tsan && TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1" ctest --output-on-failure -j $(JOBS)

bench: build
	@$(BUILD)/signlab_bench --benchmark_repetitions=3 --benchmark_report_aggregates_only=true
	@$(XVFB) $(SIGNLAB) shot --frames 300 --size 1600x1000 --runs 8 --stats --png $(BUILD)/bench-shot.png

shot: build
	@$(XVFB) $(SIGNLAB) shot --frames 60 --png docs/screenshot.png

clean:
	rm -rf $(BUILD) $(BUILD)-asan $(BUILD)-tsan
