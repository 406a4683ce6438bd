// [index]: the method choices that apply to all indicators (an indicator may
// override missing and normalisation in its own section).
#include <cmath>

#include "project/sections.hpp"

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
    // Both are compared with |skewness| and kurtosis: a negative threshold would treat every indicator.
    if (auto v = ctx.get_number(t, "skew_threshold", w)) {
        if (*v < 0) ctx.fail(*t.get("skew_threshold"), "skew_threshold must be 0 or more (it is compared with the absolute skewness)", "2 is the usual choice");
        o.outliers.skew_threshold = *v;
    }
    if (auto v = ctx.get_number(t, "kurtosis_threshold", w)) {
        if (*v < 0) ctx.fail(*t.get("kurtosis_threshold"), "kurtosis_threshold must be 0 or more", "3.5 is the usual choice");
        o.outliers.kurtosis_threshold = *v;
    }
    if (auto v = ctx.get_int(t, "winsor_max", w, 0, kIntMax)) o.outliers.winsor_max = *v;
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
    if (auto v = ctx.get_int(t, "classes", w, 2, 20)) o.classes.classes = *v;
    if (auto v = ctx.get_numbers(t, "breaks", w)) {
        for (std::size_t i = 1; i < v->size(); ++i)
            if (!((*v)[i - 1] < (*v)[i])) ctx.fail(*t.get("breaks"), "breaks must be strictly ascending");
        o.classes.breaks = *v;
        if (!t.get("classification")) o.classes.method = index::ClassMethod::UserBreaks;
    }
    if (auto v = ctx.get_strings(t, "labels", w)) o.classes.labels = *v;
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
