// Benchmark of the area roll-up (not a test): N units (unit squares on a side x side
// grid) rolled up to three nested levels by lookup tables — blocks of 10 x 10 units
// (10,000 areas at N = 1,000,000), of 50 x 50 and of 250 x 250 — with 20 indicators
// (8 rates with their parts, 4 counts, 8 weighted means), the two area scores, ranks,
// classes, class shares, strengths and weaknesses, and the dissolved polygons of every
// level (GEOS union of the units).
//   bench_areas N [threads=2]
// Prints one line per phase (seconds) and the peak resident memory (getrusage).
#include <sys/resource.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "areas/area_job.hpp"
#include "core/random.hpp"
#include "io/dissolve.hpp"

using namespace leefbaar;
using Clock = std::chrono::steady_clock;

namespace {

double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }
double peak_mb() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return static_cast<double>(u.ru_maxrss) / 1024.0;
}

void column(FeatureTable& t, const std::string& name, const std::vector<double>& v) {
    auto& c = t.add_column(name, ColumnType::Float64);
    for (std::size_t i = 0; i < v.size(); ++i) c.set(i, v[i]);
}

struct Data {
    FeatureTable units;
    index::IndexOptions options;
    areas::AreaJobOptions area;
};

Data make(int side) {
    Data d;
    const auto n = static_cast<std::size_t>(side) * static_cast<std::size_t>(side);
    auto& t = d.units;
    t.resize(n);
    t.enable_geometry(true);
    auto& key = t.add_column("key", ColumnType::Text);
    for (std::size_t i = 0; i < n; ++i) {
        const double x = static_cast<double>(i % static_cast<std::size_t>(side)), y = static_cast<double>(i / static_cast<std::size_t>(side));
        MultiPolygon mp;
        mp.resize(1);
        mp[0].outer() = {{x, y}, {x, y + 1}, {x + 1, y + 1}, {x + 1, y}, {x, y}};  // clockwise, closed
        t.geometries()[i] = std::move(mp);
        key.set(i, "U" + std::to_string(i));
    }
    t.set_key_column("key");
    auto rng = stream_for(7, 0, 0);
    std::vector<double> pop(n), v(n);
    for (auto& p : pop) p = std::round(100 + 4900 * uniform01(rng));
    column(t, "population", pop);
    for (const char* dom : {"a", "b", "c", "d", "e"}) d.options.domains.push_back({dom, dom, 1.0});
    for (int i = 0; i < 20; ++i) {
        const std::string name = "x" + std::to_string(i);
        index::IndicatorSpec s;
        s.name = s.label = name;
        s.domain = d.options.domains[static_cast<std::size_t>(i % 5)].name;
        s.source.column = name;
        areas::AreaIndicator a{name, areas::Rule::Mean, name, "", 1.0, "population", false};
        for (std::size_t u = 0; u < n; ++u) v[u] = uniform01(rng) * 100.0;
        if (i % 5 < 2) {  // a rate: a count per 1,000 of the population
            for (std::size_t u = 0; u < n; ++u) v[u] = std::round(v[u] * pop[u] / 1000.0);
            s.source.transform = index::Transform::Per1000;
            s.source.denominator = "population";
            a = {name, areas::Rule::Ratio, name, "population", 1000.0, "", false};
        } else if (i % 5 == 2 && i < 10) {  // a count
            a.rule = areas::Rule::Sum;
        }
        column(t, name, v);
        d.options.indicators.push_back(s);
        d.area.indicators.push_back(a);
    }
    d.options.outliers.method = index::OutlierMethod::Coinr;
    d.options.classes.method = index::ClassMethod::Leefbaarometer;
    d.area.population = "population";
    d.area.low_class = 3;
    return d;
}

// Blocks of b x b units: the lookup of unit key (or finer area code) -> area code.
areas::Lookup blocks(int side, int b, int finer) {
    areas::Lookup l;
    const int per = side / b;
    if (finer == 0) {
        for (int i = 0; i < side * side; ++i) l.area["U" + std::to_string(i)] = "A" + std::to_string(b) + "_" + std::to_string((i / side / b) * per + (i % side) / b);
        return l;
    }
    const int fper = side / finer;
    for (int f = 0; f < fper * fper; ++f) {
        const int fr = f / fper, fc = f % fper;
        l.area["A" + std::to_string(finer) + "_" + std::to_string(f)] = "A" + std::to_string(b) + "_" + std::to_string((fr * finer / b) * per + fc * finer / b);
    }
    return l;
}

}  // namespace

int main(int argc, char** argv) {
    const std::size_t want = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 1000000;
    const unsigned threads = argc > 2 ? static_cast<unsigned>(std::atoi(argv[2])) : 2;
    const int side = static_cast<int>(std::sqrt(static_cast<double>(want)));
    auto t0 = Clock::now();
    Data d = make(side);
    d.options.threads = threads;
    std::printf("areas units=%d (%d x %d) indicators=20 levels=3 threads=%u; setup %.2f s\n", side * side, side, side, threads, seconds_since(t0));
    t0 = Clock::now();
    index::IndexModel model(d.units, d.options);
    FeatureTable scored = d.units;
    const auto det = index::compute_index(scored, model);
    std::printf("%-26s %6.2f s   (not part of the roll-up)\n", "index of the units", seconds_since(t0));
    std::vector<std::string> keys(d.units.rows());
    for (std::size_t i = 0; i < keys.size(); ++i) keys[i] = d.units.column("key").as_text(i);
    const auto whole = Clock::now();
    t0 = Clock::now();
    std::vector<areas::AreaLevel> levels;
    levels.push_back(areas::level_from_lookup("block10", keys, blocks(side, 10, 0), nullptr, false));
    levels.push_back(areas::level_from_lookup("block50", keys, blocks(side, 50, 10), &levels[0], false));
    levels.push_back(areas::level_from_lookup("block250", keys, blocks(side, 250, 50), &levels[1], false));
    areas::link_parent(levels[0], levels[1], keys);
    areas::link_parent(levels[1], levels[2], keys);
    std::printf("%-26s %6.2f s   areas %zu / %zu / %zu (peak so far %.0f MB)\n", "levels (lookups, parents)", seconds_since(t0), levels[0].areas(),
                levels[1].areas(), levels[2].areas(), peak_mb());
    t0 = Clock::now();
    const auto job = areas::run_area_job(d.units, model, det, levels, {}, d.area);
    std::printf("%-26s %6.2f s   (peak so far %.0f MB)\n", "aggregate, score, profile", seconds_since(t0), peak_mb());
    t0 = Clock::now();
    std::size_t parts = 0;
    for (const auto& l : levels) {
        std::vector<std::int64_t> group(d.units.rows());
        for (std::size_t u = 0; u < group.size(); ++u) group[u] = l.main_area[u] + 1;
        const auto g = io::dissolve_groups(d.units.geometries(), group, l.areas(), threads);
        for (const auto& mp : g) parts += mp.size();
    }
    std::printf("%-26s %6.2f s   %zu polygons (peak so far %.0f MB)\n", "dissolve (3 levels)", seconds_since(t0), parts, peak_mb());
    std::printf("%-26s %6.2f s\n", "total roll-up", seconds_since(whole));
    double digest = 0;
    for (const auto& l : job.levels)
        for (double v : l.index_mean) digest += v;
    std::printf("check: index digest %.6f\npeak_mb=%.0f\n", digest, peak_mb());
    return 0;
}
