#pragma once
// GAL and GWT weights files as GeoDa and PySAL write them, so users can bring their
// own weights and take ours elsewhere.
//   GAL: header "n", "0 n" or "0 n <source> <id field>"; then per unit a line
//        "<id> <count>" followed by a line with <count> neighbour ids.
//   GWT: same header forms; then one "<id> <neighbour id> <weight>" line per link.
// Ids are text keys; unit i of the result is the i-th id in order of first
// appearance, or, when `order` is given, the unit whose key is order[i].
#include <string>
#include <vector>

#include "spatial/weights.hpp"

namespace leefbaar {

struct WeightsFileHeader {
    std::size_t n = 0;
    std::string source;    // shapefile / layer name, may be empty
    std::string id_field;  // key field name, may be empty
};

// Throws DataError naming the file and line for malformed content, unknown ids
// (when `order` is given) and counts that do not match the header.
SpatialWeights read_gal(const std::string& path, const std::vector<std::string>& order = {});
SpatialWeights read_gwt(const std::string& path, const std::vector<std::string>& order = {});
// Either format, chosen by extension (.gal / .gwt, case-insensitive).
SpatialWeights read_weights_file(const std::string& path, const std::vector<std::string>& order = {});

// Parsers on text, `name` used in messages (tests and in-memory use).
SpatialWeights parse_gal(const std::string& text, const std::string& name, const std::vector<std::string>& order = {},
                         WeightsFileHeader* header = nullptr);
SpatialWeights parse_gwt(const std::string& text, const std::string& name, const std::vector<std::string>& order = {},
                         WeightsFileHeader* header = nullptr);

// Text of the file, header "0 n <source> <id field>" (the GeoDa form) when both are
// given, else "n". GWT weights are written as stored (after the transform).
std::string format_gal(const SpatialWeights& w, const std::string& source = {}, const std::string& id_field = {});
std::string format_gwt(const SpatialWeights& w, const std::string& source = {}, const std::string& id_field = {});

}  // namespace leefbaar
