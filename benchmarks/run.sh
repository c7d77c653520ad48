#!/usr/bin/env bash
# Runs every camel-finsify benchmark and writes benchmarks/results/latest.md and latest.json (same figures), plus raw
# outputs under benchmarks/results/raw/; the sweep writes results/sweep.md, sweep.json and docs/sweep-scaling.png.
# About 20 minutes on 2 cores. Loopback only; every load is bounded.
#
#   benchmarks/run.sh                      # everything (producer, sync, streaming, webhook, sweep)
#   benchmarks/run.sh quick                # smoke test of the harness (short runs; figures not worth publishing)
#   benchmarks/run.sh only=producer,sync   # a subset: producer, sync, streaming, webhook, sweep
#   benchmarks/run.sh only=sweep profile   # the sweep, plus one of 100,000 logins under JFR
#   SKIP_INSTALL=1 benchmarks/run.sh       # use the camel-finsify jar already in ~/.m2
#   BENCH_MAVEN_OPTS="-Dmaven.repo.local=/path/m2 -o" benchmarks/run.sh   # options for every mvn call (Maven 3.8
#                                          # reads no MAVEN_ARGS): e.g. a private local repository to install into
set -euo pipefail
# shellcheck disable=SC2206 # word splitting wanted: several options in one variable
MVN_OPTS=(${BENCH_MAVEN_OPTS:-})
cd "$(dirname "$0")/.."

if ! command -v wrk >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing wrk (Debian package) for the webhook benchmark ..."
    apt-get update -qq >/dev/null && apt-get install -y -qq wrk >/dev/null
  else
    echo "wrk is needed for the webhook benchmark: apt-get install -y wrk" >&2
    exit 1
  fi
fi

if [ "${SKIP_INSTALL:-0}" != 1 ]; then
  echo "Installing the component (mvn install -DskipTests) ..."
  mvn -B -q "${MVN_OPTS[@]}" install -DskipTests
fi

mvn -B -q "${MVN_OPTS[@]}" -f benchmarks/pom.xml package org.codehaus.mojo:exec-maven-plugin:exec -Dbench.args="$*"
