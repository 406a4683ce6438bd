#pragma once
// The validation page (`leefbaar validate --html`, and the validation section of a
// run's report): the correlations with their intervals, the scatter of the index
// against the reference, the map of standardised residuals in the QGIS style's
// classes, the largest disagreements, the indicators' signs and the calibrated weights.
#include <string>
#include <vector>

#include "output/report.hpp"
#include "validate/validate_job.hpp"

namespace leefbaar::output {

// The report's section "Validation against <score>" (ReportOptions::extra_figures).
std::vector<ReportFigure> validation_figures(const validate::ValidateResult& r, const validate::ValidateOptions& o);
// A standalone page of it.
std::string validation_page(const validate::ValidateResult& r, const validate::ValidateOptions& o, const std::string& title);

}  // namespace leefbaar::output
