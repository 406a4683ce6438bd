#pragma once
// Areas of every level: aggregated indicators, the two area scores, ranks, classes,
// the comparison with the parent area and the reference rows, strengths and
// weaknesses, and the share of residents and households living in units of each
// class, with Monte Carlo intervals when the index had an uncertainty analysis.
//   index_mean   the population-weighted mean of the area's unit scores: "how
//                liveable is the average resident's buurt"
//   index_model  the area's aggregated indicators (rates from summed parts) scored by
//                the units' model (index/fitted_model.hpp): "how liveable is the area
//                as one place". The two differ when a small, extreme buurt pulls the
//                mean, or when rates combine differently than scores (docs/methods/areas.md).
#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

#include "areas/aggregate.hpp"
#include "areas/levels.hpp"
#include "core/feature_table.hpp"
#include "core/progress.hpp"
#include "index/composite.hpp"
#include "index/fitted_model.hpp"

namespace leefbaar::areas {

// A row of the data that is not a unit but a reference for all areas (the CBS
// gemeente row, a national row): its derived indicator values.
struct ReferenceRow {
    std::string code, name;
    std::vector<double> raw;  // per indicator
};

struct AreaJobOptions {
    std::string population;   // column of inhabitants: weights of the unit scores, residents' shares
    std::string households;   // column of households (optional)
    int low_class = 0;        // classes 1..low_class are "low" (0: none is)
    std::string low_label;    // e.g. "onvoldoende or lower", for reports
    std::vector<AreaIndicator> indicators;  // per index indicator, in the model's order
    std::size_t strengths = 3;              // strengths and weaknesses listed per area
};

struct IndicatorDeviation {
    std::size_t indicator = 0;
    double deviation = 0;  // (area - comparison) / SD of the units' normalised values
};

struct LevelResult {
    const AreaLevel* level = nullptr;
    std::vector<double> population, households, units;  // per area (units: sum of shares)
    std::vector<AreaValues> indicator;                  // per indicator: aggregated values
    std::vector<double> index_mean;                     // per area
    std::vector<std::vector<double>> domain_mean;       // per domain, per area
    index::NewScores model;                             // the aggregated indicators, scored
    std::vector<std::int32_t> rank;                     // by index_mean, 1 = best; 0 = unranked
    std::vector<int> cls;                               // class of index_mean by the units' breaks
    std::vector<std::vector<double>> resident_share, household_share;  // [area][class - 1]
    std::vector<double> low_residents, low_households;  // share in classes 1..low_class
    // Comparisons: the parent area's index_mean (NaN without), the first reference row.
    std::vector<double> parent_index;
    std::vector<std::vector<IndicatorDeviation>> strengths, weaknesses;  // per area
    std::vector<std::string> compared_with;                            // per area: "parent X", "reference Y", "all units"
    // Monte Carlo (empty without runs): rank interval and the low-class share interval.
    std::vector<double> rank_p05, rank_median, rank_p95, low_p05, low_p95, low_households_p05, low_households_p95;
};

struct AreaJobResult {
    AreaJobOptions options;           // as run: the outputs read the rules and labels from here
    std::vector<LevelResult> levels;  // in the order of the levels given
    index::FittedModel fitted;
    std::vector<ReferenceRow> references;
    index::NewScores reference_scores;  // per reference row
    std::vector<std::string> warnings;
};

// Collects, per Monte Carlo run, each area's index_mean and low-class shares, from the
// runs' unit scores (index::UncertaintyOptions::on_run): thread-safe, one row per run.
class AreaRuns {
public:
    // Each run's units are classed by the index's classification applied to that run
    // (classes are relative to the distribution: a run with another normalisation has
    // another scale, and the deterministic breaks would put all its units in one class).
    AreaRuns(const std::vector<const AreaLevel*>& levels, std::vector<double> population, std::vector<double> households,
             index::ClassOptions classes, int low_class, std::size_t runs);
    void add(std::size_t run, const std::vector<double>& unit_index);
    std::size_t runs() const { return runs_; }
    // Fills the rank and low-share intervals of each level's result (5 %, 50 %, 95 %).
    void summarise(std::vector<LevelResult>& levels) const;

private:
    std::vector<const AreaLevel*> levels_;
    std::vector<double> population_, households_;
    index::ClassOptions classes_;
    int low_class_ = 0;
    std::size_t runs_ = 0;
    std::vector<std::vector<float>> index_, low_, low_households_;  // per level: [run * areas + area]
};

AreaJobResult run_area_job(const FeatureTable& units, const index::IndexModel& model, const index::IndexResult& det,
                           const std::vector<AreaLevel>& levels, const std::vector<ReferenceRow>& references, const AreaJobOptions& o,
                           const AreaRuns* runs = nullptr, const Progress& progress = {});

}  // namespace leefbaar::areas
