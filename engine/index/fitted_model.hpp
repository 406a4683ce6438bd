#pragma once
// The units' index model applied to new rows: an area's aggregated indicators, a
// reference row of the data (the CBS gemeente row), or a unit with one raw value
// changed (explain.hpp). "The same model" means the outlier treatment,
// normalisation and weights fitted on the units, not refitted on the new rows: refitting would rescale min-max to the areas' own range, and an area
// score could then not be compared with its units' scores.
//   treatment     the units' OutlierReport (winsorising bounds, log) applied as is
//   normalisation linear ones (min-max, z-score, distance to a reference) are fitted
//                 as n = alpha + beta t on the units' (treated value, normalised value)
//                 pairs, exactly; goalposts are fixed already; the rank-based ones
//                 have no value for a row that is not a unit: not supported
//   weights       the units' within-domain and domain weights (also PCA's)
//   shifts        the units' column shifts for geometric/harmonic means, of the
//                 indicators and of the domain scores
#include <string>
#include <vector>

#include "index/composite.hpp"

namespace leefbaar::index {

struct FittedModel {
    std::vector<OutlierReport> treatment;     // per indicator
    std::vector<Normalisation> method;
    std::vector<double> alpha, beta;          // linear normalisations
    std::vector<double> goal_low, goal_high;  // goalposts
    std::vector<Direction> direction;
    std::vector<double> unit_sd;              // SD of the units' normalised values (deviations in SD units)
    std::vector<std::string> unsupported;     // indicators whose normalisation new rows cannot have
    bool supported() const { return unsupported.empty(); }
};

FittedModel fit_model(const IndexModel& model, const IndexResult& det);

// One indicator's normalised value of a new raw value (NaN when missing or unsupported).
double normalise_new(const FittedModel& f, std::size_t indicator, double raw);

struct NewScores {
    std::vector<std::vector<double>> norm;    // per indicator, per row
    std::vector<std::vector<double>> domain;  // per domain, per row
    std::vector<double> index;                // per row; NaN with too little data (min_coverage)
};

// raw[indicator][row]: the rows' derived indicator values (as the units' raw values).
NewScores score_new(const IndexModel& model, const IndexResult& det, const FittedModel& f, const std::vector<std::vector<double>>& raw);

}  // namespace leefbaar::index
