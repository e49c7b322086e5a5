#!/usr/bin/env bash
# Installs ocsctl for a CI job (the GitHub Action's first step; usable from any CI) and prints the
# command to run. Where it comes from, first match wins:
#   OCSCTL_PACKAGE  a path or URL: a .deb (dpkg -i, with sudo when not root), a .tar.gz (unpacked
#                   into $RUNNER_TEMP; its usr/bin added to the PATH), or the path of an ocsctl
#                   executable (its directory added to the PATH)
#   OCSCTL_VERSION  a release: the .deb (or, without dpkg, the tarball) of
#                   $OCSCTL_RELEASE_URL/v<VERSION>/ (default: the GitHub releases of OCSCTL_RELEASE_REPO)
#   otherwise       an ocsctl already on the PATH
# Writes ocsctl=<command> to $GITHUB_OUTPUT and adds to $GITHUB_PATH / $GITHUB_ENV when they exist.
set -euo pipefail
package=${OCSCTL_PACKAGE:-}
version=${OCSCTL_VERSION:-}
temp=${RUNNER_TEMP:-${TMPDIR:-/tmp}}
say() { echo "ocsctl-install: $*" >&2; }
add_path() {
  export PATH="$1:$PATH"
  if [ -n "${GITHUB_PATH:-}" ]; then echo "$1" >> "$GITHUB_PATH"; fi
}
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo -n "$@"; fi; }
fetch() { # URL FILE
  say "downloading $1"
  if command -v curl >/dev/null 2>&1; then curl -fsSL --retry 3 -o "$2" "$1"
  else python3 -c 'import sys,urllib.request; urllib.request.urlretrieve(sys.argv[1], sys.argv[2])' "$1" "$2"; fi
}
install_file() { # PATH
  case "$1" in
    *.deb)
      if command -v dpkg >/dev/null 2>&1; then
        say "dpkg -i $1"
        as_root dpkg -i "$1" >&2
      else
        say "no dpkg here: unpacking $1 instead"
        dir="$temp/ocsctl-install"; rm -rf "$dir"; mkdir -p "$dir"
        (cd "$dir" && ar x "$1" && tar -xf data.tar.*)
        home "$dir"
      fi ;;
    *.tar.gz|*.tgz)
      dir="$temp/ocsctl-install"; rm -rf "$dir"; mkdir -p "$dir"
      tar -xzf "$1" -C "$dir"
      home "$dir" ;;
    *)
      [ -x "$1" ] || { say "$1 is not a .deb, a .tar.gz or an executable"; exit 1; }
      add_path "$(cd "$(dirname "$1")" && pwd)" ;;
  esac
}
home() { # an unpacked package tree: its launcher finds the runtime through OCSCTL_HOME
  export OCSCTL_HOME="$1/usr/lib/ocsctl"
  if [ -n "${GITHUB_ENV:-}" ]; then echo "OCSCTL_HOME=$OCSCTL_HOME" >> "$GITHUB_ENV"; fi
  add_path "$1/usr/bin"
}
if [ -n "$package" ]; then
  case "$package" in
    http://*|https://*) file="$temp/$(basename "${package%%\?*}")"; fetch "$package" "$file"; install_file "$file" ;;
    *) install_file "$(cd "$(dirname "$package")" && pwd)/$(basename "$package")" ;;
  esac
elif [ -n "$version" ]; then
  base=${OCSCTL_RELEASE_URL:-https://github.com/${OCSCTL_RELEASE_REPO:-ocsctl/ocsctl}/releases/download}
  v=${version#v}
  if command -v dpkg >/dev/null 2>&1; then
    file="$temp/ocsctl_${v/-SNAPSHOT/\~snapshot}_amd64.deb"
    fetch "$base/v$v/ocsctl_${v/-SNAPSHOT/\~snapshot}_amd64.deb" "$file"
  else
    file="$temp/ocsctl-$v-linux-amd64.tar.gz"
    fetch "$base/v$v/ocsctl-$v-linux-amd64.tar.gz" "$file"
  fi
  install_file "$file"
fi
command -v ocsctl >/dev/null 2>&1 || { say "ocsctl is not installed: give OCSCTL_VERSION or OCSCTL_PACKAGE"; exit 1; }
say "$(ocsctl --version)"
if [ -n "${GITHUB_OUTPUT:-}" ]; then echo "ocsctl=$(command -v ocsctl)" >> "$GITHUB_OUTPUT"; fi
command -v ocsctl
