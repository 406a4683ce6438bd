// Benchmark of the monitor (not a test): five synthetic editions of the same units on a
// rook lattice, built in memory, run through the monitor's engine pieces one after the
// other (timed per phase) or through run_monitor_job as a whole.
//   bench_monitor phases|job N [runs=1000] [errors=0] [permutations=999] [threads=2]
// N is rounded down to a square lattice (100,000 -> 316 x 316 = 99,856 units).
// errors=1 adds measurement error: counts rounded to multiples of 5 (CBS) for the
// per-1,000 indicators, 2 % relative error for the others.
// Prints one line per phase: name, seconds; then the peak resident memory (getrusage).
#include <sys/resource.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "core/random.hpp"
#include "monitor/change_significance.hpp"
#include "monitor/monitor_job.hpp"
#include "support/rook_lattice.hpp"

using namespace leefbaar;
using namespace leefbaar::monitor;
using Clock = std::chrono::steady_clock;

namespace {

constexpr int kYears = 5, kIndicators = 20, kDomains = 5, kFirstYear = 2016;

double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }
double peak_mb() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return static_cast<double>(u.ru_maxrss) / 1024.0;
}

// Every fifth indicator is a count per 1,000 inhabitants, so rounding the count matters.
bool is_count(int i) { return i % 5 == 1; }

// The units' fixed traits: a latent liveability, a population, and the trend per year
// of the region (an 8 x 8 grid of regions, trends from -0.04 to +0.04 a year), so that
// whole regions improve or decline and the hot spots move.
struct Units {
    int side = 0;
    std::vector<double> latent, population, trend;
};

Units make_units(int side) {
    Units u;
    u.side = side;
    const auto n = static_cast<std::size_t>(side) * static_cast<std::size_t>(side);
    auto rl = stream_for(1, 0, 9);
    auto rt = stream_for(1, 0, 10);
    std::vector<double> region_trend(64);
    for (auto& t : region_trend) t = 0.08 * uniform01(rt) - 0.04;
    for (std::size_t i = 0; i < n; ++i) {
        const std::size_t r = i / static_cast<std::size_t>(side), c = i % static_cast<std::size_t>(side);
        const std::size_t region = (r * 8 / static_cast<std::size_t>(side)) * 8 + c * 8 / static_cast<std::size_t>(side);
        u.latent.push_back(uniform01(rl));
        u.population.push_back(std::round(500 + 4500 * uniform01(rl)));
        u.trend.push_back(region_trend[region]);
    }
    return u;
}

// One edition: per indicator the latent score plus the region's drift plus noise, 2 %
// missing, a quarter skewed (exp), the count indicators as counts (with "pop").
FeatureTable make_edition(const Units& u, int year) {
    const std::size_t n = u.latent.size();
    FeatureTable t;
    t.resize(n);
    auto& key = t.add_column("code", ColumnType::Text);
    for (std::size_t i = 0; i < n; ++i) key.set(i, "U" + std::to_string(i));
    t.set_key_column("code");
    auto& pop = t.add_column("pop", ColumnType::Float64);
    for (std::size_t i = 0; i < n; ++i) pop.set(i, u.population[i]);
    for (int k = 0; k < kIndicators; ++k) {
        auto& c = t.add_column("x" + std::to_string(k), ColumnType::Float64);
        auto rng = stream_for(1, static_cast<std::uint64_t>(k) + 1, static_cast<std::uint64_t>(year));
        for (std::size_t i = 0; i < n; ++i) {
            const double noise = uniform01(rng);
            if (uniform01(rng) < 0.02) continue;  // missing
            double v = 0.6 * (u.latent[i] + u.trend[i] * year) + 0.4 * noise;
            if (k % 4 == 3) v = std::exp(4 * v);                                  // skewed
            if (is_count(k)) v = std::round(std::max(0.0, v) * 0.05 * u.population[i]);  // a count
            c.set(i, v);
        }
    }
    return t;
}

struct Bench {
    std::vector<FeatureTable> editions;
    SpatialWeights lattice;
    MonitorJobOptions o;
};

void fill_options(Bench& b, std::size_t runs, bool errors, int permutations, unsigned threads) {
    MonitorJobOptions& o = b.o;
    for (int y = 0; y < kYears; ++y) o.editions.push_back({kFirstYear + y, &b.editions[static_cast<std::size_t>(y)], "edition " + std::to_string(y)});
    for (int d = 0; d < kDomains; ++d) o.index.domains.push_back({"d" + std::to_string(d), "", 1.0});
    for (int k = 0; k < kIndicators; ++k) {
        YearlyIndicator yi;
        yi.name = "x" + std::to_string(k);
        yi.source.column = yi.name;
        if (is_count(k)) {
            yi.source.transform = index::Transform::Per1000;
            yi.source.denominator = "pop";
        }
        o.table.indicators.push_back(yi);
        index::IndicatorSpec s;
        s.name = yi.name;
        s.source.column = yi.name;
        s.domain = "d" + std::to_string(k % kDomains);
        s.direction = k % 3 == 0 ? index::Direction::LowerIsBetter : index::Direction::HigherIsBetter;
        o.index.indicators.push_back(s);
        if (errors) o.errors.push_back(is_count(k) ? IndicatorError{0, 0, 5} : IndicatorError{0.02, 0, 0});
    }
    o.index.missing = index::Imputation::Mean;
    o.index.classes.method = index::ClassMethod::Quantiles;
    o.uncertainty.runs = runs;
    o.uncertainty.seed = 1;
    o.uncertainty.weight_range = 0.25;
    o.uncertainty.sensitivity = false;
    o.uncertainty.rank_intervals = false;
    o.weights = &b.lattice;
    o.emerging.permutations = permutations;
    o.threads = threads;
}

void phase(const char* name, double s) { std::printf("%-22s %8.2f s   (peak so far %.0f MB)\n", name, s, peak_mb()); }

// The pieces of run_monitor_job in its order (pooled basis, no neighbour imputation).
void run_phases(const MonitorJobOptions& o) {
    const std::size_t ny = kYears;
    auto t = Clock::now();
    const auto t_all = t;
    LongTable lt = build_long_table(o.editions, o.table);
    const std::size_t n = lt.units;
    phase("long table", seconds_since(t));

    t = Clock::now();
    index::IndexOptions io = o.index;
    io.threads = o.threads;
    for (auto& ind : io.indicators) {
        ind.source = index::TransformSpec{};
        ind.source.column = value_column(ind.name);
    }
    index::IndexModel model(lt.table, io);
    index::IndexResult idx = index::compute_index(lt.table, model);
    const auto ranks = ranks_per_year(idx.index, n, ny);
    const Thresholds th = default_thresholds(idx.index);
    YearChange change = compare_years(idx.index, idx.classes.cls, n, lt.years, lt.years.front(), lt.years.back(), th);
    phase("index", seconds_since(t));

    t = Clock::now();
    index::UncertaintyOptions u = o.uncertainty;
    u.threads = o.threads;
    add_measurement_errors(o, lt, u);
    const auto mc = change_intervals(model, idx, u, {{0, ny - 1}}, n, o.level);
    phase("Monte Carlo change", seconds_since(t));

    t = Clock::now();
    const auto dm = differential_local_moran(change.score_from, change.score_to, *o.weights, o.transform, change_inference(o));
    phase("differential LISA", seconds_since(t));

    t = Clock::now();
    SpaceTimeValues st;
    for (int y : lt.years) st.steps.push_back(std::to_string(y));
    st.values.assign(n, std::vector<double>(ny));
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t y = 0; y < ny; ++y) st.values[i][y] = idx.index[lt.row(y, i)];
    EmergingHotSpotOptions eo = o.emerging;
    eo.threads = o.threads;
    const auto eh = emerging_hot_spots(*o.weights, st, eo);
    phase("EHSA (Gi*+MK+cat.)", seconds_since(t));
    phase("total", seconds_since(t_all));

    // A digest of the change intervals and the runs' rank shifts: an optimisation of the
    // engine must leave these digits as they were.
    double digest = 0, shift = 0;
    for (std::size_t i = 0; i < n; ++i)
        if (!std::isnan(mc.pairs[0].low[i])) digest += mc.pairs[0].low[i] + 2 * mc.pairs[0].high[i];
    for (double y : mc.uncertainty.mean_shift_a) shift += y;
    std::printf("digest: intervals %.17g, rank shifts %.17g\n", digest, shift);
    std::size_t sig = 0, hot = 0;
    for (int s : mc.pairs[0].significant) sig += s != 0 ? 1 : 0;
    for (auto c : eh.category) hot += c != EmergingCategory::NoPattern ? 1 : 0;
    std::printf("check: ranked %zu, significant changes %zu, units with a pattern %zu, ranks %zu, LISA units %zu\n", idx.ranked, sig, hot, ranks.size(),
                dm.change.size());
}

void run_job(const MonitorJobOptions& o) {
    const auto t = Clock::now();
    const MonitorJobResult r = run_monitor_job(o);
    phase("run_monitor_job", seconds_since(t));
    std::size_t sig = 0, hot = 0;
    for (int s : r.interval->significant) sig += s != 0 ? 1 : 0;
    for (auto c : r.emerging->category) hot += c != EmergingCategory::NoPattern ? 1 : 0;
    std::printf("check: ranked %zu, significant changes %zu, units with a pattern %zu\n", r.index.ranked, sig, hot);
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: bench_monitor phases|job N [runs=1000] [errors=0] [permutations=999] [threads=2]\n");
        return 2;
    }
    const std::string mode = argv[1];
    const int side = static_cast<int>(std::sqrt(std::strtod(argv[2], nullptr)));
    const std::size_t runs = argc > 3 ? std::strtoull(argv[3], nullptr, 10) : 1000;
    const bool errors = argc > 4 && std::atoi(argv[4]) != 0;
    const int permutations = argc > 5 ? std::atoi(argv[5]) : 999;
    const unsigned threads = argc > 6 ? static_cast<unsigned>(std::atoi(argv[6])) : 2;
    if (mode != "phases" && mode != "job") {
        std::fprintf(stderr, "unknown mode %s\n", mode.c_str());
        return 2;
    }
    Bench b;
    const Units units = make_units(side);
    for (int y = 0; y < kYears; ++y) b.editions.push_back(make_edition(units, y));
    b.lattice = test::rook_lattice(side);
    fill_options(b, runs, errors, permutations, threads);
    std::printf("monitor units=%d (%d x %d) years=%d indicators=%d runs=%zu errors=%d permutations=%d threads=%u; data %.0f MB\n", side * side, side,
                side, kYears, kIndicators, runs, errors ? 1 : 0, permutations, threads, peak_mb());
    if (mode == "phases")
        run_phases(b.o);
    else
        run_job(b.o);
    std::printf("peak_mb=%.0f\n", peak_mb());
    return 0;
}
