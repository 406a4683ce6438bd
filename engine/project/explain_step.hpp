#pragma once
// The pipeline's explanations ([explain], index/explain.hpp) as the outputs show them:
// fields of the units layer, the JSON report's "explanations" block and the cards of
// the HTML report. Every text is made here, from one Explanation.
#include <cstddef>
#include <string>

#include <nlohmann/json.hpp>

#include "core/feature_table.hpp"
#include "index/composite.hpp"
#include "index/explain.hpp"
#include "output/report.hpp"

namespace leefbaar::project {

// What the outputs read: the model and result the explanation is of, and the units.
struct ExplainView {
    const FeatureTable& units;
    const index::IndexModel& model;
    const index::IndexResult& result;
    const index::Explanation& explanation;
};

// dist_mean, next_class, next_class_ind, next_class_change, next_class_domain,
// next_class_domain_change and, with top > 0, top_plus and top_minus
// (core/field_names.hpp); null for units without an index.
void add_explain_fields(FeatureTable& t, const ExplainView& v, std::size_t top);

// The "explanations" block: the method, the baseline and per unit (by its key) the
// distance, the contributions per domain and indicator, strongest and weakest, and
// the next class.
nlohmann::json explain_json(const ExplainView& v, const index::ExplainOptions& options);

// The cards of the HTML report: every scored unit when there are at most `all_up_to`,
// else the `each` lowest and the `each` highest.
output::ReportExplain report_explain(const ExplainView& v, const index::ExplainOptions& options, std::size_t all_up_to = 200, std::size_t each = 20);

// The method in words (linear, or Shapley with the approximation within domains).
std::string explain_method_text(const index::Explanation& e, const index::IndexModel& m, const index::ExplainOptions& o);

}  // namespace leefbaar::project
