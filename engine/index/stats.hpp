#pragma once
// Descriptive statistics over columns where NaN means missing. Missing values are
// skipped everywhere; a statistic of fewer values than it needs is NaN.
#include <cstddef>
#include <vector>

namespace leefbaar::index {

std::size_t count_present(const std::vector<double>& x);
double mean(const std::vector<double>& x);
double sample_sd(const std::vector<double>& x);  // n - 1 denominator, as R's sd()
double median(std::vector<double> x);
// Quantile of type 7 (R's default, linear interpolation) of the present values.
double quantile(std::vector<double> x, double p);
// Type 7 quantile of values already sorted ascending (no NaN).
double quantile_sorted(const std::vector<double>& sorted, double p);
// Type 7 quantiles of values in any order (no NaN), for probabilities in ascending
// order: the values quantile_sorted gives on the sorted values, from the order
// statistics it reads, found by selection instead of a sort. Reorders `x`.
std::vector<double> quantiles_unsorted(std::vector<double>& x, const std::vector<double>& ascending_p);
// Moment skewness and excess kurtosis with population (1/n) moments, as COINr's
// skew() and kurt() (e1071 type 1).
double skewness(const std::vector<double>& x);
double excess_kurtosis(const std::vector<double>& x);
// Both from one pass over the moments (the outlier rule needs both, per Monte Carlo run).
void skew_kurtosis(const std::vector<double>& x, double& skew, double& kurtosis);
// Pearson correlation over the rows where both are present; NaN below 3 pairs or zero variance.
double pearson(const std::vector<double>& a, const std::vector<double>& b);
// Spearman's rho and Kendall's tau-b: index/validation.hpp.

}  // namespace leefbaar::index
