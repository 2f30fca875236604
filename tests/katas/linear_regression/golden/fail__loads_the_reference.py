"""A wrong solution that tries to pass by executing the kit's reference solution, found through
the katakit package the worker has imported, and by asking a subprocess to read it. The grader
must refuse both at load time, so the submission fails."""
# expect-failing: load

import pathlib
import subprocess
import sys

KIT = pathlib.Path(sys.modules["katakit"].__file__).resolve().parents[1]
try:
    subprocess.run(["cat", str(KIT / "solutions" / "linear_regression.py")], check=False)
except PermissionError:
    pass
exec((KIT / "solutions" / "linear_regression.py").read_text())
