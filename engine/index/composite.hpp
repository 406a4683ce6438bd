#pragma once
// The composite liveability index on a FeatureTable: indicators -> (missing
// values, outliers, normalisation, direction) -> weighted aggregation into domain
// scores -> weighted aggregation into the index -> rank, percentile, class. Pure
// computation on columns: no files, no TOML. The steps follow the OECD/JRC
// Handbook (Nardo et al. 2008) and COINr; docs/methods/composite-index.md.
//
// Use: IndexModel model(table, options, weights); IndexResult r = compute_index(table, model);
// the same model then feeds the Monte Carlo (uncertainty.hpp) and the audit (audit.hpp).
#include <cmath>
#include <functional>
#include <optional>
#include <string>
#include <vector>


#include "core/feature_table.hpp"
#include "core/progress.hpp"
#include "index/classify.hpp"
#include "index/imputation.hpp"
#include "index/methods.hpp"
#include "index/outliers.hpp"
#include "index/pca.hpp"
#include "index/transform.hpp"
#include "spatial/weights.hpp"

namespace leefbaar::index {

struct IndicatorSpec {
    std::string name;    // short name: fields n_<name>, imp_<name>
    std::string label;   // for QGIS and reports
    std::string why;     // why it is in the index (goes to the field description)
    std::string domain;
    TransformSpec source;
    Direction direction = Direction::HigherIsBetter;
    double weight = 1.0;  // within its domain (weighting = explicit)
    std::optional<Imputation> missing;         // default: IndexOptions::missing
    std::optional<Normalisation> normalisation;  // default: IndexOptions::normalisation
    double reference = NAN;                    // distance_to_reference
    double goal_low = NAN, goal_high = NAN;    // goalposts
};

struct DomainSpec {
    std::string name;   // field d_<name>
    std::string label;
    double weight = 1.0;
};

struct IndexOptions {
    std::vector<IndicatorSpec> indicators;
    std::vector<DomainSpec> domains;  // order = output order
    Imputation missing = Imputation::None;
    double min_coverage = 0.5;  // share of indicators observed (before imputation) a unit needs to be scored
    // A unit whose population is below min_population gets no score (0 = no minimum);
    // `population` is also the default population of an indicator's min_population.
    std::string population;
    double min_population = 0;
    OutlierOptions outliers;
    Normalisation normalisation = Normalisation::MinMax;
    Weighting weighting = Weighting::Equal;
    Aggregation domain_aggregation = Aggregation::Arithmetic;  // indicators -> domain
    Aggregation index_aggregation = Aggregation::Arithmetic;   // domains -> index
    ClassOptions classes;
    unsigned threads = 0;
};

// Everything that depends on the imputation and normalisation choice: the input of
// the aggregation. The Monte Carlo keeps one per combination it samples.
struct Variant {
    std::vector<std::vector<double>> norm;            // per indicator, per unit
    std::vector<std::vector<std::uint8_t>> imputed;   // per indicator, per unit
    std::vector<ImputeResult> impute_reports;          // imputed vectors moved out (empty)
    std::vector<OutlierReport> outliers;
    std::vector<Normalisation> methods;               // per indicator, as used
    std::vector<double> within;                       // within-domain weight per indicator, sum 1 per domain
    std::vector<double> shift;                        // per indicator, for geometric/harmonic
    // Per domain, the shift of the domain-score columns for a geometric/harmonic index.
    // Empty: each column's own (column_shift). New rows scored by the units' model
    // (fitted_model.hpp) set the units' shifts: a handful of rows must not pick their own.
    std::vector<double> domain_shift;
    std::vector<PcaResult> pca;                       // per domain (weighting = pca)
    // Optional, for repeated scoring (Monte Carlo): per indicator ln(v + shift) for the
    // geometric and 1/(v + shift) for the harmonic mean, so a run needs no log/division
    // per value. Filled by IndexModel::cache_for().
    std::vector<std::vector<double>> log_shifted, inv_shifted;
};

class IndexModel {
public:
    // Validates the options against the table (columns exist and are numeric, every
    // domain has indicators, weights >= 0 and not all 0) and derives the raw values.
    IndexModel(const FeatureTable& table, IndexOptions options, const SpatialWeights* weights = nullptr);

    const IndexOptions& options() const { return options_; }
    std::size_t units() const { return units_; }
    std::size_t indicator_count() const { return options_.indicators.size(); }
    std::size_t domain_count() const { return options_.domains.size(); }
    std::size_t domain_of(std::size_t indicator) const { return domain_of_[indicator]; }
    const std::vector<std::size_t>& members(std::size_t domain) const { return members_[domain]; }
    const std::vector<double>& raw(std::size_t indicator) const { return raw_[indicator]; }
    // The unsmoothed rate of an indicator with smoothing (empty otherwise).
    const std::vector<double>& crude(std::size_t indicator) const { return crude_[indicator]; }
    // Notes from deriving the indicators (populations of 0 under smoothing).
    const std::vector<std::string>& derive_warnings() const { return derive_warnings_; }
    // Units with enough observed data to be scored, and the reason for the others.
    bool eligible(std::size_t unit) const { return eligible_[unit] != 0; }
    const std::vector<std::string>& status() const { return status_; }
    std::size_t eligible_count() const { return eligible_count_; }
    const std::vector<double>& domain_weights() const { return domain_weights_; }  // sum 1
    // False for an indicator with no value for any scored unit (e.g. its denominator is
    // 0 everywhere): it gets within-domain weight 0 and the others of its domain share
    // its weight, which is what the aggregation does with a missing value anyway.
    bool observed(std::size_t indicator) const { return observed_[indicator] != 0; }

    // Imputation, outlier treatment, normalisation and within-domain weights for one
    // choice; overrides replace the options for indicators that use the defaults
    // (an indicator's own imputation method is replaced too; its own normalisation is kept).
    // `perturb` (may be empty) changes each indicator's copy of the raw values first, in
    // indicator order (the Monte Carlo's measurement error): one indicator's values at a
    // time, not a second copy of all of them per run.
    using RawPerturbation = std::function<void(std::size_t indicator, std::vector<double>& values)>;
    Variant make_variant(std::optional<Imputation> imputation = {}, std::optional<Normalisation> normalisation = {},
                         const RawPerturbation& perturb = {}) const;

    // Fills the Variant's cache for an aggregation method (no-op for arithmetic).
    void cache_for(Variant& v, Aggregation method) const;

    // Domain scores (if wanted) and the index for every unit. Multipliers (may be
    // null) scale the indicator and domain weights (Monte Carlo weight perturbation).
    void score(const Variant& v, Aggregation domain_agg, Aggregation index_agg, const double* indicator_mult,
               const double* domain_mult, std::vector<std::vector<double>>* domains, std::vector<double>& index,
               unsigned threads) const;

private:
    void derive_indicators(const FeatureTable& table, std::vector<std::vector<std::uint8_t>>& too_small);
    void judge_coverage(const FeatureTable& table, const std::vector<std::vector<std::uint8_t>>& too_small);

    IndexOptions options_;
    const SpatialWeights* weights_ = nullptr;
    std::size_t units_ = 0;
    std::vector<std::vector<double>> raw_;
    std::vector<std::vector<double>> crude_;
    std::vector<std::string> derive_warnings_;
    std::vector<std::size_t> domain_of_;
    std::vector<std::vector<std::size_t>> members_;
    std::vector<double> domain_weights_;
    std::vector<std::uint8_t> eligible_;
    std::vector<std::uint8_t> observed_;  // per indicator
    std::vector<std::string> status_;
    std::size_t eligible_count_ = 0;
};

struct IndexResult {
    Variant variant;
    std::vector<std::vector<double>> domain_scores;
    std::vector<double> index;
    std::vector<std::int32_t> rank;  // 0 = not ranked
    std::vector<double> percentile;
    Classification classes;
    std::size_t ranked = 0;
    std::vector<double> effective_weights;  // per indicator: within x effective domain weight
    // Per domain: its weight, renormalised over the domains with an observed indicator.
    std::vector<double> effective_domain_weights;
    // Indicators without a value for any scored unit.
    std::vector<std::string> warnings;
};

// Computes the deterministic index and adds its fields (core/field_names.hpp) to the table.
IndexResult compute_index(FeatureTable& table, const IndexModel& model, const Progress& progress = {});

}  // namespace leefbaar::index
