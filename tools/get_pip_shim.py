"""Offline stand-in for ansible-test's get-pip-X.Y.py bootstrap script.

ansible-test downloads get-pip from ci-files.testing.ansible.com (not reachable
here) whenever it creates a virtual environment: every sanity test that has
requirements (even with --local) and `units --venv`. It runs the script as
    python get_pip.py --disable-pip-version-check pip==X.Y --no-setuptools --no-wheel
This shim bootstraps pip from the stdlib's bundled wheel (ensurepip), then lets
that pip install the requested packages from the normal package index.
Save it as ~/.ansible/test/cache/get_pip_<X>_<Y>.py (24_2 for ansible-core 2.19, 25_2 for 2.21).
"""
import ensurepip
import os
import subprocess
import sys

ensurepip.bootstrap(upgrade=True, default_pip=True)
# ensurepip leaves PIP_CONFIG_FILE=/dev/null in os.environ; drop it so the
# machine-wide pip.conf (index and CA bundle) applies to the install below.
os.environ.pop("PIP_CONFIG_FILE", None)
args = [a for a in sys.argv[1:] if a not in ("--no-setuptools", "--no-wheel")]
if [a for a in args if not a.startswith("-")]:
    subprocess.check_call([sys.executable, "-m", "pip", "install"] + args)
