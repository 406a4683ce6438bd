#pragma once
// The matrix the algorithms work on: one row per included unit, one column per
// clustering variable, already transformed (scaled). Units with missing values are
// either excluded (with a reason) or imputed, decided here once for every method.
#include <cmath>
#include <cstddef>
#include <string>
#include <vector>

#include "cluster/options.hpp"
#include "core/feature_table.hpp"

namespace leefbaar::cluster {

struct DataMatrix {
    std::size_t n = 0;  // included units
    std::size_t p = 0;  // variables
    std::vector<double> x;  // n*p, row-major
    const double* row(std::size_t i) const { return x.data() + i * p; }
    double* row(std::size_t i) { return x.data() + i * p; }
};

struct PreparedData {
    DataMatrix data;
    std::vector<std::size_t> table_row;  // data row i -> feature-table row
    std::vector<std::string> status;     // per table row: "ok", "imputed" or the reason of exclusion
    std::vector<double> centre, scale;   // per variable: x' = (x - centre) / scale
    std::vector<std::string> fields;
    std::size_t imputed_values = 0;
};

// Reads `fields` from the table, applies the missing-value policy and the scaling.
// Units missing a `required` field (e.g. the floor field) are always excluded.
// Throws DataError for a missing or non-numeric field, or when no unit is left.
PreparedData prepare_data(const FeatureTable& table, const std::vector<std::string>& fields, Scaling scaling, MissingPolicy missing,
                          const std::vector<std::string>& required = {});

// Transforms columns in place (n*p row-major); returns per-column (centre, scale).
// Constant columns get scale 1 (they carry no information but must not divide by zero).
void scale_columns(DataMatrix& m, Scaling scaling, std::vector<double>* centre = nullptr, std::vector<double>* scale = nullptr);

inline double distance(const double* a, const double* b, std::size_t p, Distance d) {
    double s = 0;
    if (d == Distance::Manhattan) {
        for (std::size_t j = 0; j < p; ++j) s += std::abs(a[j] - b[j]);
        return s;
    }
    for (std::size_t j = 0; j < p; ++j) s += (a[j] - b[j]) * (a[j] - b[j]);
    return std::sqrt(s);
}

// Shortest text of a number for messages (no trailing zeros).
std::string number_text(double v);

inline double squared_euclidean(const double* a, const double* b, std::size_t p) {
    double s = 0;
    for (std::size_t j = 0; j < p; ++j) s += (a[j] - b[j]) * (a[j] - b[j]);
    return s;
}

}  // namespace leefbaar::cluster
