#pragma once
// Validating an index against a reference score (issue: "an index you can defend"):
// the units' index, domain scores and normalised indicators, rolled up to the level
// of the reference (a wijk score such as the Leefbaarometer's, a resident survey per
// area), compared with it by rank correlation with bootstrap intervals; the
// standardised residual of every area (a map of where the two disagree), the largest
// disagreements, and each indicator's correlation with its sign, so an indicator
// oriented the wrong way stands out; the domain weights a regression of the reference
// on the domain scores would give, cross-validated. docs/methods/validation.md.
#include <cstddef>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "areas/levels.hpp"
#include "core/feature_table.hpp"
#include "core/progress.hpp"
#include "index/calibrate.hpp"
#include "index/validation.hpp"
#include "steps/validate_params.hpp"

namespace leefbaar::validate {

struct ValidateOptions {
    // How units reach the reference's level: "units" (the reference is at the units'
    // level: keys match directly), "wijk" or "gemeente" (the CBS code rule on the unit key).
    std::string level = "units";
    std::string weight;   // units' column weighting the area means (e.g. inhabitants); "" = unweighted
    std::string reference_key;    // key column of the reference table
    std::string reference_score;  // its score column, higher = better unless lower_is_better
    bool reference_lower_is_better = false;
    std::size_t top = 10;          // largest disagreements listed
    double min_matched = 0.5;      // warn when fewer than this share of the areas have a reference score
    index::ValidationOptions stats;
    int folds = 5;                 // calibration's cross-validation
    std::string note;              // for the report
    unsigned threads = 0;
};

struct Compared {
    std::string field;   // index, d_<domain>, n_<indicator>
    std::string label;   // the field's title
    std::string kind;    // index | domain | indicator
    index::Correlation corr;
    std::string verdict;  // indicators and domains: agrees | unrelated at this level | wrongly oriented ...
};

struct Disagreement {
    std::string code, name;
    double own = 0, reference = 0, residual = 0;
    long own_rank = 0, reference_rank = 0;
};

struct ValidateResult {
    // One row per area of the level that has units: code, name, n_units, the rolled-up
    // fields, ref_score, z_own, z_ref, residual, rank_own, rank_ref; geometry dissolved
    // from the units when they have polygons.
    FeatureTable areas;
    std::size_t areas_total = 0, matched = 0, reference_rows = 0, reference_unmatched = 0;
    std::vector<std::string> unmatched_examples;  // reference keys matching no area (up to 5)
    std::vector<Compared> compared;                 // index first, then domains, then indicators
    std::vector<Disagreement> largest;
    index::CalibrationResult calibration;           // reference ~ domain scores (empty weights when not possible)
    std::string calibration_error;
    std::vector<std::string> domain_fields;
    std::vector<std::string> warnings;
    std::string level, reference_score;
};

// `units` has the key column set and the result fields of a scored layer (index,
// d_<domain>, n_<indicator>); `reference` has opts.reference_key and reference_score.
// DataError names the table and field; UsageError for options that cannot work.
// `level`, when given, is the membership of the units in the areas of the reference's
// level (an [[areas.level]] of the project) and replaces opts.level's rule.
ValidateResult run_validation(const FeatureTable& units, const FeatureTable& reference, const ValidateOptions& opts, const Progress& progress = {},
                              const areas::AreaLevel* level = nullptr);

// The options of a [validate] section or of `leefbaar validate`'s flags.
ValidateOptions options_of(const steps::ValidateStep& v, unsigned threads);
// The reference table (a CSV, a spreadsheet or a layer), its key read as text.
FeatureTable read_reference(const steps::ValidateStep& v);

// The result as the JSON report's "validation" block (NaN as null).
nlohmann::json to_json(const ValidateResult& r, const ValidateOptions& opts);

}  // namespace leefbaar::validate
