// [input] and [[input.table]]: the polygons and indicator tables. The keys are the
// parameters of the join step (steps/join_params.cpp), the same as `leefbaar join`'s
// flags; a table's path, layer and key are --table, --table-layer, --table-key there.
#include "core/error.hpp"
#include "project/sections.hpp"
#include "steps/join_params.hpp"

namespace leefbaar::project {
namespace {

// decimal_comma is "auto", "yes" or "no" as on the command line; true and false, what
// project files have always written, mean yes and no.
void apply_decimal_comma(const toml::table& t, params::ParamList& list, ParseContext& ctx, const std::string& where) {
    const toml::node* n = t.get("decimal_comma");
    if (!n || !n->is_boolean()) return;
    list.find("decimal_comma")->set(std::string(*n->value<bool>() ? "yes" : "no"));
    list.mark_given("decimal_comma");
    ctx.project().lines[where + ".decimal_comma"] = ParseContext::line_of(*n);
}

void parse_table(const toml::node& n, ParseContext& ctx, std::size_t i) {
    const std::string where = "[[input.table]] #" + std::to_string(i + 1);
    const auto& t = ctx.as_table(n, where);
    TableSource ts;
    params::ParamList list;
    steps::declare_table(list, ts);
    const toml::node* dc = t.get("decimal_comma");
    ctx.apply_params(t, list, where, dc && dc->is_boolean() ? std::vector<std::string>{"decimal_comma"} : std::vector<std::string>{});
    apply_decimal_comma(t, list, ctx, where);
    if (ts.path.empty()) ctx.fail(t, where + " needs path", "add path = \"...\" to " + where);
    ctx.project().input.tables.push_back(ts);
}

}  // namespace

void parse_section_input(const toml::node& section, ParseContext& ctx) {
    const std::string where = "[input]";
    const auto& t = ctx.as_table(section, where);
    auto& p = ctx.project();
    auto& in = p.input;
    p.input_line = ParseContext::line_of(section);
    params::ParamList list;
    steps::declare_join(list, in, steps::JoinFront::Project);
    ctx.apply_params(t, list, where, {"table"});
    // Required (empty counts as not given), as on the command line.
    if (in.polygons.empty()) ctx.fail(t, where + " needs polygons", "add polygons = \"...\" to " + where);
    if (in.key.empty()) ctx.fail(t, where + " needs key", "add key = \"...\" to " + where);
    if (const toml::node* tables = t.get("table")) {
        const auto* arr = tables->as_array();
        if (!arr) ctx.fail(*tables, "input.table must be a list of tables", "write each table as [[input.table]]");
        for (std::size_t i = 0; i < arr->size(); ++i) parse_table(*arr->get(i), ctx, i);
    }
}

}  // namespace leefbaar::project
