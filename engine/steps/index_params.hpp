#pragma once
// The composite index step: [index], one [indicator.<name>], one [domain.<name>] and
// [uncertainty], whose runs and seed are also the --runs and --seed of `leefbaar
// score` and `leefbaar run`. Each key is declared once here, bound to the engine's
// options (index/composite.hpp, index/uncertainty.hpp); the method names come from
// index/methods.hpp and index/transform.hpp, the same lists the parsers accept.
#include <optional>

#include "core/param_list.hpp"
#include "index/composite.hpp"
#include "index/uncertainty.hpp"

namespace leefbaar::steps {

// `aggregation` in [index] sets both levels, unless domain_aggregation or
// index_aggregation is given too; finish_index applies it.
struct IndexShorthands {
    std::optional<index::Aggregation> aggregation;
};

// [index]: the methods that apply to every indicator (project-only).
void declare_index(params::ParamList& list, index::IndexOptions& o, IndexShorthands& shorthands);
// After the keys are set: the `aggregation` shorthand, and breaks without a
// classification meaning classification = breaks.
void finish_index(const params::ParamList& list, index::IndexOptions& o, const IndexShorthands& shorthands);

// The keys of ONE [indicator.<name>] / [domain.<name>] table (project-only); the
// section applies a fresh list to each table. Set name (and the label's default,
// the name) before applying.
void declare_indicator(params::ParamList& list, index::IndicatorSpec& s);
void declare_domain(params::ParamList& list, index::DomainSpec& d);

// [uncertainty]. Override: only runs and seed, as the command-line options of
// `score` and `run` that override the project's values.
enum class UncertaintyFront { Project, Override };
void declare_uncertainty(params::ParamList& list, index::UncertaintyOptions& u, UncertaintyFront front);

}  // namespace leefbaar::steps
