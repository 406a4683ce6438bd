#pragma once
// RAII owners for GDAL/OGR handles. Private to engine/io (not a public header).
#include <memory>
#include <string>

#include <gdal.h>
#include <ogr_api.h>
#include <ogr_geometry.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include "core/error.hpp"

namespace leefbaar::io::detail {

struct DatasetCloser {
    void operator()(GDALDataset* ds) const { GDALClose(GDALDataset::ToHandle(ds)); }
};
using DatasetPtr = std::unique_ptr<GDALDataset, DatasetCloser>;

struct FeatureDeleter {
    void operator()(OGRFeature* f) const { OGRFeature::DestroyFeature(f); }
};
using FeaturePtr = std::unique_ptr<OGRFeature, FeatureDeleter>;

struct TransformDeleter {
    void operator()(OGRCoordinateTransformation* t) const { OGRCoordinateTransformation::DestroyCT(t); }
};
using TransformPtr = std::unique_ptr<OGRCoordinateTransformation, TransformDeleter>;

// Opens a vector source; throws DataError naming the path with GDAL's reason.
DatasetPtr open_vector(const std::string& path, bool update = false, const char* const* open_options = nullptr);

// GDAL's last error for this thread, or `fallback`.
std::string gdal_reason(const std::string& fallback);

}  // namespace leefbaar::io::detail
