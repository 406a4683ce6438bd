#include "project/monitor_editions.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <set>

#include "core/error.hpp"
#include "io/table_reader.hpp"
#include "join/join_job.hpp"
#include "time/apportion_table.hpp"
#include "time/areal_interpolation.hpp"
#include "time/crosswalk.hpp"

namespace leefbaar::project {
namespace {

std::string year_path(std::string tmpl, int year) {
    if (tmpl.empty()) return {};
    for (auto at = tmpl.find("{year}"); at != std::string::npos; at = tmpl.find("{year}")) tmpl.replace(at, 6, std::to_string(year));
    return tmpl;
}

// An error of the boundary code names the year it is about (the file it names is
// often the same template for every year).
template <class F>
auto for_year(int year, F&& f) {
    try {
        return f();
    } catch (const DataError& e) {
        throw DataError("year " + std::to_string(year) + ": " + e.message(), e.context(), e.hint());
    }
}

// The [input] polygons with only what does not come from a year's table: key,
// geometry, area and the [output] keep columns.
FeatureTable units_frame(const Project& p, const FeatureTable& units) {
    FeatureTable t = units;
    std::set<std::string> keep(p.keep_columns.begin(), p.keep_columns.end());
    keep.insert(units.key_column());
    keep.insert(p.input.area_column);
    for (const auto& ind : p.index.indicators)
        if (ind.source.transform == index::Transform::PerKm2) keep.insert(ind.source.area_column);
    for (const auto& name : units.column_names())
        if (!keep.count(name)) t.remove_column(name);
    return t;
}

// The source columns the indicators read in `year` that `source` has: each indicator's
// column (a count or a rate, steps::IndicatorMonitoring::extensive) and its
// denominator (a count). Derived values are computed after the mapping, from these.
std::vector<ApportionVariable> variables(const Project& p, int year, const FeatureTable& source) {
    std::map<std::string, std::pair<VariableKind, std::string>> kinds;  // column -> kind, indicator
    auto add = [&](const std::string& column, VariableKind kind, const std::string& indicator) {
        if (column.empty() || !source.has_column(column)) return;
        const auto [it, fresh] = kinds.emplace(column, std::pair{kind, indicator});
        if (!fresh && it->second.first != kind)
            throw UsageError("column '" + column + "' is a count for one indicator and a rate for another ('" + it->second.second + "', '" + indicator + "')",
                             ErrorContext{p.file, {}, {}, column}, "set {{extensive}} of both indicators alike");
    };
    for (const auto& ind : p.index.indicators) {
        const auto m = p.monitoring.find(ind.name);
        const bool divides = ind.source.transform == index::Transform::Per1000 || ind.source.transform == index::Transform::Share ||
                             ind.source.transform == index::Transform::PerKm2;
        const bool count = m != p.monitoring.end() && m->second.extensive ? *m->second.extensive : divides;
        std::string column = ind.source.column, denominator = ind.source.denominator;
        if (m != p.monitoring.end()) {
            for (const auto& [y, c] : steps::year_pairs(m->second.year_columns))
                if (y == year) column = c;
            for (const auto& [y, c] : steps::year_pairs(m->second.year_denominators))
                if (y == year) denominator = c;
        }
        add(column, count ? VariableKind::Extensive : VariableKind::Intensive, ind.name);
        add(denominator, VariableKind::Extensive, ind.name);
    }
    std::vector<ApportionVariable> out;
    for (const auto& [column, kind] : kinds) out.push_back({column, kind.first});
    return out;
}

// The units with the year's source columns carried over through `m`.
FeatureTable mapped(const FeatureTable& frame, const ApportionMatrix& m, const FeatureTable& source, const std::vector<ApportionVariable>& vars, int year,
                    std::vector<std::string>& warnings) {
    const std::string y = "year " + std::to_string(year) + ": ";
    for (const auto& w : m.warnings) warnings.push_back(y + w);
    auto cols = apportion_columns(m, source, vars);
    for (const auto& w : cols.warnings) warnings.push_back(y + w);
    FeatureTable t = frame;
    for (auto& c : cols.columns) t.add_column(std::move(c), true);
    return t;
}

// The year's table alone, keyed by its own codes, with the columns named as the join
// names them (prefix, columns of [[input.table]]).
FeatureTable year_table(const JoinJobOptions& j) {
    const TableSource& ts = j.tables[0];
    const io::TableReadOptions to = table_read_options(j, ts);
    auto tr = io::read_table(ts.path, to);
    FeatureTable keys;
    keys.resize(tr.table.rows());
    Column& k = keys.add_column(j.key, ColumnType::Text);
    const Column& codes = tr.table.column(to.key_column);
    for (std::size_t r = 0; r < codes.size(); ++r)
        if (!codes.is_null(r)) k.set(r, codes.as_text(r));
    keys.set_key_column(j.key);
    keys.source_file = ts.path;
    std::vector<JoinTable> tables(1);
    tables[0].table = std::move(tr.table);
    tables[0].key = to.key_column;
    tables[0].prefix = ts.prefix;
    tables[0].columns = ts.columns;
    tables[0].label = ts.path;
    join_tables(keys, j.key, tables, j.join);
    return keys;
}

YearEdition by_crosswalk(const Project& p, const FeatureTable& frame, const JoinJobOptions& j, int year, const std::string& file,
                         std::vector<std::string>& warnings) {
    const FeatureTable source = year_table(j);
    io::TableReadOptions co;
    co.key_column = "from";
    co.text_columns = {"from", "to"};
    FeatureTable cw = io::read_table(file, co).table;
    cw.source_file = file;
    CrosswalkOptions xo;
    xo.population_field = p.monitor.population;  // rates weighted by share x population
    const ApportionMatrix m = for_year(year, [&] { return crosswalk_weights(cw, source, frame, xo); });
    return {year, j.tables[0].path, mapped(frame, m, source, variables(p, year, source), year, warnings), "crosswalk '" + file + "'"};
}

YearEdition by_area(const Project& p, const FeatureTable& frame, JoinJobOptions j, int year, const std::string& file, std::vector<std::string>& warnings,
                    const Progress& progress) {
    j.polygons = file;
    j.layer = p.monitor.polygons_layer;
    j.where.clear();
    if (!p.monitor.polygons_key.empty()) j.key = p.monitor.polygons_key;
    auto jr = run_join_job(j, progress.scaled(0.0, 0.7));
    for (const auto& w : jr.warnings) warnings.push_back("year " + std::to_string(year) + ": " + w);
    ArealInterpolationOptions ao;
    ao.population_field = p.monitor.population;
    ao.threads = p.input.threads;
    const ApportionMatrix m = for_year(year, [&] { return areal_weights(jr.table, frame, ao, progress.scaled(0.7, 1.0)); });
    return {year, j.tables[0].path, mapped(frame, m, jr.table, variables(p, year, jr.table), year, warnings),
            "areal interpolation from '" + file + "' (" + m.weighting + ")"};
}

bool exists(const std::string& path) { return !path.empty() && std::filesystem::exists(path); }

}  // namespace

std::vector<YearEdition> year_editions(const Project& p, const FeatureTable& units, std::vector<std::string>& warnings, const Progress& progress) {
    if (p.input.tables.empty())
        throw UsageError("[monitor] reads each year's table like the first [[input.table]], and the project has none", ErrorContext{p.file, {}, {}, {}, {}},
                         "add an [[input.table]] with the key (and separator) of the yearly tables");
    std::vector<double> years = p.monitor.years;
    std::sort(years.begin(), years.end());
    const FeatureTable frame = units_frame(p, units);
    std::vector<YearEdition> out;
    for (std::size_t k = 0; k < years.size(); ++k) {
        const int year = static_cast<int>(years[k]);
        const Progress part = progress.scaled(static_cast<double>(k) / static_cast<double>(years.size()), static_cast<double>(k + 1) / static_cast<double>(years.size()));
        JoinJobOptions j = p.input;
        j.tables[0].path = year_path(p.monitor.table, year);
        const std::string cw = year_path(p.monitor.crosswalk, year), polys = year_path(p.monitor.polygons, year);
        if (exists(cw) && exists(polys))
            throw UsageError("year " + std::to_string(year) + " has both a crosswalk ('" + cw + "') and polygons ('" + polys + "')", ErrorContext{p.file},
                             "map each year one way: remove one of the two files");
        if (exists(cw)) {
            out.push_back(by_crosswalk(p, frame, j, year, cw, warnings));
        } else if (exists(polys)) {
            out.push_back(by_area(p, frame, j, year, polys, warnings, part));
        } else {
            auto jr = run_join_job(j, part);
            for (const auto& w : jr.warnings) warnings.push_back("year " + std::to_string(year) + ": " + w);
            out.push_back({year, j.tables[0].path, std::move(jr.table), "joined"});
        }
    }
    return out;
}

std::string interp_column(const std::string& indicator) { return "i_" + indicator; }

void add_interp_fields(monitor::LongTable& lt, const std::vector<YearEdition>& eds, const std::vector<monitor::YearlyIndicator>& indicators) {
    const std::size_t n = lt.units;
    for (std::size_t i = 0; i < indicators.size(); ++i) {
        const auto& ind = indicators[i];
        Column c = Column::make(interp_column(ind.name), ColumnType::Float64, lt.table.rows());
        const Column& value = lt.table.column(monitor::value_column(ind.name));
        const Column& filled = lt.table.column(monitor::fill_column(ind.name));
        for (std::size_t y = 0; y < eds.size(); ++y) {
            const FeatureTable& t = eds[y].table;
            const auto den = ind.denominator_in.find(eds[y].year);
            // The value is derived from its column and denominator: the larger of
            // their interpolated shares is the share of the value.
            const std::string sources[] = {lt.coverage.column[i][y], den != ind.denominator_in.end() ? den->second : ind.source.denominator};
            for (std::size_t u = 0; u < n; ++u) {
                const std::size_t r = lt.row(y, u);
                if (value.is_null(r) || !filled.is_null(r)) continue;
                double share = 0;
                for (const auto& s : sources)
                    if (!s.empty() && t.has_column(s + "_interp_share") && !t.column(s + "_interp_share").is_null(u))
                        share = std::max(share, t.column(s + "_interp_share").as_double(u));
                c.set(r, share);
            }
        }
        c.title = ind.name + " interpolated";
        c.description = "Share of the value of " + ind.name +
                        " that came through a boundary change (crosswalk or areal interpolation): 0 joined unchanged, 1 wholly interpolated; empty where missing or filled";
        lt.table.add_column(std::move(c));
    }
}

}  // namespace leefbaar::project
