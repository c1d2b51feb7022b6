#!/usr/bin/env bash
# Runs the Spark job's test in local[2]: a venv with pyspark from PyPI (cached in
# ~/.cache/piimask, reused across runs), Java from Debian if missing, and the debug build of
# piimask that `swift test` already made. Exits non-zero when anything fails.
set -euo pipefail
cd "$(dirname "$0")/../.."

PYSPARK_VERSION=4.0.1
venv="${PIIMASK_SPARK_VENV:-$HOME/.cache/piimask/spark-venv-$PYSPARK_VERSION}"

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
command -v java >/dev/null || $sudo apt-get install -y -qq default-jre-headless >/dev/null
python3 -c "import venv, ensurepip" 2>/dev/null || $sudo apt-get install -y -qq python3-venv >/dev/null
if ! "$venv/bin/python" -c "import pyspark" 2>/dev/null; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q "pyspark==$PYSPARK_VERSION"
fi

swift build --product piimask >/dev/null
export PIIMASK_BINARY="$PWD/.build/debug/piimask"
cd scale/spark
"$venv/bin/python" -m unittest -v test_mask_archive
