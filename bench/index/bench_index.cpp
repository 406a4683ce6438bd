// Benchmark of the composite index (not a test): synthetic units with indicators in
// domains, timing the deterministic index and the Monte Carlo separately from any
// I/O (the table is generated in memory).
//   bench_index index N [indicators=20] [domains=5]
//   bench_index montecarlo N RUNS [sensitivity=0] [threads=0]
// Prints one line: phase, size, seconds, peak resident memory (getrusage).
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "core/random.hpp"
#include "index/composite.hpp"
#include "index/uncertainty.hpp"

using namespace leefbaar;
using namespace leefbaar::index;
using Clock = std::chrono::steady_clock;

namespace {

double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }
double peak_mb() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return static_cast<double>(u.ru_maxrss) / 1024.0;
}

// Indicators share a latent "liveability" per unit plus noise, some skewed, 2 % missing,
// so normalisation, outlier checks and aggregation do realistic work.
FeatureTable make_table(std::size_t n, int k) {
    FeatureTable t;
    t.resize(n);
    std::vector<double> latent(n);
    auto rl = stream_for(1, 0, 9);
    for (auto& v : latent) v = uniform01(rl);
    for (int i = 0; i < k; ++i) {
        auto& c = t.add_column("x" + std::to_string(i), ColumnType::Float64);
        auto rng = stream_for(1, static_cast<std::uint64_t>(i) + 1);
        for (std::size_t u = 0; u < n; ++u) {
            const double noise = uniform01(rng);
            if (uniform01(rng) < 0.02) continue;  // missing
            double v = 0.6 * latent[u] + 0.4 * noise;
            if (i % 4 == 3) v = std::exp(4 * v);  // skewed
            c.reals[u] = v;
            c.valid[u] = 1;
        }
    }
    return t;
}

IndexOptions make_options(int k, int d) {
    IndexOptions o;
    for (int i = 0; i < d; ++i) o.domains.push_back({"d" + std::to_string(i), "", 1.0});
    for (int i = 0; i < k; ++i) {
        IndicatorSpec s;
        s.name = "x" + std::to_string(i);
        s.source.column = s.name;
        s.domain = "d" + std::to_string(i % d);
        s.direction = i % 3 == 0 ? Direction::LowerIsBetter : Direction::HigherIsBetter;
        o.indicators.push_back(s);
    }
    o.missing = Imputation::Mean;
    o.classes.method = ClassMethod::FisherJenks;
    return o;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: bench_index index N [k] [d] | montecarlo N RUNS [sensitivity] [threads]\n");
        return 2;
    }
    const std::string mode = argv[1];
    const std::size_t n = std::strtoull(argv[2], nullptr, 10);
    if (mode == "index") {
        const int k = argc > 3 ? std::atoi(argv[3]) : 20, d = argc > 4 ? std::atoi(argv[4]) : 5;
        FeatureTable t = make_table(n, k);
        const double mem0 = peak_mb();
        auto t0 = Clock::now();
        IndexModel m(t, make_options(k, d));
        const double prep = seconds_since(t0);
        auto t1 = Clock::now();
        auto r = compute_index(t, m);
        const double comp = seconds_since(t1);
        std::printf("index units=%zu indicators=%d domains=%d model=%.2fs compute=%.2fs total=%.2fs ranked=%zu peak_mb=%.0f (table alone %.0f)\n",
                    n, k, d, prep, comp, prep + comp, r.ranked, peak_mb(), mem0);
        return 0;
    }
    if (mode == "montecarlo") {
        const std::size_t runs = argc > 3 ? std::strtoull(argv[3], nullptr, 10) : 1000;
        const bool sens = argc > 4 && std::atoi(argv[4]) != 0;
        const unsigned threads = argc > 5 ? static_cast<unsigned>(std::atoi(argv[5])) : 0;
        FeatureTable t = make_table(n, 20);
        auto o = make_options(20, 5);
        o.classes.method = ClassMethod::Quantiles;
        IndexModel m(t, o);
        auto det = compute_index(t, m);
        UncertaintyOptions u;
        u.runs = runs;
        u.seed = 1;
        u.weight_range = 0.25;
        u.normalisations = {Normalisation::MinMax, Normalisation::ZScore, Normalisation::PercentileRank};
        u.aggregations = {Aggregation::Arithmetic, Aggregation::Geometric};
        u.sensitivity = sens;
        u.threads = threads;
        auto t0 = Clock::now();
        auto r = run_uncertainty(m, det, u);
        const double s = seconds_since(t0);
        std::printf("montecarlo units=%zu runs=%zu evaluations=%zu sensitivity=%d seconds=%.2f peak_mb=%.0f\n", n, runs, r.evaluations,
                    sens ? 1 : 0, s, peak_mb());
        return 0;
    }
    std::fprintf(stderr, "unknown mode %s\n", mode.c_str());
    return 2;
}
