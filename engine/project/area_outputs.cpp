// The [areas] step's outputs: one layer per level and the JSON section.
#include <cmath>

#include "core/field_names.hpp"
#include "io/dissolve.hpp"
#include "monitor/long_table.hpp"
#include "project/area_step.hpp"

namespace leefbaar::project {
namespace {

void put(FeatureTable& t, const std::string& name, const std::vector<double>& v, const std::string& title, const std::string& desc, double scale = 1.0) {
    Column c = Column::make(name, ColumnType::Float64, t.rows());
    for (std::size_t i = 0; i < v.size() && i < t.rows(); ++i)
        if (!std::isnan(v[i])) c.set(i, v[i] * scale);
    c.title = title;
    c.description = desc;
    t.add_column(std::move(c), true);
}

void put_text(FeatureTable& t, const std::string& name, const std::vector<std::string>& v, const std::string& title, const std::string& desc) {
    Column c = Column::make(name, ColumnType::Text, t.rows());
    for (std::size_t i = 0; i < v.size(); ++i)
        if (!v[i].empty()) c.set(i, v[i]);
    c.title = title;
    c.description = desc;
    t.add_column(std::move(c), true);
}

std::string deviations_text(const std::vector<areas::IndicatorDeviation>& d, const index::IndexOptions& o) {
    std::string s;
    char buf[32];
    for (const auto& x : d) {
        std::snprintf(buf, sizeof buf, " %+.1f sd", x.deviation);
        s += (s.empty() ? "" : "; ") + o.indicators[x.indicator].label + buf;
    }
    return s;
}

std::vector<double> minus(const std::vector<double>& a, const std::vector<double>& b) {
    std::vector<double> d(a.size(), NAN);
    for (std::size_t i = 0; i < a.size() && i < b.size(); ++i) d[i] = a[i] - b[i];
    return d;
}

void identity_fields(FeatureTable& t, const areas::AreaLevel& level, const std::vector<areas::AreaLevel>* all) {
    put_text(t, "code", level.codes, "Code", "Code of the area");
    put_text(t, "name", level.names, "Name", "Name of the area");
    put_text(t, "level", std::vector<std::string>(level.areas(), level.name), "Level", "The area level (" + level.label + ")");
    std::vector<std::string> parent(level.areas());
    if (all)
        for (const auto& p : *all)
            if (p.name == level.parent)
                for (std::size_t a = 0; a < level.areas(); ++a)
                    if (level.parent_area[a] >= 0) parent[a] = p.codes[static_cast<std::size_t>(level.parent_area[a])];
    put_text(t, "parent", parent, "Parent area", level.parent.empty() ? "No parent level" : "Code of the " + level.parent + " the area lies in");
}

void score_fields(FeatureTable& t, const areas::LevelResult& r, const areas::AreaJobResult& job, const index::IndexOptions& o,
                  const std::vector<std::string>& class_labels) {
    put(t, fields::index_score, r.index_mean, "Liveability index", "Population-weighted mean of the index of the area's units, higher = more liveable");
    if (!r.model.index.empty())
        put(t, "index_model", r.model.index, "Index (area as a whole)",
            "The area's aggregated indicators (rates from summed counts) scored by the units' model: the same normalisation and weights");
    Column rk = Column::make(fields::index_rank, ColumnType::Int64, t.rows()), cl = Column::make(fields::index_class, ColumnType::Int64, t.rows());
    Column lb = Column::make(fields::index_class_label, ColumnType::Text, t.rows());
    for (std::size_t a = 0; a < t.rows(); ++a) {
        if (r.rank[a] > 0) rk.set(a, static_cast<std::int64_t>(r.rank[a]));
        if (r.cls[a] > 0) {
            cl.set(a, static_cast<std::int64_t>(r.cls[a]));
            if (static_cast<std::size_t>(r.cls[a]) <= class_labels.size()) lb.set(a, class_labels[static_cast<std::size_t>(r.cls[a] - 1)]);
        }
    }
    rk.title = "Rank among the areas of the level";
    rk.description = "1 = most liveable, by index";
    cl.title = "Class";
    cl.description = "Class of index by the units' class bounds (the same classes as the units layer)";
    lb.title = "Class label";
    t.add_column(std::move(rk), true);
    t.add_column(std::move(cl), true);
    t.add_column(std::move(lb), true);
    if (!r.rank_p05.empty()) {
        put(t, fields::rank_p05, r.rank_p05, "Rank, 5th percentile", "Best end of the 5-95 % rank interval over the Monte Carlo runs");
        put(t, fields::rank_median, r.rank_median, "Median rank (Monte Carlo)", "Median rank over the Monte Carlo runs");
        put(t, fields::rank_p95, r.rank_p95, "Rank, 95th percentile", "Worst end of the 5-95 % rank interval over the Monte Carlo runs");
    }
    for (std::size_t d = 0; d < o.domains.size() && d < r.domain_mean.size(); ++d)
        put(t, fields::domain_score(o.domains[d].name), r.domain_mean[d], o.domains[d].label.empty() ? o.domains[d].name : o.domains[d].label,
            "Population-weighted mean of the domain score of the area's units");
    put(t, "parent_index", r.parent_index, "Index of the parent area", "index of the area this one lies in");
    put(t, "diff_parent", minus(r.index_mean, r.parent_index), "Difference with the parent area", "index minus the parent area's index");
    if (!job.reference_scores.index.empty() && !r.model.index.empty()) {
        std::vector<double> ref(t.rows(), job.reference_scores.index[0]);
        put(t, "ref_index", ref, "Index of the reference (" + job.references[0].name + ")", "The reference row scored by the units' model");
        put(t, "diff_reference", minus(r.model.index, ref), "Difference with the reference", "index_model minus the reference's index");
    }
}

void profile_fields(FeatureTable& t, const areas::LevelResult& r, const index::IndexOptions& o, const std::string& low_label) {
    const std::string low = low_label.empty() ? "the low classes" : low_label;
    if (!r.low_residents.empty() && !std::isnan(r.low_residents[0]))
        put(t, "pct_low_residents", r.low_residents, "Residents in buurten " + low + " (%)", "Share of the area's residents living in units scoring " + low, 100.0);
    if (!r.low_p05.empty()) {
        put(t, "pct_low_residents_p05", r.low_p05, "Residents " + low + ", 5 % (Monte Carlo)", "Lower end of the 5-95 % interval of pct_low_residents", 100.0);
        put(t, "pct_low_residents_p95", r.low_p95, "Residents " + low + ", 95 % (Monte Carlo)", "Upper end of the 5-95 % interval of pct_low_residents", 100.0);
    }
    if (!r.low_households.empty() && !std::isnan(r.low_households[0]))
        put(t, "pct_low_households", r.low_households, "Households in buurten " + low + " (%)", "Share of the area's households living in units scoring " + low, 100.0);
    if (!r.low_households_p05.empty() && !std::isnan(r.low_households_p05[0])) {
        put(t, "pct_low_households_p05", r.low_households_p05, "Households " + low + ", 5 % (Monte Carlo)", "Lower end of the 5-95 % interval of pct_low_households", 100.0);
        put(t, "pct_low_households_p95", r.low_households_p95, "Households " + low + ", 95 % (Monte Carlo)", "Upper end of the 5-95 % interval of pct_low_households", 100.0);
    }
    std::vector<std::string> st, wk;
    for (std::size_t a = 0; a < t.rows(); ++a) {
        st.push_back(deviations_text(r.strengths[a], o));
        wk.push_back(deviations_text(r.weaknesses[a], o));
    }
    put_text(t, "strengths", st, "Strengths", "Indicators on which the area scores most above what it is compared with (compared_with), in SDs of the units' scores");
    put_text(t, "weaknesses", wk, "Weaknesses", "Indicators on which the area scores most below what it is compared with, in SDs of the units' scores");
    put_text(t, "compared_with", r.compared_with, "Compared with", "The parent area, else the reference row, else all units");
}

void indicator_fields(FeatureTable& t, const areas::LevelResult& r, const index::IndexOptions& o, const areas::AreaJobOptions& ao) {
    for (std::size_t i = 0; i < o.indicators.size(); ++i) {
        const auto& ind = o.indicators[i];
        const auto& a = ao.indicators[i];
        const std::string how = a.rule == areas::Rule::Ratio ? "recomputed from the summed " + a.column + " and " + a.denominator
                                : a.rule == areas::Rule::Sum ? "sum of " + a.column
                                                             : "mean of " + a.column + (a.weight.empty() ? "" : " weighted by " + a.weight);
        put(t, "a_" + ind.name, r.indicator[i].value, ind.label, ind.label + " of the area: " + how);
        if (!r.model.norm.empty()) put(t, fields::normalised(ind.name), r.model.norm[i], ind.label + " (normalised)", "The area's value normalised as the units' values");
        put(t, "cov_" + ind.name, r.indicator[i].coverage, ind.label + ": coverage (%)", "Share of the area's units with a value", 100.0);
    }
}

}  // namespace

FeatureTable area_layer(const Project& p, const FeatureTable& units, const std::vector<areas::AreaLevel>& levels, std::size_t li, const areas::AreaJobResult& job,
                        const std::vector<std::string>& class_labels, unsigned threads, const Progress& progress) {
    const areas::AreaLevel& level = levels[li];
    const areas::LevelResult& r = job.levels[li];
    FeatureTable t;
    t.resize(level.areas());
    t.set_crs(units.crs());
    if (units.has_geometry() && !units.points()) {
        std::vector<std::int64_t> group(units.rows(), 0);
        for (std::size_t u = 0; u < units.rows(); ++u) group[u] = level.main_area[u] + 1;
        auto geoms = io::dissolve_groups(units.geometries(), group, level.areas(), threads, progress);
        t.enable_geometry(true);
        geoms.resize(level.areas());
        t.geometries() = std::move(geoms);
    }
    identity_fields(t, level, &levels);
    t.set_key_column("code");
    put(t, "units", r.units, "Units", "Number of units (buurten) in the area; a unit split between areas counts with its share");
    if (!r.population.empty()) put(t, "population", r.population, "Inhabitants", "Sum of " + p.areas.population + " over the area's units");
    if (!r.households.empty()) put(t, "households", r.households, "Households", "Sum of " + p.areas.households + " over the area's units");
    score_fields(t, r, job, p.index, class_labels);
    profile_fields(t, r, p.index, job.options.low_label);
    indicator_fields(t, r, p.index, job.options);
    return t;
}

}  // namespace leefbaar::project

namespace leefbaar::project {

std::vector<std::vector<double>> area_trajectories(const FeatureTable& units, const areas::AreaLevel& level, const monitor::LongTable& lt,
                                                   const std::string& population) {
    std::vector<std::vector<double>> out;  // [year][area]
    const std::vector<double> pop = population.empty() ? std::vector<double>{} : areas::numeric_column(units, population, "[areas] population");
    const Column& index = lt.table.column(fields::index_score);
    std::vector<double> x(lt.units);
    for (std::size_t y = 0; y < lt.years.size(); ++y) {
        for (std::size_t u = 0; u < lt.units; ++u) x[u] = index.as_double(lt.row(y, u));
        out.push_back(areas::area_mean(level, x, pop));
    }
    return out;
}

FeatureTable area_years_layer(const FeatureTable& area_table, const areas::AreaLevel& level, const std::vector<int>& years,
                              const std::vector<std::vector<double>>& trajectory) {
    const std::size_t na = level.areas(), ny = years.size();
    FeatureTable t;
    t.resize(na * ny);
    t.set_crs(area_table.crs());
    if (area_table.has_geometry()) {
        t.enable_geometry(true);
        for (std::size_t y = 0; y < ny; ++y)
            for (std::size_t a = 0; a < na; ++a) t.geometries()[y * na + a] = area_table.geometries()[a];
    }
    std::vector<std::string> code, name, date;
    std::vector<double> year, idx;
    for (std::size_t y = 0; y < ny; ++y)
        for (std::size_t a = 0; a < na; ++a) {
            code.push_back(level.codes[a]);
            name.push_back(level.names[a]);
            date.push_back(std::to_string(years[y]) + "-07-01");
            year.push_back(years[y]);
            idx.push_back(trajectory[y][a]);
        }
    put_text(t, "code", code, "Code", "Code of the area");
    put_text(t, "name", name, "Name", "Name of the area");
    put(t, monitor::kYearColumn, year, "Year", "Year of the edition");
    put_text(t, monitor::kDateColumn, date, "Date", "1 July of the year, for QGIS's temporal controller");
    put(t, fields::index_score, idx, "Liveability index",
        "Population-weighted mean of the index of the area's units in that year, on the monitor's one scale for all years (weights: the units' inhabitants of the project's own table)");
    return t;
}

}  // namespace leefbaar::project
