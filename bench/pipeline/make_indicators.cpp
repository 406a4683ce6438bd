// Synthetic indicator table for the whole-pipeline benchmark (bench/pipeline/run.sh):
// 20 indicators in 5 domains with spatial structure, for the polygons of
// bench/join/make_voronoi (read back from its GeoPackage, so that every value belongs
// to its cell's location).
//   make_indicators IN.gpkg OUT.csv [seed]
// Columns: code (the polygons' key), inwoners (a population count, mean ~2,500) and
// ind01..ind20. Indicator i (0-based) lies in domain i / 4 and is a latent
// liveability field L(x, y) shared by all (12 Gaussian bumps over the square) plus its
// domain's own field D_d(x, y) (8 bumps) plus noise; every third one (i % 3 == 1)
// is lower-is-better (its sign flipped). By i % 4: a count whose rate per 1,000
// inhabitants is the indicator (transform per_1000), a strongly skewed value (exp, for
// the COINr outlier rule), a share 0-100, a plain value. 2 % of the values are missing.
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iomanip>
#include <string>
#include <vector>

#include <boost/geometry.hpp>

#include "core/random.hpp"
#include "io/gdal_env.hpp"
#include "io/vector_reader.hpp"

using namespace leefbaar;

namespace {

struct Bump {
    double x, y, sigma, amplitude;
};

// A smooth field over the square: a sum of Gaussian bumps of either sign.
std::vector<Bump> field(RandomEngine& rng, int bumps, double x0, double y0, double side) {
    std::vector<Bump> f;
    for (int b = 0; b < bumps; ++b)
        f.push_back({x0 + uniform01(rng) * side, y0 + uniform01(rng) * side, side * (0.05 + 0.15 * uniform01(rng)),
                     uniform01(rng) < 0.5 ? -1.0 : 1.0});
    return f;
}

double at(const std::vector<Bump>& f, double x, double y) {
    double v = 0;
    for (const auto& b : f) {
        const double dx = x - b.x, dy = y - b.y;
        v += b.amplitude * std::exp(-(dx * dx + dy * dy) / (2 * b.sigma * b.sigma));
    }
    return v;
}

double normal(RandomEngine& rng) {  // Box-Muller
    const double u1 = 1.0 - uniform01(rng), u2 = uniform01(rng);
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * M_PI * u2);
}

double sigmoid(double s) { return 1.0 / (1.0 + std::exp(-s)); }

}  // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: make_indicators IN.gpkg OUT.csv [seed]\n");
        return 2;
    }
    const std::uint64_t seed = argc > 3 ? std::strtoull(argv[3], nullptr, 10) : 1;
    io::ensure_gdal();
    io::VectorReadOptions ro;
    ro.key_column = "code";
    const auto in = io::read_vector(argv[1], ro);
    const FeatureTable& t = in.table;
    const std::size_t n = t.rows();

    std::vector<double> cx(n), cy(n);
    double xmin = INFINITY, ymin = INFINITY, xmax = -INFINITY, ymax = -INFINITY;
    for (std::size_t i = 0; i < n; ++i) {
        Point c(0.0, 0.0);
        boost::geometry::centroid(t.geometries()[i], c);
        cx[i] = c.x();
        cy[i] = c.y();
        xmin = std::min(xmin, cx[i]);
        ymin = std::min(ymin, cy[i]);
        xmax = std::max(xmax, cx[i]);
        ymax = std::max(ymax, cy[i]);
    }
    const double side = std::max(xmax - xmin, ymax - ymin);

    constexpr int kDomains = 5, kIndicators = 20;
    auto fields_rng = stream_for(seed, 0, 7);
    const auto latent = field(fields_rng, 12, xmin, ymin, side);
    std::vector<std::vector<Bump>> domain;
    for (int d = 0; d < kDomains; ++d) domain.push_back(field(fields_rng, 8, xmin, ymin, side));

    std::ofstream out(argv[2]);
    out << "code,inwoners";
    for (int c = 1; c <= kIndicators; ++c) out << ",ind" << (c < 10 ? "0" : "") << c;
    out << '\n' << std::setprecision(6);
    const auto& code = t.column("code");
    for (std::size_t u = 0; u < n; ++u) {
        auto rng = stream_for(seed, u, 8);
        const double l = at(latent, cx[u], cy[u]);
        const double inwoners = std::round(500.0 + 4000.0 * uniform01(rng));
        out << code.as_text(u) << ',' << inwoners;
        for (int i = 0; i < kIndicators; ++i) {
            const double g = 0.7 * l + 0.5 * at(domain[static_cast<std::size_t>(i / 4)], cx[u], cy[u]) + 0.35 * normal(rng);
            const double s = i % 3 == 1 ? -g : g;
            const bool missing = uniform01(rng) < 0.02;
            out << ',';
            if (missing) continue;
            switch (i % 4) {
            case 0: out << std::round(inwoners * (20.0 + 60.0 * sigmoid(s)) / 1000.0); break;  // a count: per 1,000 inhabitants
            case 1: out << 10.0 * std::exp(1.2 * s); break;                                      // skewed
            case 2: out << 100.0 * sigmoid(s); break;                                             // a share
            default: out << 50.0 + 10.0 * s; break;                                               // a plain value
            }
        }
        out << '\n';
    }
    std::printf("%zu units, 20 indicators -> %s\n", n, argv[2]);
    return out.good() ? 0 : 1;
}
