// The [areas] section of the JSON report: per level, per area, the profile.
#include <cmath>

#include "core/error.hpp"
#include "project/area_step.hpp"

namespace leefbaar::project {
namespace {

nlohmann::json num(double v) { return std::isnan(v) ? nlohmann::json(nullptr) : nlohmann::json(v); }

nlohmann::json deviations(const std::vector<areas::IndicatorDeviation>& d, const index::IndexOptions& o) {
    auto a = nlohmann::json::array();
    for (const auto& x : d) a.push_back({{"indicator", o.indicators[x.indicator].name}, {"label", o.indicators[x.indicator].label}, {"deviation_sd", x.deviation}});
    return a;
}

nlohmann::json area_json(const Project& p, const std::vector<areas::AreaLevel>& levels, std::size_t li, std::size_t a, const areas::AreaJobResult& job,
                         const std::vector<std::string>& labels) {
    const auto& l = levels[li];
    const auto& r = job.levels[li];
    const auto at = [a](const std::vector<double>& v) { return a < v.size() ? num(v[a]) : nlohmann::json(nullptr); };
    nlohmann::json j = {{"code", l.codes[a]}, {"name", l.names[a]}, {"units", r.units[a]}, {"population", at(r.population)}, {"households", at(r.households)},
                        {"index_mean", num(r.index_mean[a])}, {"index_model", r.model.index.empty() ? nlohmann::json(nullptr) : num(r.model.index[a])},
                        {"rank", r.rank[a]}, {"rank_of", l.areas()}, {"class", r.cls[a]}};
    j["class_label"] = r.cls[a] > 0 && static_cast<std::size_t>(r.cls[a]) <= labels.size() ? labels[static_cast<std::size_t>(r.cls[a] - 1)] : "";
    if (l.parent_area[a] >= 0) {
        for (const auto& pl : levels)
            if (pl.name == l.parent) j["parent"] = {{"level", pl.name}, {"code", pl.codes[static_cast<std::size_t>(l.parent_area[a])]},
                                                    {"name", pl.names[static_cast<std::size_t>(l.parent_area[a])]}, {"index_mean", num(r.parent_index[a])}};
    }
    if (!r.rank_p05.empty()) j["rank_interval"] = {{"p05", at(r.rank_p05)}, {"median", at(r.rank_median)}, {"p95", at(r.rank_p95)}};
    j["low_classes"] = {{"residents", at(r.low_residents)}, {"households", at(r.low_households)}};
    if (!r.low_p05.empty()) j["low_classes"]["residents_interval"] = {at(r.low_p05), at(r.low_p95)};
    if (!r.low_households_p05.empty()) j["low_classes"]["households_interval"] = {at(r.low_households_p05), at(r.low_households_p95)};
    auto shares = nlohmann::json::array();
    for (std::size_t c = 0; c < labels.size() && a < r.resident_share.size() && c < r.resident_share[a].size(); ++c)
        shares.push_back({{"class", labels[c]}, {"residents", num(r.resident_share[a][c])},
                          {"households", a < r.household_share.size() ? num(r.household_share[a][c]) : nlohmann::json(nullptr)}});
    j["class_shares"] = shares;
    auto domains = nlohmann::json::object();
    for (std::size_t d = 0; d < p.index.domains.size(); ++d)
        domains[p.index.domains[d].name] = {{"mean", num(r.domain_mean[d][a])}, {"model", r.model.domain.empty() ? nlohmann::json(nullptr) : num(r.model.domain[d][a])}};
    j["domains"] = domains;
    auto inds = nlohmann::json::object();
    for (std::size_t i = 0; i < p.index.indicators.size(); ++i)
        inds[p.index.indicators[i].name] = {{"value", num(r.indicator[i].value[a])}, {"coverage", r.indicator[i].coverage[a]},
                                            {"normalised", r.model.norm.empty() ? nlohmann::json(nullptr) : num(r.model.norm[i][a])}};
    j["indicators"] = inds;
    j["compared_with"] = r.compared_with[a];
    j["strengths"] = deviations(r.strengths[a], p.index);
    j["weaknesses"] = deviations(r.weaknesses[a], p.index);
    return j;
}

}  // namespace

nlohmann::json areas_json(const Project& p, const std::vector<areas::AreaLevel>& levels, const areas::AreaJobResult& job, const std::vector<std::string>& labels) {
    nlohmann::json j;
    const auto& o = job.options;
    auto rules = nlohmann::json::object();
    for (const auto& a : o.indicators)
        rules[a.name] = {{"rule", areas::to_string(a.rule)}, {"column", a.column}, {"denominator", a.denominator}, {"scale", a.scale}, {"weight", a.weight}};
    j["aggregation"] = rules;
    j["population"] = o.population;
    j["households"] = o.households;
    j["low_classes"] = {{"classes", o.low_class}, {"label", o.low_label}};
    j["model_score"] = job.fitted.supported() ? "computed" : "not computed: " + join_names(job.fitted.unsupported);
    auto refs = nlohmann::json::array();
    for (std::size_t i = 0; i < job.references.size(); ++i) {
        nlohmann::json r = {{"code", job.references[i].code}, {"name", job.references[i].name}};
        if (!job.reference_scores.index.empty()) r["index"] = num(job.reference_scores.index[i]);
        refs.push_back(r);
    }
    j["references"] = refs;
    auto ls = nlohmann::json::array();
    for (std::size_t li = 0; li < levels.size(); ++li) {
        const auto& l = levels[li];
        nlohmann::json lj = {{"name", l.name}, {"label", l.label}, {"parent", l.parent}, {"areas", l.areas()}, {"split_units", l.split_units}, {"warnings", l.warnings}};
        lj["layer"] = li < p.areas.levels.size() ? p.areas.levels[li].output_layer : "";
        auto as = nlohmann::json::array();
        for (std::size_t a = 0; a < l.areas(); ++a) as.push_back(area_json(p, levels, li, a, job, labels));
        lj["profiles"] = as;
        ls.push_back(lj);
    }
    j["levels"] = ls;
    return j;
}

}  // namespace leefbaar::project
