#include "index/pca.hpp"

#include <cmath>

#include <Eigen/Dense>

namespace leefbaar::index {

PcaResult principal_components(const std::vector<const std::vector<double>*>& columns) {
    PcaResult r;
    const std::size_t k = columns.size();
    if (k == 0) return r;
    const std::size_t n = columns[0]->size();
    std::vector<std::size_t> rows;
    for (std::size_t i = 0; i < n; ++i) {
        bool ok = true;
        for (const auto* c : columns) ok = ok && !std::isnan((*c)[i]);
        if (ok) rows.push_back(i);
    }
    r.rows_used = rows.size();
    if (rows.size() < 3) return r;
    const auto m = static_cast<Eigen::Index>(rows.size());
    Eigen::MatrixXd x(m, static_cast<Eigen::Index>(k));
    for (std::size_t j = 0; j < k; ++j)
        for (std::size_t i = 0; i < rows.size(); ++i) x(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) = (*columns[j])[rows[i]];
    x.rowwise() -= x.colwise().mean();
    Eigen::VectorXd sd = (x.colwise().squaredNorm() / static_cast<double>(m - 1)).cwiseSqrt();
    for (Eigen::Index j = 0; j < x.cols(); ++j) {
        if (sd(j) > 0) x.col(j) /= sd(j);
        else x.col(j).setZero();
    }
    const Eigen::MatrixXd corr = (x.transpose() * x) / static_cast<double>(m - 1);
    Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> es(corr);
    const auto& ev = es.eigenvalues();  // ascending
    const auto& vec = es.eigenvectors();
    for (Eigen::Index j = ev.size() - 1; j >= 0; --j) {
        r.eigenvalues.push_back(std::max(0.0, ev(j)));
        r.explained.push_back(std::max(0.0, ev(j)) / static_cast<double>(k));
    }
    Eigen::VectorXd first = vec.col(ev.size() - 1);
    if (first.sum() < 0) first = -first;
    for (Eigen::Index j = 0; j < first.size(); ++j) {
        r.first_loadings.push_back(first(j));
        r.weights.push_back(first(j) * first(j));
    }
    return r;
}

}  // namespace leefbaar::index
