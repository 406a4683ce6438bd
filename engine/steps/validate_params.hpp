#pragma once
// Validation against a reference score: `leefbaar validate RESULT --reference TABLE`
// and a project's [validate] section. docs/methods/validation.md.
#include <cstdint>
#include <string>

#include "core/param_list.hpp"

namespace leefbaar::steps {

struct ValidateStep {
    std::string reference;        // table or layer with the reference scores (resolved path)
    std::string reference_layer;  // its layer or sheet (default: the only/first)
    std::string reference_key;    // its key column: codes of the level
    std::string score;            // its score column
    bool lower_is_better = false;
    std::string level = "wijk";   // units | wijk | gemeente
    std::string weight;           // units' column weighting the area means
    int replicates = 2000;
    std::uint64_t seed = 1;
    double confidence = 0.95;
    int top = 10;
    int folds = 5;
    double min_matched = 0.5;
    std::string note;             // shown in the report's validation section (e.g. the agreement before a revision)
};

void declare_validate(params::ParamList& list, ValidateStep& v);

}  // namespace leefbaar::steps
