"""The monitor's years layer in real QGIS (issue 13): its default style makes it a
temporal layer on the date field, so that QGIS's temporal controller shows one year at
a time. Loads the layer from the GeoPackage as a user would (default style from
layer_styles) and from the embedded QGIS project, and asks QGIS which features a map
of each year draws.
Usage: check_temporal.py GPKG YEARS_LAYER UNITS_PER_YEAR YEAR..."""
import sys

from qgis.core import (QgsApplication, QgsDateTimeRange, QgsFeatureRequest, QgsProject, QgsVectorLayer,
                       QgsVectorLayerTemporalContext, QgsVectorLayerTemporalProperties)
from qgis.PyQt.QtCore import QDate, QDateTime, QTime, QVariant

gpkg, layer_name, per_year = sys.argv[1], sys.argv[2], int(sys.argv[3])
years = [int(y) for y in sys.argv[4:]]
app = QgsApplication([], False)
app.initQgis()
failures = []


def check(cond, what):
    if not cond:
        failures.append(what)


def check_layer(layer, where):
    check(layer.isValid(), f"{where}: layer not valid")
    date = layer.fields().field("date")
    check(date.type() in (QVariant.Date, QVariant.DateTime), f"{where}: field date is {date.typeName()}, not a date")
    tp = layer.temporalProperties()
    check(tp.isActive(), f"{where}: temporal properties not active")
    check(tp.mode() == QgsVectorLayerTemporalProperties.ModeFeatureDateTimeInstantFromField, f"{where}: temporal mode {tp.mode()}")
    check(tp.startField() == "date", f"{where}: temporal start field '{tp.startField()}'")
    ctx = QgsVectorLayerTemporalContext()
    ctx.setLayer(layer)
    for y in years:
        # What a map of the year y draws: the temporal controller's filter for [y-01-01, y+1-01-01).
        rng = QgsDateTimeRange(QDateTime(QDate(y, 1, 1), QTime(0, 0)), QDateTime(QDate(y + 1, 1, 1), QTime(0, 0)), True, False)
        expr = tp.createFilterString(ctx, rng)
        feats = list(layer.getFeatures(QgsFeatureRequest().setFilterExpression(expr)))
        got = sorted({f["year"] for f in feats})
        check(len(feats) == per_year and got == [y], f"{where}: the map of {y} draws {len(feats)} features of years {got}, not {per_year} of [{y}]")


# A layer added from the GeoPackage: QGIS 3.22 applies the default style's renderer when
# it opens the layer, its temporal settings when the style is (re)loaded (Layer
# Properties > Style > Load default), which is what the check does.
layer = QgsVectorLayer(f"{gpkg}|layername={layer_name}", layer_name, "ogr")
_, loaded = layer.loadDefaultStyle()
check(loaded, "the default style of the years layer loads")
check_layer(layer, "layer with its default style")
# The embedded project: its years layers are temporal as the project opens.
project = QgsProject.instance()
project_name = __import__("sqlite3").connect(gpkg).execute("select name from qgis_projects").fetchone()[0]
check(project.read(f"geopackage:{gpkg}?projectName={project_name}"), "embedded project loads")
temporal = [l for l in project.mapLayers().values() if l.source().endswith(f"layername={layer_name}")]
check(len(temporal) > 0, f"the project has layers of {layer_name}")
for l in temporal:
    check_layer(l, f"project layer '{l.name()}'")
if failures:
    print("\n".join(failures))
    sys.exit(1)
print(f"temporal: {layer_name} shows {per_year} features per year for {years}, as a layer and in the project ({len(temporal)} layers)")
