#pragma once
// Statistical audit of the index, as COINr's (get_corr, get_cronbach, get_PCA) and
// the JRC's audits: do the indicators of a domain measure one thing, and does each
// indicator actually move the index?
//   - Pearson correlation matrix of the normalised indicators (pairwise complete)
//   - correlation of each indicator with its domain score and with the index
//   - Cronbach's alpha per domain, k/(k-1) (1 - sum var_i / var(sum)) over complete
//     rows (Cronbach 1951; Nardo et al. 2008, section 1.4)
//   - PCA explained variance per domain and over all indicators
// Results go to the JSON report and to an attribute table (no geometry) written as a
// GeoPackage table layer.
#include "core/feature_table.hpp"
#include "index/composite.hpp"

namespace leefbaar::index {

// NaN where a correlation or alpha is undefined (constant or too few values).
struct AuditIndicator {
    std::string name, domain;
    double corr_domain, corr_index, effective_weight;
};
struct AuditDomain {
    std::string name;
    std::size_t indicators;
    double cronbach_alpha;
    std::vector<double> pca_explained;
    double corr_index, weight;
};

struct AuditResult {
    std::vector<std::vector<double>> correlation;  // indicators x indicators, in the model's order
    std::vector<AuditIndicator> indicators;
    std::vector<AuditDomain> domains;
    std::vector<double> pca_all_explained;
    std::size_t pca_all_rows_used = 0;
    FeatureTable table;  // one row per indicator and per domain
};

double cronbach_alpha(const std::vector<const std::vector<double>*>& columns);

AuditResult audit_index(const IndexModel& model, const IndexResult& result);

}  // namespace leefbaar::index
