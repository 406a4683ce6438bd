#!/usr/bin/python3
"""The leefbaar Processing provider (tools/qgis/leefbaar_provider) in real QGIS, headless:
every step of `leefbaar describe --json` is an algorithm with the parameters the JSON
declares; algorithms run through processing.run on the Heerlen sample give the outputs the
CLI gives, with progress up to 100 %; a cancelled run stops with leefbaar's "cancelled"
exit code (4, docs/exit-codes.md) and leaves nothing behind.

Usage: check_provider.py LEEFBAAR SOURCE_DIR WORK_DIR [PLUGINS_DIR]
(PLUGINS_DIR holds leefbaar_provider/, e.g. the unpacked plugin zip; default tools/qgis.)
Exit 0 ok, 1 a check failed, 77 PyQGIS is not installed (ctest: skipped).
"""
import json
import os
import subprocess
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
leefbaar, src, work = (os.path.abspath(a) for a in sys.argv[1:4])
os.environ["LEEFBAAR_EXE"] = leefbaar
sys.path.insert(0, "/usr/share/qgis/python/plugins")
sys.path.insert(0, os.path.abspath(sys.argv[4]) if len(sys.argv) > 4 else os.path.join(src, "tools", "qgis"))
try:
    from qgis.core import (QgsApplication, QgsProcessingContext, QgsProcessingException, QgsProcessingFeedback,
                           QgsProcessingOutputLayerDefinition, QgsProject, QgsVectorLayer)
except ImportError as e:
    print("skipped: PyQGIS is not importable (%s); apt-get install qgis python3-qgis" % e)
    sys.exit(77)

from provider_checks import check, failures, check_parameters, expected_fields  # noqa: E402

HEERLEN = os.path.join(src, "sample-data", "heerlen")
# The Heerlen sample has 57 buurten (sample-data/heerlen/README.md).
BUURTEN = 57


class Feedback(QgsProcessingFeedback):
    """Records progress and the log; cancels once the run has reported progress when asked."""

    def __init__(self, cancel_at=None):
        super().__init__()
        self.progress_seen, self.log, self.cancel_at = [], [], cancel_at
        self.progressChanged.connect(self._on_progress)

    def _on_progress(self, value):
        self.progress_seen.append(value)
        if self.cancel_at is not None and 0 < value and len(self.progress_seen) >= self.cancel_at:
            self.cancel()

    def pushInfo(self, info):
        self.log.append(info)
        super().pushInfo(info)


def run(alg, params, feedback=None, context=None):
    import processing
    feedback = feedback or Feedback()
    context = context or QgsProcessingContext()
    context.setProject(QgsProject.instance())
    return processing.run("leefbaar:" + alg, params, feedback=feedback, context=context), feedback, context


def layer(path, name):
    return QgsVectorLayer("%s|layername=%s" % (path, name), name, "ogr")


def check_progress(fb, what):
    seen = fb.progress_seen
    check(seen and max(seen) == 100, "%s: progress reached 100 %% (max %s)" % (what, max(seen) if seen else None))
    check(any(0 < v < 100 for v in seen), "%s: progress streamed from leefbaar (%d values between 0 and 100)"
          % (what, len([v for v in seen if 0 < v < 100])))


def check_run(describe):
    """The project file of the Heerlen sample; its layers load with their default styles."""
    out = os.path.join(work, "run.gpkg")
    dest = QgsProcessingOutputLayerDefinition(out, QgsProject.instance())
    # run's GeoPackage is [output] gpkg given again: the parameter is gpkg (-o).
    res, fb, ctx = run("run", {"project": os.path.join(HEERLEN, "liveability.toml"), "gpkg": dest,
                               "report": os.path.join(work, "run.json"), "html": os.path.join(work, "run.html"), "runs": 20})
    check(res.get("gpkg") == out and os.path.isfile(out), "run: wrote %s (results %s)" % (out, res.get("gpkg")))
    check(os.path.isfile(os.path.join(work, "run.json")) and os.path.isfile(os.path.join(work, "run.html")), "run: wrote the JSON and HTML reports")
    check("buurten" in res.get("stdout", ""), "run: leefbaar's summary is the stdout output")
    check_progress(fb, "run")
    buurten = layer(out, "buurten")
    check(buurten.isValid() and buurten.featureCount() == BUURTEN, "run: layer buurten valid with %d features (got %d)" % (BUURTEN, buurten.featureCount()))
    step = next(s for s in describe["steps"] if s["name"] == "run")
    missing = expected_fields(step, "gpkg", {"<indicator>": "bijstand", "<domain>": "income"}) - set(buurten.fields().names())
    check(not missing, "run: buurten has the fields describe lists (missing %s)" % sorted(missing))
    # Processing loads each layer of the GeoPackage with its default style (layer_styles):
    # the index in the nine Leefbaarometer classes (tests/e2e/qgis/heerlen_run_expect.json).
    to_load = {d.name: uri for uri, d in ctx.layersToLoadOnCompletion().items()}
    check(set(to_load) == {"buurten", "index_audit", "regions", "areas_wijk", "areas_stadsdeel", "areas_programma", "areas_gemeente",
                            "validation"},
          "run: layers to load %s" % sorted(to_load))
    from processing.gui.Postprocessing import handleAlgorithmResults
    import processing
    handleAlgorithmResults(QgsApplication.processingRegistry().algorithmById("leefbaar:run"), ctx, fb)
    loaded = {l.name(): l for l in QgsProject.instance().mapLayers().values()}
    r = loaded["buurten"].renderer() if "buurten" in loaded else None
    check(r is not None and r.type() == "categorizedSymbol" and len(r.categories()) == 10,
          "run: buurten loaded with its default style, 9 classes + no value (got %s, %s)"
          % (r and r.type(), r and len(r.categories())))
    return out


def cli(*args):
    r = subprocess.run([leefbaar, "--quiet"] + list(args), capture_output=True, text=True)
    check(r.returncode == 0, "CLI %s: exit 0 (%s)" % (" ".join(args[:2]), r.stderr.strip()))


def check_weights(gpkg):
    """weights through QGIS writes what the CLI writes."""
    res, fb, _ = run("weights", {"polygons": "%s|layername=buurten" % gpkg, "key": "buurtcode", "output": os.path.join(work, "qgis.gal")})
    cli("weights", gpkg, "-l", "buurten", "--key", "buurtcode", "-o", os.path.join(work, "cli.gal"))
    with open(os.path.join(work, "qgis.gal")) as a, open(os.path.join(work, "cli.gal")) as b:
        qgis_gal, cli_gal = a.read(), b.read()
    check(qgis_gal == cli_gal and qgis_gal.split()[1] == str(BUURTEN), "weights: the GAL equals the CLI's, %d units (header %r)"
          % (BUURTEN, qgis_gal.splitlines()[0] if qgis_gal else ""))
    check_progress(fb, "weights")


def check_local(describe, gpkg, alg, prefix):
    """lisa / hotspots of the index: 57 features with the fields describe lists."""
    out = os.path.join(work, alg + ".gpkg")
    res, fb, _ = run(alg, {"polygons": "%s|layername=buurten" % gpkg, "fields": ["index"], "permutations": 99, "seed": 2019,
                           "output": out, "report": os.path.join(work, alg + ".json")})
    l = layer(out, "buurten")
    check(l.isValid() and l.featureCount() == BUURTEN, "%s: layer valid with %d features (got %d)" % (alg, BUURTEN, l.featureCount()))
    step = next(s for s in describe["steps"] if s["name"] == alg)
    wanted = {f for f in expected_fields(step, "output", {"<field>": "index"}) if f.startswith(prefix)}
    check(wanted and wanted <= set(l.fields().names()), "%s: fields %s present" % (alg, sorted(wanted)))
    with open(os.path.join(work, alg + ".json")) as f:
        report = json.load(f)
    check(report.get("run_id"), "%s: the JSON report carries a run id" % alg)
    check_progress(fb, alg)


def check_other_steps(gpkg):
    """info, join, score, cluster, style and report run from QGIS too."""
    res, _, _ = run("info", {"source": os.path.join(HEERLEN, "heerlen_buurten.gpkg")})
    check("buurtcode" in res["stdout"], "info: the fields are in its stdout output")
    joined = os.path.join(work, "join.gpkg")
    run("join", {"polygons": os.path.join(HEERLEN, "heerlen_buurten.gpkg") + "|layername=buurten", "key": "buurtcode",
                 "table": [os.path.join(HEERLEN, "kwb_heerlen_2019.csv")], "table_key": "code", "output": joined,
                 "report": os.path.join(work, "join.json")})
    l = layer(joined, "buurten")
    check(l.featureCount() == BUURTEN and "Bevolking_Aantal_inwoners" in l.fields().names(),
          "join: %d buurten with the CBS columns (got %d)" % (BUURTEN, l.featureCount()))
    scored = os.path.join(work, "score.gpkg")
    run("score", {"units": joined + "|layername=buurten", "project": os.path.join(HEERLEN, "liveability.toml"), "output": scored, "runs": 0})
    l = layer(scored, "buurten")
    check(l.featureCount() == BUURTEN and "index" in l.fields().names(), "score: %d buurten with an index" % BUURTEN)
    clustered = os.path.join(work, "cluster.gpkg")
    run("cluster", {"polygons": gpkg + "|layername=buurten", "fields": ["d_income", "d_housing"], "method": "ward", "clusters": 4,
                    "missing": "mean", "output": clustered})
    l = layer(clustered, "buurten")
    # Ward with clusters = 4 puts the 57 buurten into exactly 4 clusters (by definition).
    check(len(l.uniqueValues(l.fields().indexOf("cluster"))) == 4, "cluster: 4 clusters")
    del l  # QGIS's OGR connection pool would keep reading the file that style replaces
    res, _, _ = run("style", {"gpkg": clustered, "project_name": "via QGIS"})
    import sqlite3
    with sqlite3.connect(clustered) as db:
        projects = [r[0] for r in db.execute("SELECT name FROM qgis_projects")]
    check(res.get("gpkg") == clustered and "via QGIS" in projects,
          "style: the GeoPackage styled in place, with the project named in the dialog (projects %s)" % projects)
    html = os.path.join(work, "report.html")
    run("report", {"gpkg": gpkg, "output": html, "title": "Heerlen via QGIS"})
    with open(html, encoding="utf-8") as f:
        check("Heerlen via QGIS" in f.read(), "report: the HTML report with its title")


def check_error(gpkg):
    """A leefbaar error reaches QGIS with leefbaar's own message: 'naam' is a text field."""
    try:
        run("lisa", {"polygons": "%s|layername=buurten" % gpkg, "fields": ["naam"], "output": os.path.join(work, "bad.gpkg")})
        check(False, "lisa on a text field raises")
    except QgsProcessingException as e:
        check("naam" in str(e) and "hint:" in str(e), "error: leefbaar's message and hint (%s)" % str(e).replace("\n", " | ")[:200])
    check(not os.path.exists(os.path.join(work, "bad.gpkg")), "error: no output written")


def check_cancel():
    """A long run (10^6 Monte Carlo runs) cancelled after its first progress reports."""
    folder = os.path.join(work, "cancel")
    os.makedirs(folder)
    fb = Feedback(cancel_at=3)
    res, fb, _ = run("run", {"project": os.path.join(HEERLEN, "liveability.toml"), "gpkg": os.path.join(folder, "long.gpkg"),
                             "report": os.path.join(folder, "long.json"), "html": os.path.join(folder, "long.html"), "runs": 1000000}, fb)
    check(fb.isCanceled(), "cancel: the feedback was cancelled")
    check(any("exited with code 4 (cancelled)" in m for m in fb.log), "cancel: leefbaar exited with code 4 (log: %s)" % fb.log[-3:])
    check(os.listdir(folder) == [], "cancel: nothing left in the output folder (%s)" % os.listdir(folder))
    check("output" not in res, "cancel: no output in the results")


def main():
    if os.path.isdir(work):
        import shutil
        shutil.rmtree(work)
    os.makedirs(work)
    app = QgsApplication([], False)
    app.initQgis()
    from processing.core.Processing import Processing
    Processing.initialize()
    import leefbaar_provider
    from leefbaar_provider.plugin import LeefbaarPlugin
    check(os.path.dirname(os.path.dirname(os.path.abspath(leefbaar_provider.__file__))) == sys.path[0],
          "the plugin is the one under test (%s)" % leefbaar_provider.__file__)
    plugin = LeefbaarPlugin()
    plugin.initProcessing()
    describe = json.loads(subprocess.run([leefbaar, "describe", "--json"], capture_output=True, check=True).stdout)
    check_parameters(QgsApplication.processingRegistry(), describe, os.path.join(HEERLEN, "heerlen_buurten.gpkg"))
    gpkg = check_run(describe)
    check_weights(gpkg)
    check_local(describe, gpkg, "lisa", "lisa_")
    check_local(describe, gpkg, "hotspots", "gi_")
    check_other_steps(gpkg)
    check_error(gpkg)
    check_cancel()
    plugin.unload()
    print("%d check(s) failed" % len(failures) if failures else "all checks passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
