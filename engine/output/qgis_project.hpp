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
    // Data source prefix as QGIS writes it for a relative path, "./results.gpkg".
    std::string datasource_file;
    std::vector<ProjectLayerSource> layers;
};

std::string project_qgs(const ProjectSpec& spec);
// The .qgz archive QGIS reads: a zip holding "<entry_stem>.qgs".
std::string zip_qgz(const std::string& qgs, const std::string& entry_stem);
// The layer-tree groups in their order in the project.
const std::vector<std::string>& project_groups();

}  // namespace leefbaar::output
