#include "time/areal_interpolation.hpp"

#include <cstdio>

#include "core/error.hpp"
#include "io/polygon_overlap.hpp"
#include "time/boundary_units.hpp"

namespace leefbaar {
namespace {

std::vector<ApportionLink> links_of(const io::PolygonOverlaps& ov) {
    std::vector<ApportionLink> links;
    for (const auto& o : ov.overlaps)
        if (ov.source_area[o.source] > 0) links.push_back({o.source, o.target, o.area / ov.source_area[o.source], o.area});
    return links;
}

// Drops the links of a source below `sliver` and scales its other shares up so that
// its covered share, and with it the conservation of its counts, is unchanged.
// Returns the number of links dropped.
std::size_t drop_slivers(std::vector<ApportionLink>& links, std::size_t sources, double sliver) {
    std::vector<double> covered(sources, 0.0), kept(sources, 0.0);
    for (const auto& l : links) {
        covered[l.source] += l.share;
        if (l.share >= sliver) kept[l.source] += l.share;
    }
    std::vector<ApportionLink> out;
    for (auto l : links) {
        if (kept[l.source] <= 0) out.push_back(l);  // all slivers: nothing better to keep
        else if (l.share >= sliver) {
            l.share *= covered[l.source] / kept[l.source];
            out.push_back(l);
        }
    }
    const std::size_t dropped = links.size() - out.size();
    links = std::move(out);
    return dropped;
}

void check_options(const ArealInterpolationOptions& o) {
    if (!(o.sliver_share >= 0 && o.sliver_share < 0.5))
        throw UsageError("the sliver share must lie in [0, 0.5), not " + std::to_string(o.sliver_share), {},
                         "use 0 to keep every overlap, or e.g. 0.001 to drop overlaps below 0.1 % of a unit");
}

}  // namespace

ApportionMatrix areal_weights(const FeatureTable& source, const FeatureTable& target, const ArealInterpolationOptions& options,
                              const Progress& progress) {
    check_options(options);
    ApportionMatrix m;
    m.source_codes = boundary::unit_codes(source, "source");
    m.target_codes = boundary::unit_codes(target, "target");
    m.weighting = "area";
    std::vector<double> population;
    if (!options.population_field.empty()) population = boundary::population(source, options.population_field);
    const auto ov = io::polygon_overlaps(source, target, options.threads, progress.scaled(0.0, 0.95));
    m.links = links_of(ov);
    if (options.sliver_share > 0)
        if (const std::size_t n = drop_slivers(m.links, m.source_codes.size(), options.sliver_share))
            m.warnings.push_back(std::to_string(n) + " overlap(s) below the sliver share were dropped");
    if (source.crs().geographic)
        m.warnings.push_back("the polygons are in a geographic CRS (" + source.crs().label() +
                             "): overlap shares come from areas in degrees, which distorts them slightly; reproject to a projected CRS for exact shares");
    finalise(m);
    if (!population.empty()) weight_by_population(m, population);
    progress.report(1.0, "areal interpolation weights");
    return m;
}

}  // namespace leefbaar
