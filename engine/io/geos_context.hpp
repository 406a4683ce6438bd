#pragma once
// Private to engine/io: one GEOS context per thread (the reentrant API is
// thread-safe only per context) and an owning pointer for GEOS geometries.
#include <memory>

#include <geos_c.h>

namespace leefbaar::io::detail {

inline GEOSContextHandle_t geos() {
    struct GeosContext {
        GEOSContextHandle_t handle = GEOS_init_r();
        ~GeosContext() { GEOS_finish_r(handle); }
    };
    thread_local GeosContext ctx;
    return ctx.handle;
}

struct GeosGeomDeleter {
    void operator()(GEOSGeometry* g) const { GEOSGeom_destroy_r(geos(), g); }
};
using GeosPtr = std::unique_ptr<GEOSGeometry, GeosGeomDeleter>;

}  // namespace leefbaar::io::detail
