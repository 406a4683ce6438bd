#include "output/qgis_project.hpp"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cstdint>
#include <cmath>
#include <cstdio>
#include <limits>
#include <sstream>

#include <cpl_conv.h>
#include <cpl_vsi.h>

#include "core/error.hpp"
#include "output/qml.hpp"
#include "output/xml_text.hpp"

namespace leefbaar::output {

using detail::xml_escape;

namespace {

std::string num(double v) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.17g", v);
    return buf;
}

std::string layer_id(const std::string& table, const std::string& style, std::size_t n) {
    std::string id = table + "_" + style + "_" + std::to_string(n);
    for (char& c : id)
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_')) c = '_';
    return id;
}

std::string srs_xml(const std::string& authid, const std::string& wkt, const std::string& indent) {
    // QGIS resolves a CRS by authid first and falls back to the WKT.
    std::ostringstream x;
    x << indent << "<spatialrefsys nativeFormat=\"Wkt\">\n"
      << indent << "  <wkt>" << xml_escape(wkt) << "</wkt>\n"
      << indent << "  <proj4></proj4>\n"
      << indent << "  <authid>" << xml_escape(authid) << "</authid>\n"
      << indent << "  <description></description>\n"
      << indent << "</spatialrefsys>\n";
    return x.str();
}

std::string extent_xml(const std::array<double, 4>& e, const std::string& indent) {
    return indent + "<extent>\n" + indent + "  <xmin>" + num(e[0]) + "</xmin>\n" + indent + "  <ymin>" + num(e[1]) + "</ymin>\n" + indent +
           "  <xmax>" + num(e[2]) + "</xmax>\n" + indent + "  <ymax>" + num(e[3]) + "</ymax>\n" + indent + "</extent>\n";
}

struct MapLayer {
    std::string id;
    const ProjectLayerSource* source;
    const LayerStyle* style;
};

// One print layout per main map: the index, the hot spots (Gi* if there, else LISA)
// and the regions.
template <class Source>
std::vector<LayoutSpec> main_layouts(const ProjectSpec& spec, const std::vector<MapLayer>& layers, Source source) {
    std::vector<LayoutSpec> out;
    auto add = [&](const MapLayer& l, const std::string& name, bool filter) {
        LayoutSpec s;
        s.name = name;
        s.title = spec.title.empty() ? l.style->title : spec.title + " – " + l.style->title;
        s.layer_id = l.id;
        s.layer_name = l.style->title;
        s.layer_source = source(*l.source);
        s.authid = l.source->authid;
        s.srs_wkt = l.source->srs_wkt;
        s.extent = l.source->extent;
        s.description = spec.description;
        s.attribution = spec.attribution;
        s.legend_filter_by_map = filter;
        out.push_back(s);
    };
    auto first = [&](auto pred) -> const MapLayer* {
        for (const auto& l : layers)
            if (pred(*l.style)) return &l;
        return nullptr;
    };
    if (auto l = first([](const LayerStyle& s) { return s.group == kGroupIndex; })) add(*l, l->style->title, false);
    auto hot = first([](const LayerStyle& s) { return s.group == kGroupHotSpots && s.field.rfind("gi_", 0) == 0; });
    if (!hot) hot = first([](const LayerStyle& s) { return s.group == kGroupHotSpots; });
    if (hot) add(*hot, hot->style->title, false);
    // Regions: every region is drawn, so the legend need not offer "no value".
    if (auto l = first([](const LayerStyle& s) { return s.group == kGroupRegions; })) add(*l, l->style->title, true);
    return out;
}

}  // namespace

const std::vector<std::string>& project_groups() {
    static const std::vector<std::string> g = {kGroupIndex, kGroupDomains, kGroupHotSpots, kGroupClusters, kGroupRegions, kGroupAreas, kGroupTime, kGroupValidation};
    return g;
}

std::string project_qgs(const ProjectSpec& spec) {
    std::vector<MapLayer> layers;
    for (const auto& src : spec.layers)
        for (const auto& st : src.styles) layers.push_back({layer_id(src.table, st.name, layers.size()), &src, &st});

    // Extent of everything, with a 5 % margin so edge polygons are not cut by the frame.
    std::array<double, 4> ext{std::numeric_limits<double>::max(), std::numeric_limits<double>::max(), -std::numeric_limits<double>::max(),
                              -std::numeric_limits<double>::max()};
    for (const auto& src : spec.layers) {
        ext[0] = std::min(ext[0], src.extent[0]);
        ext[1] = std::min(ext[1], src.extent[1]);
        ext[2] = std::max(ext[2], src.extent[2]);
        ext[3] = std::max(ext[3], src.extent[3]);
    }
    if (spec.layers.empty()) ext = {0, 0, 1, 1};
    const double mx = (ext[2] - ext[0]) * 0.05, my = (ext[3] - ext[1]) * 0.05;
    const std::array<double, 4> view{ext[0] - mx, ext[1] - my, ext[2] + mx, ext[3] + my};
    const std::string authid = spec.layers.empty() ? std::string() : spec.layers.front().authid;
    const std::string wkt = spec.layers.empty() ? std::string() : spec.layers.front().srs_wkt;

    auto source = [&](const ProjectLayerSource& s) { return spec.datasource_file + "|layername=" + s.table; };

    std::ostringstream x;
    x << "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n"
      << "<qgis projectname=\"" << xml_escape(spec.title) << "\" version=\"3.22.16-Białowieża\" saveUser=\"leefbaar\">\n"
      << "  <homePath path=\"\"/>\n"
      << "  <title>" << xml_escape(spec.title) << "</title>\n"
      << "  <autotransaction active=\"0\"/>\n  <evaluateDefaultValues active=\"0\"/>\n  <trust active=\"0\"/>\n"
      << "  <projectCrs>\n" << srs_xml(authid, wkt, "    ") << "  </projectCrs>\n";

    // Layer tree: one group per kind of result; only the first layer is switched on
    // so the user is not looking at a stack of opaque maps.
    x << "  <layer-tree-group>\n    <customproperties/>\n";
    bool first_visible = true;
    for (const auto& group : project_groups()) {
        bool any = false;
        for (const auto& l : layers) any = any || l.style->group == group;
        if (!any) continue;
        x << "    <layer-tree-group name=\"" << xml_escape(group) << "\" checked=\"Qt::Checked\" expanded=\"1\">\n      <customproperties/>\n";
        for (const auto& l : layers) {
            if (l.style->group != group) continue;
            x << "      <layer-tree-layer id=\"" << l.id << "\" name=\"" << xml_escape(l.style->title) << "\" source=\""
              << xml_escape(source(*l.source)) << "\" providerKey=\"ogr\" checked=\"" << (first_visible ? "Qt::Checked" : "Qt::Unchecked")
              << "\" expanded=\"" << (first_visible ? 1 : 0) << "\" legend_exp=\"\">\n        <customproperties/>\n      </layer-tree-layer>\n";
            first_visible = false;
        }
        x << "    </layer-tree-group>\n";
    }
    x << "  </layer-tree-group>\n";

    x << "  <mapcanvas annotationsVisible=\"1\" name=\"theMapCanvas\">\n    <units>" << (authid == "EPSG:4326" ? "degrees" : "meters")
      << "</units>\n"
      << extent_xml(view, "    ") << "    <rotation>0</rotation>\n    <destinationsrs>\n" << srs_xml(authid, wkt, "      ")
      << "    </destinationsrs>\n    <rendermaptile>0</rendermaptile>\n  </mapcanvas>\n";

    x << "  <projectlayers>\n";
    for (const auto& l : layers) {
        const bool labels = l.style->labels_on && !l.style->label_field.empty();
        x << "    <maplayer type=\"vector\" geometry=\"Polygon\" wkbType=\"" << xml_escape(l.source->geometry_type) << "\" labelsEnabled=\""
          << (labels ? 1 : 0) << "\" readOnly=\"0\" hasScaleBasedVisibilityFlag=\"0\" minScale=\"100000000\" maxScale=\"0\""
          << " styleCategories=\"AllStyleCategories\" simplifyDrawingHints=\"1\" simplifyAlgorithm=\"0\" simplifyDrawingTol=\"1\""
             " simplifyLocal=\"1\" simplifyMaxScale=\"1\">\n"
          << extent_xml(l.source->extent, "      ") << "      <id>" << l.id << "</id>\n"
          << "      <datasource>" << xml_escape(source(*l.source)) << "</datasource>\n"
          << "      <keywordList>\n        <value></value>\n      </keywordList>\n"
          << "      <layername>" << xml_escape(l.style->title) << "</layername>\n"
          << "      <srs>\n" << srs_xml(l.source->authid, l.source->srs_wkt, "        ") << "      </srs>\n"
          << "      <provider encoding=\"UTF-8\">ogr</provider>\n"
          << temporal_xml(*l.style) << renderer_xml(*l.style) << labeling_xml(*l.style) << aliases_xml(*l.style) << map_tip_xml(*l.style)
          << "      <blendMode>0</blendMode>\n      <featureBlendMode>0</featureBlendMode>\n      <layerOpacity>1</layerOpacity>\n"
          << "    </maplayer>\n";
    }
    x << "  </projectlayers>\n";
    x << "  <layerorder>\n";
    for (const auto& l : layers) x << "    <layer id=\"" << l.id << "\"/>\n";
    x << "  </layerorder>\n";
    // QgsProjectTimeSettings::writeXml (QGIS 3.22): the temporal controller steps through
    // the years of a temporal layer one year at a time.
    if (!spec.time_start.empty())
        x << "  <ProjectTimeSettings frameRate=\"1\" cumulativeTemporalRange=\"0\" timeStep=\"1\" timeStepUnit=\"y\">\n    <TemporalRange>\n"
          << "      <start>" << xml_escape(spec.time_start) << "</start>\n      <end>" << xml_escape(spec.time_end) << "</end>\n"
          << "    </TemporalRange>\n  </ProjectTimeSettings>\n";
    // Relative paths: the project travels with its GeoPackage. QGIS 3.22 reads
    // <projectCrs> only when SpatialRefSys/ProjectionsEnabled is set; without it the
    // project had no CRS (issue 16).
    x << "  <properties>\n    <Paths>\n      <Absolute type=\"bool\">false</Absolute>\n    </Paths>\n"
      << "    <SpatialRefSys>\n      <ProjectionsEnabled type=\"int\">" << (authid.empty() && wkt.empty() ? 0 : 1)
      << "</ProjectionsEnabled>\n    </SpatialRefSys>\n  </properties>\n";
    // The project's default view extent (QgsProjectViewSettings), the same as the canvas'.
    x << "  <ProjectViewSettings UseProjectScales=\"0\">\n    <Scales/>\n    <DefaultViewExtent xmin=\"" << num(view[0]) << "\" ymin=\""
      << num(view[1]) << "\" xmax=\"" << num(view[2]) << "\" ymax=\"" << num(view[3]) << "\">\n" << srs_xml(authid, wkt, "      ")
      << "    </DefaultViewExtent>\n  </ProjectViewSettings>\n";
    x << layouts_xml(main_layouts(spec, layers, source));
    x << "</qgis>\n";
    return x.str();
}

std::string zip_qgz(const std::string& qgs, const std::string& entry_stem) {
    // GDAL's own zip writer (CPLCreateZip, minizip inside) on an in-memory file: no
    // extra dependency, and the same zip format QGIS' QgsArchive reads.
    static std::atomic<int> counter{0};
    const std::string mem = "/vsimem/leefbaar_qgz_" + std::to_string(reinterpret_cast<std::uintptr_t>(&qgs)) + "_" + std::to_string(++counter) + ".qgz";
    void* zip = CPLCreateZip(mem.c_str(), nullptr);
    if (!zip) throw SystemError("cannot create the zipped QGIS project in memory");
    const std::string entry = entry_stem + ".qgs";
    bool ok = CPLCreateFileInZip(zip, entry.c_str(), nullptr) == CE_None &&
              CPLWriteFileInZip(zip, qgs.data(), static_cast<int>(qgs.size())) == CE_None && CPLCloseFileInZip(zip) == CE_None;
    ok = CPLCloseZip(zip) == CE_None && ok;
    vsi_l_offset size = 0;
    GByte* data = VSIGetMemFileBuffer(mem.c_str(), &size, FALSE);
    std::string out;
    if (ok && data) out.assign(reinterpret_cast<const char*>(data), static_cast<std::size_t>(size));
    VSIUnlink(mem.c_str());
    if (out.empty()) throw SystemError("cannot zip the QGIS project");
    return out;
}

}  // namespace leefbaar::output
