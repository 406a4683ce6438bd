#include "project/area_step.hpp"

#include <cmath>
#include <map>
#include <set>

#include "core/error.hpp"
#include "core/field_names.hpp"
#include "index/classify.hpp"
#include "index/transform.hpp"
#include "io/dissolve.hpp"
#include "io/polygon_overlap.hpp"
#include "io/table_reader.hpp"
#include "io/vector_reader.hpp"

namespace leefbaar::project {
namespace {

std::vector<std::string> texts_of(const FeatureTable& t, const std::string& column) {
    std::vector<std::string> out(t.rows());
    const Column& c = t.column(column);
    for (std::size_t i = 0; i < out.size(); ++i) out[i] = c.as_text(i);
    return out;
}

std::vector<std::string> unit_keys(const FeatureTable& t) {
    if (t.key_column().empty()) {
        std::vector<std::string> k;
        for (std::size_t i = 0; i < t.rows(); ++i) k.push_back(std::to_string(i + 1));
        return k;
    }
    return texts_of(t, t.key_column());
}

std::string column_or(const FeatureTable& t, const std::string& wanted, std::size_t position, const std::string& file, const std::string& key) {
    if (!wanted.empty()) {
        t.column(wanted);  // DataError naming the columns there are
        return wanted;
    }
    if (t.columns().size() <= position)
        throw DataError("the lookup table has " + std::to_string(t.columns().size()) + " column(s); it needs a key and an area column", ErrorContext{file},
                        "give the table two columns, or name them with {{" + key + "}}");
    return t.columns()[position].name;
}

areas::Lookup read_lookup(const steps::AreaLevelStep& v) {
    io::TableReadOptions o;
    if (!v.key.empty()) o.text_columns.push_back(v.key);
    if (!v.area.empty()) o.text_columns.push_back(v.area);
    auto tr = io::read_table(v.table, o);
    const FeatureTable& t = tr.table;
    const std::string key = column_or(t, v.key, 0, v.table, "key"), area = column_or(t, v.area, 1, v.table, "area");
    const auto keys = texts_of(t, key), codes = texts_of(t, area);
    const auto names = v.area_name.empty() ? std::vector<std::string>{} : texts_of(t, column_or(t, v.area_name, 0, v.table, "area_name"));
    areas::Lookup l;
    l.file = v.table;
    for (std::size_t i = 0; i < keys.size(); ++i) {
        if (keys[i].empty() || codes[i].empty())
            throw DataError("row " + std::to_string(i + 1) + " has no " + (keys[i].empty() ? "key" : "area"), ErrorContext{v.table, {}, static_cast<std::int64_t>(i + 1), keys[i].empty() ? key : area},
                            "fill it in or remove the row");
        const auto [it, fresh] = l.area.emplace(keys[i], codes[i]);
        if (!fresh && it->second != codes[i])
            throw DataError("key '" + keys[i] + "' is assigned twice, to '" + it->second + "' and to '" + codes[i] + "'",
                            ErrorContext{v.table, {}, static_cast<std::int64_t>(i + 1), key}, "give every key one area");
        if (!names.empty() && !names[i].empty()) l.names[codes[i]] = names[i];
    }
    return l;
}

// A code level's names from a table of code -> name (e.g. the CBS table's wijk rows:
// key = "code", area_name = "naam").
void name_areas(areas::AreaLevel& l, const steps::AreaLevelStep& v) {
    if (v.area_name.empty())
        throw UsageError("[[areas.level]] '" + v.name + "' names a table for its area names but no area_name column", {},
                         "add {{area_name}} = \"<column with the names>\"");
    io::TableReadOptions o;
    if (!v.key.empty()) o.text_columns.push_back(v.key);
    auto tr = io::read_table(v.table, o);
    const std::string key = column_or(tr.table, v.key, 0, v.table, "key");
    const auto keys = texts_of(tr.table, key), names = texts_of(tr.table, column_or(tr.table, v.area_name, 1, v.table, "area_name"));
    for (std::size_t i = 0; i < keys.size(); ++i) {
        const std::size_t a = l.find(keys[i]);
        if (a < l.areas() && !names[i].empty()) l.names[a] = names[i];
    }
}

areas::AreaLevel level_from_polygons(const steps::AreaLevelStep& v, const FeatureTable& units, const std::vector<std::string>& keys, const Progress& progress) {
    if (!units.has_geometry() || units.points())
        throw UsageError("area level '" + v.name + "' is by polygons, and the units have no polygons", {}, "define it by = \"lookup\" or by = \"code\"");
    io::VectorReadOptions vo;
    vo.layer = v.layer;
    auto vr = io::read_vector(v.polygons, vo, progress.scaled(0.0, 0.3));
    const FeatureTable& a = vr.table;
    std::vector<std::string> codes, names;
    for (std::size_t i = 0; i < a.rows(); ++i) codes.push_back(v.code_field.empty() ? std::to_string(i + 1) : a.column(v.code_field).as_text(i));
    if (!v.name_field.empty()) names = texts_of(a, v.name_field);
    const auto ov = io::polygon_overlaps(units, a, 0, progress.scaled(0.3, 1.0));
    std::vector<std::vector<areas::Overlap>> per_unit(units.rows());
    for (const auto& o : ov.overlaps)
        if (ov.source_area[o.source] > 0) per_unit[o.source].push_back({o.target, o.area / ov.source_area[o.source]});
    auto l = areas::level_from_overlaps(v.name, keys, codes, names, per_unit, v.assign == "share", v.polygons);
    for (const auto& w : vr.warnings) l.warnings.push_back(w);
    return l;
}

}  // namespace

std::vector<areas::AreaLevel> build_area_levels(const Project& p, const FeatureTable& units, std::vector<std::string>& warnings, const Progress& progress) {
    const auto keys = unit_keys(units);
    std::vector<areas::AreaLevel> out;
    const auto& defs = p.areas.levels;
    for (std::size_t i = 0; i < defs.size(); ++i) {
        const auto& v = defs[i];
        const Progress part = progress.scaled(static_cast<double>(i) / static_cast<double>(defs.size()), static_cast<double>(i + 1) / static_cast<double>(defs.size()));
        part.report(0.0, "area level " + v.name);
        areas::AreaLevel l;
        if (v.by == "code") {
            l = areas::level_from_codes(v.name, keys, areas::parse_code_rule(v.code));
            if (!v.table.empty()) name_areas(l, v);
        } else if (v.by == "lookup") {
            const areas::AreaLevel* via = nullptr;
            for (const auto& o : out)
                if (o.name == v.via) via = &o;
            l = areas::level_from_lookup(v.name, keys, read_lookup(v), via, v.allow_unassigned);
        } else {
            l = level_from_polygons(v, units, keys, part);
        }
        l.label = v.label.empty() ? v.name : v.label;
        for (const auto& w : l.warnings) warnings.push_back("[areas] " + w);
        out.push_back(std::move(l));
    }
    for (std::size_t i = 0; i < defs.size(); ++i)
        for (const auto& parent : out)
            if (!defs[i].parent.empty() && parent.name == defs[i].parent) areas::link_parent(out[i], parent, keys);
    return out;
}

std::vector<areas::ReferenceRow> area_references(const Project& p) {
    if (p.areas.reference.empty()) return {};
    if (p.input.tables.empty())
        throw UsageError("[areas] reference names rows of the first [[input.table]], and the project has none", ErrorContext{p.file},
                         "add the table, or remove reference from [areas]");
    const TableSource& ts = p.input.tables[0];
    io::TableReadOptions o;
    o.key_column = ts.key.empty() ? p.input.key : ts.key;
    o.text_columns = ts.text_columns;
    o.numeric_columns = ts.numeric_columns;
    o.separator = ts.separator;
    o.decimal_comma = ts.decimal_comma;
    auto tr = io::read_table(ts.path, o);
    FeatureTable& t = tr.table;
    for (auto& c : t.columns())
        if (c.name != o.key_column) c.name = ts.prefix + c.name;
    const auto keys = texts_of(t, o.key_column);
    const Column* name = t.has_column(ts.prefix + "naam") ? &t.column(ts.prefix + "naam") : nullptr;
    std::vector<std::vector<double>> derived;
    for (const auto& ind : p.index.indicators) {
        // A reference row (a whole gemeente) is no small number: its crude rate.
        index::TransformSpec s = ind.source;
        s.smoothing = index::Smoothing::None;
        s.min_population = 0;
        const bool have = t.has_column(s.column) && (s.denominator.empty() || t.has_column(s.denominator)) &&
                          (s.transform != index::Transform::PerKm2 || t.has_column(s.area_column));
        derived.push_back(have ? index::derive(t, s) : std::vector<double>(t.rows(), NAN));
    }
    std::vector<areas::ReferenceRow> out;
    for (const auto& code : p.areas.reference) {
        std::size_t row = keys.size();
        for (std::size_t i = 0; i < keys.size(); ++i)
            if (keys[i] == code) row = i;
        if (row == keys.size())
            throw DataError("[areas] reference '" + code + "' is not a key of " + ts.path, ErrorContext{ts.path, {}, {}, o.key_column},
                            "name a key of the table, e.g. the CBS gemeente row (GM0917)");
        areas::ReferenceRow r{code, name ? name->as_text(row) : code, {}};
        for (const auto& d : derived) r.raw.push_back(d[row]);
        out.push_back(std::move(r));
    }
    return out;
}

areas::AreaJobOptions area_job_options(const Project& p, const std::vector<std::string>& class_labels) {
    areas::AreaJobOptions o;
    o.population = p.areas.population;
    o.households = p.areas.households;
    o.strengths = static_cast<std::size_t>(p.areas.strengths);
    const bool lbm = class_labels == index::leefbaarometer_labels();
    o.low_class = p.areas.low_classes >= 0 ? p.areas.low_classes : lbm ? 3 : 1;
    o.low_label = lbm && o.low_class == 3 ? "onvoldoende or lower"
                  : o.low_class > 0 && o.low_class <= static_cast<int>(class_labels.size()) ? "class " + class_labels[static_cast<std::size_t>(o.low_class - 1)] + " or lower"
                                                                                            : "";
    for (const auto& ind : p.index.indicators) {
        const auto it = p.area_rules.find(ind.name);
        const steps::IndicatorAreas rule = it == p.area_rules.end() ? steps::IndicatorAreas{} : it->second;
        const auto& s = ind.source;
        areas::AreaIndicator a{ind.name, areas::Rule::Mean, s.column, "", 1.0, rule.weight.empty() ? p.areas.population : rule.weight, false};
        switch (s.transform) {
        case index::Transform::Per1000: a.rule = areas::Rule::Ratio, a.denominator = s.denominator, a.scale = 1000.0; break;
        case index::Transform::Share: a.rule = areas::Rule::Ratio, a.denominator = s.denominator, a.scale = 100.0; break;
        case index::Transform::PerKm2: a.rule = areas::Rule::Ratio, a.denominator = s.area_column; break;
        case index::Transform::Log: a.rule = areas::Rule::Sum, a.log_after = true; break;
        case index::Transform::None: break;
        }
        const bool transformed = s.transform != index::Transform::None;
        if (rule.rule && transformed && *rule.rule != a.rule)
            throw UsageError("indicator '" + ind.name + "' is " + index::to_string(s.transform) + " of its column, which aggregates as " + areas::to_string(a.rule) +
                                 ", not as " + areas::to_string(*rule.rule),
                             ErrorContext{p.file, {}, {}, {}, p.line_of("indicator." + ind.name)}, "remove area_rule from [indicator." + ind.name + "]");
        if (rule.rule && !transformed) a.rule = *rule.rule;
        if (a.rule == areas::Rule::Ratio && !transformed) a.denominator = s.denominator;
        if (a.rule == areas::Rule::Mean && a.weight.empty())
            throw UsageError("indicator '" + ind.name + "' is averaged over an area's units, and no weight is stated", ErrorContext{p.file, {}, {}, {}, p.line_of("indicator." + ind.name)},
                             "set population = \"<inhabitants column>\" in [areas], or area_weight in [indicator." + ind.name + "] (area_rule = \"sum\" for a count)");
        o.indicators.push_back(a);
    }
    return o;
}

std::vector<std::string> area_columns(const Project& p) {
    std::vector<std::string> out;
    if (!p.areas_enabled) return out;
    for (const auto* c : {&p.areas.population, &p.areas.households})
        if (!c->empty()) out.push_back(*c);
    for (const auto& [name, rule] : p.area_rules)
        if (!rule.weight.empty()) out.push_back(rule.weight);
    return out;
}

}  // namespace leefbaar::project
