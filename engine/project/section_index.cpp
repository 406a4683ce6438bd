// [index]: the method choices that apply to all indicators (an indicator may
// override missing and normalisation in its own section). The keys are declared in
// steps/index_params.cpp.
#include <cmath>

#include "project/sections.hpp"
#include "steps/index_params.hpp"

namespace leefbaar::project {
namespace {

// The number of classes a classification makes (classify(), engine/index/classify.cpp).
std::size_t class_count(const index::ClassOptions& c) {
    switch (c.method) {
    case index::ClassMethod::UserBreaks: return c.breaks.size() + 1;
    case index::ClassMethod::StdDev: return 6;
    case index::ClassMethod::Leefbaarometer: return 9;
    default: return static_cast<std::size_t>(c.classes);
    }
}

}  // namespace

void refuse_out_of_range(const toml::table& t, const params::ParamList& list, const std::string& key, ParseContext& ctx,
                         const std::string& message, const std::string& hint) {
    const toml::node* n = t.get(key);
    const params::Param* p = list.find(key);
    if (!n || !p) return;
    double v = 0;
    if (n->is_integer()) v = static_cast<double>(*n->value<std::int64_t>());
    else if (n->is_floating_point()) v = *n->value<double>();
    else return;
    if (!std::isfinite(v)) return;  // apply_params names a non-finite number
    if (!p->refuse(v).empty()) ctx.fail(*n, message, hint);
}

void parse_section_index(const toml::node& section, ParseContext& ctx) {
    const std::string w = "[index]";
    const auto& t = ctx.as_table(section, w);
    auto& o = ctx.project().index;
    params::ParamList list;
    steps::IndexShorthands shorthands;
    steps::declare_index(list, o, shorthands);
    // skew_threshold and kurtosis_threshold are at least 0 (their declaration): they
    // are compared with |skewness| and kurtosis.
    ctx.apply_params(t, list, w);
    steps::finish_index(list, o, shorthands);
    if (t.get("weighting")) ctx.remember("index.weighting", *t.get("weighting"));
    if (o.classes.method == index::ClassMethod::UserBreaks && o.classes.breaks.empty())
        ctx.fail(section, "classification = \"breaks\" needs the breaks", "add breaks = [40, 50, 60] to [index]");
    // Checked here, where the line is known; classify() would refuse it only after the run.
    if (!o.classes.labels.empty() && o.classes.labels.size() != class_count(o.classes))
        ctx.fail(*t.get("labels"), std::to_string(o.classes.labels.size()) + " labels for " + std::to_string(class_count(o.classes)) + " classes (" +
                                       index::to_string(o.classes.method) + ")",
                 "give one label per class");
    ctx.remember("index", section);
}

}  // namespace leefbaar::project
