// [index]: the method choices that apply to all indicators (an indicator may
// override missing and normalisation in its own section).
#include <cmath>

#include "project/sections.hpp"

namespace leefbaar::project {

void parse_section_index(const toml::node& section, ParseContext& ctx) {
    const std::string w = "[index]";
    const auto& t = ctx.as_table(section, w);
    ctx.check_keys(t, {"missing", "min_coverage", "outliers", "skew_threshold", "kurtosis_threshold", "winsor_max", "clip",
                       "normalisation", "weighting", "aggregation", "domain_aggregation", "index_aggregation", "classification",
                       "classes", "breaks", "labels"},
                   w);
    auto& o = ctx.project().index;
    if (auto v = ctx.parse_name(t, "missing", w, index::parse_imputation)) o.missing = *v;
    if (auto v = ctx.get_number(t, "min_coverage", w)) {
        if (!(*v >= 0 && *v <= 1)) ctx.fail(*t.get("min_coverage"), "min_coverage must be between 0 and 1", "e.g. 0.5: half of the indicators");
        o.min_coverage = *v;
    }
    if (auto v = ctx.parse_name(t, "outliers", w, index::parse_outlier_method)) o.outliers.method = *v;
    if (auto v = ctx.get_number(t, "skew_threshold", w)) o.outliers.skew_threshold = *v;
    if (auto v = ctx.get_number(t, "kurtosis_threshold", w)) o.outliers.kurtosis_threshold = *v;
    if (auto v = ctx.get_integer(t, "winsor_max", w)) {
        if (*v < 0) ctx.fail(*t.get("winsor_max"), "winsor_max must be 0 or more");
        o.outliers.winsor_max = static_cast<int>(*v);
    }
    if (auto v = ctx.get_numbers(t, "clip", w)) {
        if (v->size() != 2 || !((*v)[0] >= 0 && (*v)[0] < (*v)[1] && (*v)[1] <= 1))
            ctx.fail(*t.get("clip"), "clip must be two shares [low, high] with 0 <= low < high <= 1", "e.g. clip = [0.05, 0.95]");
        o.outliers.clip_low = (*v)[0];
        o.outliers.clip_high = (*v)[1];
    }
    if (auto v = ctx.parse_name(t, "normalisation", w, index::parse_normalisation)) o.normalisation = *v;
    if (auto v = ctx.parse_name(t, "weighting", w, index::parse_weighting)) {
        o.weighting = *v;
        ctx.remember("index.weighting", *t.get("weighting"));
    }
    if (auto v = ctx.parse_name(t, "aggregation", w, index::parse_aggregation)) o.domain_aggregation = o.index_aggregation = *v;
    if (auto v = ctx.parse_name(t, "domain_aggregation", w, index::parse_aggregation)) o.domain_aggregation = *v;
    if (auto v = ctx.parse_name(t, "index_aggregation", w, index::parse_aggregation)) o.index_aggregation = *v;
    if (auto v = ctx.parse_name(t, "classification", w, index::parse_class_method)) o.classes.method = *v;
    if (auto v = ctx.get_integer(t, "classes", w)) {
        if (*v < 2 || *v > 20) ctx.fail(*t.get("classes"), "classes must be between 2 and 20");
        o.classes.classes = static_cast<int>(*v);
    }
    if (auto v = ctx.get_numbers(t, "breaks", w)) {
        for (std::size_t i = 1; i < v->size(); ++i)
            if (!((*v)[i - 1] < (*v)[i])) ctx.fail(*t.get("breaks"), "breaks must be strictly ascending");
        o.classes.breaks = *v;
        if (!t.get("classification")) o.classes.method = index::ClassMethod::UserBreaks;
    }
    if (auto v = ctx.get_strings(t, "labels", w)) o.classes.labels = *v;
    if (o.classes.method == index::ClassMethod::UserBreaks && o.classes.breaks.empty())
        ctx.fail(section, "classification = \"breaks\" needs the breaks", "add breaks = [40, 50, 60] to [index]");
    ctx.remember("index", section);
}

}  // namespace leefbaar::project
