#pragma once
// GDAL set-up: registers drivers once and installs the one error handler that
// routes GDAL's messages into ours. GDAL types stay out of this header.
#include <string>
#include <vector>

namespace leefbaar::io {

class GdalEnvironment {
public:
    GdalEnvironment();
    ~GdalEnvironment();
    GdalEnvironment(const GdalEnvironment&) = delete;
    GdalEnvironment& operator=(const GdalEnvironment&) = delete;
};

// Makes sure drivers are registered and the handler installed (idempotent, thread-safe).
void ensure_gdal();

// A library message shortened to at most about `max_chars` (its head and tail):
// GDAL quotes whole SQL statements, which can be megabytes long.
std::string cap_library_message(std::string msg, std::size_t max_chars = 400);

// The last GDAL error message seen on this thread (empty if none), cleared by reading.
std::string take_last_gdal_error();
// Warnings GDAL emitted on this thread since the last call (cleared by reading).
std::vector<std::string> take_gdal_warnings();

struct LibraryVersions {
    std::string gdal, geos, proj;
};
LibraryVersions library_versions();

}  // namespace leefbaar::io
