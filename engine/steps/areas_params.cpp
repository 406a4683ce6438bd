#include "steps/areas_params.hpp"

#include <algorithm>

#include "core/error.hpp"

namespace leefbaar::steps {

using params::Param;
using params::ParamList;
using params::Scope;
using params::Type;
using params::Value;

namespace {

[[noreturn]] void fail(const std::string& param, const std::string& message, const std::string& hint) {
    ErrorContext ctx;
    ctx.param = param;
    throw UsageError(message, ctx, hint);
}

std::string refuse_level_name(const Value& v) {
    const auto& s = std::get<std::string>(v);
    const bool ok = !s.empty() && s.size() <= 30 && std::all_of(s.begin(), s.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
    return ok ? "" : "must be lower case letters, digits and _ (it names the layer areas_<name>), not \"" + s + "\"";
}

}  // namespace

// Keys of [areas] and, for `leefbaar areas`, flags that override them (the levels are
// the project's [[areas.level]] tables: lists of tables have no flags).
void declare_areas(ParamList& l, AreasStep& a) {
    l.add("population", Type::String, "Column of inhabitants: weights the unit scores and the means of rates without parts, and gives the residents' class shares")
        .scope(Scope::Both)
        .bind(a.population);
    l.add("households", Type::String, "Column of households: gives the households' class shares").scope(Scope::Both).default_text("none").bind(a.households);
    l.add("low_classes", Type::Integer, "Index classes 1..N counted as low in the class shares (\"x % of the residents live in buurten scoring onvoldoende or lower\")")
        .min(0)
        .max(20)
        .scope(Scope::Both)
        .default_text("3 with the Leefbaarometer's classes (onvoldoende or lower), else 1")
        .bind(a.low_classes);
    l.add("reference", Type::StringList, "Keys of rows of the first [[input.table]] that every area is compared with, e.g. [\"GM0917\"] (the CBS gemeente row)")
        .scope(Scope::Both)
        .bind(a.reference);
    l.add("strengths", Type::Integer, "Strengths and weaknesses listed per area").min(0).max(20).scope(Scope::Both).bind(a.strengths);
    l.add("profile", Type::String, "An area (code or name) whose profile `leefbaar run` prints, e.g. \"Heerlen-Noord\"").scope(Scope::Both).bind(a.profile);
}

void declare_area_level(ParamList& l, AreaLevelStep& v) {
    l.add("name", Type::String, "Name of the level, e.g. \"wijk\"; the layer is areas_<name>").required().scope(Scope::ProjectOnly).check(refuse_level_name).bind(v.name);
    l.add("label", Type::String, "Label of the level for QGIS and reports").scope(Scope::ProjectOnly).default_text("the name").bind(v.label);
    l.add("by", Type::Choice, "How units are assigned: code (CBS code rule), lookup (a table) or polygons (areas drawn in QGIS)")
        .choices({"code", "lookup", "polygons"})
        .scope(Scope::ProjectOnly)
        .bind(v.by);
    l.add("code", Type::Choice, "by = code: the CBS rule, wijk (BUggggwwbb -> WKggggww) or gemeente (-> GMgggg)")
        .choices({"wijk", "gemeente"})
        .scope(Scope::ProjectOnly)
        .bind(v.code);
    l.add("table", Type::InputPath, "by = lookup: a CSV table of key -> area; by = code: a table of code -> name (key, area_name), e.g. the CBS table")
        .scope(Scope::ProjectOnly)
        .bind(v.table);
    l.add("key", Type::String, "by = lookup: the table's key column (unit keys, or area codes of the level named by via)").scope(Scope::ProjectOnly).default_text("the first column").bind(v.key);
    l.add("area", Type::String, "by = lookup: the table's column of area codes").scope(Scope::ProjectOnly).default_text("the second column").bind(v.area);
    l.add("area_name", Type::String, "by = lookup: the table's column of area names").scope(Scope::ProjectOnly).default_text("the codes").bind(v.area_name);
    l.add("via", Type::String, "by = lookup: the finer level whose area codes the table's key holds (e.g. stadsdelen by wijk)").scope(Scope::ProjectOnly).default_text("the unit key").bind(v.via);
    l.add("polygons", Type::InputPath, "by = polygons: the areas' polygons (same CRS as the units)").scope(Scope::ProjectOnly).bind(v.polygons);
    l.add("layer", Type::String, "by = polygons: the layer").scope(Scope::ProjectOnly).default_text("the only layer").bind(v.layer);
    l.add("code_field", Type::String, "by = polygons: the field with each area's code").scope(Scope::ProjectOnly).default_text("the feature id").bind(v.code_field);
    l.add("name_field", Type::String, "by = polygons: the field with each area's name").scope(Scope::ProjectOnly).default_text("the code").bind(v.name_field);
    l.add("assign", Type::Choice, "by = polygons: a unit goes whole to the area covering most of it (largest) or is split by area share (share)")
        .choices({"largest", "share"})
        .scope(Scope::ProjectOnly)
        .bind(v.assign);
    l.add("parent", Type::String, "The coarser level every area of this one lies in (checked)").scope(Scope::ProjectOnly).default_text("none").bind(v.parent);
    l.add("allow_unassigned", Type::Boolean, "Leave units the lookup or polygons miss out of the level, with a warning, instead of stopping")
        .scope(Scope::ProjectOnly)
        .bind(v.allow_unassigned);
    l.add("output_layer", Type::String, "The level's layer in the GeoPackage").scope(Scope::ProjectOnly).default_text("areas_<name>").bind(v.output_layer);
}

void check_areas(const AreasStep& a) {
    std::vector<std::string> seen;
    for (const auto& v : a.levels) {
        const std::string w = "[[areas.level]] '" + v.name + "'";
        if (std::find(seen.begin(), seen.end(), v.name) != seen.end()) fail("name", "two area levels are named '" + v.name + "'", "give each level its own name");
        if (v.by == "lookup" && v.table.empty()) fail("table", w + " is by lookup but has no table", "add {{table}} = \"lookup.csv\"");
        if (v.by == "polygons" && v.polygons.empty()) fail("polygons", w + " is by polygons but has none", "add {{polygons}} = \"areas.gpkg\"");
        if (!v.via.empty() && std::find(seen.begin(), seen.end(), v.via) == seen.end())
            fail("via", w + ": via = \"" + v.via + "\" names no level defined before it", "define the finer level '" + v.via + "' first");
        seen.push_back(v.name);
    }
    for (const auto& v : a.levels)
        if (!v.parent.empty() && (v.parent == v.name || std::find(seen.begin(), seen.end(), v.parent) == seen.end()))
            fail("parent", "[[areas.level]] '" + v.name + "': parent = \"" + v.parent + "\" is not another level", "name one of: " + join_names(seen));
    if (a.levels.empty()) fail("level", "[areas] defines no level", "add [[areas.level]] tables, e.g. name = \"wijk\", by = \"code\"");
}

void declare_indicator_areas(ParamList& l, IndicatorAreas& a) {
    l.begin_group("Areas");
    l.add("area_rule", Type::Choice, "How the indicator aggregates to areas: sum (a count), mean (weighted by area_weight), ratio (from its column and denominator)")
        .choices({"sum", "mean", "ratio"})
        .scope(Scope::ProjectOnly)
        .default_text("ratio with a denominator, else mean")
        .bind_with([&a](const Value& v) {
            const auto& s = std::get<std::string>(v);
            a.rule = s == "sum" ? areas::Rule::Sum : s == "ratio" ? areas::Rule::Ratio : areas::Rule::Mean;
        });
    l.add("area_weight", Type::String, "The weight of the indicator's mean over an area's units (a column, e.g. dwellings for a mean WOZ value)")
        .scope(Scope::ProjectOnly)
        .default_text("[areas] population")
        .bind(a.weight);
    l.begin_group("");
}

}  // namespace leefbaar::steps
