#pragma once
// Where a result came from, written into the GeoPackage (gpkg_metadata) so a file
// found on a share months later still says how it was made: the project file, the
// input files with size and SHA-256, software and library versions, seed, date, methods.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace leefbaar::output {

struct InputFile {
    std::string path;
    std::uintmax_t size = 0;
    std::string sha256;  // lower-case hex
};

struct Provenance {
    std::string software = "leefbaar";  // name and version of the program
    std::string run_id;                 // io::OutputSet::run_id: the same in every output of a run
    std::string project_file;           // the project file used (also hashed)
    std::vector<std::string> inputs;    // input files; hashed when written
    std::optional<std::uint64_t> seed;
    std::string date;                   // ISO 8601; empty: the time of writing (UTC)
    // Method per step, e.g. {"normalisation", "min-max"}, {"weights", "queen contiguity"}.
    std::vector<std::pair<std::string, std::string>> methods;
};

// SHA-256 of a file's bytes as lower-case hex; throws DataError naming the file.
std::string sha256_file(const std::string& path);
InputFile describe_input(const std::string& path);
std::string utc_now_iso();

// The dataset-level record: everything above plus the library versions (GDAL, GEOS, PROJ).
nlohmann::json provenance_json(const Provenance& p);

}  // namespace leefbaar::output
