#pragma once
// Readers for the small reference files in tests/data/cluster: GAL weights in row
// order, and a plain comma-separated reader (test-local: the engine's table
// readers need GDAL, which these unit tests otherwise do not).
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "cluster/data.hpp"
#include "spatial/weights.hpp"
#include "spatial/weights_io.hpp"
#include "support/test_support.hpp"

namespace leefbaar::cluster::testdata {

// Unit i is the GAL id i + id_base (spatial/weights_io's reader, ids in row order).
inline SpatialWeights read_gal_rows(const std::string& relative, std::size_t n, int id_base = 0) {
    std::vector<std::string> order;
    for (std::size_t i = 0; i < n; ++i) order.push_back(std::to_string(static_cast<int>(i) + id_base));
    return read_gal(test::test_data(relative).string(), order);
}

// Columns named in `wanted` (numeric) from a CSV without quoted commas in those columns.
inline DataMatrix read_csv_columns(const std::string& relative, const std::vector<std::string>& wanted) {
    std::ifstream in(test::test_data(relative));
    std::string line;
    std::getline(in, line);
    auto split = [](const std::string& s) {
        std::vector<std::string> out;
        std::stringstream ss(s);
        std::string item;
        while (std::getline(ss, item, ',')) out.push_back(item);
        return out;
    };
    const auto header = split(line);
    std::vector<std::size_t> idx;
    for (const auto& w : wanted)
        for (std::size_t i = 0; i < header.size(); ++i)
            if (header[i] == w) idx.push_back(i);
    DataMatrix m;
    m.p = wanted.size();
    while (std::getline(in, line)) {
        if (line.empty()) continue;
        const auto f = split(line);
        for (std::size_t i : idx) m.x.push_back(std::stod(f[f.size() - header.size() + i]));
        ++m.n;
    }
    return m;
}

inline std::vector<std::size_t> identity_rows(std::size_t n) {
    std::vector<std::size_t> r(n);
    for (std::size_t i = 0; i < n; ++i) r[i] = i;
    return r;
}

// True when two labelings describe the same partition (labels may be permuted).
template <typename A, typename B>
bool same_partition(const std::vector<A>& a, const std::vector<B>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        for (std::size_t j = 0; j < a.size(); ++j)
            if ((a[i] == a[j]) != (b[i] == b[j])) return false;
    return true;
}

}  // namespace leefbaar::cluster::testdata
