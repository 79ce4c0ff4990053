#!/usr/bin/env bash
# Makes what the browser tests need: Debian's chromium (no browser is downloaded by
# Playwright) and a virtual environment with Playwright for Python and pytest, in
# tests/browser/.venv (ignored by git).
set -euo pipefail
cd "$(dirname "$0")"
if [ ! -x /usr/bin/chromium ]; then
    if [ "$(id -u)" = 0 ]; then
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
    else
        echo "tests/browser: install chromium first (sudo apt-get install chromium)" >&2
        exit 1
    fi
fi
if [ ! -x .venv/bin/python ]; then
    python3 -m venv .venv
fi
.venv/bin/pip install --quiet --disable-pip-version-check -r requirements.txt
