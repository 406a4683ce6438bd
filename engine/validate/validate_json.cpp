#include <cmath>

#include "validate/validate_job.hpp"

namespace leefbaar::validate {
namespace {

nlohmann::json num(double v) { return std::isnan(v) ? nlohmann::json(nullptr) : nlohmann::json(v); }

nlohmann::json interval(const index::Interval& i) { return nlohmann::json::array({num(i.lower), num(i.upper)}); }

nlohmann::json compared(const Compared& c) {
    nlohmann::json j{{"field", c.field},
                     {"label", c.label},
                     {"kind", c.kind},
                     {"n", c.corr.n},
                     {"spearman", num(c.corr.spearman)},
                     {"spearman_interval", interval(c.corr.spearman_interval)},
                     {"kendall", num(c.corr.kendall)},
                     {"kendall_interval", interval(c.corr.kendall_interval)},
                     {"pearson", num(c.corr.pearson)}};
    if (c.corr.status != index::SeriesStatus::ok) j["status"] = index::status_text(c.corr.status);
    if (!c.verdict.empty()) j["verdict"] = c.verdict;
    return j;
}

nlohmann::json calibration(const ValidateResult& r) {
    if (r.domain_fields.empty()) return nullptr;
    if (!r.calibration_error.empty()) return {{"error", r.calibration_error}};
    const auto& c = r.calibration;
    nlohmann::json w = nlohmann::json::object();
    for (std::size_t d = 0; d < r.domain_fields.size() && d < c.weights.size(); ++d) w[r.domain_fields[d]] = c.weights[d];
    return {{"method", "non-negative least squares of the reference on the domain scores, weights normalised to sum 1"},
            {"weights", w},
            {"rows_used", c.rows_used},
            {"rho_in_sample", num(c.rho_in_sample)},
            {"rho_cross_validated", num(c.rho_cross_validated)},
            {"folds", c.fold_weights.size()},
            {"warning", c.warning}};
}

}  // namespace

nlohmann::json to_json(const ValidateResult& r, const ValidateOptions& o) {
    nlohmann::json j;
    j["level"] = r.level;
    j["reference_score"] = r.reference_score;
    j["reference_lower_is_better"] = o.reference_lower_is_better;
    j["weight"] = o.weight;
    j["areas"] = r.areas_total;
    j["matched"] = r.matched;
    j["reference_rows"] = r.reference_rows;
    j["reference_unmatched"] = r.reference_unmatched;
    j["reference_unmatched_examples"] = r.unmatched_examples;
    j["bootstrap"] = {{"replicates", o.stats.replicates}, {"level", o.stats.level}, {"seed", o.stats.seed}};
    j["compared"] = nlohmann::json::array();
    for (const auto& c : r.compared) j["compared"].push_back(compared(c));
    j["largest_disagreements"] = nlohmann::json::array();
    for (const auto& d : r.largest)
        j["largest_disagreements"].push_back({{"code", d.code}, {"name", d.name}, {"index", num(d.own)}, {"reference", num(d.reference)}, {"residual", num(d.residual)},
                                              {"rank_index", d.own_rank}, {"rank_reference", d.reference_rank}});
    j["calibration"] = calibration(r);
    j["warnings"] = r.warnings;
    if (!o.note.empty()) j["note"] = o.note;
    return j;
}

}  // namespace leefbaar::validate
