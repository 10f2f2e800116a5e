#!/usr/bin/env bash
# The build runs this before any test (root pom, validate phase; skipped with -DskipTests). The
# suite compares our node with real memcached and runs libmemcached's memccapable against it,
# both from /usr/bin where the tests look for them, and the fault-injection tests stop and resume
# node processes with kill(1). What is missing is installed when that is possible (root, apt-get);
# otherwise the build stops here with one sentence, because a suite that skips the memcached tests
# would pass without checking what it claims.
set -euo pipefail

missing_packages() {
  local packages=()
  [ -x /usr/bin/memcached ] || packages+=(memcached)
  [ -x /usr/bin/memccapable ] || packages+=(libmemcached-tools)
  [ -x /usr/bin/kill ] || [ -x /bin/kill ] || packages+=(procps)
  echo "${packages[*]}"
}

missing=$(missing_packages)
if [ -n "$missing" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "The tests need the Debian packages: $missing; installing them."
  export DEBIAN_FRONTEND=noninteractive
  # shellcheck disable=SC2086 # one word per package
  if apt-get update -qq && apt-get install -y -qq --no-install-recommends $missing; then
    missing=$(missing_packages)
  fi
fi

if [ -n "$missing" ]; then
  elsewhere=""
  for tool in memcached memccapable; do
    found=$(command -v "$tool" 2>/dev/null || true)
    if [ -n "$found" ] && [ "$found" != "/usr/bin/$tool" ]; then
      elsewhere+=" ($tool is at $found, but the tests run /usr/bin/$tool)"
    fi
  done
  echo "The tests need memcached and memccapable in /usr/bin, and kill(1): as root, run" \
    "'apt-get install $missing', or build without tests (-DskipTests)$elsewhere." >&2
  exit 1
fi

echo "Test tools: $(/usr/bin/memcached -V), memccapable at /usr/bin/memccapable."
