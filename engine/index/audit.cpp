#include "index/audit.hpp"

#include <cmath>

#include "index/pca.hpp"
#include "index/stats.hpp"

namespace leefbaar::index {

double cronbach_alpha(const std::vector<const std::vector<double>*>& cols) {
    const std::size_t k = cols.size();
    if (k < 2) return NAN;
    const std::size_t n = cols[0]->size();
    std::vector<std::vector<double>> c(k);
    std::vector<double> total;
    for (std::size_t u = 0; u < n; ++u) {
        bool ok = true;
        for (const auto* col : cols) ok = ok && !std::isnan((*col)[u]);
        if (!ok) continue;
        double s = 0;
        for (std::size_t i = 0; i < k; ++i) {
            c[i].push_back((*cols[i])[u]);
            s += (*cols[i])[u];
        }
        total.push_back(s);
    }
    if (total.size() < 3) return NAN;
    double sv = 0;
    for (const auto& x : c) sv += std::pow(sample_sd(x), 2);
    const double vt = std::pow(sample_sd(total), 2);
    if (!(vt > 0)) return NAN;
    const double kk = static_cast<double>(k);
    return kk / (kk - 1.0) * (1.0 - sv / vt);
}

AuditResult audit_index(const IndexModel& model, const IndexResult& r) {
    AuditResult a;
    const auto& o = model.options();
    const std::size_t ni = model.indicator_count(), nd = model.domain_count();
    // Only scored units: the others have no domain score to correlate with.
    auto masked = [&](const std::vector<double>& x) {
        std::vector<double> m = x;
        for (std::size_t u = 0; u < m.size(); ++u)
            if (r.rank[u] == 0) m[u] = NAN;
        return m;
    };
    std::vector<std::vector<double>> norm(ni);
    for (std::size_t i = 0; i < ni; ++i) norm[i] = masked(r.variant.norm[i]);

    a.correlation.assign(ni, std::vector<double>(ni));
    for (std::size_t i = 0; i < ni; ++i)
        for (std::size_t j = 0; j < ni; ++j) a.correlation[i][j] = i == j ? 1.0 : pearson(norm[i], norm[j]);

    const std::size_t rows = ni + nd;
    FeatureTable& t = a.table;
    t.resize(rows);
    t.add_column("level", ColumnType::Text);
    for (const char* c : {"name", "label", "domain", "outlier_treatment"}) t.add_column(c, ColumnType::Text);
    for (const char* c : {"weight", "corr_domain", "corr_index", "cronbach_alpha", "pca_explained_first", "skewness", "kurtosis"})
        t.add_column(c, ColumnType::Float64);
    for (const char* c : {"n_indicators", "missing_observed", "imputed"}) t.add_column(c, ColumnType::Int64);
    auto setd = [&](const char* c, std::size_t row, double v) {
        if (!std::isnan(v)) t.column(c).set(row, v);
    };

    for (std::size_t i = 0; i < ni; ++i) {
        const auto& ind = o.indicators[i];
        const std::size_t d = model.domain_of(i);
        const double cd = pearson(norm[i], r.domain_scores[d]);
        const double cx = pearson(norm[i], r.index);
        a.indicators.push_back({ind.name, ind.domain, cd, cx, r.effective_weights[i]});
        t.column("level").set(i, std::string("indicator"));
        t.column("name").set(i, ind.name);
        t.column("label").set(i, ind.label);
        t.column("domain").set(i, ind.domain);
        t.column("outlier_treatment").set(i, r.variant.outliers[i].treatment);
        setd("weight", i, r.effective_weights[i]);
        setd("corr_domain", i, cd);
        setd("corr_index", i, cx);
        setd("skewness", i, r.variant.outliers[i].skew_before);
        setd("kurtosis", i, r.variant.outliers[i].kurtosis_before);
        t.column("missing_observed").set(i, static_cast<std::int64_t>(model.units() - count_present(model.raw(i))));
        t.column("imputed").set(i, static_cast<std::int64_t>(r.variant.impute_reports[i].filled));
    }

    for (std::size_t d = 0; d < nd; ++d) {
        const auto& dom = o.domains[d];
        std::vector<const std::vector<double>*> cols;
        for (auto i : model.members(d)) cols.push_back(&norm[i]);
        const double alpha = cronbach_alpha(cols);
        const PcaResult p = cols.size() > 1 ? principal_components(cols) : PcaResult{};
        const double first = p.explained.empty() ? NAN : p.explained[0];
        const double cx = pearson(r.domain_scores[d], r.index);
        a.domains.push_back({dom.name, cols.size(), alpha, p.explained, cx, r.effective_domain_weights[d]});
        const std::size_t row = ni + d;
        t.column("level").set(row, std::string("domain"));
        t.column("name").set(row, dom.name);
        t.column("label").set(row, dom.label);
        t.column("domain").set(row, dom.name);
        setd("weight", row, r.effective_domain_weights[d]);
        setd("corr_index", row, cx);
        setd("cronbach_alpha", row, alpha);
        setd("pca_explained_first", row, first);
        t.column("n_indicators").set(row, static_cast<std::int64_t>(cols.size()));
    }
    {
        std::vector<const std::vector<double>*> cols;
        for (const auto& x : norm) cols.push_back(&x);
        const PcaResult p = principal_components(cols);
        a.pca_all_explained = p.explained;
        a.pca_all_rows_used = p.rows_used;
    }
    t.column("level").description = "indicator or domain";
    t.column("weight").description = "effective weight in the index (indicators: weight in domain x domain weight)";
    t.column("corr_domain").description = "Pearson correlation of the normalised indicator with its domain score";
    t.column("corr_index").description = "Pearson correlation with the composite index";
    t.column("cronbach_alpha").description = "Cronbach's alpha of the domain's normalised indicators (complete rows)";
    t.column("pca_explained_first").description = "share of variance explained by the first principal component of the domain";
    t.column("skewness").description = "skewness of the indicator before outlier treatment";
    t.column("kurtosis").description = "excess kurtosis of the indicator before outlier treatment";
    return a;
}

}  // namespace leefbaar::index
