"""Checks of the leefbaar Processing provider's algorithms against `leefbaar describe --json`
(used by check_provider.py)."""
import re

failures = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        failures.append(what)


# describe type (docs/describe.md) -> the Processing parameter type it becomes
# (tools/qgis/leefbaar_provider/parameters.py; docs/qgis-plugin.md).
TYPES = {"boolean": "boolean", "integer": "number", "number": "number", "choice": "enum", "string": "string",
         "string_list": "string", "number_list": "string"}
HIDDEN = {"overwrite", "progress", "quiet"}


def expected_type(step, p):
    kinds = {io["param"]: io["kind"] for io in step["inputs"] + step["outputs"]}
    has_vector = any(q["type"] == "input_path" and kinds.get(q["name"]) == "vector" for q in step["parameters"])
    if p["name"] in HIDDEN or (p["name"] == "layer" and has_vector):
        return None
    if p["type"] == "input_path":
        return "source" if kinds.get(p["name"]) == "vector" else "file"
    if p["type"] == "output_path":
        return "vectorDestination" if kinds.get(p["name"]) == "geopackage" else "fileDestination"
    if p.get("meta") == "FIELD" and has_vector and p["type"] in ("string", "string_list"):
        return "field"
    if p["type"] == "string_list" and p.get("meta") == "FILE":
        return "multilayer"
    return TYPES[p["type"]]


def check_param(alg, step, p):
    want = expected_type(step, p)
    d = alg.parameterDefinition(p["name"])
    where = "%s %s" % (step["name"], p["name"])
    if want is None:
        check(d is None, "%s: not shown (the provider sets it)" % where)
        return
    if d is None:
        check(False, "%s: is a parameter" % where)
        return
    ok = d.type() == want and d.help() == p["help"]
    if want == "enum":
        ok = ok and d.options() == p["choices"] and d.usesStaticStrings()
        ok = ok and ("default_text" in p or d.defaultValue() == p["default"])
    if want == "number":
        ok = ok and (("min" not in p or d.minimum() == p["min"]["value"]) and ("max" not in p or d.maximum() == p["max"]["value"]))
        ok = ok and ("default_text" in p or p["default"] is None or d.defaultValue() == p["default"])
        ok = ok and (d.dataType() == (0 if p["type"] == "integer" else 1))
    if want == "boolean":
        ok = ok and d.defaultValue() == p["default"]
    if want == "field":
        ok = ok and d.allowMultiple() == (p["type"] == "string_list") and d.parentLayerParameterName() != ""
    if want not in ("vectorDestination",):
        ok = ok and bool(d.flags() & d.FlagOptional) == (not p["required"])
    check(ok, "%s: %s as describe declares it (type %s, help, range, choices, default, optional)" % (where, want, d.type()))


def check_parameters(registry, describe, polygons):
    provider = registry.providerById("leefbaar")
    check(provider is not None and provider.warningMessage() == "", "the provider is registered and found leefbaar")
    names = {a.name() for a in provider.algorithms()}
    steps = [s["name"] for s in describe["steps"]]
    check(names == set(steps), "one algorithm per step %s (got %s)" % (steps, sorted(names)))
    for step in describe["steps"]:
        alg = registry.algorithmById("leefbaar:" + step["name"])
        check(alg is not None and alg.group() == step["category"], "%s: algorithm in group %s" % (step["name"], step["category"]))
        if alg is None:
            continue
        params = {p["name"] for p in step["parameters"]}
        for io in step["inputs"] + step["outputs"]:
            check(io["param"] in params or io["kind"] == "gal/gwt", "%s: describe's %s names a parameter" % (step["name"], io["param"]))
        for p in step["parameters"]:
            check_param(alg, step, p)
    check_by_hand(registry, polygons)


def check_by_hand(registry, polygons):
    """A few expectations stated here, not derived from the JSON, so a wrong reading of it fails."""
    lisa = registry.algorithmById("leefbaar:lisa")
    fields = lisa.parameterDefinition("fields")
    check(fields.type() == "field" and fields.allowMultiple() and fields.parentLayerParameterName() == "polygons",
          "lisa fields: several fields of the polygons layer")
    check(lisa.parameterDefinition("key").type() == "field", "lisa key: a field")
    w = lisa.parameterDefinition("weights")
    check(w.options() == ["queen", "rook", "knn", "distance", "inverse-distance", "kernel", "file"] and w.defaultValue() == "queen",
          "lisa weights: the seven choices, queen by default")
    perm = lisa.parameterDefinition("permutations")
    check((perm.minimum(), perm.maximum(), perm.defaultValue()) == (0, 1000000, 999), "lisa permutations: 0..10^6, default 999")
    alpha = lisa.parameterDefinition("alpha")
    check((alpha.minimum(), alpha.maximum(), alpha.defaultValue()) == (0, 1, 0.05), "lisa alpha: (0, 1), default 0.05")
    from qgis.core import QgsProcessingContext
    ok, msg = lisa.checkParameterValues({"polygons": polygons, "fields": ["index"], "output": "o.gpkg", "alpha": 1.0}, QgsProcessingContext())
    check(not ok and msg == "alpha must be < 1, not 1", "lisa alpha: the excluded bound 1 is refused (%r)" % msg)
    run = registry.algorithmById("leefbaar:run")
    check(run.parameterDefinition("project").type() == "file" and run.parameterDefinition("project").extension() == "toml",
          "run project: a .toml file")
    check(run.parameterDefinition("gpkg").type() == "vectorDestination", "run gpkg (-o): a vector destination")
    check(run.parameterDefinition("runs").defaultValue() is None, "run runs: no default (the project's [uncertainty] runs)")
    check("json" in run.parameterDefinition("report").fileFilter().lower(), "run report: a JSON file")
    cluster = registry.algorithmById("leefbaar:cluster")
    check("skater" in cluster.parameterDefinition("method").options(), "cluster method: skater is a choice")
    check(cluster.parameterDefinition("floor_field").type() == "field", "cluster floor_field: a field")
    check(bool(cluster.parameterDefinition("threads").flags() & cluster.parameterDefinition("threads").FlagAdvanced),
          "global --threads: an advanced parameter")


def expected_fields(step, output, values):
    """The field names describe lists for an output's layers, patterns filled in."""
    names = set()
    for io in step["outputs"]:
        if io["param"] != output:
            continue
        for layer in io["layers"]:
            for f in layer["fields"]:
                name = f["name"]
                for k, v in values.items():
                    name = name.replace(k, v)
                if not re.search(r"[<>]", name):
                    names.add(name)
    return names
