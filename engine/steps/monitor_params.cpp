#include "steps/monitor_params.hpp"

#include <algorithm>
#include <cmath>

#include "core/error.hpp"
#include "steps/enum_param.hpp"

namespace leefbaar::steps {

using params::Param;
using params::ParamList;
using params::Scope;
using params::Type;
using params::Value;

namespace {

std::string refuse_years(const Value& v) {
    const auto& ys = std::get<std::vector<double>>(v);
    for (double y : ys)
        if (y != std::floor(y) || y < 1800 || y > 2200) return "must be years such as 2016, not " + params::value_text(v);
    return {};
}

std::string refuse_year_pairs(const Value& v) {
    for (const auto& s : std::get<std::vector<std::string>>(v)) {
        const auto eq = s.find('=');
        if (eq != 4 || s.size() < 6 || !std::all_of(s.begin(), s.begin() + 4, [](char c) { return c >= '0' && c <= '9'; }))
            return "must be \"YEAR=COLUMN\" pairs, e.g. \"2016=Bevolking_AantalInwoners_5\", not \"" + s + "\"";
    }
    return {};
}

[[noreturn]] void fail(const std::string& param, const std::string& message, const std::string& hint) {
    ErrorContext ctx;
    ctx.param = param;
    throw UsageError(message, ctx, hint);
}

std::string refuse_without_year(const Value& v) {
    return std::get<std::string>(v).find("{year}") == std::string::npos ? "must contain {year}" : "";
}

// Boundary changes between the editions and the [input] polygons.
void declare_monitor_boundaries(ParamList& l, MonitorStep& m) {
    l.add("crosswalk", Type::InputPath,
          "Each year's crosswalk from that edition's unit codes to the [input] polygons' codes, columns from, to, share: the path with {year}; a year without the file is joined directly")
        .scope(Scope::ProjectOnly)
        .check(refuse_without_year)
        .bind(m.crosswalk);
    l.add("polygons", Type::InputPath,
          "Each year's own polygons, interpolated onto the [input] polygons by area of overlap: the path with {year}; a year without the file is joined directly")
        .scope(Scope::ProjectOnly)
        .check(refuse_without_year)
        .bind(m.polygons);
    l.add("polygons_layer", Type::String, "Layer of each year's polygons").scope(Scope::ProjectOnly).default_text("the only layer").bind(m.polygons_layer);
    l.add("polygons_key", Type::String, "Key column of each year's polygons").scope(Scope::ProjectOnly).default_text("[input] key").bind(m.polygons_key);
    l.add("population", Type::String, "A count of each year's table that weights rates in the crosswalk or areal interpolation (share x population)")
        .scope(Scope::ProjectOnly)
        .default_text("overlap area alone")
        .bind(m.population);
}

}  // namespace

void declare_monitor(ParamList& l, MonitorStep& m) {
    l.add("years", Type::NumberList, "The editions to follow, e.g. [2016, 2017, 2018, 2019, 2020]")
        .required()
        .scope(Scope::ProjectOnly)
        .check(refuse_years)
        .bind(m.years);
    l.add("table", Type::InputPath, "Each year's indicator table: the path with {year}, e.g. \"kwb_heerlen_{year}.csv\" (read like the first [[input.table]])")
        .required()
        .scope(Scope::ProjectOnly)
        .check(refuse_without_year)
        .bind(m.table);
    bind_enum(l.add("fill", Type::Choice, "How a year in which an indicator is missing is filled from the unit's other years (every filled value is flagged)")
                  .scope(Scope::ProjectOnly),
              m.fill, monitor::parse_year_fill, [](monitor::YearFill f) { return monitor::to_string(f); }, monitor::names_year_fill());
    l.add("basis", Type::Choice, "What normalisation is computed on: pooled (all units in all years) or reference (the reference year's units)")
        .choices({"pooled", "reference"})
        .scope(Scope::ProjectOnly)
        .bind_with([&m](const Value& v) { m.basis = std::get<std::string>(v) == "reference" ? monitor::Basis::Reference : monitor::Basis::Pooled; },
                   std::string(m.basis == monitor::Basis::Reference ? "reference" : "pooled"));
    l.add("reference_year", Type::Integer, "The year whose minimum and maximum become the goalposts (basis = reference)").min(1800).max(2200).scope(Scope::ProjectOnly).bind(m.reference_year);
    l.add("compare", Type::NumberList, "The two years whose change is mapped, [from, to]").scope(Scope::ProjectOnly).default_text("the first and the last year").check(refuse_years).bind(m.compare);
    l.add("level", Type::Number, "Level of the Monte Carlo interval of a change; significant when it excludes 0").min(0.5).max(1, false).scope(Scope::ProjectOnly).bind(m.level);
    l.add("development_thresholds", Type::NumberList, "Three increasing index changes t1 < t2 < t3 bounding the seven development classes")
        .scope(Scope::ProjectOnly)
        .default_text("0.41 x the index's standard deviation x (1, 2, 3)")
        .bind(m.development_thresholds);
    l.add("emerging", Type::Boolean, "Differential Local Moran of the change and Emerging Hot Spot Analysis, on the [spatial] weights").scope(Scope::ProjectOnly).bind(m.emerging);
    l.add("alpha", Type::Number, "Significance of the Gi* per year, their trend and the LISA of the change (ArcGIS: 0.10)").min(0, false).max(1, false).scope(Scope::ProjectOnly).bind(m.alpha);
    l.add("permutations", Type::Integer, "Conditional permutations of Gi* and of the LISA of the change").min(99).max(99999).scope(Scope::ProjectOnly).bind(m.permutations);
    l.add("years_layer", Type::String, "Layer with one row per unit and year (QGIS temporal controller)").scope(Scope::ProjectOnly).bind(m.years_layer);
    l.add("change_layer", Type::String, "Layer with one row per unit: change, interval, development, emerging hot spot").scope(Scope::ProjectOnly).bind(m.change_layer);
    l.add("coverage_layer", Type::String, "Table of what is observed per indicator and year").scope(Scope::ProjectOnly).bind(m.coverage_layer);
    declare_monitor_boundaries(l, m);
}

void check_monitor(const MonitorStep& m) {
    std::vector<double> ys = m.years;
    std::sort(ys.begin(), ys.end());
    if (ys.size() < 2) fail("years", "monitoring needs at least two years", "e.g. {{years}} = [2016, 2020]");
    if (std::adjacent_find(ys.begin(), ys.end()) != ys.end()) fail("years", "a year is given twice", "give each year once");
    const auto known = [&](double y) { return std::find(ys.begin(), ys.end(), y) != ys.end(); };
    if (!m.compare.empty() && (m.compare.size() != 2 || !known(m.compare[0]) || !known(m.compare[1]) || m.compare[0] >= m.compare[1]))
        fail("compare", "compare must be two of the years, earlier first", "e.g. {{compare}} = [2016, 2020]");
    if (m.basis == monitor::Basis::Reference && !known(m.reference_year))
        fail("reference_year", "basis = reference needs a reference_year among the years", "add {{reference_year}} = one of the years");
    if (!m.development_thresholds.empty() &&
        (m.development_thresholds.size() != 3 || !(m.development_thresholds[0] > 0 && m.development_thresholds[0] < m.development_thresholds[1] &&
                                                  m.development_thresholds[1] < m.development_thresholds[2])))
        fail("development_thresholds", "development_thresholds must be three increasing positive numbers", "e.g. {{development_thresholds}} = [2, 4, 6]");
}

void declare_indicator_monitoring(ParamList& l, IndicatorMonitoring& m) {
    l.begin_group("Monitor");
    l.add("year_columns", Type::StringList, "The indicator's column in years where its name differs: [\"YEAR=COLUMN\", ...]")
        .scope(Scope::ProjectOnly)
        .check(refuse_year_pairs)
        .bind(m.year_columns);
    l.add("year_denominators", Type::StringList, "The denominator's column in years where its name differs: [\"YEAR=COLUMN\", ...]")
        .scope(Scope::ProjectOnly)
        .check(refuse_year_pairs)
        .bind(m.year_denominators);
    l.add("fill", Type::Choice, "How a missing year of this indicator is filled (overrides [monitor] fill)")
        .choices(monitor::names_year_fill())
        .scope(Scope::ProjectOnly)
        .default_text("[monitor] fill")
        .bind_with([&m](const Value& v) { m.fill = monitor::parse_year_fill(std::get<std::string>(v)); });
    l.add("error", Type::Number, "Relative measurement error of the values (0.05: +-5 %), for the significance of a change").min(0).max(1, false).scope(Scope::ProjectOnly).bind(m.error.relative);
    l.add("error_absolute", Type::Number, "Absolute measurement error, in the indicator's units").min(0).scope(Scope::ProjectOnly).bind(m.error.absolute);
    l.add("extensive", Type::Boolean, "Under a boundary change ([monitor] crosswalk or polygons): the column is a count, apportioned (true), or a rate, averaged (false)")
        .scope(Scope::ProjectOnly)
        .default_text("true when the indicator divides by a denominator or an area")
        .bind_with([&m](const Value& v) { m.extensive = std::get<bool>(v); });
    l.add("rounding", Type::Number, "The count behind the value is rounded to a multiple of this (CBS rounds buurt counts to 5)").min(0).scope(Scope::ProjectOnly).bind(m.error.rounding);
    l.begin_group("");
}

std::vector<std::pair<int, std::string>> year_pairs(const std::vector<std::string>& pairs) {
    std::vector<std::pair<int, std::string>> out;
    for (const auto& s : pairs) out.emplace_back(std::stoi(s.substr(0, 4)), s.substr(5));
    return out;
}

}  // namespace leefbaar::steps
