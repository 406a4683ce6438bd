#!/usr/bin/python3
"""Opens a styled leefbaar GeoPackage in QGIS (PyQGIS, headless) and checks what a user
would see: every layer valid, its default style loaded from the GeoPackage with the
expected renderer and number of classes, the embedded project loading with all its
layers in the expected groups, and every layer rendering to a PNG that is not blank.

Usage: check_gpkg.py RESULTS.gpkg OUTPUT_DIR
Exit 0 ok, 1 a check failed, 77 QGIS (python3-qgis) is not installed (ctest: skipped).
"""
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
try:
    from qgis.core import (QgsApplication, QgsMapRendererSequentialJob, QgsMapSettings, QgsProject, QgsVectorLayer)
    from qgis.PyQt.QtCore import QSize
    from qgis.PyQt.QtGui import QColor
except ImportError as e:
    print("skipped: PyQGIS is not importable (%s); apt-get install qgis python3-qgis" % e)
    sys.exit(77)

# (renderer type, number of classes) of each layer's default style; the synthetic
# fields of make_results.sh give the index 3 classes (index_class 1..3, categorised on
# it) and the regions 4 clusters. Graduated styles are rule-based (a rule per class and
# one for NULL).
EXPECTED_DEFAULT = {"buurten": ("categorizedSymbol", 3), "regions": ("categorizedSymbol", 4)}
EXPECTED_STYLES = {"buurten": {"index", "d_wonen", "d_veiligheid", "lisa_index_cl", "gi_index_bin", "cluster"}, "regions": {"regions"}}
EXPECTED_GROUPS = ["Index", "Domains", "Hot spots", "Clusters", "Regions"]
# Project layers (one per style) and their class counts.
EXPECTED_PROJECT = {"Liveability index": 3, "Domain wonen": 5, "Domain veiligheid": 5, "LISA clusters of index": 7,
                    "Hot and cold spots (Gi*) of index": 7, "Clusters": 4, "Regions": 4}

failures = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        failures.append(what)


NO_VALUE = ("no value", "#d9d9d9")  # output::kNoValueLabel / kNoValueColour


def class_count(renderer):
    """Classes of a style, not counting its 'no value' class."""
    items = [it.label() for it in renderer.legendSymbolItems()]
    return len([l for l in items if l != NO_VALUE[0]])


def has_no_value_class(renderer):
    """The style draws NULL in the report's grey: its last legend entry (issue 16)."""
    items = renderer.legendSymbolItems()
    return bool(items) and (items[-1].label(), items[-1].symbol().color().name()) == NO_VALUE


def render(layers, extent, crs, path):
    """Renders to a PNG; returns (share of non-background pixels, distinct colours)."""
    ms = QgsMapSettings()
    ms.setLayers(layers)
    ms.setDestinationCrs(crs)
    ms.setExtent(extent)
    ms.setOutputSize(QSize(480, 600))
    ms.setBackgroundColor(QColor(255, 255, 255))
    job = QgsMapRendererSequentialJob(ms)
    job.start()
    job.waitForFinished()
    img = job.renderedImage()
    img.save(path, "PNG")
    painted, colours = 0, set()
    for y in range(0, img.height(), 4):
        for x in range(0, img.width(), 4):
            c = img.pixel(x, y) & 0xFFFFFF
            colours.add(c)
            painted += c != 0xFFFFFF
    return painted / float((img.height() // 4) * (img.width() // 4)), len(colours)


PROJECT_NAME = "leefbaar"


def load_expectations(path):
    """Expectations for another output (e.g. the real `leefbaar run` of the Heerlen sample)."""
    global EXPECTED_DEFAULT, EXPECTED_STYLES, EXPECTED_GROUPS, EXPECTED_PROJECT, PROJECT_NAME
    import json
    with open(path) as f:
        e = json.load(f)
    EXPECTED_DEFAULT = {k: tuple(v) for k, v in e["default"].items()}
    EXPECTED_STYLES = {k: set(v) for k, v in e["styles"].items()}
    EXPECTED_GROUPS = e["groups"]
    EXPECTED_PROJECT = e["project"]
    PROJECT_NAME = e["project_name"]


def main():
    gpkg, outdir = os.path.abspath(sys.argv[1]), sys.argv[2]
    if len(sys.argv) > 3:
        load_expectations(sys.argv[3])
    os.makedirs(outdir, exist_ok=True)
    app = QgsApplication([], False)
    app.initQgis()
    print("QGIS", app.version() if hasattr(app, "version") else "")

    for name, (rtype, classes) in EXPECTED_DEFAULT.items():
        vl = QgsVectorLayer("%s|layername=%s" % (gpkg, name), name, "ogr")
        check(vl.isValid(), "layer %s is valid" % name)
        if not vl.isValid():
            continue
        check(vl.renderer().type() == rtype, "layer %s default style renderer %s (got %s)" % (name, rtype, vl.renderer().type()))
        check(class_count(vl.renderer()) == classes, "layer %s default style has %d classes (got %d)" % (name, classes, class_count(vl.renderer())))
        check(has_no_value_class(vl.renderer()), "layer %s default style has a 'no value' class in %s" % (name, NO_VALUE[1]))
        n, ids, names, descs, err = vl.listStylesInDatabase()
        names = names[:n]  # the first n are this layer's, the rest other layers' styles
        check(set(names) == EXPECTED_STYLES[name], "layer %s styles in the GeoPackage %s (got %s)" % (name, sorted(EXPECTED_STYLES[name]), sorted(names)))
        share, colours = render([vl], vl.extent(), vl.crs(), os.path.join(outdir, "layer_%s.png" % name))
        check(share > 0.05 and colours >= 3, "layer %s renders (%.0f %% painted, %d colours)" % (name, 100 * share, colours))
        if name == "regions":
            check(vl.labelsEnabled(), "regions are labelled")
        else:
            check(not vl.labelsEnabled(), "layer %s opens without labels (name labels are there, switched off)" % name)
            # The default style (QML) carries the map tip, as the project does.
            check("Liveability index" in vl.mapTipTemplate(), "layer %s default style has the map tip (got %r)" % (name, vl.mapTipTemplate()))
        # Field descriptions: QGIS shows the title from gpkg_data_columns as the alias.
        if name == "buurten":
            idx = vl.fields().indexOf("index")
            alias = vl.fields().at(idx).alias() if idx >= 0 else ""
            check(alias == "Liveability index", "field 'index' alias from gpkg_data_columns (got %r)" % alias)

    project = QgsProject.instance()
    uri = "geopackage:%s?projectName=%s" % (gpkg, PROJECT_NAME)
    check(project.read(uri), "embedded project %s loads" % uri)
    layers = list(project.mapLayers().values())
    by_name = {l.name(): l for l in layers}
    check(set(by_name) == set(EXPECTED_PROJECT), "project layers %s (got %s)" % (sorted(EXPECTED_PROJECT), sorted(by_name)))
    groups = [g.name() for g in project.layerTreeRoot().children()]
    check(groups == EXPECTED_GROUPS, "project groups %s (got %s)" % (EXPECTED_GROUPS, groups))
    for name, classes in EXPECTED_PROJECT.items():
        l = by_name.get(name)
        if l is None:
            continue
        check(l.isValid(), "project layer '%s' is valid (source %s)" % (name, l.source()))
        if not l.isValid():
            continue
        check(class_count(l.renderer()) == classes, "project layer '%s' has %d classes (got %d)" % (name, classes, class_count(l.renderer())))
        check(has_no_value_class(l.renderer()), "project layer '%s' has a 'no value' class" % name)
        safe = "".join(c if c.isalnum() else "_" for c in name)
        share, colours = render([l], l.extent(), l.crs(), os.path.join(outdir, "project_%s.png" % safe))
        check(share > 0.05 and colours >= 3, "project layer '%s' renders (%.0f %% painted, %d colours)" % (name, 100 * share, colours))
    # No project.clear()/exitQgis(): tearing QGIS down while Python still holds layer
    # wrappers crashes in SIP destructors (a known PyQGIS issue); __main__ exits hard.
    if failures:
        print("%d check(s) failed" % len(failures))
        return 1
    print("all QGIS checks passed")
    return 0


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    # The checks are done: leave without running Qt/SIP destructors at interpreter exit.
    os._exit(code)
