#!/bin/sh
# Rebuild every sample PDF, its ground truth and samples/bad/ (see docs/samples.md).
# Usage: sh samples/build.sh [NAME ...]     (from anywhere)
set -e
cd "$(dirname "$0")"
exec python3 build.py "$@"
