#pragma once
// Classes of the composite index for maps. Classes are numbered 1 (lowest) .. k;
// a value v is in the first class whose upper bound is >= v.
//   quantiles       k classes with equal counts (type 7 quantiles as breaks)
//   equal_interval  k classes of equal width between min and max
//   fisher_jenks    exact optimal natural breaks: the partition of the sorted
//                   values into k groups with least within-group sum of squares
//                   (Fisher 1958; Jenks 1967). Dynamic programming over distinct
//                   values with the divide-and-conquer speed-up that the
//                   monotone optimal split allows (Wang & Song 2011, Ckmeans.1d.dp),
//                   O(k n log n), so it stays exact on a million units.
//   stddev          breaks at mean + {-2,-1,0,1,2} sd: six classes
//   breaks          the user's own upper bounds
//   leefbaarometer  nine classes named as the Leefbaarometer's (zeer onvoldoende ...
//                   uitstekend) from the deviation of each value from the mean in
//                   standard deviations, with bounds at +-0.25, 0.75, 1.25, 1.75 sd
//                   (symmetric half-sd steps: our choice, documented in
//                   docs/methods/composite-index.md; the Leefbaarometer's own
//                   thresholds refer to its national score scale).
#include <string>
#include <vector>

#include "index/methods.hpp"

namespace leefbaar::index {

struct ClassOptions {
    ClassMethod method = ClassMethod::Quantiles;
    int classes = 5;
    std::vector<double> breaks;        // user breaks: ascending inner upper bounds (k - 1 values)
    std::vector<std::string> labels;   // optional own labels, one per class
};

struct Classification {
    std::vector<double> upper;         // k - 1 inner upper bounds, ascending
    std::vector<std::string> labels;   // k labels
    std::vector<int> cls;              // per value, 1..k; 0 for NaN
    std::string method;
};

Classification classify(const std::vector<double>& x, const ClassOptions& options);

// The class 1..k of one value under inner upper bounds (the first class whose bound is
// >= v), 0 for NaN: the rule classify() applies, for values classified after the fact.
int class_of(double v, const std::vector<double>& upper);

// Exact Fisher-Jenks: the k - 1 inner upper bounds (the largest value of each of the
// first k - 1 groups). Fewer groups when there are fewer distinct values.
std::vector<double> fisher_jenks_breaks(const std::vector<double>& x, int k);

// Within-group sum of squared deviations of the partition defined by the inner upper bounds.
double within_ss(const std::vector<double>& x, const std::vector<double>& upper);

const std::vector<std::string>& leefbaarometer_labels();

}  // namespace leefbaar::index
