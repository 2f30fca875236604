#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder image.
# Zip this folder's two files together with a copy of the kit in a folder named `katakit`:
#   zip -r autograder.zip setup.sh run_autograder katakit/
# bubblewrap is what isolates each submission (Linux namespaces): the grader refuses to grade
# without it (KATAKIT_ISOLATION=required in run_autograder).
set -euo pipefail
apt-get update
apt-get install -y python3.11 python3.11-venv bubblewrap
python3.11 -m venv /autograder/venv
/autograder/venv/bin/pip install -e /autograder/source/katakit
# fail the build now, not at the first submission, if this image cannot isolate
KATAKIT_ISOLATION=required /autograder/venv/bin/python -c \
  "from katakit.examiner.grading import choose_isolation; print(choose_isolation().summary)"
