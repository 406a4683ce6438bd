#!/usr/bin/python3
"""What a reader sees of the index in QGIS (issue 16), checked headless with PyQGIS on
the output of `leefbaar run`:

* no holes: units without a score are drawn in the report's "no value" grey (pixels
  sampled at a point inside each of them in a render of the project's index layer);
* the index legend shows the classification's classes with its labels (every class of
  index_class_label, in class order, then "no value"), and the HTML report's index map
  uses exactly the legend's colours;
* the project has a CRS and a default view over the data;
* map tips and the display expression name the unit and give score, class and rank;
  name labels are set up and switched off;
* one print layout per main map, with title, map, legend, scale bar, north arrow,
  description and source, exported to PDF and PNG; the PNG is not blank and its legend
  shows the class colours.

Usage: check_maps.py RESULTS.gpkg REPORT.html OUTPUT_DIR PROJECT_NAME EXPECT.json
EXPECT.json: {"crs": "EPSG:28992", "index_labels": [...] or null (= those in the data),
  "unscored": [names], "layouts": [names], "source": "Bron: ..."}
Exit 0 ok, 1 a check failed, 77 PyQGIS is not installed (ctest: skipped).
"""
import base64
import json
import os
import re
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
try:
    from qgis.core import (QgsApplication, QgsExpression, QgsExpressionContext, QgsExpressionContextUtils, QgsLayerTreeLayer,
                           QgsLayoutExporter, QgsLayoutItemLegend, QgsLayoutItemMap, QgsLayoutItemPicture, QgsLayoutItemScaleBar,
                           QgsMapRendererSequentialJob, QgsMapSettings, QgsPointXY, QgsProject)
    from qgis.PyQt.QtCore import QSize, Qt
    from qgis.PyQt.QtGui import QColor, QImage
except ImportError as e:
    print("skipped: PyQGIS is not importable (%s); apt-get install qgis python3-qgis" % e)
    sys.exit(77)

NO_VALUE = ("no value", "#d9d9d9")  # output::kNoValueLabel / kNoValueColour
failures = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        failures.append(what)


def null(v):
    """PyQGIS gives NULL as a null QVariant, not None."""
    return v is None or (hasattr(v, "isNull") and v.isNull())


def legend(layer):
    """(label, colour) of each legend entry of a layer's renderer, in legend order."""
    return [(it.label(), it.symbol().color().name()) for it in layer.renderer().legendSymbolItems()]


def report_map_colours(html_path, figure_id):
    """Set of colours in the report's map figure (a PNG inside the HTML)."""
    html = open(html_path, encoding="utf-8").read()
    m = re.search(r'<figure id="%s">\s*<h2>[^<]*</h2>\s*<img [^>]*src="data:image/png;base64,([^"]+)"' % re.escape(figure_id), html)
    if not m:
        return None
    img = QImage.fromData(base64.b64decode(m.group(1)), "PNG")
    return {QColor(img.pixel(x, y)).name() for y in range(img.height()) for x in range(img.width())}


def render(layer, extent, size):
    ms = QgsMapSettings()
    ms.setLayers([layer])
    ms.setDestinationCrs(layer.crs())
    ms.setExtent(extent)
    ms.setOutputSize(size)
    ms.setBackgroundColor(QColor(255, 255, 255))
    job = QgsMapRendererSequentialJob(ms)
    job.start()
    job.waitForFinished()
    return job.renderedImage(), ms


def check_index_legend(project, layer, html, expect):
    entries = legend(layer)
    labels = [e[0] for e in entries]
    # The classes in the data, in class order: what the classification produced.
    in_data = {}
    for f in layer.getFeatures():
        if not null(f["index_class"]):
            in_data[int(f["index_class"])] = f["index_class_label"]
    want = expect.get("index_labels") or [in_data[k] for k in sorted(in_data)]
    check(labels == want + [NO_VALUE[0]], "index legend labels %s + 'no value' (got %s)" % (want, labels))
    for k, label in in_data.items():
        check(k - 1 < len(labels) and labels[k - 1] == label, "legend entry %d is the data's class label %r" % (k, label))
    check(entries[-1] == NO_VALUE, "last legend entry is 'no value' in %s (got %s)" % (NO_VALUE[1], entries[-1]))
    colours = report_map_colours(html, "map-index")
    check(colours is not None, "the report has the index map")
    if colours:
        # Class colours of classes with members are in the report's map (fills); all are
        # in its legend (swatches) -- the same colours QGIS uses.
        missing = [e for e in entries[:-1] if e[1] not in colours]
        check(not missing, "every QGIS legend colour is in the report's index map (missing %s)" % missing)
    return entries


def check_no_holes(layer, unscored, entries):
    img, ms = render(layer, layer.extent(), QSize(900, 1200))
    img.save(os.path.join(OUT, "index_render.png"), "PNG")
    m2p = ms.mapToPixel()
    by_label = dict(entries)
    found = []
    for f in layer.getFeatures():
        name = f["naam"]
        p = f.geometry().pointOnSurface().asPoint()
        px = m2p.transform(QgsPointXY(p.x(), p.y()))
        colour = QColor(img.pixel(int(round(px.x())), int(round(px.y())))).name()
        if name in unscored:
            found.append(name)
            check(null(f["index"]), "%s has no score" % name)
            check(colour == NO_VALUE[1], "%s is drawn 'no value' grey at its interior point (pixel %s)" % (name, colour))
        elif not null(f["index_class_label"]):
            check(colour == by_label.get(f["index_class_label"]), "%s is drawn in the colour of %r, %s (pixel %s)"
                  % (name, f["index_class_label"], by_label.get(f["index_class_label"]), colour))
    check(sorted(found) == sorted(unscored), "the unscored buurten %s are in the layer (found %s)" % (unscored, found))


def check_tips_and_labels(layer):
    check(layer.displayExpression() == '"naam"', "display expression is the unit name (got %r)" % layer.displayExpression())
    tip = layer.mapTipTemplate()
    check(tip != "", "the layer has a map tip")
    ctx = QgsExpressionContext(QgsExpressionContextUtils.globalProjectLayerScopes(layer))
    scored = next(f for f in layer.getFeatures() if not null(f["index"]) and not null(f["rank_p05"]))
    ctx.setFeature(scored)
    text = QgsExpression.replaceExpressionText(tip, ctx)
    print("     map tip: " + text)
    for part in (scored["naam"], "Liveability index: %.1f" % scored["index"], "Class: " + scored["index_class_label"],
                 "Rank: %d" % scored["index_rank"], "90 % interval"):
        check(part in text, "map tip shows %r" % part)
    unscored = next(f for f in layer.getFeatures() if null(f["index"]))
    ctx.setFeature(unscored)
    text = QgsExpression.replaceExpressionText(tip, ctx)
    check("Liveability index: no value" in text and "Class: no value" in text, "map tip of an unscored unit says 'no value' (%s)" % text)
    check(layer.labeling() is not None and not layer.labelsEnabled(), "name labels are set up and switched off")
    if layer.labeling() is not None:
        check(layer.labeling().settings().fieldName == '"naam"', "labels show the unit name (got %r)" % layer.labeling().settings().fieldName)


def check_layout(layout, project, want_legend, expect):
    name = layout.name()
    safe = "".join(c if c.isalnum() else "_" for c in name)
    items = {i.id(): i for i in layout.items() if hasattr(i, "id") and callable(i.id) and i.id()}
    for want in ("map", "legend", "scalebar", "north", "title", "description", "source"):
        check(want in items, "layout %r has the %s item" % (name, want))
    mp, lg = items.get("map"), items.get("legend")
    check(isinstance(mp, QgsLayoutItemMap) and mp.crs().authid() == expect["crs"], "layout %r map in %s" % (name, expect["crs"]))
    check(isinstance(items.get("scalebar"), QgsLayoutItemScaleBar) and items["scalebar"].linkedMap() is mp,
          "layout %r scale bar linked to its map" % name)
    north = items.get("north")
    check(isinstance(north, QgsLayoutItemPicture) and not north.isMissingImage(), "layout %r north arrow SVG found (%s)"
          % (name, north.picturePath() if north else None))
    check(items.get("source") is not None and items["source"].text() == expect["source"], "layout %r source statement" % name)
    check(items.get("title") is not None and name in items["title"].text(), "layout %r title names the map" % name)
    exporter = QgsLayoutExporter(layout)
    pdf, png = os.path.join(OUT, "layout_%s.pdf" % safe), os.path.join(OUT, "layout_%s.png" % safe)
    check(exporter.exportToPdf(pdf, QgsLayoutExporter.PdfExportSettings()) == QgsLayoutExporter.Success, "layout %r exports to PDF" % name)
    check(os.path.exists(pdf) and open(pdf, "rb").read(5) == b"%PDF-" and os.path.getsize(pdf) > 20000, "layout %r PDF written" % name)
    settings = QgsLayoutExporter.ImageExportSettings()
    settings.dpi = 96
    check(exporter.exportToImage(png, settings) == QgsLayoutExporter.Success, "layout %r exports to PNG" % name)
    img = QImage(png)
    painted, colours = 0, set()
    for y in range(0, img.height(), 3):
        for x in range(0, img.width(), 3):
            c = img.pixel(x, y) & 0xFFFFFF
            colours.add(c)
            painted += c != 0xFFFFFF
    share = painted / float((img.height() // 3 + 1) * (img.width() // 3 + 1))
    # A4 at 96 dpi: the map frame is half the page, the rest white paper with text.
    check(share > 0.1 and len(colours) > 50, "layout %r PNG is not blank (%.0f %% painted, %d colours)" % (name, 100 * share, len(colours)))
    # After the export: the regions' legend lists what its map shows, filtered when drawn.
    labels = []
    if isinstance(lg, QgsLayoutItemLegend):
        model = lg.model()
        for node in model.rootGroup().findLayers():
            labels += [n.data(Qt.DisplayRole) for n in model.layerLegendNodes(node)]
    check(labels == [e[0] for e in want_legend], "layout %r legend entries %s (got %s)" % (name, [e[0] for e in want_legend], labels))
    if isinstance(lg, QgsLayoutItemLegend):
        # The legend's swatches, in the PNG inside the legend's frame: every class colour.
        r = lg.sceneBoundingRect()
        k = settings.dpi / 25.4
        inside = {QColor(img.pixel(x, y)).name() for y in range(int(r.top() * k), min(img.height(), int(r.bottom() * k)))
                  for x in range(int(r.left() * k), min(img.width(), int(r.right() * k)))}
        missing = [e for e in want_legend if e[1] not in inside]
        check(not missing, "layout %r PNG legend shows every class colour (missing %s)" % (name, missing))


def main():
    global OUT
    gpkg, html, OUT, project_name = os.path.abspath(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
    expect = json.load(open(sys.argv[5]))
    os.makedirs(OUT, exist_ok=True)
    app = QgsApplication([], False)
    app.initQgis()
    project = QgsProject.instance()
    check(project.read("geopackage:%s?projectName=%s" % (gpkg, project_name)), "embedded project loads")
    check(project.crs().authid() == expect["crs"], "project CRS %s (got %r)" % (expect["crs"], project.crs().authid()))
    layers = {l.name(): l for l in project.mapLayers().values()}
    index = layers.get("Liveability index")
    check(index is not None, "project has the index layer")
    if index is None:
        return 1
    view = project.viewSettings().defaultViewExtent()
    check(view.crs().authid() == expect["crs"] and view.contains(index.extent()), "default view %s contains the data %s"
          % (view.toString(0), index.extent().toString(0)))
    entries = check_index_legend(project, index, html, expect)
    # Every default style has its "no value" class in the report's grey.
    for l in layers.values():
        check(legend(l)[-1] == NO_VALUE, "layer %r ends its legend with 'no value' grey" % l.name())
    if expect.get("unscored"):
        check_no_holes(index, expect["unscored"], entries)
        check_tips_and_labels(index)
    layouts = {l.name(): l for l in project.layoutManager().printLayouts()}
    check(sorted(layouts) == sorted(expect["layouts"]), "print layouts %s (got %s)" % (expect["layouts"], sorted(layouts)))
    for name, layout in layouts.items():
        layer = layers.get(name)
        want = legend(layer) if layer else []
        if name == "Regions":  # its legend lists what the map shows: no 'no value'
            want = [e for e in want if e != NO_VALUE]
        check_layout(layout, project, want, expect)
    if failures:
        print("%d check(s) failed" % len(failures))
        return 1
    print("all map checks passed")
    return 0


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    os._exit(code)  # no Qt/SIP teardown (see check_gpkg.py)
