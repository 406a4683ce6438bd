"""The command line of one algorithm run, from the values chosen in Processing."""
from qgis.core import QgsProcessingException, QgsVectorFileWriter

# Formats leefbaar reads directly (GDAL/OGR): a layer stored in one of these is passed as
# it is; any other layer (memory, a service, a selection, a filter) is written to a
# temporary GeoPackage first.
READABLE = sorted(set(QgsVectorFileWriter.supportedFormatExtensions()) | {"gpkg", "shp", "geojson", "fgb", "csv", "sqlite"})


def _text(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def _emit(spec, values, out):
    """values: a list of strings; positional or flag, lists comma-joined or repeated."""
    p = spec.p
    if spec.kind == "boolean":
        out.append(p["flag"])  # set only when it differs from the default: --lisa, --no-repair
    elif p["positional"]:
        out.extend(values)
    elif p.get("comma_separated"):
        out.extend([p["flag"], ",".join(values)])
    else:
        for v in values:
            out.extend([p["flag"], v])


def _differs(spec, value):
    p = spec.p
    if p["required"] or "default_text" in p or p.get("default") is None:
        return True
    d = p["default"]
    if isinstance(d, (int, float)) and not isinstance(d, bool):
        return float(value) != float(d)
    return value != d


def _split(text):
    return [t.strip() for t in text.split(",") if t.strip()]


class ArgumentBuilder:
    def __init__(self, alg, parameters, context, feedback):
        self.alg, self.parameters, self.context, self.feedback = alg, parameters, context, feedback
        self.outputs = {}   # output parameter -> path
        self.files = {}     # input file parameter -> path
        self.layer = None   # layer name of the vector input

    def given(self, name):
        v = self.parameters.get(name)
        return v is not None and v != ""

    def values(self, spec):
        """The spec's value as a list of strings, or None to leave leefbaar's default."""
        a, P, C, name, kind = self.alg, self.parameters, self.context, spec.p["name"], spec.kind
        if kind == "source":
            if not self.given(name):
                return None
            path, layer = a.parameterAsCompatibleSourceLayerPathAndLayerName(P, name, C, READABLE, "gpkg", self.feedback)
            if not path:
                raise QgsProcessingException("%s: the layer could not be read" % name)
            self.layer = layer or None
            return [path]
        if kind in ("file", "vector_out", "file_out"):
            path = {"file": a.parameterAsFile, "vector_out": a.parameterAsOutputLayer,
                    "file_out": a.parameterAsFileOutput}[kind](P, name, C) if self.given(name) else ""
            if path:
                (self.files if kind == "file" else self.outputs)[name] = path
            return [path] if path else None
        if kind == "files":
            files = a.parameterAsFileList(P, name, C) if self.given(name) else []
            return files or None
        if kind == "field":
            fields = a.parameterAsFields(P, name, C) if self.given(name) else []
            return fields or None
        return self._scalar(spec)

    def _scalar(self, spec):
        a, P, C, name, kind = self.alg, self.parameters, self.context, spec.p["name"], spec.kind
        if not self.given(name):
            return None
        if kind == "choice":
            value = a.parameterAsEnumString(P, name, C)
        elif kind == "integer":
            value = a.parameterAsInt(P, name, C)
        elif kind == "number":
            value = a.parameterAsDouble(P, name, C)
        elif kind == "boolean":
            value = a.parameterAsBoolean(P, name, C)
            return [] if _differs(spec, value) else None  # the flag alone says it (--no-repair)
        else:
            value = a.parameterAsString(P, name, C)
            if kind != "string":  # string_list, number_list
                parts = _split(value)
                return parts or None
        return [_text(value)] if _differs(spec, value) else None

    def step_args(self, specs, step):
        """Positional arguments first (CLI11 takes them anywhere, but it reads better)."""
        positional, flagged = [], []
        names = {p["name"] for p in step["parameters"]}
        for spec in specs:
            if spec.qgis is None:
                continue
            vals = self.values(spec)
            if vals is not None:
                _emit(spec, vals, positional if spec.p["positional"] else flagged)
        if self.layer and "layer" in names:
            flagged += ["--layer", self.layer]
        wants_update = "update" in names and self.alg.parameterAsBoolean(self.parameters, "update", self.context)
        if "overwrite" in names and not wants_update:
            flagged.append("--overwrite")
        return positional + flagged
