"""The QGIS plugin: registers the leefbaar Processing provider."""
from qgis.core import QgsApplication

from .provider import LeefbaarProvider


class LeefbaarPlugin:
    def __init__(self, iface=None):
        self.iface = iface
        self.provider = None

    def initProcessing(self):
        self.provider = LeefbaarProvider()
        QgsApplication.processingRegistry().addProvider(self.provider)

    def initGui(self):
        self.initProcessing()

    def unload(self):
        if self.provider is not None:
            QgsApplication.processingRegistry().removeProvider(self.provider)
            self.provider = None
