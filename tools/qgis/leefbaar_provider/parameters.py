"""One QgsProcessingParameter per parameter of `leefbaar describe --json` (docs/describe.md),
and back from the values the user chose to leefbaar's command-line arguments.

Defaults are leefbaar's own: a parameter whose describe entry has a `default_text` (the bound
value alone would mislead, e.g. "the project's seeds") has no default in QGIS and is passed
only when the user sets it; any other parameter is passed only when it differs from
leefbaar's default, so the command line shows what the user changed.
"""
from qgis.core import (QgsProcessing, QgsProcessingParameterBoolean, QgsProcessingParameterDefinition,
                       QgsProcessingParameterEnum, QgsProcessingParameterFeatureSource, QgsProcessingParameterField,
                       QgsProcessingParameterFile, QgsProcessingParameterFileDestination,
                       QgsProcessingParameterMultipleLayers, QgsProcessingParameterNumber,
                       QgsProcessingParameterString, QgsProcessingParameterVectorDestination)

# Output kinds of describe (IO.kind) -> file filter of the destination.
OUTPUT_FILTERS = {"json": "JSON (*.json)", "html": "HTML (*.html *.htm)", "gal/gwt": "GAL weights (*.gal);;GWT weights (*.gwt)",
                  "geopackage": "GeoPackage (*.gpkg)"}
INPUT_EXTENSIONS = {"toml": "toml", "geopackage": "gpkg"}
# Not shown: QGIS's own file dialogs ask before replacing a file, so outputs are always
# replaced (--overwrite, unless --update is asked for); --progress and --quiet are the
# provider's business.
HIDDEN = {"overwrite", "progress", "quiet"}
ADVANCED = {"where", "update", "threads", "output_layer"}


def label(p):
    text = p["name"].replace("_", " ")
    text = text[0].upper() + text[1:]
    if p.get("category") and p["category"].lower() != text.lower():  # not "Weights: weights"
        text = "%s: %s" % (p["category"], text[0].lower() + text[1:])
    if p.get("unit"):
        text += " [%s]" % p["unit"]
    if p.get("default_text"):
        text += " (default: %s)" % p["default_text"]
    return text


def vector_input(step):
    """The step's input that is a vector layer: the parent of its FIELD parameters."""
    kinds = {io["param"]: io["kind"] for io in step.get("inputs", [])}
    for p in step["parameters"]:
        if p["type"] == "input_path" and kinds.get(p["name"]) == "vector":
            return p["name"]
    return None


class Spec:
    """One describe parameter: its QGIS parameter (None when hidden) and how its value
    becomes command-line arguments."""

    def __init__(self, p, step):
        self.p = p
        self.kind = self._kind(p, step)
        self.parent = vector_input(step)
        self.qgis = None if self.kind == "hidden" else self._definition(step)
        if self.qgis is not None:
            self.qgis.setHelp(p["help"])

    @staticmethod
    def _kind(p, step):
        io_kinds = {io["param"]: io["kind"] for io in step.get("inputs", []) + step.get("outputs", [])}
        t, meta, has_vector = p["type"], p.get("meta"), vector_input(step) is not None
        if p["name"] in HIDDEN or (p["name"] == "layer" and has_vector):
            return "hidden"  # a QGIS layer names its own file and layer
        if t == "input_path":
            return "source" if io_kinds.get(p["name"]) == "vector" else "file"
        if t == "output_path":
            return "vector_out" if io_kinds.get(p["name"]) == "geopackage" else "file_out"
        if meta == "FIELD" and has_vector and t in ("string", "string_list"):
            return "field"
        if t == "string_list" and meta == "FILE":
            return "files"
        return t

    def _definition(self, step):
        p, name, kind = self.p, self.p["name"], self.kind
        optional = not p["required"]
        default = None if "default_text" in p else p.get("default")
        desc = label(p)
        if kind == "source":
            return QgsProcessingParameterFeatureSource(name, desc, [QgsProcessing.TypeVector], None, optional)
        if kind == "file":
            ext = INPUT_EXTENSIONS.get(_io_kind(step, name), "")
            return QgsProcessingParameterFile(name, desc, QgsProcessingParameterFile.File, ext, None, optional)
        if kind == "files":
            return QgsProcessingParameterMultipleLayers(name, desc, QgsProcessing.TypeFile, None, optional)
        if kind == "vector_out":
            # Processing must know where the layers are to load them: always written.
            return QgsProcessingParameterVectorDestination(name, desc, QgsProcessing.TypeVectorAnyGeometry, None, False)
        if kind == "file_out":
            flt = OUTPUT_FILTERS.get(_io_kind(step, name), "")
            return QgsProcessingParameterFileDestination(name, desc, flt, None, optional, not optional)
        if kind == "field":
            return QgsProcessingParameterField(name, desc, default, self.parent, QgsProcessingParameterField.Any,
                                               p["type"] == "string_list", optional)
        if kind == "choice":
            return QgsProcessingParameterEnum(name, desc, p["choices"], False, default, optional, True)
        if kind in ("integer", "number"):
            return self._number(desc, default, optional)
        if kind == "boolean":
            return QgsProcessingParameterBoolean(name, desc, bool(p.get("default")), optional)
        # string, string_list, number_list: lists as comma-separated text
        if isinstance(default, list):
            default = ",".join(str(v) for v in default)
        return QgsProcessingParameterString(name, desc, default, False, optional or kind != "string")

    def _number(self, desc, default, optional):
        p = self.p
        t = QgsProcessingParameterNumber.Integer if p["type"] == "integer" else QgsProcessingParameterNumber.Double
        q = QgsProcessingParameterNumber(p["name"], desc, t, default, optional or default is None)
        if "min" in p:
            q.setMinimum(p["min"]["value"])  # QGIS bounds are inclusive; check() refuses an excluded bound
        if "max" in p:
            q.setMaximum(p["max"]["value"])
        return q

    def check(self, value):
        """leefbaar's message for a number on an excluded bound (QGIS cannot express those)."""
        p = self.p
        if value is None or self.kind not in ("integer", "number"):
            return None
        if "min" in p and not p["min"]["included"] and value <= p["min"]["value"]:
            return "%s must be > %g, not %g" % (p["name"], p["min"]["value"], value)
        if "max" in p and not p["max"]["included"] and value >= p["max"]["value"]:
            return "%s must be < %g, not %g" % (p["name"], p["max"]["value"], value)
        return None


def _io_kind(step, name):
    for io in step.get("inputs", []) + step.get("outputs", []):
        if io["param"] == name:
            return io["kind"]
    return None


def advanced(spec):
    """The advanced section: filters and switches a first run does without."""
    return spec.p["name"] in ADVANCED
