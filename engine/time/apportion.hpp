#pragma once
// Carrying values from one edition's units (sources) to another's (targets) when
// CBS re-divides buurten: the sparse "apportion matrix" that a crosswalk
// (time/crosswalk.hpp) and areal interpolation (time/areal_interpolation.hpp) both
// produce, and its one application to extensive and intensive variables
// (docs/methods/boundary-changes.md).
#include <cstddef>
#include <string>
#include <vector>

namespace leefbaar {

// Source unit i gives `share` of its quantity to target unit j.
struct ApportionLink {
    std::size_t source = 0;
    std::size_t target = 0;
    double share = 0.0;  // w_ij: the share of source i's count that goes to target j
    // The weight of source i in target j's average of an intensive variable: the
    // overlap area, the share x the source's population, or the crosswalk share.
    double mass = 0.0;
};

struct ApportionMatrix {
    std::vector<std::string> source_codes;  // row order of the source table
    std::vector<std::string> target_codes;  // row order of the target table
    std::vector<ApportionLink> links;       // sorted by target, then source
    // Per source: 1 - sum_j w_ij, the share of it that reaches no target (0: covered).
    std::vector<double> uncovered;
    std::string weighting;              // "area", "area x population", "crosswalk", ...
    std::vector<std::string> warnings;  // uncovered units, unknown codes, slivers
};

// Two units with the same code and the whole source in that target: the value is
// carried over, not interpolated. 1e-6 absorbs the rounding of overlap areas.
constexpr double kIdentityTolerance = 1e-6;
bool is_identity_link(const ApportionMatrix& m, const ApportionLink& l);

enum class VariableKind {
    Extensive,  // counts: apportioned, target_j = sum_i w_ij x_i
    Intensive,  // rates, shares, means: the mass-weighted average over the sources
};

struct ApportionOptions {
    // A target whose missing sources carry more than this share of its mass is
    // missing; at or below it the present sources stand for the whole (an extensive
    // sum is scaled up by 1 / (1 - missing share)). 0: any missing source makes the
    // target missing.
    double max_missing_share = 0.0;
};

struct ApportionedValues {
    std::vector<double> values;  // per target; NaN = missing
    // Per target: the share of the value that came through interpolation, i.e. from
    // links that are not identity links (is_identity_link): of the terms |w_ij x_i|
    // for an extensive sum (of the masses when all terms are 0), of the masses for an
    // intensive average. 0 for an unchanged unit, 1 for a wholly new one; NaN when
    // the value is missing.
    std::vector<double> interp_share;
    // Per target: the share of its mass carried by sources with a missing value.
    std::vector<double> missing_share;
};

// source_values in the order of m.source_codes; NaN = missing. UsageError on a
// max_missing_share outside [0, 1) or values that do not fit the matrix.
ApportionedValues apportion(const ApportionMatrix& m, const std::vector<double>& source_values, VariableKind kind,
                            const ApportionOptions& options = {});

// Completes a matrix a builder filled with links in any order: merges links of the
// same pair, sorts them by target, computes `uncovered` and warns (one warning
// each, naming the units) of sources not wholly covered and targets no source
// reaches.
void finalise(ApportionMatrix& m);

// Sets every link's mass to w_ij x population_i (population in source order, every
// value finite and >= 0; the caller checks and names the field).
void weight_by_population(ApportionMatrix& m, const std::vector<double>& population);

}  // namespace leefbaar
