#include "index/index_report.hpp"

#include <cmath>

#include "core/field_names.hpp"
#include "index/stats.hpp"

namespace leefbaar::index {
namespace {

nlohmann::json num(double v) { return std::isnan(v) ? nlohmann::json(nullptr) : nlohmann::json(v); }

}  // namespace

nlohmann::json index_json(const FeatureTable& table, const IndexModel& model, const IndexResult& r) {
    nlohmann::json j;
    const std::size_t n = table.rows();
    const auto& o = model.options();
    j["units"] = n;
    j["scored"] = r.ranked;
    j["unscored"] = nlohmann::json::array();
    for (std::size_t u = 0; u < n; ++u)
        if (r.rank[u] == 0) {
            const std::string key = table.key_column().empty() ? std::to_string(u + 1) : table.column(table.key_column()).as_text(u);
            j["unscored"].push_back({{"unit", key}, {"reason", table.column(fields::index_status).as_text(u)}});
        }
    j["methods"] = {{"missing", to_string(o.missing)},
                    {"min_coverage", o.min_coverage},
                    {"outliers", to_string(o.outliers.method)},
                    {"normalisation", to_string(o.normalisation)},
                    {"weighting", to_string(o.weighting)},
                    {"domain_aggregation", to_string(o.domain_aggregation)},
                    {"index_aggregation", to_string(o.index_aggregation)},
                    {"classification", to_string(o.classes.method)}};
    auto& ji = j["indicators"] = nlohmann::json::array();
    for (std::size_t i = 0; i < model.indicator_count(); ++i) {
        const auto& ind = o.indicators[i];
        const auto& orp = r.variant.outliers[i];
        ji.push_back({{"name", ind.name},
                      {"label", ind.label},
                      {"domain", ind.domain},
                      {"column", ind.source.column},
                      {"transform", to_string(ind.source.transform)},
                      {"direction", to_string(ind.direction)},
                      {"normalisation", to_string(r.variant.methods[i])},
                      {"missing_observed", model.units() - count_present(model.raw(i))},
                      {"imputation", to_string(ind.missing.value_or(o.missing))},
                      {"imputed", r.variant.impute_reports[i].filled},
                      {"left_missing", r.variant.impute_reports[i].left_missing},
                      {"outliers", {{"treatment", orp.treatment}, {"points_changed", orp.points_changed}, {"skew_before", orp.skew_before},
                                    {"kurtosis_before", orp.kurtosis_before}, {"skew_after", orp.skew_after}, {"kurtosis_after", orp.kurtosis_after}}},
                      {"weight_in_domain", r.variant.within[i]},
                      {"effective_weight", r.effective_weights[i]}});
    }
    auto& jd = j["domains"] = nlohmann::json::array();
    for (std::size_t d = 0; d < model.domain_count(); ++d) {
        nlohmann::json e{{"name", o.domains[d].name},
                         {"label", o.domains[d].label},
                         {"weight", model.domain_weights()[d]},
                         {"effective_weight", r.effective_domain_weights[d]}};
        if (!r.variant.pca[d].weights.empty())
            e["pca"] = {{"first_loadings", r.variant.pca[d].first_loadings}, {"explained", r.variant.pca[d].explained},
                        {"rows_used", r.variant.pca[d].rows_used}};
        jd.push_back(e);
    }
    j["classes"] = {{"method", r.classes.method}, {"upper_bounds", r.classes.upper}, {"labels", r.classes.labels}};
    if (!r.warnings.empty()) j["warnings"] = r.warnings;
    return j;
}

nlohmann::json uncertainty_json(const UncertaintyResult& r) {
    nlohmann::json j;
    j["runs"] = r.runs;
    j["seed"] = r.seed;
    j["evaluations"] = r.evaluations;
    j["factors"] = r.factors;
    j["weight_range"] = r.weight_range;
    j["alternatives"] = {{"normalisation", r.alternative_normalisations},
                         {"aggregation", r.alternative_aggregations},
                         {"imputation", r.alternative_imputations}};
    if (!r.mean_shift_a.empty()) j["mean_abs_rank_shift"] = {{"mean", mean(r.mean_shift_a)}, {"median", median(r.mean_shift_a)}};
    if (!r.first_order.empty()) {
        auto& js = j["sensitivity"] = nlohmann::json::array();
        for (std::size_t i = 0; i < r.factors.size(); ++i)
            js.push_back({{"factor", r.factors[i]}, {"first_order", r.first_order[i]}, {"total", r.total[i]}});
        j["output_variance"] = r.output_variance;
        j["sensitivity_note"] = "indices of the mean absolute rank shift; Saltelli (2010) first-order and Jansen total-effect estimators";
    }
    return j;
}

nlohmann::json audit_json(const IndexModel& model, const AuditResult& a) {
    nlohmann::json j;
    std::vector<std::string> names;
    for (const auto& ind : model.options().indicators) names.push_back(ind.name);
    nlohmann::json corr = nlohmann::json::array();
    for (const auto& row : a.correlation) {
        nlohmann::json jr = nlohmann::json::array();
        for (double v : row) jr.push_back(num(v));
        corr.push_back(jr);
    }
    j["correlation"] = {{"indicators", names}, {"matrix", corr}, {"method", "pearson, pairwise complete, normalised values"}};
    // Importance as the index realises it (COINr's weights vignette; Paruolo et al. 2013):
    // each correlation with the index as a share of the positive ones. Nominal weights
    // are not importance; a council should see both.
    const auto importance = [](auto const& items) {
        double sum = 0;
        for (const auto& x : items) sum += x.corr_index > 0 ? x.corr_index : 0.0;
        std::vector<double> out;
        for (const auto& x : items) out.push_back(sum > 0 && !std::isnan(x.corr_index) ? x.corr_index / sum : NAN);
        return out;
    };
    const auto ii = importance(a.indicators), di = importance(a.domains);
    auto& ji = j["indicators"] = nlohmann::json::array();
    for (std::size_t k = 0; k < a.indicators.size(); ++k) {
        const auto& i = a.indicators[k];
        ji.push_back({{"name", i.name}, {"domain", i.domain}, {"corr_domain", num(i.corr_domain)}, {"corr_index", num(i.corr_index)},
                      {"effective_weight", i.effective_weight}, {"importance_share", num(ii[k])}});
    }
    auto& jd = j["domains"] = nlohmann::json::array();
    for (std::size_t k = 0; k < a.domains.size(); ++k) {
        const auto& d = a.domains[k];
        jd.push_back({{"name", d.name}, {"indicators", d.indicators}, {"cronbach_alpha", num(d.cronbach_alpha)}, {"pca_explained", d.pca_explained},
                      {"corr_index", num(d.corr_index)}, {"weight", d.weight}, {"importance_share", num(di[k])}});
    }
    j["importance_share"] = "correlation with the index divided by the sum of the positive correlations (indicators among indicators, domains among domains)";
    j["pca_all_indicators"] = {{"explained", a.pca_all_explained}, {"rows_used", a.pca_all_rows_used}};
    return j;
}

}  // namespace leefbaar::index
