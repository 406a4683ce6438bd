#pragma once
// Explanations per unit (index/explain.hpp) in a project's [explain] section: why each
// unit scores as it does and what would move it up one class, as fields of the units
// layer, a block of the JSON report and a section of the HTML report.
#include <cstddef>

#include "core/param_list.hpp"
#include "index/explain.hpp"

namespace leefbaar::steps {

struct ExplainStep {
    bool enabled = true;       // on whenever the index is computed: explanations are cheap
    std::size_t top = 3;       // indicators listed in top_plus and top_minus (0: neither field)
    index::ExplainOptions options;
};

void declare_explain(params::ParamList& list, ExplainStep& e);

}  // namespace leefbaar::steps
