"""leefbaar Processing provider for QGIS (tools/qgis/, docs/qgis-plugin.md)."""


def classFactory(iface):
    from .plugin import LeefbaarPlugin
    return LeefbaarPlugin(iface)
