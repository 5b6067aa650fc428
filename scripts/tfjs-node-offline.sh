#!/usr/bin/env bash
# Builds @tensorflow/tfjs-node's native addon without its download step: the air-gapped install path.
#
# tfjs-node's install script downloads libtensorflow from storage.googleapis.com. Where that host cannot be reached,
# this script takes libtensorflow from the TensorFlow CPU wheel that pip's configured index serves instead, puts the
# libraries and C headers where the install script expects its download, and runs the install script's build from
# source (node-gyp against the local Node headers).
#
# Usage (from the repository root, after `npm install`, which skips tfjs-node's own install script):
#   bash scripts/tfjs-node-offline.sh
# Environment:
#   TFJS_NODE_WHEEL  a tensorflow-cpu wheel already on disk (default: `pip download` it into WEFT_CACHE)
#   WEFT_CACHE       where downloaded wheels are kept between runs (default: ~/.cache/weft)
# Re-run it after every `npm ci` or `npm install`: both wipe the package's deps/ folder.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
pkg="$root/node_modules/@tensorflow/tfjs-node"
fail() { echo "tfjs-node-offline: $*" >&2; exit 1; }

[ -f "$pkg/package.json" ] || fail "no $pkg: run npm install first"
if (cd "$root" && node -e "require('@tensorflow/tfjs-node')" >/dev/null 2>&1); then
  echo "tfjs-node-offline: @tensorflow/tfjs-node already loads; nothing to do"
  exit 0
fi

wheel=${TFJS_NODE_WHEEL:-}
if [ -z "$wheel" ]; then
  cache=${WEFT_CACHE:-$HOME/.cache/weft}/tensorflow-cpu
  mkdir -p "$cache"
  wheel=$(ls "$cache"/tensorflow_cpu-*.whl 2>/dev/null | head -n 1 || true)
  if [ -z "$wheel" ]; then
    echo "tfjs-node-offline: downloading the tensorflow-cpu wheel with pip into $cache"
    python3 -m pip download --quiet --no-deps --dest "$cache" tensorflow-cpu \
      || fail "pip could not download tensorflow-cpu; download a wheel by hand and set TFJS_NODE_WHEEL"
    wheel=$(ls "$cache"/tensorflow_cpu-*.whl | head -n 1)
  fi
fi
[ -f "$wheel" ] || fail "TFJS_NODE_WHEEL=$wheel is not a file"
echo "tfjs-node-offline: using $(basename "$wheel")"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 - "$wheel" "$work" <<'PY'
import sys, zipfile
wheel, out = sys.argv[1], sys.argv[2]
wanted = ('tensorflow/libtensorflow_cc.so.2', 'tensorflow/libtensorflow_framework.so.2')
headers = ('tensorflow/include/tensorflow/c/', 'tensorflow/include/tensorflow/core/platform/ctstring',
           'tensorflow/include/tsl/platform/ctstring', 'tensorflow/include/xla/tsl/c/')
with zipfile.ZipFile(wheel) as z:
    names = [n for n in z.namelist() if n in wanted or n.startswith(headers)]
    missing = [w for w in wanted if w not in names]
    if missing:
        sys.exit(f'tfjs-node-offline: the wheel lacks {", ".join(missing)}')
    z.extractall(out, names)
PY

rm -rf "$pkg/deps"
mkdir -p "$pkg/deps/lib" "$pkg/deps/include"
mv "$work/tensorflow/libtensorflow_cc.so.2" "$work/tensorflow/libtensorflow_framework.so.2" "$pkg/deps/lib/"
cp -r "$work/tensorflow/include/." "$pkg/deps/include/"
(
  cd "$pkg/deps/lib"
  # Link names for -ltensorflow / -ltensorflow_framework, and the versioned names the install script checks for.
  ln -s libtensorflow_cc.so.2 libtensorflow.so
  ln -s libtensorflow_framework.so.2 libtensorflow_framework.so
  ln -s libtensorflow_cc.so.2 libtensorflow.so.2.9.1
  ln -s libtensorflow_framework.so.2 libtensorflow_framework.so.2.9.1
)

# A custom tf-lib makes the install script build the addon from source instead of fetching a prebuilt one.
cp "$pkg/package.json" "$work/package.json"
echo '{"tf-lib": "offline"}' > "$pkg/scripts/custom-binary.json"
restore() { cp "$work/package.json" "$pkg/package.json"; rm -f "$pkg/scripts/custom-binary.json"; rm -rf "$work"; }
trap restore EXIT
echo "tfjs-node-offline: building the addon (node-gyp; about a minute)"
(cd "$pkg" && PATH="$root/node_modules/.bin:$PATH" npm_config_nodedir=${npm_config_nodedir:-/usr} node scripts/install.js) \
  > "$work/build.log" 2>&1 || { tail -n 40 "$work/build.log" >&2; fail "the addon build failed (log above)"; }

(cd "$root" && node -e "
const tf = require('@tensorflow/tfjs-node');
const sum = tf.add(tf.scalar(2), tf.scalar(3)).dataSync()[0];
if (tf.getBackend() !== 'tensorflow' || sum !== 5) { console.error('backend', tf.getBackend(), 'sum', sum); process.exit(1); }
console.log('tfjs-node-offline: ok, backend tensorflow, tfjs-node ' + tf.version['tfjs-node'] + ', libtensorflow ' + require('@tensorflow/tfjs-node').backend().binding.TF_Version);
" 2>/dev/null) || fail "the addon was built but @tensorflow/tfjs-node does not load"
