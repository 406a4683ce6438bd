#include "io/crs_convert.hpp"

#include "core/error.hpp"

namespace leefbaar::io::detail {

Crs from_ogr(const OGRSpatialReference& in) {
    OGRSpatialReference srs(in);
    srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    Crs crs;
    char* wkt = nullptr;
    const char* options[] = {"FORMAT=WKT2_2018", nullptr};
    if (srs.exportToWkt(&wkt, options) == OGRERR_NONE && wkt) crs.wkt = wkt;
    CPLFree(wkt);
    if (crs.wkt.empty()) {
        if (srs.exportToWkt(&wkt) == OGRERR_NONE && wkt) crs.wkt = wkt;
        CPLFree(wkt);
    }
    if (const char* name = srs.GetName()) crs.name = name;
    const char* auth = srs.GetAuthorityName(nullptr);
    const char* code = srs.GetAuthorityCode(nullptr);
    if (!(auth && code)) {
        srs.AutoIdentifyEPSG();
        auth = srs.GetAuthorityName(nullptr);
        code = srs.GetAuthorityCode(nullptr);
    }
    if (auth && code && std::string(auth) == "EPSG") crs.epsg = std::atoi(code);
    crs.geographic = srs.IsGeographic();
    if (srs.IsProjected()) crs.linear_unit_metres = srs.GetLinearUnits(nullptr);
    return crs;
}

bool is_undefined_srs(const OGRSpatialReference& srs) {
    const char* name = srs.GetName();
    if (!name) return false;
    const std::string n(name);
    return n == "Undefined geographic SRS" || n == "Undefined Cartesian SRS";
}

OGRSpatialReference to_ogr(const Crs& crs) {
    OGRSpatialReference srs;
    srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    if (crs.epsg && srs.importFromEPSG(*crs.epsg) == OGRERR_NONE) return srs;
    if (srs.importFromWkt(crs.wkt.c_str()) != OGRERR_NONE)
        throw DataError("the coordinate reference system cannot be understood by PROJ: " + crs.name);
    return srs;
}

}  // namespace leefbaar::io::detail
