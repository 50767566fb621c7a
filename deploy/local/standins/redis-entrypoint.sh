#!/bin/sh
# As the official image does for a bare `redis-server ...`: every address, protected mode off.
set -eu
if [ "$1" = redis-server ]; then shift; exec redis-server --bind '* -::*' --protected-mode no "$@"; fi
exec "$@"
