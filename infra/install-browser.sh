#!/usr/bin/env bash
# Installs what the browser tests need, from Debian's own packages (never a tool's browser
# download): `chromium` (driven by playwright-core at /usr/bin/chromium) and `fonts-noto-cjk`
# (without a CJK font Chinese renders as empty boxes in pages, screenshots and PDFs).
# Idempotent: does nothing when both are present. Needs root (or sudo) and the Debian mirror.
set -euo pipefail

log() { printf '[install-browser] %s\n' "$*" >&2; }
die() { printf '[install-browser] ERROR: %s\n' "$*" >&2; exit 1; }

CHROMIUM=/usr/bin/chromium
have_font() { fc-list 2>/dev/null | grep -qi 'Noto Sans CJK' || dpkg -s fonts-noto-cjk >/dev/null 2>&1; }

missing=()
[ -x "$CHROMIUM" ] || missing+=(chromium)
have_font || missing+=(fonts-noto-cjk)
if [ "${#missing[@]}" -eq 0 ]; then
  log "chromium and fonts-noto-cjk already installed"
  exit 0
fi

command -v apt-get >/dev/null 2>&1 || die "apt-get not found: install ${missing[*]} with the system's package manager"
as_root=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || die "installing ${missing[*]} needs root: run 'sudo apt-get install -y ${missing[*]}'"
  as_root=(sudo)
fi

log "installing ${missing[*]} with apt-get (first time only)"
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -q >&2 \
  || die "apt-get update failed: is the Debian mirror reachable? Then install ${missing[*]} by hand"
"${as_root[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}" >&2 \
  || die "apt-get install ${missing[*]} failed (see the messages above)"

[ -x "$CHROMIUM" ] || die "chromium was installed but $CHROMIUM is missing"
"$CHROMIUM" --version >/dev/null 2>&1 || die "$CHROMIUM does not run (missing shared libraries?)"
log "installed: $("$CHROMIUM" --version 2>/dev/null)"
