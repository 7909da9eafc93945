#!/bin/sh
# install-deps.sh: installs the Debian packages guanxi needs that are missing (apt-get; sudo
# when not root). Fast no-op when everything is present. Called by `make run`, `make test` and
# .ci/run. GX_NO_INSTALL=1 only reports what is missing.
#   build:  compiler, pkg-config and the -dev packages of ICU, libxml2, Graphviz (cgraph), cJSON
#   tests:  xmllint, Graphviz tools, valgrind, NetworkX, igraph, pygraphviz and a CJK font, which the
#           format checkers in ../shared/formats/check use (those tests skip without ../shared)
set -eu
BUILD_PKGS="gcc make pkg-config libicu-dev libxml2-dev libgraphviz-dev libcjson-dev"
TEST_PKGS="libxml2-utils graphviz valgrind python3 python3-networkx python3-igraph python3-pygraphviz fontconfig fonts-noto-cjk"

missing=""
for p in $BUILD_PKGS $TEST_PKGS; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
    echo "guanxi: not a Debian system; please install the equivalents of:$missing" >&2
    exit 0
fi
if [ "${GX_NO_INSTALL:-0}" = 1 ]; then
    echo "guanxi: missing packages:$missing" >&2
    exit 0
fi
SUDO=""
[ "$(id -u)" = 0 ] || SUDO="sudo"
echo "guanxi: installing missing Debian packages:$missing" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
