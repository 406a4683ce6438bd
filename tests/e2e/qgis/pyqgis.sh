# Sourced by the ctest entries of the QGIS checks: sets $py to the Python that has PyQGIS
# (Debian's python3-qgis is built for the system Python, not for a pyenv or venv one) and
# exits 77 (ctest: skipped) when PyQGIS is not installed (apt-get install qgis python3-qgis).
py=/usr/bin/python3
[ -x "$py" ] || py=python3
if ! QT_QPA_PLATFORM=offscreen "$py" -c "import qgis.core" >/dev/null 2>&1; then
  echo "skipped: PyQGIS is not importable; apt-get install qgis python3-qgis"
  exit 77
fi
