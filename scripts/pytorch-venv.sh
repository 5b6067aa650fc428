#!/usr/bin/env bash
# The PyTorch comparison's Python: a virtual environment at .venv-torch with torch (CPU wheel) and NumPy, from pip's
# configured index. The bench uses it by itself when run from the repository root (else set WEFT_PYTHON to
# .venv-torch/bin/python). Re-running it is cheap: pip finds everything installed.
#   WEFT_TORCH  the torch requirement (default torch==2.13.0+cpu: pinning the CPU build avoids a slow backtrack)
set -euo pipefail
cd "$(dirname "$0")/.."
venv=.venv-torch
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
# --retries 0: where only a local index or wheel folder is reachable, pip does not wait on the unreachable default index.
"$venv/bin/python" -m pip install --quiet --retries 0 "${WEFT_TORCH:-torch==2.13.0+cpu}" numpy
"$venv/bin/python" -c 'import sys, torch, numpy; print(f"pytorch-venv: {sys.executable}: torch {torch.__version__}, numpy {numpy.__version__}")'
