#include "monitor/monitor_job.hpp"

#include <algorithm>
#include <cmath>

#include "core/error.hpp"
#include "core/field_names.hpp"
#include "index/ranking.hpp"
#include "monitor/monitor_tables.hpp"

namespace leefbaar::monitor {
namespace {

std::size_t year_index(const std::vector<int>& years, int year, const char* what) {
    const auto it = std::find(years.begin(), years.end(), year);
    if (it == years.end())
        throw UsageError(std::string(what) + " " + std::to_string(year) + " is not one of the editions", {},
                         "choose one of the years the project names ({{years}})");
    return static_cast<std::size_t>(it - years.begin());
}

// The project's model on the long table: every indicator reads its derived value.
index::IndexOptions long_index_options(const MonitorJobOptions& o, const LongTable& lt) {
    index::IndexOptions x = o.index;
    x.threads = o.threads;
    if (x.min_population > 0)
        throw UsageError("[index] min_population is not applied over the years yet", {},
                         "give the indicators a min_population instead (their values below it are not used, year by year), or remove it");
    x.population.clear();  // the indicators' min_population was applied year by year in the long table
    for (auto& ind : x.indicators) {
        ind.source = index::TransformSpec{};
        ind.source.column = value_column(ind.name);
    }
    if (o.basis == Basis::Pooled) return x;
    const std::size_t ry = year_index(lt.years, o.reference_year, "the reference year");
    for (auto& ind : x.indicators) {
        const index::Normalisation n = ind.normalisation.value_or(x.normalisation);
        if (n == index::Normalisation::Goalposts) continue;  // fixed already
        if (n != index::Normalisation::MinMax)
            throw UsageError("a reference year fixes min-max goalposts; indicator '" + ind.name + "' is normalised with " + index::to_string(n), {},
                             "use {{basis pooled}} for that normalisation, or min-max");
        double lo = INFINITY, hi = -INFINITY;
        const Column& c = lt.table.column(ind.source.column);
        for (std::size_t u = 0; u < lt.units; ++u) {
            const double v = c.as_double(lt.row(ry, u));
            if (std::isnan(v)) continue;
            lo = std::min(lo, v);
            hi = std::max(hi, v);
        }
        if (!(hi > lo))
            throw DataError("indicator '" + ind.name + "' does not vary in the reference year " + std::to_string(o.reference_year), {},
                            "choose another reference year or {{basis pooled}}");
        ind.normalisation = index::Normalisation::Goalposts;
        ind.goal_low = lo;
        ind.goal_high = hi;
    }
    return x;
}

// The units' neighbours repeated per year: a unit's neighbours in its own year.
SpatialWeights per_year(const SpatialWeights& w, std::size_t years) {
    SpatialWeights out;
    out.kind = w.kind + " per year";
    out.transform = w.transform;
    const std::size_t n = w.size();
    for (std::size_t y = 0; y < years; ++y)
        for (std::size_t u = 0; u < n; ++u) {
            out.ids.push_back(w.ids.empty() ? std::string() : w.ids[u] + "/" + std::to_string(y));
            std::vector<std::int32_t> nb = w.neighbours[u];
            for (auto& j : nb) j += static_cast<std::int32_t>(y * n);
            out.neighbours.push_back(std::move(nb));
            out.weights.push_back(w.weights[u]);
        }
    return out;
}

// Ranks and percentiles within each year, not over all unit-years.
void rank_within_years(LongTable& lt, const std::vector<double>& index) {
    const auto ranks = ranks_per_year(index, lt.units, lt.years.size());
    Column& rk = lt.table.column(fields::index_rank);
    Column& pc = lt.table.column(fields::index_percentile);
    for (std::size_t y = 0; y < lt.years.size(); ++y) {
        std::size_t ranked = 0;
        for (std::size_t u = 0; u < lt.units; ++u) ranked += ranks[lt.row(y, u)] > 0 ? 1 : 0;
        for (std::size_t u = 0; u < lt.units; ++u) {
            const std::size_t r = lt.row(y, u);
            if (ranks[r] == 0) continue;
            rk.set(r, static_cast<std::int64_t>(ranks[r]));
            pc.set(r, index::rank_percentile(ranks[r], ranked));
        }
    }
    rk.description = "Rank of the index among the scored units of the same year, 1 = most liveable";
    pc.description = "Percentile within the year: 100 = most liveable unit of that year";
}

bool scored_in_some_years_only(const SpaceTimeValues& st) {
    for (const auto& unit : st.values) {
        const auto missing = std::count_if(unit.begin(), unit.end(), [](double v) { return std::isnan(v); });
        if (missing > 0 && missing < static_cast<std::ptrdiff_t>(unit.size())) return true;
    }
    return false;
}

}  // namespace

void add_measurement_errors(const MonitorJobOptions& o, const LongTable& lt, index::UncertaintyOptions& u) {
    if (o.errors.empty()) return;
    const std::size_t rows = lt.table.rows();
    u.error_relative.assign(o.errors.size(), 0.0);
    u.error_absolute.assign(o.errors.size(), std::vector<double>(rows, 0.0));
    for (std::size_t i = 0; i < o.errors.size(); ++i) {
        u.error_relative[i] = o.errors[i].relative;
        for (std::size_t r = 0; r < rows; ++r) {
            const double k = lt.count_scale[i][r];
            u.error_absolute[i][r] = o.errors[i].absolute + (std::isnan(k) ? 0.0 : o.errors[i].rounding / 2.0 * std::abs(k));
        }
    }
}

LocalInferenceOptions change_inference(const MonitorJobOptions& o) {
    LocalInferenceOptions inf;
    inf.permutations = o.emerging.permutations;
    inf.seed = o.emerging.seed;
    inf.alternative = parse_alternative(o.emerging.alternative);
    inf.adjust = parse_multiple_testing(o.emerging.multiple_testing);
    inf.alpha = o.emerging.alpha;
    inf.draws = parse_draws(o.emerging.draws);
    inf.threads = o.threads;
    return inf;
}

MonitorJobResult run_monitor_job(const MonitorJobOptions& o, const Progress& progress) {
    MonitorJobResult res;
    res.level = o.level;
    res.long_table = build_long_table(o.editions, o.table, progress.scaled(0.0, 0.1));
    LongTable& lt = res.long_table;
    res.warnings = lt.warnings;
    const std::size_t ny = lt.years.size(), n = lt.units;
    const std::size_t from = year_index(lt.years, o.from ? o.from : lt.years.front(), "the year compared from");
    const std::size_t to = year_index(lt.years, o.to ? o.to : lt.years.back(), "the year compared to");
    if (from >= to) throw UsageError("the change is compared from an earlier to a later year", {}, "give {{compare}} as [earlier, later]");

    if (o.neighbours) res.neighbours = std::make_unique<SpatialWeights>(per_year(*o.neighbours, ny));
    res.model = std::make_unique<index::IndexModel>(lt.table, long_index_options(o, lt), res.neighbours.get());
    const index::IndexModel& model = *res.model;
    res.index = index::compute_index(lt.table, model, progress.scaled(0.1, 0.15));
    rank_within_years(lt, res.index.index);
    res.thresholds = o.thresholds ? *o.thresholds : default_thresholds(res.index.index);
    check_thresholds(res.thresholds);
    res.change = compare_years(res.index.index, res.index.classes.cls, n, lt.years, lt.years[from], lt.years[to], res.thresholds);

    if (o.uncertainty.runs > 0) {
        index::UncertaintyOptions u = o.uncertainty;
        u.threads = o.threads;
        add_measurement_errors(o, lt, u);
        auto mc = change_intervals(model, res.index, u, {{from, to}}, n, o.level, progress.scaled(0.15, 0.8));
        res.interval = std::move(mc.pairs[0]);
        res.uncertainty = std::move(mc.uncertainty);
    }
    if (o.weights) {
        res.differential = differential_local_moran(res.change.score_from, res.change.score_to, *o.weights, o.transform, change_inference(o),
                                                    progress.scaled(0.8, 0.85));
        SpaceTimeValues st;
        for (int y : lt.years) st.steps.push_back(std::to_string(y));
        st.values.assign(n, std::vector<double>(ny));
        for (std::size_t u = 0; u < n; ++u)
            for (std::size_t y = 0; y < ny; ++y) st.values[u][y] = res.index.index[lt.row(y, u)];
        EmergingHotSpotOptions eo = o.emerging;
        eo.threads = o.threads;
        res.emerging = emerging_hot_spots(*o.weights, st, eo, progress.scaled(0.85, 0.98));
        // Its warnings are about units without a value in some year; those without a
        // score in every year are reported by the index already.
        if (scored_in_some_years_only(st)) res.warnings.insert(res.warnings.end(), res.emerging->warnings.begin(), res.emerging->warnings.end());
    }
    res.change_table = change_table(res);
    res.coverage_table = coverage_table(lt.coverage);
    progress.report(1.0);
    return res;
}

}  // namespace leefbaar::monitor
