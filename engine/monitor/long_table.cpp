#include "monitor/long_table.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include "core/error.hpp"

namespace leefbaar::monitor {

const char* const kYearColumn = "year";
const char* const kDateColumn = "date";

namespace {

const std::vector<std::pair<YearFill, const char*>> kFills = {{YearFill::None, "none"},
                                                              {YearFill::CarryForward, "carry_forward"},
                                                              {YearFill::CarryBackward, "carry_backward"},
                                                              {YearFill::Interpolate, "interpolate"},
                                                              {YearFill::Nearest, "nearest"}};

std::string key_of(const FeatureTable& t, std::size_t u) {
    return t.key_column().empty() ? "row " + std::to_string(u + 1) : t.column(t.key_column()).as_text(u);
}

std::string edition_text(const Edition& e) { return std::to_string(e.year) + (e.file.empty() ? "" : " ('" + e.file + "')"); }

// Editions sorted by year; every one with the first's units in the same order.
std::vector<Edition> checked_editions(std::vector<Edition> eds) {
    if (eds.size() < 2) throw UsageError("monitoring needs at least two editions (years)", {}, "name two or more years with their tables");
    std::sort(eds.begin(), eds.end(), [](const Edition& a, const Edition& b) { return a.year < b.year; });
    for (std::size_t y = 1; y < eds.size(); ++y)
        if (eds[y].year == eds[y - 1].year) throw UsageError("the year " + std::to_string(eds[y].year) + " is given twice", {}, "give each year once");
    const FeatureTable& first = *eds[0].units;
    for (const auto& e : eds) {
        const FeatureTable& t = *e.units;
        if (t.rows() != first.rows())
            throw DataError("the " + edition_text(e) + " edition has " + std::to_string(t.rows()) + " units, the " + edition_text(eds[0]) + " edition " +
                                std::to_string(first.rows()),
                            ErrorContext{e.file}, "every year must describe the same units: map changed boundaries first (a crosswalk)");
        if (first.key_column().empty()) continue;
        for (std::size_t u = 0; u < t.rows(); ++u)
            if (key_of(t, u) != key_of(first, u))
                throw DataError("unit " + std::to_string(u + 1) + " is '" + key_of(t, u) + "' in " + edition_text(e) + " but '" + key_of(first, u) + "' in " +
                                    edition_text(eds[0]),
                                ErrorContext{e.file, {}, static_cast<std::int64_t>(u + 1)}, "every year must describe the same units in the same order");
    }
    return eds;
}

// The indicator's values in one edition; empty when its (default) column is absent.
std::vector<double> values_in(const YearlyIndicator& ind, const Edition& e, const LongTableOptions& o, std::string& column) {
    index::TransformSpec spec = ind.source;
    if (spec.population.empty()) spec.population = o.population;
    const auto c = ind.column_in.find(e.year);
    const auto d = ind.denominator_in.find(e.year);
    if (c != ind.column_in.end()) spec.column = c->second;
    if (d != ind.denominator_in.end()) spec.denominator = d->second;
    const FeatureTable& t = *e.units;
    for (const auto& [name, explicit_] : {std::pair{spec.column, c != ind.column_in.end()}, std::pair{spec.denominator, d != ind.denominator_in.end()}}) {
        if (name.empty() || t.has_column(name)) continue;
        if (explicit_) {
            const std::string near = nearest_name(name, t.column_names());
            throw DataError("indicator '" + ind.name + "': column '" + name + "' is not in the " + edition_text(e) + " edition", ErrorContext{e.file, {}, {}, name},
                            near.empty() ? "check the column name of that year" : "did you mean '" + near + "'?");
        }
        column.clear();  // absent that year: indicator_years says so once, if nothing fills it
        return {};
    }
    column = spec.column;
    // Smoothing and min_population per year: each year's rates against that year's reference.
    return index::derive(t, spec, o.neighbours);
}

// The count scale (LongTable::count_scale) of one edition's values.
std::vector<double> scale_in(const YearlyIndicator& ind, const Edition& e, const std::vector<double>& values) {
    index::TransformSpec spec = ind.source;
    if (const auto d = ind.denominator_in.find(e.year); d != ind.denominator_in.end()) spec.denominator = d->second;
    std::vector<double> k(values.size(), NAN);
    const FeatureTable& t = *e.units;
    for (std::size_t u = 0; u < values.size(); ++u) {
        if (std::isnan(values[u])) continue;
        switch (spec.transform) {
        case index::Transform::Per1000: k[u] = 1000.0 / t.column(spec.denominator).as_double(u); break;
        case index::Transform::Share: k[u] = 100.0 / t.column(spec.denominator).as_double(u); break;
        case index::Transform::PerKm2: k[u] = 1.0 / t.column(spec.area_column).as_double(u); break;
        case index::Transform::Log: k[u] = std::exp(-values[u]); break;  // d ln(x + 1) / dx = 1 / (x + 1)
        case index::Transform::None: k[u] = 1.0; break;
        }
    }
    return k;
}

struct Filled {
    double value = NAN;
    std::string how;  // empty: observed or still missing
};

Filled fill_one(const std::vector<double>& v, const std::vector<int>& years, std::size_t y, YearFill f) {
    std::optional<std::size_t> before, after;
    for (std::size_t k = y; k-- > 0;)
        if (!std::isnan(v[k])) { before = k; break; }
    for (std::size_t k = y + 1; k < v.size(); ++k)
        if (!std::isnan(v[k])) { after = k; break; }
    const auto from = [&](std::size_t k, const char* how) { return Filled{v[k], std::string(how) + std::to_string(years[k])}; };
    switch (f) {
    case YearFill::None: return {};
    case YearFill::CarryForward: return before ? from(*before, "carried forward from ") : Filled{};
    case YearFill::CarryBackward: return after ? from(*after, "carried back from ") : Filled{};
    case YearFill::Nearest:
        if (before && (!after || years[y] - years[*before] <= years[*after] - years[y])) return from(*before, "nearest year: ");
        return after ? from(*after, "nearest year: ") : Filled{};
    case YearFill::Interpolate: {
        if (!before || !after) return {};
        const double t = static_cast<double>(years[y] - years[*before]) / static_cast<double>(years[*after] - years[*before]);
        return {v[*before] + t * (v[*after] - v[*before]),
                "interpolated between " + std::to_string(years[*before]) + " and " + std::to_string(years[*after])};
    }
    }
    return {};
}

}  // namespace

YearFill parse_year_fill(const std::string& s) {
    for (const auto& [f, n] : kFills)
        if (s == n) return f;
    throw UsageError("unknown fill '" + s + "'", {}, "use one of: " + join_names(names_year_fill()));
}

const char* to_string(YearFill f) {
    for (const auto& [g, n] : kFills)
        if (g == f) return n;
    return "none";
}

std::vector<std::string> names_year_fill() {
    std::vector<std::string> v;
    for (const auto& [f, n] : kFills) v.push_back(n);
    return v;
}

std::string value_column(const std::string& indicator) { return "v_" + indicator; }
std::string fill_column(const std::string& indicator) { return "f_" + indicator; }

namespace {

using Grid = std::vector<std::vector<double>>;  // [year][unit]

// One warning per indicator for the editions without its column that filling left empty.
void warn_absent(const YearlyIndicator& ind, const std::vector<Edition>& eds, const std::vector<std::string>& columns,
                 const std::vector<std::size_t>& filled, std::vector<std::string>& warnings) {
    std::vector<std::string> years;
    for (std::size_t y = 0; y < eds.size(); ++y)
        if (columns[y].empty() && filled[y] == 0) years.push_back(edition_text(eds[y]));
    if (years.empty()) return;
    warnings.push_back("indicator '" + ind.name + "': column '" + ind.source.column + "' is not in the edition(s) " + join_names(years) +
                       "; those years are missing (name its column there with year_columns, or fill them from other years)");
}

// One indicator's values as observed, and after filling (with how, per year and unit);
// counts into the coverage.
Grid indicator_years(const YearlyIndicator& ind, const std::vector<Edition>& eds, const LongTableOptions& o, YearFill fill, std::size_t i, LongTable& lt,
                     Grid& filled,
                     std::vector<std::vector<std::string>>& how) {
    const std::size_t ny = eds.size(), n = lt.units;
    std::vector<std::vector<double>> v(ny);
    auto& cov = lt.coverage;
    for (std::size_t y = 0; y < ny; ++y) {
        v[y] = values_in(ind, eds[y], o, cov.column[i][y]);
        if (v[y].empty()) v[y].assign(n, NAN);
        const auto k = scale_in(ind, eds[y], v[y]);
        std::copy(k.begin(), k.end(), lt.count_scale[i].begin() + static_cast<std::ptrdiff_t>(y * n));
        cov.observed[i][y] = static_cast<std::size_t>(std::count_if(v[y].begin(), v[y].end(), [](double x) { return !std::isnan(x); }));
    }
    if (std::all_of(cov.column[i].begin(), cov.column[i].end(), [](const std::string& c) { return c.empty(); }))
        throw DataError("indicator '" + ind.name + "': its column '" + ind.source.column + "' is in none of the " + std::to_string(ny) + " editions", {},
                        "name its column per year (columns = { YEAR = \"...\" }) or leave the indicator out");
    how.assign(ny, std::vector<std::string>(n));
    filled = v;
    std::vector<double> series(ny);
    for (std::size_t u = 0; u < n; ++u) {
        for (std::size_t y = 0; y < ny; ++y) series[y] = v[y][u];
        for (std::size_t y = 0; y < ny; ++y) {
            if (!std::isnan(series[y])) continue;
            Filled f = fill_one(series, lt.years, y, fill);
            if (f.how.empty()) continue;
            filled[y][u] = f.value;
            how[y][u] = std::move(f.how);
            ++cov.filled[i][y];
        }
    }
    warn_absent(ind, eds, cov.column[i], cov.filled[i], lt.warnings);
    return v;
}

// Units without any indicator value in a year: a warning naming them, an error when
// they are more than half (the year's table is probably not the right one).
void check_units_present(const std::vector<Edition>& eds, const std::vector<Grid>& observed, LongTable& lt) {
    for (std::size_t y = 0; y < eds.size(); ++y) {
        std::vector<std::string> empty;
        for (std::size_t u = 0; u < lt.units; ++u) {
            bool any = false;
            for (const auto& ind : observed) any = any || !std::isnan(ind[y][u]);
            if (!any) empty.push_back(key_of(*eds[0].units, u));
        }
        if (empty.empty()) continue;
        const std::string what = std::to_string(empty.size()) + " of " + std::to_string(lt.units) + " units have no value for any indicator in " +
                                 edition_text(eds[y]) + ": " + join_names(empty, 8);
        if (2 * empty.size() > lt.units)
            throw DataError(what, ErrorContext{eds[y].file}, "check that this is the right table for the year and that its key matches the units");
        lt.warnings.push_back(what);
    }
}

// Copies column `c` of the first edition to every year's rows.
Column repeated(const Column& c, std::size_t years) {
    const std::size_t n = c.size();
    Column out = Column::make(c.name, c.type, n * years);
    out.title = c.title;
    out.description = c.description;
    for (std::size_t y = 0; y < years; ++y)
        for (std::size_t u = 0; u < n; ++u) {
            const std::size_t r = y * n + u;
            if (c.is_null(u)) continue;
            if (c.type == ColumnType::Int64) out.set(r, c.ints[u]);
            else if (c.type == ColumnType::Float64) out.set(r, c.reals[u]);
            else out.set(r, c.texts[u]);
        }
    return out;
}

void add_frame(const std::vector<Edition>& eds, const LongTableOptions& o, LongTable& lt) {
    const FeatureTable& first = *eds[0].units;
    const std::size_t ny = eds.size(), n = lt.units;
    FeatureTable& t = lt.table;
    t.resize(ny * n);
    if (first.has_geometry()) {
        t.enable_geometry();
        t.set_points(first.points());
        for (std::size_t y = 0; y < ny; ++y) std::copy(first.geometries().begin(), first.geometries().end(), t.geometries().begin() + static_cast<std::ptrdiff_t>(y * n));
    }
    t.set_crs(first.crs());
    t.source_file = first.source_file;
    t.source_layer = first.source_layer;
    std::vector<std::string> copy;
    if (!first.key_column().empty()) copy.push_back(first.key_column());
    for (const auto& k : o.keep)
        if (std::find(copy.begin(), copy.end(), k) == copy.end()) copy.push_back(k);
    for (const auto& name : copy) t.add_column(repeated(first.column(name), ny));
    Column year = Column::make(kYearColumn, ColumnType::Int64, ny * n);
    Column date = Column::make(kDateColumn, ColumnType::Text, ny * n);
    for (std::size_t y = 0; y < ny; ++y)
        for (std::size_t u = 0; u < n; ++u) {
            year.set(y * n + u, static_cast<std::int64_t>(eds[y].year));
            date.set(y * n + u, std::to_string(eds[y].year) + "-07-01");
        }
    year.title = "Year";
    year.description = "Year of the edition the row's values come from";
    date.title = "Date";
    date.description = "1 July, the middle of the edition's year (for QGIS's temporal controller)";
    t.add_column(std::move(year));
    t.add_column(std::move(date));
    if (!first.key_column().empty()) t.set_key_column(first.key_column());
}

void add_indicator(const YearlyIndicator& ind, const Grid& v, const std::vector<std::vector<std::string>>& how, LongTable& lt) {
    const std::size_t n = lt.units;
    Column c = Column::make(value_column(ind.name), ColumnType::Float64, lt.table.rows());
    Column f = Column::make(fill_column(ind.name), ColumnType::Text, lt.table.rows());
    for (std::size_t y = 0; y < v.size(); ++y)
        for (std::size_t u = 0; u < n; ++u) {
            if (!std::isnan(v[y][u])) c.set(y * n + u, v[y][u]);
            if (!how[y][u].empty()) f.set(y * n + u, how[y][u]);
        }
    c.title = ind.name;
    c.description = "Value of indicator " + ind.name + " (" + index::to_string(ind.source.transform) + " of " + ind.source.column + ") in the row's year";
    f.title = ind.name + " filled";
    f.description = "How the value of " + ind.name + " was filled from other years; empty where it was observed";
    lt.table.add_column(std::move(c));
    lt.table.add_column(std::move(f));
}

}  // namespace

LongTable build_long_table(const std::vector<Edition>& editions, const LongTableOptions& o, const Progress& progress) {
    const auto eds = checked_editions(editions);
    LongTable lt;
    const std::size_t ny = eds.size(), ni = o.indicators.size();
    lt.units = eds[0].units->rows();
    auto& cov = lt.coverage;
    for (const auto& e : eds) {
        lt.years.push_back(e.year);
        cov.mapping.push_back(e.mapping);
    }
    cov.years = lt.years;
    cov.units = lt.units;
    cov.column.assign(ni, std::vector<std::string>(ny));
    cov.observed.assign(ni, std::vector<std::size_t>(ny, 0));
    cov.filled = cov.observed;
    lt.count_scale.assign(ni, std::vector<double>(ny * lt.units, NAN));
    std::vector<Grid> observed(ni), filled(ni);
    std::vector<std::vector<std::vector<std::string>>> how(ni);
    for (std::size_t i = 0; i < ni; ++i) {
        progress.report(0.8 * static_cast<double>(i) / static_cast<double>(std::max<std::size_t>(ni, 1)), "reading the editions");
        const auto& ind = o.indicators[i];
        cov.indicators.push_back(ind.name);
        observed[i] = indicator_years(ind, eds, o, ind.fill.value_or(o.fill), i, lt, filled[i], how[i]);
    }
    check_units_present(eds, observed, lt);
    add_frame(eds, o, lt);
    for (std::size_t i = 0; i < ni; ++i) add_indicator(o.indicators[i], filled[i], how[i], lt);
    progress.report(1.0);
    return lt;
}

}  // namespace leefbaar::monitor
