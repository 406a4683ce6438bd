#!/usr/bin/python3
"""GeoPackage conformance check of a file leefbaar wrote. Every e2e test that writes a
GeoPackage runs it (tests/support: expect_valid_gpkg; the shell e2e scripts call it).

Checks, all of which must pass:
  1. PRAGMA integrity_check returns the single row "ok".
  2. PRAGMA foreign_key_check returns no row (e.g. no gpkg_metadata_reference row whose
     md_file_id / md_parent_id names a deleted gpkg_metadata record: GDAL then refuses
     to delete or replace layers of the file).
  3. GDAL's validate_gpkg (osgeo_utils.samples.validate_gpkg, Debian's python3-gdal)
     with its extra checks of the table contents, run to the end (-k) so every
     failed requirement is listed, not only the first.

What counts as a failure: every error the validator reports, every warning it gives
(with the extra checks these are values that do not fit their declared column type,
e.g. a text longer than TEXT(30) in layer_styles.styleName), and an exception inside
the validator (it raises one, e.g. "no such table", when a table that a registered
extension requires is missing). GDAL 3.6's own output (ogr2ogr to GPKG, with or without
a spatial index) passes all three checks without warnings, so nothing is exempted: any
message is something leefbaar wrote.

Usage: gpkg_conformance.py FILE.gpkg [FILE.gpkg ...]
Exit 0 all files conform; 1 a check failed (the messages say which); 2 the check
cannot run: python3-gdal is missing (apt-get install python3-gdal) or a file is absent.
Run it with Debian's /usr/bin/python3: python3-gdal is not built for pyenv or venv Pythons.
"""
import os
import sqlite3
import sys


def sqlite_checks(path):
    problems = []
    conn = sqlite3.connect("file:%s?mode=ro" % path, uri=True)
    try:
        rows = conn.execute("PRAGMA integrity_check").fetchall()
        if rows != [("ok",)]:
            problems.append("PRAGMA integrity_check: %s" % "; ".join(str(r[0]) for r in rows))
        for table, rowid, parent, fkid in conn.execute("PRAGMA foreign_key_check").fetchall():
            problems.append("PRAGMA foreign_key_check: %s row %s refers to a missing row of %s (foreign key %s)" % (table, rowid, parent, fkid))
    finally:
        conn.close()
    return problems


def gdal_checks(validate_gpkg, path):
    checker = validate_gpkg.GPKGChecker(path, abort_at_first_error=False, extra_checks=True, log_msg=False, warning_msg=False)
    problems = []
    try:
        checker.check()
    except Exception as e:  # the validator stops on tables an extension needs but lacks
        problems.append("validate_gpkg stopped: %s: %s" % (type(e).__name__, e))
    for req, msg in checker.errors:
        problems.append("validate_gpkg: Req %s: %s" % (req, msg) if req else "validate_gpkg: %s" % msg)
    for msg in checker.warnings:
        problems.append("validate_gpkg warning: %s" % msg)
    return problems


def main(argv):
    if len(argv) < 2:
        print(__doc__)
        return 2
    try:
        from osgeo_utils.samples import validate_gpkg
    except ImportError as e:
        print("FAIL: cannot import GDAL's validate_gpkg (%s) with %s; apt-get install python3-gdal "
              "and run this script with /usr/bin/python3" % (e, sys.executable))
        return 2
    failed = False
    for path in argv[1:]:
        if not os.path.isfile(path):
            print("FAIL: %s does not exist" % path)
            return 2
        problems = sqlite_checks(path) + gdal_checks(validate_gpkg, path)
        for p in problems:
            print("%s: %s" % (path, p))
        failed = failed or bool(problems)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
