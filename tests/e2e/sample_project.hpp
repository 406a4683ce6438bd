#pragma once
// The Heerlen sample project as the end-to-end tests use it: its text with the data
// paths made absolute (so it runs from a temporary folder, edited), and its output
// layer of buurten read back.
#include <filesystem>
#include <string>

#include "core/feature_table.hpp"
#include "io/gdal_env.hpp"
#include "io/vector_reader.hpp"
#include "support/test_support.hpp"

namespace leefbaar::test {

// Every occurrence of `from` replaced by `to`.
inline void replace_all(std::string& text, const std::string& from, const std::string& to) {
    for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) text.replace(at, from.size(), to);
}

inline std::string sample_project_2019() {
    const std::filesystem::path h = sample_data("heerlen");
    std::string text = read_file(h / "liveability.toml");
    for (const char* f : {"kwb_heerlen_2019.csv", "heerlen_buurten.gpkg", "areas/heerlen_wijken.csv", "../leefbaarometer/lbm2_2016_parkstad_wijken.csv"})
        replace_all(text, std::string("\"") + f + "\"", "\"" + (h / f).string() + "\"");
    return text;
}

inline FeatureTable read_buurten(const std::filesystem::path& gpkg) {
    io::ensure_gdal();
    io::VectorReadOptions o;
    o.layer = "buurten";
    o.key_column = "buurtcode";
    return io::read_vector(gpkg.string(), o).table;
}

}  // namespace leefbaar::test
