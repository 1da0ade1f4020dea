#!/bin/sh
# Runs a test program as the unprivileged user "nobody" when started as root (as CI is), so
# permission checks mean something; as an ordinary user it simply runs it.
# Exit 77 (skipped) when nobody cannot reach the program.
set -eu
program=$1
shift
[ "$(id -u)" -eq 0 ] || exec "$program" "$@"
as_nobody="setpriv --reuid=65534 --regid=65534 --clear-groups"
if ! $as_nobody test -x "$program"; then
    echo "SKIP: user nobody cannot reach $program"
    exit 77
fi
exec $as_nobody "$program" "$@"
