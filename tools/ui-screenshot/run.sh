#!/usr/bin/env bash
# Runs TrainingUiDemo (DL4J training UI on a port), waits for training to finish, opens the UI's model page in
# headless Chromium, clicks a layer and saves docs/images/ui-model-learning-rates.png (the layer's "Parameter
# Learning Rates" chart) and docs/images/ui-model-learning-rates-page.png (the page after the click).
# Not part of the test run. Needs JDK 17 + Maven, Node.js 18+ with npm, and Chromium (CHROMIUM=/path to override).
#
#   bash tools/ui-screenshot/run.sh [port]        (default port 9000)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
port="${1:-9000}"
log="$(mktemp -t lrsched-ui-demo.XXXXXX.log)"

if [ ! -d "$here/node_modules/puppeteer-core" ]; then
  (cd "$here" && npm ci --no-audit --no-fund)
fi

cd "$root"
# the demo keeps the UI up for 300 s after training; it is stopped below once the screenshot is taken
OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}" mvn -B -q -Djavacpp.platform="${JAVACPP_PLATFORM:-linux-x86_64}" test-compile exec:java \
  -Dexec.mainClass=dev.lrsched.samples.TrainingUiDemo -Dexec.args="$port 300" >"$log" 2>&1 &
demo=$!
trap 'kill "$demo" 2>/dev/null || true' EXIT

for _ in $(seq 1 300); do
  if grep -q "TRAINING DONE" "$log"; then break; fi
  if ! kill -0 "$demo" 2>/dev/null; then echo "TrainingUiDemo exited early, see $log" >&2; exit 1; fi
  sleep 2
done
grep -q "TRAINING DONE" "$log" || { echo "TrainingUiDemo did not finish training in 10 minutes, see $log" >&2; exit 1; }
grep -E "^epoch|plateau reductions" "$log"

node "$here/screenshot.js" "http://localhost:$port" layer1 "$root/docs/images/ui-model-learning-rates.png"
kill "$demo"
wait "$demo" 2>/dev/null || true
echo "demo log: $log"
