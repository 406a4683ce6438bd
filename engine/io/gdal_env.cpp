#include "io/gdal_env.hpp"

#include <mutex>

#include <cpl_conv.h>
#include <cpl_error.h>
#include <gdal.h>
#include <geos_c.h>
#include <ogr_api.h>
#include <proj.h>

namespace leefbaar::io {

std::string cap_library_message(std::string msg, std::size_t max_chars) {
    if (msg.size() <= max_chars) return msg;
    // Keep the head (what failed) and the tail (SQLite puts the reason last:
    // "sqlite3_exec(CREATE TABLE ...) failed: too many columns on t"); cut on
    // UTF-8 character boundaries.
    const std::size_t keep_tail = max_chars / 3;
    std::size_t head = max_chars - keep_tail;
    while (head > 0 && (static_cast<unsigned char>(msg[head]) & 0xC0) == 0x80) --head;
    std::size_t tail = msg.size() - keep_tail;
    while (tail < msg.size() && (static_cast<unsigned char>(msg[tail]) & 0xC0) == 0x80) ++tail;
    const std::size_t cut = tail - head;
    return msg.substr(0, head) + " [... " + std::to_string(cut) + " characters left out ...] " + msg.substr(tail);
}

namespace {
thread_local std::string t_last_error;
thread_local std::vector<std::string> t_warnings;

// The one GDAL error handler: GDAL's messages are kept per thread and surface in
// our typed errors (the caller adds file/layer context); nothing goes to stderr
// behind the user's back.
void CPL_STDCALL route_gdal_error(CPLErr level, CPLErrorNum, const char* msg) {
    if (level == CE_Failure || level == CE_Fatal) t_last_error = cap_library_message(msg ? msg : "unknown GDAL error");
    else if (level == CE_Warning && msg && t_warnings.size() < 1000) t_warnings.emplace_back(cap_library_message(msg));
}

std::once_flag g_once;
}  // namespace

void ensure_gdal() {
    std::call_once(g_once, [] {
        GDALAllRegister();
        CPLSetErrorHandler(route_gdal_error);
        // A CSV given to OGR must keep its strings as they are; we type columns ourselves.
        CPLSetConfigOption("OGR_XLSX_FIELD_TYPES", "AUTO");
    });
}

GdalEnvironment::GdalEnvironment() { ensure_gdal(); }
GdalEnvironment::~GdalEnvironment() = default;

std::string take_last_gdal_error() {
    std::string out = std::move(t_last_error);
    t_last_error.clear();
    return out;
}

std::vector<std::string> take_gdal_warnings() {
    std::vector<std::string> out = std::move(t_warnings);
    t_warnings.clear();
    return out;
}

LibraryVersions library_versions() {
    LibraryVersions v;
    v.gdal = GDALVersionInfo("RELEASE_NAME");
    v.geos = GEOSversion();
    const PJ_INFO info = proj_info();
    v.proj = info.version ? info.version : "";
    return v;
}

}  // namespace leefbaar::io
