// Print layouts of the embedded QGIS project (QGIS 3.22 layout XML): a map ready for a
// council paper, exported to PDF with one click (Layout → Export as PDF).
#include <algorithm>
#include <cstdio>
#include <sstream>

#include "output/qgis_project.hpp"
#include "output/xml_text.hpp"

namespace leefbaar::output {

using detail::xml_escape;

namespace {

// QgsLayoutItemRegistry item types (QGraphicsItem::UserType + 102 ...), stable since QGIS 3.0.
constexpr int kPage = 65638, kMap = 65639, kPicture = 65640, kLabel = 65641, kLegend = 65642, kScaleBar = 65646;
// A4 landscape, millimetres.
constexpr double kPageW = 297, kPageH = 210;
constexpr double kMapX = 10, kMapY = 24, kMapW = 190, kMapH = 176;
constexpr double kSideX = 207, kSideW = 80;

std::string num(double v) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.17g", v);
    return buf;
}

std::string mm(double a, double b) { return num(a) + "," + num(b) + ",mm"; }

// The attributes every layout item has; QGIS fills in the rest with its defaults. The
// item id (what the user and QgsLayout::itemById see) is the uuid's last part: "legend".
std::string item_open(int type, const std::string& uuid, double x, double y, double w, double h, int z, bool frame = false,
                      bool background = false) {
    return "      <LayoutItem type=\"" + std::to_string(type) + "\" uuid=\"" + uuid + "\" templateUuid=\"" + uuid + "\" id=\"" + uuid.substr(uuid.rfind('-') + 1, uuid.size() - uuid.rfind('-') - 2) +
           "\" position=\"" + mm(x, y) + "\" positionOnPage=\"" + mm(x, y) + "\" size=\"" + mm(w, h) + "\" zValue=\"" + std::to_string(z) +
           "\" frame=\"" + (frame ? "true" : "false") + "\" background=\"" + (background ? "true" : "false") +
           "\" outlineWidthM=\"0.3,mm\" frameJoinStyle=\"miter\" visibility=\"1\" positionLock=\"false\" referencePoint=\"0\" itemRotation=\"0\""
           " opacity=\"1\" blendMode=\"0\" excludeFromExports=\"0\" groupUuid=\"\"";
}

const char* kItemBody =
    "        <FrameColor red=\"60\" green=\"60\" blue=\"60\" alpha=\"255\"/>\n"
    "        <BackgroundColor red=\"255\" green=\"255\" blue=\"255\" alpha=\"255\"/>\n"
    "        <LayoutObject>\n          <dataDefinedProperties/>\n          <customproperties/>\n        </LayoutObject>\n";

// A text label; `font` as QFont::toString: family, points, pixels, hint, weight (75 bold), italic...
std::string label_item(const std::string& uuid, const std::string& text, double x, double y, double w, double h, int points, bool bold,
                       const std::string& colour_rgb) {
    std::ostringstream x_;
    x_ << item_open(kLabel, uuid, x, y, w, h, 10) << " labelText=\"" << xml_escape(text)
       << "\" htmlState=\"0\" halign=\"1\" valign=\"32\" marginX=\"0\" marginY=\"0\">\n"
       << kItemBody << "        <LabelFont description=\"DejaVu Sans," << points << ",-1,5," << (bold ? 75 : 50) << ",0,0,0,0,0\" style=\"\"/>\n"
       << "        <FontColor " << colour_rgb << " alpha=\"255\"/>\n      </LayoutItem>\n";
    return x_.str();
}

std::string srs_xml(const std::string& authid, const std::string& wkt) {
    return "          <spatialrefsys nativeFormat=\"Wkt\">\n            <wkt>" + xml_escape(wkt) + "</wkt>\n            <proj4></proj4>\n            <authid>" +
           xml_escape(authid) + "</authid>\n            <description></description>\n          </spatialrefsys>\n";
}

std::string layout_xml(const LayoutSpec& l, std::size_t n) {
    const std::string id = "leefbaar-layout-" + std::to_string(n);
    const std::string map_uuid = "{" + id + "-map}";
    const auto ext = fit_extent(l.extent, kMapW / kMapH);
    std::ostringstream x;
    x << "    <Layout name=\"" << xml_escape(l.name) << "\" units=\"mm\" printResolution=\"300\" worldFileMap=\"" << map_uuid << "\">\n"
      << "      <Snapper snapToGrid=\"0\" snapToItems=\"1\" snapToGuides=\"1\" tolerance=\"5\"/>\n"
      << "      <Grid resUnits=\"mm\" resolution=\"10\" offsetX=\"0\" offsetY=\"0\" offsetUnits=\"mm\"/>\n"
      << "      <PageCollection>\n"
      << item_open(kPage, "{" + id + "-page}", 0, 0, kPageW, kPageH, 0, false, true) << ">\n" << kItemBody << "      </LayoutItem>\n"
      << "        <GuideCollection visible=\"0\"/>\n      </PageCollection>\n";

    // The map: only this layer (keepLayerSet), fitted to the data.
    x << item_open(kMap, map_uuid, kMapX, kMapY, kMapW, kMapH, 1, true, true)
      << " keepLayerSet=\"true\" drawCanvasItems=\"true\" mapRotation=\"0\" mapFlags=\"0\" labelMargin=\"0,mm\" followPreset=\"false\""
         " followPresetName=\"\" isTemporal=\"0\">\n"
      << kItemBody << "        <Extent xmin=\"" << num(ext[0]) << "\" ymin=\"" << num(ext[1]) << "\" xmax=\"" << num(ext[2]) << "\" ymax=\"" << num(ext[3])
      << "\"/>\n"
      << "        <crs>\n" << srs_xml(l.authid, l.srs_wkt) << "        </crs>\n"
      << "        <LayerSet>\n          <Layer source=\"" << xml_escape(l.layer_source) << "\" provider=\"ogr\" name=\"" << xml_escape(l.layer_name)
      << "\">" << xml_escape(l.layer_id) << "</Layer>\n        </LayerSet>\n"
      << "        <Grid show=\"0\"/>\n        <AtlasMap atlasDriven=\"0\" scalingMode=\"2\" margin=\"0.10000000000000001\"/>\n"
      << "        <labelBlockingItems/>\n      </LayoutItem>\n";

    // Legend of that layer only (a custom layer tree, not the project's whole tree).
    x << item_open(kLegend, "{" + id + "-legend}", kSideX, kMapY, kSideW, 100, 3)
      << " map_uuid=\"" << map_uuid << "\" title=\"\" resizeToContents=\"1\" legendFilterByMap=\"" << (l.legend_filter_by_map ? 1 : 0)
      << "\" legendFilterByAtlas=\"0\" columnCount=\"1\" splitLayer=\"0\" equalColumnWidth=\"0\" symbolWidth=\"8\" symbolHeight=\"5\""
         " symbolAlignment=\"1\" titleAlignment=\"1\" boxSpace=\"0\" columnSpace=\"2\" lineSpacing=\"1\" wrapChar=\"\" fontColor=\"#000000\""
         " rasterBorder=\"1\" rasterBorderColor=\"0,0,0,255\" rasterBorderWidth=\"0\" minSymbolSize=\"0\" maxSymbolSize=\"0\""
         " wmsLegendWidth=\"50\" wmsLegendHeight=\"25\">\n"
      << kItemBody
      << "        <layer-tree-group>\n          <customproperties/>\n          <layer-tree-layer id=\"" << xml_escape(l.layer_id) << "\" name=\""
      << xml_escape(l.layer_name) << "\" source=\"" << xml_escape(l.layer_source)
      << "\" providerKey=\"ogr\" checked=\"Qt::Checked\" expanded=\"1\" legend_exp=\"\">\n            <customproperties/>\n"
      << "          </layer-tree-layer>\n        </layer-tree-group>\n      </LayoutItem>\n";

    // Scale bar in kilometres, on the map's lower left; QGIS picks a round segment
    // length that makes the bar 25-45 mm long (segmentSizeMode 1: fit width).
    x << item_open(kScaleBar, "{" + id + "-scalebar}", kMapX + 4, kMapY + kMapH - 14, 60, 11, 4, false, true)
      << " mapUuid=\"" << map_uuid << "\" style=\"Single Box\" unitType=\"km\" unitLabel=\"km\" numMapUnitsPerScaleBarUnit=\"1\""
         " numSegments=\"2\" numSegmentsLeft=\"0\" numSubdivisions=\"1\" subdivisionsHeight=\"1.5\" numUnitsPerSegment=\"1\" segmentSizeMode=\"1\""
         " minBarWidth=\"25\" maxBarWidth=\"45\" height=\"2\" lineWidth=\"0.3\" outlineWidth=\"0.3\" boxContentSpace=\"1.5\" labelBarSpace=\"2\""
         " alignment=\"0\" labelVerticalPlacement=\"0\" labelHorizontalPlacement=\"0\" lineJoinStyle=\"miter\" lineCapStyle=\"square\">\n"
      << kItemBody
      << "        <text-style fontFamily=\"DejaVu Sans\" namedStyle=\"\" fontSize=\"9\" fontSizeUnit=\"Point\" fontWeight=\"50\" fontItalic=\"0\""
         " textColor=\"0,0,0,255\" textOpacity=\"1\" multilineHeight=\"1\" allowHtml=\"0\" capitalization=\"0\" blendMode=\"0\"/>\n"
      << "        <fillColor red=\"0\" green=\"0\" blue=\"0\" alpha=\"255\"/>\n        <fillColor2 red=\"255\" green=\"255\" blue=\"255\" alpha=\"255\"/>\n"
      << "        <strokeColor red=\"0\" green=\"0\" blue=\"0\" alpha=\"255\"/>\n      </LayoutItem>\n";

    // North arrow: QGIS' own SVG, found on its SVG search path; rotated with the map.
    x << item_open(kPicture, "{" + id + "-north}", kMapX + kMapW - 14, kMapY + 3, 10, 14, 5)
      << " file=\"arrows/NorthArrow_02.svg\" mode=\"0\" resizeMode=\"0\" anchorPoint=\"0\" mapUuid=\"" << map_uuid
      << "\" northMode=\"0\" northOffset=\"0\" pictureRotation=\"0\" pictureWidth=\"10\" pictureHeight=\"14\" svgFillColor=\"0,0,0,255\""
         " svgBorderColor=\"255,255,255,255\" svgBorderWidth=\"0.2\">\n"
      << kItemBody << "      </LayoutItem>\n";

    x << label_item("{" + id + "-title}", l.title, kMapX, 8, kPageW - 2 * kMapX, 12, 18, true, "red=\"30\" green=\"30\" blue=\"30\"");
    if (!l.description.empty())
        x << label_item("{" + id + "-description}", l.description, kSideX, 128, kSideW, 46, 8, false, "red=\"50\" green=\"50\" blue=\"50\"");
    if (!l.attribution.empty())
        x << label_item("{" + id + "-source}", l.attribution, kSideX, kMapY + kMapH - 10, kSideW, 10, 8, false, "red=\"80\" green=\"80\" blue=\"80\"");
    x << "    </Layout>\n";
    return x.str();
}

}  // namespace

std::array<double, 4> fit_extent(const std::array<double, 4>& d, double aspect) {
    double w = std::max(d[2] - d[0], 1e-9) * 1.06, h = std::max(d[3] - d[1], 1e-9) * 1.06;
    if (w / h < aspect) w = h * aspect;
    else h = w / aspect;
    const double cx = (d[0] + d[2]) / 2, cy = (d[1] + d[3]) / 2;
    return {cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2};
}

std::string layouts_xml(const std::vector<LayoutSpec>& layouts) {
    std::string x = "  <Layouts>\n";
    for (std::size_t i = 0; i < layouts.size(); ++i) x += layout_xml(layouts[i], i);
    return x + "  </Layouts>\n";
}

}  // namespace leefbaar::output
