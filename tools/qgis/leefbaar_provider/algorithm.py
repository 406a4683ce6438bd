"""One Processing algorithm per leefbaar step, built from the step's describe entry."""
from qgis.core import (QgsProcessingAlgorithm, QgsProcessingException, QgsProcessingOutputFile, QgsProcessingOutputString,
                       QgsProcessingParameterDefinition, QgsProcessingParameterNumber)

from . import results, runner
from .arguments import ArgumentBuilder
from .parameters import Spec, advanced, label


class LeefbaarAlgorithm(QgsProcessingAlgorithm):
    def __init__(self, step, global_parameters, executable):
        super().__init__()
        self.step = step
        self.global_parameters = global_parameters
        self.executable = executable  # a callable: the path now (the setting may change)
        self.specs = [Spec(p, step) for p in step["parameters"]]

    def createInstance(self):
        return LeefbaarAlgorithm(self.step, self.global_parameters, self.executable)

    def name(self):
        return self.step["name"]

    def displayName(self):
        return "%s: %s" % (self.step["name"], self.step["summary"])

    def group(self):
        return self.step.get("category") or "Other"

    def groupId(self):
        return self.group().lower().replace(" ", "_")

    def shortHelpString(self):
        s = self.step
        parts = ["<p>%s</p><p>Runs <code>leefbaar %s</code>.</p>" % (s["summary"], s["name"])]
        for title, ios in (("Inputs", s.get("inputs", [])), ("Outputs", s.get("outputs", []))):
            if ios:
                items = "".join("<li><b>%s</b> (%s): %s%s</li>" % (io["param"], io["kind"], io["description"], _layers(io)) for io in ios)
                parts.append("<h3>%s</h3><ul>%s</ul>" % (title, items))
        return "".join(parts)

    def initAlgorithm(self, config=None):
        for spec in self.specs:
            if spec.qgis is not None:
                self._add(spec)
        for p in self.global_parameters:
            if p["name"] == "threads":
                q = QgsProcessingParameterNumber("threads", label(p), QgsProcessingParameterNumber.Integer, p["default"], True,
                                                 p["min"]["value"], p["max"]["value"])
                q.setHelp(p["help"])
                q.setFlags(q.flags() | QgsProcessingParameterDefinition.FlagAdvanced)
                self.addParameter(q)
        for io in self.step.get("outputs", []):
            if self.parameterDefinition(io["param"]) is not None and not self.parameterDefinition(io["param"]).isDestination():
                self.addOutput(QgsProcessingOutputFile(io["param"], io["description"]))  # written in place (style)
        self.addOutput(QgsProcessingOutputString("stdout", "What leefbaar printed"))

    def _add(self, spec):
        if advanced(spec):
            spec.qgis.setFlags(spec.qgis.flags() | QgsProcessingParameterDefinition.FlagAdvanced)
        self.addParameter(spec.qgis)

    def checkParameterValues(self, parameters, context):
        ok, message = super().checkParameterValues(parameters, context)
        if not ok:
            return ok, message
        for spec in self.specs:
            if spec.kind in ("integer", "number") and parameters.get(spec.p["name"]) is not None:
                refused = spec.check(self.parameterAsDouble(parameters, spec.p["name"], context))
                if refused:
                    return False, refused
        return True, ""

    def processAlgorithm(self, parameters, context, feedback):
        exe = self.executable()
        if not exe:
            raise QgsProcessingException("leefbaar was not found: set its path in Settings > Options > Processing > Providers > leefbaar")
        args = ArgumentBuilder(self, parameters, context, feedback)
        argv = [exe, "--progress"]
        if parameters.get("threads") not in (None, ""):
            argv += ["--threads", str(self.parameterAsInt(parameters, "threads", context))]
        argv += [self.step["name"]] + args.step_args(self.specs, self.step)
        r = runner.run(argv, feedback)
        if r.cancelled:
            feedback.pushInfo("leefbaar exited with code %d (cancelled); no output was written" % r.code)
            return {"stdout": r.stdout}
        if r.code != runner.EXIT_OK:
            meaning = runner.EXIT_MEANING.get(r.code, "exit code %d" % r.code)
            raise QgsProcessingException(r.errors or "leefbaar stopped with a %s (exit %d)" % (meaning, r.code))
        feedback.setProgress(100)
        written = results.written(self.step, args)
        results.load_layers(self.step, written, context, feedback)
        return dict(written, stdout=r.stdout)


def _layers(io):
    names = [l["name"] for l in io.get("layers", [])]
    return " (layers: %s)" % ", ".join(names) if names else ""
