#!/bin/sh
# tests/valgrind.sh ARGS...: runs $GX_VALGRIND_BIN (a release guanxi) under valgrind memcheck, so
# that a test runner given this script as its BIN runs every command under memcheck. Any memory
# error or definite/indirect leak makes the command exit 99 with valgrind's report on stderr.
exec valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect \
    --show-leak-kinds=definite,indirect "$GX_VALGRIND_BIN" "$@"
