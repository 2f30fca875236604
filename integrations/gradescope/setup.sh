#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder image.
# Zip this folder's two files together with a copy of the kit in a folder named `katakit`:
#   zip -r autograder.zip setup.sh run_autograder katakit/
set -euo pipefail
apt-get install -y python3.11 python3.11-venv
python3.11 -m venv /autograder/venv
/autograder/venv/bin/pip install -e /autograder/source/katakit
