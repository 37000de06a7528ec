# Build, test and benchmark escalation.
#
#   make build       the command-line program, build/bin/escalate
#   make run         go run ./cmd/escalate run   (more arguments: make run ARGS='--seed 7')
#   make test        the whole suite (installs what is missing when run as root)
#   make test-go     go vet + go test on every package
#   make test-wasm   the model's golden and pinned runs compiled to WebAssembly, run in Node.js
#   make test-arm64  the model's golden and pinned runs compiled for arm64, run under QEMU
#   make test-slurm  a sweep sharded on a local single-node Slurm cluster, merged
#                    and compared with a local sweep (as root: installs Slurm)
#   make web         the web page as a static site in web/ (any static host can serve it)
#   make test-browser the page in headless Chromium (as root: installs chromium)
#   make test-desktop the front end as a desktop window in a virtual X display
#                    (as root: installs Xvfb and the X11/OpenGL libraries)
#   make test-recovery  opt-in, not in make test: the calibration recovers known
#                    parameters from 20 records simulated by the model (minutes)
#   make bench       the model's and the sweep's benchmarks (model: actor-ticks/s by world
#                    size, ns/act of the branching preset; sweep: runs/s)
#   make fmt-check   fail if any Go file is not gofmt-formatted
#   make lint        staticcheck (default checks) on the native and js/wasm builds
#   make clean       remove build/ and web/ (build and test artefacts; runs
#                    in out/ and sweeps are the user's and stay)
#
# PKGS restricts test-go to some packages, e.g. make test PKGS='./model/... ./scenario/...'.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := build
MAKEFLAGS += --no-builtin-rules

# Go is usually installed in /usr/local/go; use it when go is not on PATH.
ifeq ($(shell command -v go 2>/dev/null),)
export PATH := /usr/local/go/bin:$(PATH)
endif

GO    ?= go
PKGS  ?= ./...
ARGS  ?=
# Build and test artefacts go to build/, never to out/, the default
# directory of `escalate run`: the README's two commands work in either order.
BUILD := build

# ---------------------------------------------------------------------------
# The suites `make test` runs, in order:
#
#   test-browser: the web page in headless Chromium (ESCALATE_BROWSER=1,
#       internal/browsercheck); need-chromium installs the Debian package.
#   test-desktop: the same front end as a native window under Xvfb
#       (ESCALATE_DESKTOP=1, internal/desktopcheck); need-desktop-libs installs
#       the X11 and OpenGL libraries Ebiten loads at run time.
#   test-slurm: sweep sharding on a local single-node Slurm cluster that
#       deploy/slurm/local-up.sh brings up (ESCALATE_SLURM=1, internal/slurmcheck).
#
# Keep each suite's tests skipped under plain `go test ./...` (behind an
# environment variable, as internal/wasmcheck does with ESCALATE_WASM=1) so that
# `go test ./...` stays fast and needs nothing but Go.
TEST_SUITES := test-go test-wasm test-arm64
TEST_SUITES += test-browser
TEST_SUITES += test-desktop
TEST_SUITES += test-slurm

# ---------------------------------------------------------------------------
# Tools the suites need. need-<command> checks that <command> is on PATH and,
# if not, installs PKG_<command> with apt-get when run as root, or prints
# exactly what to install and fails. WHY_<command> says what it is for.
PKG_go                  :=
WHY_go                  := builds and tests everything (Go $(shell sed -n 's/^go //p' go.mod 2>/dev/null) or newer from https://go.dev/dl/, unpacked in /usr/local/go)
PKG_node                := nodejs
WHY_node                := runs the model's tests compiled to WebAssembly (make test-wasm)
PKG_qemu-aarch64-static := qemu-user-static
WHY_qemu-aarch64-static := runs the model's tests compiled for arm64, where Go fuses multiply-adds (make test-arm64)
PKG_chromium            := chromium
WHY_chromium            := runs the web page's tests in headless Chromium (make test-browser)
PKG_xvfb-run            := xvfb xauth
WHY_xvfb-run            := runs the desktop window in a virtual X display (make test-desktop)
PKG_sbatch              := slurm-wlm munge
WHY_sbatch              := runs the sweep tests on a local Slurm cluster (make test-slurm)
PKG_slurmctld           := slurm-wlm
WHY_slurmctld           := is the controller of the local Slurm cluster (make test-slurm)
PKG_slurmd              := slurm-wlm
WHY_slurmd              := runs the jobs of the local Slurm cluster (make test-slurm)
PKG_munged              := munge
WHY_munged              := authenticates the local Slurm cluster's daemons (make test-slurm)

APT_GET := DEBIAN_FRONTEND=noninteractive apt-get -y -q -o DPkg::Lock::Timeout=300

need-%:
	@if ! command -v '$*' >/dev/null 2>&1; then \
	  pkg="$(PKG_$*)"; why="$(WHY_$*)"; \
	  if [ -z "$$pkg" ]; then \
	    echo "error: '$*' is missing: it $$why. Install it by hand; make cannot." >&2; exit 1; \
	  elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo ">> installing $$pkg (apt-get): '$*' is missing and $$why"; \
	    $(APT_GET) install --no-install-recommends $$pkg >/dev/null \
	      || { echo ">> apt-get install failed; refreshing package lists (apt-get update) and retrying"; \
	           $(APT_GET) update >/dev/null && $(APT_GET) install --no-install-recommends $$pkg >/dev/null; }; \
	    command -v '$*' >/dev/null 2>&1 || { echo "error: installed $$pkg but '$*' is still not on PATH" >&2; exit 1; }; \
	  else \
	    echo "error: '$*' is missing: it $$why." >&2; \
	    echo "       Install it:  sudo apt-get install -y $$pkg   (or run make as root and it will)" >&2; \
	    exit 1; \
	  fi; \
	fi

# ---------------------------------------------------------------------------

.PHONY: build run test test-go vet lint test-wasm test-arm64 test-slurm test-recovery web test-browser test-desktop need-desktop-libs bench fmt-check clean

build: need-go
	$(GO) build -o $(BUILD)/bin/escalate ./cmd/escalate

run: need-go
	$(GO) run ./cmd/escalate run $(ARGS)

test: $(TEST_SUITES)
	@echo ">> all suites passed: $(TEST_SUITES)"

vet: need-go
	$(GO) vet $(PKGS)

test-go: vet
	$(GO) test $(PKGS)

# The golden digests in model/testdata/golden_runs.txt (and the pinned ones in
# model/pinned_test.go) come from a native amd64 run; matching them under
# WebAssembly means the same numbers.
test-wasm: need-go need-node
	@echo ">> the model's golden and pinned runs under WebAssembly (GOOS=js GOARCH=wasm, in $$(node --version 2>/dev/null) Node.js)"
	ESCALATE_WASM=1 $(GO) test -count=1 -v ./internal/wasmcheck/

# The same golden and pinned runs built for linux/arm64 (where the compiler
# fuses a*b+c into one instruction) and run under QEMU user-mode emulation,
# and the calibration's pinned run (its proposals and weights).
test-arm64: need-go need-qemu-aarch64-static
	@echo ">> the model's golden and pinned runs on linux/arm64 under QEMU"
	@mkdir -p $(BUILD)/arm64
	GOARCH=arm64 $(GO) test -c -o $(BUILD)/arm64/model.test ./model
	cd model && qemu-aarch64-static ../$(BUILD)/arm64/model.test -test.run 'TestGoldenRuns|TestPinnedRuns|Example' -test.count=1 -test.v
	GOARCH=arm64 $(GO) test -c -o $(BUILD)/arm64/calibrate.test ./calibrate
	cd calibrate && qemu-aarch64-static ../$(BUILD)/arm64/calibrate.test -test.run 'TestPinnedResult|TestPortableMath' -test.count=1 -test.v

# The calibration's recovery test (calibrate/recovery_test.go): 20 synthetic
# records simulated at known parameters, each calibrated; the 90% intervals
# must cover the truth 80 to 100% of the time. Opt-in: a few minutes.
test-recovery: need-go
	ESCALATE_RECOVERY=1 $(GO) test -count=1 -v -timeout 60m -run TestRecovery ./calibrate/

# A single-node Slurm cluster on localhost (deploy/slurm/local-up.sh, state
# under SLURM_BASE); the shipped job script deploy/slurm/sweep.sbatch runs a
# 4-task array and its merge job, compared byte for byte with a local sweep.
# The cluster is brought down even when the test fails.
SLURM_BASE ?= /tmp/escalate-slurm-make
test-slurm: need-go need-sbatch need-slurmctld need-slurmd need-munged
	@if [ "$$(id -u)" != 0 ]; then echo "error: test-slurm starts slurmd, which must run as root: run it as root (sudo make test-slurm)" >&2; exit 1; fi
	@echo ">> a sweep sharded on a local Slurm cluster, merged, compared with a local sweep"
	BASE=$(SLURM_BASE) deploy/slurm/local-up.sh
	status=0; SLURM_CONF=$(SLURM_BASE)/slurm.conf ESCALATE_SLURM=1 $(GO) test -count=1 -v ./internal/slurmcheck/ || status=$$?; \
	BASE=$(SLURM_BASE) deploy/slurm/local-down.sh; exit $$status

# The web page as a static site: index.html, the page's WebAssembly
# gzip-compressed (the page unpacks it), the Go toolchain's wasm_exec.js and
# the assets. `escalate serve --dir web` serves it; so can any static host.
WEB ?= web
web: need-go
	@echo ">> the web page as a static site in $(WEB)/"
	@rm -rf $(BUILD)/web.tmp && mkdir -p $(BUILD)/web.tmp/assets/web
	GOOS=js GOARCH=wasm $(GO) build -trimpath -ldflags='-s -w' -o $(BUILD)/web.tmp/escalate.wasm ./wasm
	gzip -9 -n $(BUILD)/web.tmp/escalate.wasm
	cp "$$($(GO) env GOROOT)/lib/wasm/wasm_exec.js" $(BUILD)/web.tmp/
	cp index.html $(BUILD)/web.tmp/
	cp assets/web/* $(BUILD)/web.tmp/assets/web/
	rm -rf $(WEB) && mv $(BUILD)/web.tmp $(WEB)
	@echo ">> $(WEB)/: $$(du -sh $(WEB) | cut -f1), escalate.wasm.gz $$(du -h $(WEB)/escalate.wasm.gz | cut -f1)"

# The page in headless Chromium (internal/browsercheck): it loads and runs,
# its numbers at tick T equal the command's ticks.csv row T, keys and clicks
# work, screenshots (build/screenshots/) are not blank. PERF=1 also measures
# frames per second against a bare Ebiten program (build/perf.txt).
test-browser: need-go need-chromium web
	@echo ">> the web page in headless Chromium ($$(chromium --version 2>/dev/null | head -1))"
	ESCALATE_BROWSER=1 ESCALATE_WEB=$(CURDIR)/$(WEB) ESCALATE_PERF=$(PERF) $(GO) test -count=1 -timeout 20m -v ./internal/browsercheck/ ./internal/webserve/

# The front end as a native desktop window (go run ./wasm) in a virtual X
# display: fast-forwarded to a tick, captured (ESCALATE_CAPTURE, saved in
# build/screenshots/desktop-*.png) and compared with the command's ticks.csv.
test-desktop: need-go need-xvfb-run need-desktop-libs
	@echo ">> the front end as a desktop window under Xvfb"
	ESCALATE_DESKTOP=1 $(GO) test -count=1 -v ./internal/desktopcheck/

# Ebiten opens these libraries at run time (no cgo, no headers needed):
# OpenGL through Mesa, and X11 with its extensions.
DESKTOP_LIBS := libGL.so.1:libgl1 libX11.so.6:libx11-6 libXcursor.so.1:libxcursor1 libXi.so.6:libxi6 \
	libXinerama.so.1:libxinerama1 libXrandr.so.2:libxrandr2 libXrender.so.1:libxrender1 libXext.so.6:libxext6
need-desktop-libs:
	@missing=""; for lp in $(DESKTOP_LIBS); do \
	  /sbin/ldconfig -p 2>/dev/null | grep -q "$${lp%%:*}" || missing="$$missing $${lp##*:}"; \
	done; \
	[ -e /usr/lib/x86_64-linux-gnu/dri/swrast_dri.so ] || [ -n "$$(ls /usr/lib/*/dri/swrast_dri.so 2>/dev/null)" ] || missing="$$missing libgl1-mesa-dri"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo ">> installing$$missing (apt-get): the desktop window loads them"; \
	    $(APT_GET) install --no-install-recommends $$missing >/dev/null \
	      || { $(APT_GET) update >/dev/null && $(APT_GET) install --no-install-recommends $$missing >/dev/null; }; \
	  else \
	    echo "error: the desktop window needs these libraries:$$missing" >&2; \
	    echo "       Install them:  sudo apt-get install -y$$missing   (or run make as root and it will)" >&2; exit 1; \
	  fi; \
	fi

bench: need-go
	$(GO) test -run XXX -bench . -benchtime 3x ./model/ ./sweep/

# staticcheck, pinned, installed into build/tools from the Go module proxy.
STATICCHECK_VERSION := v0.8.2
STATICCHECK := $(BUILD)/tools/staticcheck
$(STATICCHECK):
	GOBIN=$(CURDIR)/$(BUILD)/tools $(GO) install honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VERSION)

lint: need-go $(STATICCHECK)
	@echo ">> staticcheck $(STATICCHECK_VERSION), native and js/wasm"
	$(STATICCHECK) ./...
	GOOS=js GOARCH=wasm $(STATICCHECK) ./...

fmt-check: need-go
	@files="$$(find . -name '*.go' -not -path './out/*' -not -path './build/*' -not -path './web/*' -not -path './.git/*' -print0 | xargs -0 -r gofmt -l)"; \
	if [ -n "$$files" ]; then echo "error: not gofmt-formatted (run gofmt -w on them):" >&2; echo "$$files" >&2; exit 1; fi; \
	echo ">> gofmt: all files formatted"

clean:
	rm -rf $(BUILD) $(WEB)
