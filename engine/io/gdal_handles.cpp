#include "io/gdal_handles.hpp"

#include <filesystem>

#include "io/gdal_env.hpp"

namespace leefbaar::io::detail {

std::string gdal_reason(const std::string& fallback) {
    std::string r = take_last_gdal_error();
    return r.empty() ? fallback : r;
}

DatasetPtr open_vector(const std::string& path, bool update, const char* const* open_options) {
    ensure_gdal();
    const bool is_connection = path.rfind("PG:", 0) == 0 || path.rfind("/vsi", 0) == 0 || path.find("://") != std::string::npos;
    if (!is_connection && !std::filesystem::exists(path)) {
        throw DataError("the file does not exist", ErrorContext{path, {}, {}, {}, {}},
                        "check the path (relative paths are taken from the current directory: " +
                            std::filesystem::current_path().string() + ")");
    }
    unsigned flags = GDAL_OF_VECTOR | GDAL_OF_VERBOSE_ERROR | (update ? GDAL_OF_UPDATE : GDAL_OF_READONLY);
    take_last_gdal_error();
    GDALDataset* ds = GDALDataset::Open(path.c_str(), flags, nullptr, open_options, nullptr);
    if (!ds) {
        throw DataError("cannot open as a vector data source: " + gdal_reason("no GDAL driver recognises it"),
                        ErrorContext{path, {}, {}, {}, {}},
                        "leefbaar reads what GDAL reads (GeoPackage, Shapefile, GeoJSON, FlatGeobuf, CSV, XLSX, ODS, "
                        "PG: connections); run 'ogrinfo " + path + "' to see what GDAL makes of it");
    }
    return DatasetPtr(ds);
}

}  // namespace leefbaar::io::detail
