#!/usr/bin/python3
"""Renders the Processing dialog of one leefbaar algorithm to a PNG, headless, for the docs
(docs/qgis-plugin.md; docs/images/qgis-plugin-lisa.png).

Usage: LEEFBAAR_EXE=build/tools/leefbaar QT_QPA_PLATFORM=offscreen /usr/bin/python3 \\
           tools/qgis/screenshot.py ALGORITHM OUT.png [LAYER_SOURCE]
LAYER_SOURCE (default: the Heerlen sample buurten) is loaded so the layer and field
parameters show real choices.
"""
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
here = os.path.dirname(os.path.abspath(__file__))
sys.path[:0] = [here, "/usr/share/qgis/python/plugins"]

from qgis.core import QgsApplication, QgsProject, QgsVectorLayer  # noqa: E402


def main():
    alg_name, out = sys.argv[1], sys.argv[2]
    source = sys.argv[3] if len(sys.argv) > 3 else os.path.join(here, "..", "..", "sample-data", "heerlen", "heerlen_buurten.gpkg") + "|layername=buurten"
    app = QgsApplication([], True)
    app.initQgis()
    from unittest import mock
    from qgis.gui import QgsBrowserGuiModel, QgsMapCanvas
    import qgis.utils
    canvas, browser = QgsMapCanvas(), QgsBrowserGuiModel()
    # The dialog's widgets ask QGIS's interface for the map canvas; there is none headless.
    qgis.utils.iface = mock.Mock(**{"mapCanvas.return_value": canvas, "browserModel.return_value": browser,
                                    "activeLayer.return_value": None})
    from processing.core.Processing import Processing
    Processing.initialize()
    from leefbaar_provider.plugin import LeefbaarPlugin
    plugin = LeefbaarPlugin()
    plugin.initProcessing()
    QgsProject.instance().addMapLayer(QgsVectorLayer(source, "buurten", "ogr"))
    from processing.gui.AlgorithmDialog import AlgorithmDialog
    alg = QgsApplication.processingRegistry().createAlgorithmById("leefbaar:" + alg_name)
    dialog = AlgorithmDialog(alg, False, None)
    dialog.resize(960, 900)
    dialog.show()
    for _ in range(20):
        app.processEvents()
    ok = dialog.grab().save(out, "PNG")
    print(out if ok else "could not write " + out)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
