// Fuzzes the GAL and GWT weights readers (engine/spatial/weights_io.cpp): the
// token/line structure, header forms, counts, unknown and repeated ids, weights,
// and matching the ids to a table's keys; and checks that what parses survives a
// round trip through format_gal / format_gwt unchanged.
//
// Input: byte 0 chooses the reader: bit 0 GWT (else GAL), bits 1-3 when non-zero
// match the ids to a table with keys "1".."k" (k = those bits); the rest is the file.
// Expected: DataError (malformed files, unknown ids) (fuzz_support.hpp).
#include <cmath>

#include "fuzz_support.hpp"
#include "spatial/weights_io.hpp"

namespace {

using namespace leefbaar;

bool same_weight(double a, double b) { return a == b || (std::isnan(a) && std::isnan(b)); }

void check_round_trip(const SpatialWeights& w, bool gwt) {
    // Reading back with the same ids as the table keys puts units in the same order.
    const SpatialWeights back = gwt ? parse_gwt(format_gwt(w), "round trip", w.ids) : parse_gal(format_gal(w), "round trip", w.ids);
    if (back.ids != w.ids) fuzz::property_violated("round trip changed the ids");
    if (back.neighbours != w.neighbours) fuzz::property_violated("round trip changed the neighbours");
    if (!gwt) return;
    for (std::size_t i = 0; i < w.size(); ++i)
        for (std::size_t k = 0; k < w.weights[i].size(); ++k)
            if (!same_weight(back.weights[i][k], w.weights[i][k])) fuzz::property_violated("round trip changed a weight");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const bool gwt = data[0] & 1;
    std::vector<std::string> order;
    for (int k = 1; k <= ((data[0] >> 1) & 7); ++k) order.push_back(std::to_string(k));
    const std::string text = fuzz::as_string(data + 1, size - 1);
    fuzz::expect_typed_errors_only([&] {
        WeightsFileHeader header;
        const SpatialWeights w = gwt ? parse_gwt(text, "fuzz.gwt", order, &header) : parse_gal(text, "fuzz.gal", order, &header);
        if (w.ids.size() != header.n || w.weights.size() != w.size()) fuzz::property_violated("unit count differs from the header");
        for (std::size_t i = 0; i < w.size(); ++i) {
            if (w.weights[i].size() != w.neighbours[i].size()) fuzz::property_violated("weights and neighbours differ in length");
            for (const auto j : w.neighbours[i])
                if (j < 0 || static_cast<std::size_t>(j) >= w.size()) fuzz::property_violated("neighbour index out of range");
        }
        check_round_trip(w, gwt);
    });
    return 0;
}
