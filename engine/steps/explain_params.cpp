#include "steps/explain_params.hpp"

namespace leefbaar::steps {

using params::Scope;
using params::Type;

void declare_explain(params::ParamList& l, ExplainStep& e) {
    l.add("enabled", Type::Boolean, "Explain every unit's score: contributions, strongest and weakest indicator, what reaches the next class")
        .scope(Scope::ProjectOnly)
        .bind(e.enabled);
    l.add("top", Type::Integer, "Indicators listed in the fields top_plus and top_minus (0: leave both fields out)")
        .min(0)
        .max(10)
        .scope(Scope::ProjectOnly)
        .bind(e.top);
    l.add("seed", Type::Integer, "Seed of the random orders that estimate Shapley values above max_exact players (run --seed overrides it)")
        .min(0)
        .scope(Scope::ProjectOnly)
        .bind(e.options.seed);
    l.add("max_exact", Type::Integer, "Exact Shapley values (all 2^n coalitions) up to this many players (domains, or indicators in a domain)")
        .min(1)
        .max(20)
        .scope(Scope::ProjectOnly)
        .bind(e.options.max_exact_players);
    l.add("permutations", Type::Integer, "Random orders per Shapley estimate above max_exact players")
        .min(1)
        .max(1000000)
        .scope(Scope::ProjectOnly)
        .bind(e.options.permutations);
}

}  // namespace leefbaar::steps
