"""Where the leefbaar executable is, and what its steps are (`leefbaar describe --json`)."""
import json
import os
import shutil
import subprocess

SETTING_EXECUTABLE = "LEEFBAAR_EXECUTABLE"
ENV_OVERRIDE = "LEEFBAAR_EXE"  # wins over the setting: handy for tests and portable installs
DESCRIBE_SCHEMA = ("leefbaar.describe", 1)  # docs/describe.md


class DescribeError(Exception):
    pass


def configured_path():
    """The Processing setting ("" when unset); read lazily so the module imports without QGIS running."""
    from processing.core.ProcessingConfig import ProcessingConfig
    return (ProcessingConfig.getSetting(SETTING_EXECUTABLE) or "").strip()


def find_executable(setting=None):
    """LEEFBAAR_EXE, else the setting, else `leefbaar` on PATH; None when none of them is there."""
    for candidate in (os.environ.get(ENV_OVERRIDE, ""), configured_path() if setting is None else setting):
        if candidate:
            return candidate if os.path.isfile(candidate) else shutil.which(candidate)
    return shutil.which("leefbaar")


def describe(executable):
    """The parsed `describe --json` of this executable; DescribeError with the reason otherwise."""
    try:
        r = subprocess.run([executable, "describe", "--json"], stdin=subprocess.DEVNULL, capture_output=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as e:
        raise DescribeError("cannot run %s describe --json: %s" % (executable, e))
    if r.returncode != 0:
        raise DescribeError("%s describe --json failed (exit %d): %s" % (executable, r.returncode, r.stderr.decode("utf-8", "replace").strip()))
    try:
        model = json.loads(r.stdout.decode("utf-8"))
    except ValueError as e:
        raise DescribeError("%s describe --json printed no valid JSON: %s" % (executable, e))
    found = (model.get("schema"), model.get("schema_version"))
    if found != DESCRIBE_SCHEMA:
        raise DescribeError("%s describes itself with schema %s version %s; this plugin reads %s version %s"
                            % ((executable,) + found + DESCRIBE_SCHEMA))
    return model
