#pragma once
// A QGIS project (.qgs XML, zipped to .qgz bytes) that shows the styled layers of one
// GeoPackage, grouped as a reader expects (index, domains, hot spots, clusters,
// regions), zoomed to the data. Stored inside the GeoPackage by gpkg_tables.cpp.
#include <array>
#include <string>
#include <vector>

#include "output/style_spec.hpp"

namespace leefbaar::output {

struct ProjectLayerSource {
    std::string table;            // GeoPackage table
    std::string geometry_type = "MultiPolygon";
    std::string authid;           // "EPSG:28992", empty when the CRS has no authority code
    std::string srs_wkt;
    std::array<double, 4> extent{0, 0, 0, 0};  // minx, miny, maxx, maxy
    std::vector<LayerStyle> styles;            // one map layer per style
};

struct ProjectSpec {
    std::string title;
    std::string description;  // [project] description: printed on the layouts
    std::string attribution;  // source statement, e.g. "Bron: CBS"; printed on the layouts
    // Data source prefix as QGIS writes it for a relative path, "./results.gpkg".
    std::string datasource_file;
    std::vector<ProjectLayerSource> layers;
    std::string time_start = {}, time_end = {};  // the temporal controller's range, one-year steps; empty: none
};

std::string project_qgs(const ProjectSpec& spec);

// A print layout (A4 landscape) of one map layer: title, the map, its legend, scale bar,
// north arrow, the project's description and source statement.
struct LayoutSpec {
    std::string name;       // layout name in the project's layout manager
    std::string title;      // printed title
    std::string layer_id;   // the project's map layer shown
    std::string layer_name;
    std::string layer_source;
    std::string authid, srs_wkt;
    std::array<double, 4> extent{0, 0, 1, 1};  // data extent; the map fits it with a margin
    std::string description;
    std::string attribution;
    bool legend_filter_by_map = false;  // legend lists only what the map shows
};
// The <Layouts> element with one <Layout> per spec.
std::string layouts_xml(const std::vector<LayoutSpec>& layouts);
// The map frame's extent for a data extent: the data centred, with a margin, widened to
// the frame's aspect ratio (width / height) so the map is not distorted.
std::array<double, 4> fit_extent(const std::array<double, 4>& data, double frame_aspect);
// The .qgz archive QGIS reads: a zip holding "<entry_stem>.qgs".
std::string zip_qgz(const std::string& qgs, const std::string& entry_stem);
// The layer-tree groups in their order in the project.
const std::vector<std::string>& project_groups();

}  // namespace leefbaar::output
