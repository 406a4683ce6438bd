#pragma once
// Weighted aggregation of normalised values into a domain score or the index
// (Nardo et al. 2008, section 1.7):
//   arithmetic  sum(w v) / sum(w)                 fully compensatory
//   geometric   exp(sum(w ln v) / sum(w))         partly compensatory, needs v > 0
//   harmonic    sum(w) / sum(w / v)               least compensatory, needs v > 0
// Missing values are skipped and the weights of the present ones rescaled
// ("aggregate over what is present"). The shift for geometric and harmonic means:
// a column whose minimum is <= 0 is shifted by (1 - min) so its minimum becomes
// 1 (column_shift); min-max scores 0..100 thus become 1..101. The shift is
// applied to the whole column, so units keep their order within it.
#include <cstddef>
#include <vector>

#include "index/methods.hpp"

namespace leefbaar::index {

// NaN if no value is present.
double aggregate(const double* values, const double* weights, std::size_t k, Aggregation method);
// Shift to add to a column before geometric/harmonic aggregation (0 when not needed).
double column_shift(const std::vector<double>& column, Aggregation method);

}  // namespace leefbaar::index
