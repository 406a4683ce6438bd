"""The "leefbaar" Processing provider: its algorithms are generated when it loads, from
`leefbaar describe --json` of the configured executable, so the dialogs are always those
of the leefbaar that runs them."""
import os

from qgis.core import Qgis, QgsMessageLog, QgsProcessingProvider
from qgis.PyQt.QtGui import QIcon

from . import executable
from .algorithm import LeefbaarAlgorithm

ICON = os.path.join(os.path.dirname(__file__), "icon.svg")


class LeefbaarProvider(QgsProcessingProvider):
    def __init__(self):
        super().__init__()
        self.model = None   # the describe JSON the algorithms were made from
        self.problem = ""   # why there are none

    def id(self):
        return "leefbaar"

    def name(self):
        return "leefbaar"

    def longName(self):
        version = (self.model or {}).get("leefbaar_version")
        return "leefbaar %s" % version if version else "leefbaar"

    def icon(self):
        return QIcon(ICON)

    def svgIconPath(self):
        return ICON

    def load(self):
        from processing.core.ProcessingConfig import ProcessingConfig, Setting
        ProcessingConfig.settingIcons[self.name()] = self.icon()
        ProcessingConfig.addSetting(Setting(self.name(), executable.SETTING_EXECUTABLE,
                                            "leefbaar executable (empty: leefbaar on PATH; LEEFBAAR_EXE overrides)",
                                            "", valuetype=Setting.FILE))
        ProcessingConfig.readSettings()
        self.refreshAlgorithms()
        return True

    def unload(self):
        from processing.core.ProcessingConfig import ProcessingConfig
        ProcessingConfig.removeSetting(executable.SETTING_EXECUTABLE)

    def loadAlgorithms(self):
        exe = executable.find_executable()
        self.model, self.problem = None, ""
        if not exe:
            self.problem = "leefbaar was not found on PATH; set its path in Settings > Options > Processing > Providers > leefbaar"
        else:
            try:
                self.model = executable.describe(exe)
            except executable.DescribeError as e:
                self.problem = str(e)
        if self.problem:
            QgsMessageLog.logMessage(self.problem, "Processing", Qgis.Critical)
            return
        for step in self.model["steps"]:
            self.addAlgorithm(LeefbaarAlgorithm(step, self.model["global_parameters"], executable.find_executable))

    def warningMessage(self):
        return self.problem

    def supportsNonFileBasedOutput(self):
        return False  # leefbaar writes files

    def defaultVectorFileExtension(self, hasGeometry=True):
        return "gpkg"

    def supportedOutputVectorLayerExtensions(self):
        return ["gpkg"]
