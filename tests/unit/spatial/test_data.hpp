#pragma once
// Reading the reference data of tests/data/spatial (README.md there) for the spatial tests.
#include <string>
#include <vector>

#include "core/feature_table.hpp"
#include "io/vector_reader.hpp"
#include "io/gdal_env.hpp"
#include "support/test_support.hpp"

namespace leefbaar::spatialtest {

inline std::string data(const std::string& f) { return test::test_data("spatial/" + f).string(); }

// Columbus has no .prj: read without a CRS (planar units).
inline FeatureTable read_polygons(const std::string& file, const std::string& key) {
    io::ensure_gdal();
    io::VectorReadOptions o;
    o.require_crs = false;
    o.key_column = key;
    return io::read_vector(data(file), o).table;
}

inline std::vector<std::string> key_texts(const FeatureTable& t, const std::string& key) {
    std::vector<std::string> out;
    const auto& c = t.column(key);
    for (std::size_t i = 0; i < t.rows(); ++i) out.push_back(c.as_text(i));
    return out;
}

inline std::vector<double> values(const FeatureTable& t, const std::string& field) {
    std::vector<double> out;
    const auto& c = t.column(field);
    for (std::size_t i = 0; i < t.rows(); ++i) out.push_back(c.as_double(i));
    return out;
}

}  // namespace leefbaar::spatialtest

#include <fstream>
#include <sstream>

namespace leefbaar::spatialtest {

// stl_hom.txt: a line "78,4", a header line of quoted names, then comma-separated rows.
inline std::vector<double> stl_column(const std::string& name) {
    std::ifstream in(data("stl_hom.txt"));
    std::string line;
    std::getline(in, line);
    std::getline(in, line);
    std::vector<std::string> header;
    {
        std::stringstream ss(line);
        std::string h;
        while (std::getline(ss, h, ',')) header.push_back(h.substr(1, h.size() - 2));
    }
    std::size_t col = 0;
    while (col < header.size() && header[col] != name) ++col;
    std::vector<double> out;
    while (std::getline(in, line)) {
        if (line.empty()) continue;
        std::stringstream ss(line);
        std::string v;
        for (std::size_t c = 0; std::getline(ss, v, ','); ++c)
            if (c == col) out.push_back(std::stod(v));
    }
    return out;
}

}  // namespace leefbaar::spatialtest
