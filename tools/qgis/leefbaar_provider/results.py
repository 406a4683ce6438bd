"""The files a run wrote, and their layers loaded into the project with the default styles
leefbaar stored in the GeoPackage (its layer_styles table)."""
import os

from qgis.core import QgsProcessingContext, QgsProcessingLayerPostProcessorInterface, QgsVectorLayer

# GeoPackage tables that are not result layers.
NOT_LAYERS = {"layer_styles", "qgis_projects"}


def written(step, args):
    """Output parameter -> path, for every output of the step that was written; an output
    that is an input file (style works in place) is that file."""
    out = {}
    for io in step.get("outputs", []):
        path = args.outputs.get(io["param"]) or args.files.get(io["param"])
        if path and os.path.exists(path):
            out[io["param"]] = path
    return out


def layer_names(path):
    """The tables GDAL lists in a GeoPackage: its feature and attribute layers."""
    from osgeo import ogr
    ds = ogr.Open(path)
    if ds is None:
        return []
    names = [ds.GetLayer(i).GetName() for i in range(ds.GetLayerCount())]
    return [n for n in names if n not in NOT_LAYERS]


class DefaultStyle(QgsProcessingLayerPostProcessorInterface):
    """Processing loads result layers without their default style; this loads it."""
    instances = []  # Processing keeps only a pointer: the Python objects must outlive the run

    def postProcessLayer(self, layer, context, feedback):
        if isinstance(layer, QgsVectorLayer):
            message, ok = layer.loadDefaultStyle()
            if not ok:
                feedback.pushInfo("%s: no default style (%s)" % (layer.name(), message))
            layer.triggerRepaint()

    @classmethod
    def create(cls):
        cls.instances.append(cls())
        return cls.instances[-1]


def load_layers(step, written_paths, context, feedback):
    """Replaces Processing's "load the output file" by one entry per layer of each
    GeoPackage the step wrote, when the user asked for the output to be loaded."""
    to_load = context.layersToLoadOnCompletion()
    kinds = {io["param"]: io["kind"] for io in step.get("outputs", [])}
    for param, path in written_paths.items():
        if kinds.get(param) != "geopackage":
            continue
        details = to_load.pop(path, None)
        if details is None or details.project is None:
            continue  # not asked to be loaded (or styled in place: already open)
        for name in layer_names(path):
            d = QgsProcessingContext.LayerDetails(name, details.project, param)
            d.setPostProcessor(DefaultStyle.create())
            to_load["%s|layername=%s" % (path, name)] = d
    context.setLayersToLoadOnCompletion(to_load)
    feedback.pushInfo("Result layers: %s" % ", ".join(sorted(to_load)) if to_load else "No layers to load")
