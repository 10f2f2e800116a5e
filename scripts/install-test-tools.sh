#!/usr/bin/env bash
# The build runs this before any test (root pom, validate phase; skipped with -DskipTests). The
# suite compares our node with real memcached and runs libmemcached's memccapable against it,
# both from /usr/bin where the tests look for them, the fault-injection tests stop and resume
# node processes with kill(1), and the TLS tests make certificates and connect with openssl(1). What is missing is installed when that is possible (root with
# apt-get). Whether they are there is then checked by the enforcer rule that follows this in the
# root pom: it stops the build with one sentence saying what to install, because a suite that
# skipped the memcached tests would pass without checking what it claims.
set -uo pipefail

missing_packages() {
  local packages=()
  [ -x /usr/bin/memcached ] || packages+=(memcached)
  [ -x /usr/bin/memccapable ] || packages+=(libmemcached-tools)
  [ -x /bin/kill ] || packages+=(procps)
  [ -x /usr/bin/openssl ] || packages+=(openssl)
  echo "${packages[*]}"
}

missing=$(missing_packages)
if [ -z "$missing" ]; then
  echo "Test tools: $(/usr/bin/memcached -V), memccapable at /usr/bin/memccapable."
  exit 0
fi

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "The tests need the Debian packages: $missing; installing them."
  export DEBIAN_FRONTEND=noninteractive
  # shellcheck disable=SC2086 # one word per package
  apt-get update -qq && apt-get install -y -qq --no-install-recommends $missing
fi

for tool in memcached memccapable; do
  found=$(command -v "$tool" 2>/dev/null || true)
  if [ -n "$found" ] && [ "$found" != "/usr/bin/$tool" ]; then
    echo "Note: $tool is at $found, but the tests run /usr/bin/$tool."
  fi
done
exit 0 # the enforcer rule after this says what is still missing
