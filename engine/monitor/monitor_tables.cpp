#include "monitor/monitor_tables.hpp"

#include <cmath>

namespace leefbaar::monitor {
namespace {

namespace cf = change_fields;

template <class T>
void put(FeatureTable& t, const std::string& name, ColumnType type, const std::vector<T>& v, const std::string& title, const std::string& description,
         bool zero_is_null = false) {
    Column c = Column::make(name, type, t.rows());
    for (std::size_t u = 0; u < v.size(); ++u) {
        if constexpr (std::is_floating_point_v<T>) {
            if (!std::isnan(v[u])) c.set(u, static_cast<double>(v[u]));
        } else {
            if (!(zero_is_null && v[u] == 0)) c.set(u, static_cast<std::int64_t>(v[u]));
        }
    }
    c.title = title;
    c.description = description;
    t.add_column(std::move(c));
}

void put_text(FeatureTable& t, const std::string& name, const std::vector<std::string>& v, const std::string& title, const std::string& description) {
    Column c = Column::make(name, ColumnType::Text, t.rows());
    for (std::size_t u = 0; u < v.size(); ++u)
        if (!v[u].empty()) c.set(u, v[u]);
    c.title = title;
    c.description = description;
    t.add_column(std::move(c));
}

// Key, kept columns and geometry of the first year's rows.
FeatureTable unit_frame(const LongTable& lt) {
    const FeatureTable& l = lt.table;
    FeatureTable t;
    t.resize(lt.units);
    if (l.has_geometry()) {
        t.enable_geometry();
        t.set_points(l.points());
        std::copy(l.geometries().begin(), l.geometries().begin() + static_cast<std::ptrdiff_t>(lt.units), t.geometries().begin());
    }
    t.set_crs(l.crs());
    for (const auto& c : l.columns()) {
        if (c.name == kYearColumn) break;  // the frame's columns come before the year
        Column x = c;
        for (auto* v : {&x.valid}) v->resize(lt.units);
        if (x.type == ColumnType::Int64) x.ints.resize(lt.units);
        if (x.type == ColumnType::Float64) x.reals.resize(lt.units);
        if (x.type == ColumnType::Text) x.texts.resize(lt.units);
        t.add_column(std::move(x));
    }
    if (!l.key_column().empty()) t.set_key_column(l.key_column());
    return t;
}

void add_change(FeatureTable& t, const MonitorJobResult& r) {
    const YearChange& c = r.change;
    const std::string a = std::to_string(c.from), b = std::to_string(c.to), span = a + "-" + b;
    put(t, cf::index_from, ColumnType::Float64, c.score_from, "Index " + a, "Liveability index in " + a + " (the same scale in every year)");
    put(t, cf::index_to, ColumnType::Float64, c.score_to, "Index " + b, "Liveability index in " + b + " (the same scale in every year)");
    put(t, cf::change, ColumnType::Float64, c.change, "Change " + span, "Index " + b + " minus index " + a + "; > 0 is better");
    put(t, cf::rank_from, ColumnType::Int64, c.rank_from, "Rank " + a, "Rank within " + a + ", 1 = most liveable", true);
    put(t, cf::rank_to, ColumnType::Int64, c.rank_to, "Rank " + b, "Rank within " + b + ", 1 = most liveable", true);
    put(t, cf::rank_change, ColumnType::Int64, c.rank_change, "Rank change " + span, "Places moved up (> 0) or down (< 0)");
    put(t, cf::class_from, ColumnType::Int64, c.class_from, "Class " + a, "Class in " + a + " (the same breaks in every year)", true);
    put(t, cf::class_to, ColumnType::Int64, c.class_to, "Class " + b, "Class in " + b + " (the same breaks in every year)", true);
    put(t, cf::class_change, ColumnType::Int64, c.class_change, "Class change " + span, "Classes moved up (> 0) or down (< 0)");
    put(t, cf::development, ColumnType::Int64, c.development, "Development " + span,
        "Development class 1 (grote achteruitgang) .. 7 (grote vooruitgang) of the change (docs/methods/monitoring.md)", true);
    std::vector<std::string> labels;
    for (int d : c.development) labels.push_back(d > 0 ? development_labels()[static_cast<std::size_t>(d - 1)] : std::string());
    put_text(t, cf::development_label, labels, "Development " + span, "Name of the development class");
}

void add_interval(FeatureTable& t, const MonitorJobResult& r, double level) {
    if (!r.interval) return;
    const auto& ci = *r.interval;
    const std::string pct = std::to_string(static_cast<int>(std::lround(level * 100)));
    put(t, cf::low, ColumnType::Float64, ci.low, "Change, " + pct + " % low", "Lower end of the Monte Carlo interval of the change");
    put(t, cf::high, ColumnType::Float64, ci.high, "Change, " + pct + " % high", "Upper end of the Monte Carlo interval of the change");
    std::vector<std::string> s;
    for (std::size_t u = 0; u < ci.significant.size(); ++u) s.push_back(std::isnan(ci.low[u]) ? std::string() : significance_text(ci.significant[u]));
    put_text(t, cf::significance, s, "Significant change", "Whether the " + pct + " % interval of the change excludes zero");
}

void add_patterns(FeatureTable& t, const MonitorJobResult& r) {
    if (r.differential) {
        put_text(t, cf::lisa, r.differential->lisa.category, "LISA of the change",
                 "Differential Local Moran: clusters of improvement (High-High) and decline (Low-Low)");
        put(t, cf::lisa_p, ColumnType::Float64, r.differential->lisa.p, "LISA of the change, p", "Pseudo p-value of the differential Local Moran");
    }
    if (r.emerging) {
        std::vector<std::string> names;
        std::vector<int> codes;
        std::vector<double> tau, p;
        for (std::size_t u = 0; u < r.emerging->category.size(); ++u) {
            names.push_back(to_string(r.emerging->category[u]));
            codes.push_back(static_cast<int>(r.emerging->category[u]));
            tau.push_back(r.emerging->trend[u].n ? r.emerging->trend[u].tau : NAN);
            p.push_back(r.emerging->trend[u].n ? r.emerging->trend[u].p : NAN);
        }
        put_text(t, cf::ehsa, names, "Emerging hot spot", "Emerging Hot Spot Analysis category of the index over the years (ArcGIS Pro's rules)");
        put(t, cf::ehsa_code, ColumnType::Int64, codes, "Emerging hot spot code", "+1..+8 hot, -1..-8 cold, 0 no pattern");
        put(t, cf::ehsa_tau, ColumnType::Float64, tau, "Trend of Gi* (tau)", "Kendall's tau of the unit's Gi* z over the years");
        put(t, cf::ehsa_p, ColumnType::Float64, p, "Trend of Gi* (p)", "Mann-Kendall p-value of that trend");
    }
}

}  // namespace

const char* significance_text(int s) { return s > 0 ? "significantly better" : s < 0 ? "significantly worse" : "not significant"; }

FeatureTable change_table(const MonitorJobResult& r) {
    FeatureTable t = unit_frame(r.long_table);
    add_change(t, r);
    add_interval(t, r, r.level);
    add_patterns(t, r);
    return t;
}

FeatureTable coverage_table(const Coverage& c) {
    FeatureTable t;
    t.resize(c.indicators.size() * c.years.size());
    std::vector<std::string> ind, col, mapping;
    std::vector<int> year;
    std::vector<std::int64_t> obs, fill;
    std::vector<double> share;
    for (std::size_t i = 0; i < c.indicators.size(); ++i)
        for (std::size_t y = 0; y < c.years.size(); ++y) {
            ind.push_back(c.indicators[i]);
            col.push_back(c.column[i][y]);
            mapping.push_back(y < c.mapping.size() ? c.mapping[y] : std::string());
            year.push_back(c.years[y]);
            obs.push_back(static_cast<std::int64_t>(c.observed[i][y]));
            fill.push_back(static_cast<std::int64_t>(c.filled[i][y]));
            share.push_back(c.units ? 100.0 * static_cast<double>(c.observed[i][y]) / static_cast<double>(c.units) : NAN);
        }
    put_text(t, "indicator", ind, "Indicator", "Name of the indicator");
    put(t, "year", ColumnType::Int64, year, "Year", "Edition");
    put_text(t, "source_column", col, "Column", "Column read in that year's table; empty: not in that edition");
    put_text(t, "mapping", mapping, "Mapping", "How that year's units were mapped onto the polygons: joined, crosswalk or areal interpolation");
    put(t, "observed", ColumnType::Int64, obs, "Observed", "Units with a value in that year");
    put(t, "filled", ColumnType::Int64, fill, "Filled", "Units whose value was filled from other years");
    put(t, "observed_pct", ColumnType::Float64, share, "Observed (%)", "Share of the units with a value in that year");
    return t;
}

}  // namespace leefbaar::monitor
