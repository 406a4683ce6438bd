// [input] and [[input.table]]: the polygons and indicator tables, mapped one to one
// onto the join's JoinJobOptions / TableSource (engine/join/join_job.hpp).
#include "core/error.hpp"
#include "project/sections.hpp"

namespace leefbaar::project {
namespace {

void parse_table(const toml::node& n, ParseContext& ctx, std::size_t i) {
    const std::string where = "[[input.table]] #" + std::to_string(i + 1);
    const auto& t = ctx.as_table(n, where);
    ctx.check_keys(t, {"path", "layer", "key", "prefix", "columns", "text_columns", "numeric_columns", "separator", "decimal_comma"}, where);
    TableSource ts;
    ts.path = ctx.resolve_path(ctx.require_string(t, "path", where));
    ts.layer = ctx.get_string(t, "layer", where).value_or("");
    ts.key = ctx.get_string(t, "key", where).value_or("");
    ts.prefix = ctx.get_string(t, "prefix", where).value_or("");
    ts.columns = ctx.get_strings(t, "columns", where).value_or(std::vector<std::string>{});
    ts.text_columns = ctx.get_strings(t, "text_columns", where).value_or(std::vector<std::string>{});
    ts.numeric_columns = ctx.get_strings(t, "numeric_columns", where).value_or(std::vector<std::string>{});
    if (const auto s = ctx.get_string(t, "separator", where)) {
        if (*s == "tab") ts.separator = '\t';
        else if (*s == "," || *s == ";") ts.separator = (*s)[0];
        else ctx.fail(*t.get("separator"), "unknown separator '" + *s + "'", "use \",\", \";\" or \"tab\"");
    }
    if (const auto d = ctx.get_bool(t, "decimal_comma", where)) ts.decimal_comma = *d ? 1 : 0;
    ctx.project().input.tables.push_back(ts);
}

}  // namespace

void parse_section_input(const toml::node& section, ParseContext& ctx) {
    const std::string where = "[input]";
    const auto& t = ctx.as_table(section, where);
    ctx.check_keys(t, {"polygons", "layer", "where", "key", "srs", "target_srs", "repair", "case_fold", "zero_pad", "duplicates",
                       "missing_markers", "sentinels", "area_column", "table"},
                   where);
    auto& p = ctx.project();
    auto& in = p.input;
    p.input_line = ParseContext::line_of(section);
    in.polygons = ctx.resolve_path(ctx.require_string(t, "polygons", where));
    in.layer = ctx.get_string(t, "layer", where).value_or("");
    in.where = ctx.get_string(t, "where", where).value_or("");
    in.key = ctx.require_string(t, "key", where);
    in.assign_srs = ctx.get_string(t, "srs", where).value_or("");
    in.target_srs = ctx.get_string(t, "target_srs", where).value_or("");
    in.repair = ctx.get_bool(t, "repair", where).value_or(true);
    in.join.keys.case_fold = ctx.get_bool(t, "case_fold", where).value_or(false);
    if (const auto z = ctx.get_int(t, "zero_pad", where, 0, 64)) in.join.keys.zero_pad = *z;
    if (const auto d = ctx.get_string(t, "duplicates", where)) {
        try {
            in.join.duplicates = parse_duplicate_policy(*d);
        } catch (const Error& e) {
            ctx.fail(*t.get("duplicates"), e.message(), e.hint());
        }
    }
    in.extra_missing_markers = ctx.get_strings(t, "missing_markers", where).value_or(std::vector<std::string>{});
    in.extra_sentinels = ctx.get_numbers(t, "sentinels", where).value_or(std::vector<double>{});
    in.area_column = ctx.get_string(t, "area_column", where).value_or("area_km2");
    if (const toml::node* tables = t.get("table")) {
        const auto* arr = tables->as_array();
        if (!arr) ctx.fail(*tables, "input.table must be a list of tables", "write each table as [[input.table]]");
        for (std::size_t i = 0; i < arr->size(); ++i) parse_table(*arr->get(i), ctx, i);
    }
}

}  // namespace leefbaar::project
