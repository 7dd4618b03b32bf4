#!/usr/bin/env bash
# Installs what FraudGraph needs on a fresh Debian machine: Graphviz's C library
# (libgvc, which the package links), its command-line tools (for comparisons), and
# Chromium (headless, for the test that opens the case brief in a real browser).
set -euo pipefail
need=()
pkg-config --exists libgvc 2>/dev/null || need+=(libgraphviz-dev)
command -v dot >/dev/null 2>&1 || need+=(graphviz)
# Headless Chromium: the brief's browser test loads the page, checks it and prints it.
command -v chromium >/dev/null 2>&1 || need+=(chromium)
if [ ${#need[@]} -gt 0 ]; then
    SUDO=""
    [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -qq
    $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi
# libgvc finds its layout and render plugins through a config file that the package's
# install script writes; regenerate it if it is missing (shared/notes/graphviz.md).
config=$(ls /usr/lib/*/graphviz/config6* 2>/dev/null | head -1 || true)
if [ -z "$config" ]; then
    SUDO=""
    [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO dot -c
fi
