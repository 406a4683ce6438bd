#pragma once
// Principal components of a set of indicator columns (their correlation matrix,
// complete rows only), for PCA-derived weights and the statistical audit.
// Weights from PCA (Nardo et al. 2008, section 1.6.2): the squared loadings of the
// first principal component of the correlation matrix (they sum to 1). Unlike the
// Handbook's varimax-rotated factors, only the first component is used: with the
// handful of indicators per domain here a rotation is not identifiable, and the
// first component is what COINr's and most practitioners' PCA weights use.
#include <vector>

namespace leefbaar::index {

struct PcaResult {
    std::vector<double> eigenvalues;      // descending
    std::vector<double> explained;        // eigenvalue / number of variables
    std::vector<double> first_loadings;   // first eigenvector, sign such that its sum is >= 0
    std::vector<double> weights;          // first_loadings squared
    std::size_t rows_used = 0;            // complete rows
};

// columns: one vector per variable, NaN = missing. Variables with zero variance get
// weight 0. Fewer than 3 complete rows: empty result (rows_used says why).
PcaResult principal_components(const std::vector<const std::vector<double>*>& columns);

}  // namespace leefbaar::index
