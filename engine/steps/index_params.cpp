#include "steps/index_params.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

#include "core/error.hpp"
#include "index/methods.hpp"
#include "index/transform.hpp"

namespace leefbaar::steps {

using params::Param;
using params::ParamList;
using params::Scope;
using params::Type;
using params::Value;

namespace {

// An enum key: the names the parser accepts are the choices, the parser sets it.
template <class E>
Param& choice(ParamList& l, const std::string& name, const std::string& help, std::vector<std::string> names, E (*parse)(const std::string&),
              E& target) {
    return l.add(name, Type::Choice, help)
        .choices(std::move(names))
        .scope(Scope::ProjectOnly)
        .bind_with([&target, parse](const Value& v) { target = parse(std::get<std::string>(v)); }, std::string(index::to_string(target)));
}

// The same for an override whose default is another key's value.
template <class E>
Param& optional_choice(ParamList& l, const std::string& name, const std::string& help, std::vector<std::string> names,
                       E (*parse)(const std::string&), std::optional<E>& target) {
    return l.add(name, Type::Choice, help)
        .choices(std::move(names))
        .scope(Scope::ProjectOnly)
        .bind_with([&target, parse](const Value& v) { target = parse(std::get<std::string>(v)); });
}

// A list of names, each one of `names` (Param checks choices of a single value only).
template <class E>
Param& choice_list(ParamList& l, const std::string& name, const std::string& help, const std::vector<std::string>& names,
                   E (*parse)(const std::string&), std::vector<E>& target) {
    return l.add(name, Type::StringList, help)
        .choices(names)
        .scope(Scope::ProjectOnly)
        .check([names](const Value& v) -> std::string {
            for (const auto& s : std::get<std::vector<std::string>>(v)) {
                if (std::find(names.begin(), names.end(), s) != names.end()) continue;
                const std::string near = nearest_name(s, names);
                return "'" + s + "' is not known: " + (near.empty() ? std::string() : "did you mean '" + near + "'? ") +
                       "choose one of: " + join_names(names);
            }
            return {};
        })
        .bind_with([&target, parse](const Value& v) {
            target.clear();
            for (const auto& s : std::get<std::vector<std::string>>(v)) target.push_back(parse(s));
        });
}

}  // namespace

void declare_index(ParamList& l, index::IndexOptions& o, IndexShorthands& sh) {
    l.begin_group("Missing values and outliers");
    choice(l, "missing", "Missing values: none (aggregate over what is present), mean, median, neighbours (mean of the queen-contiguous neighbours)",
           index::names_imputation(), index::parse_imputation, o.missing);
    l.add("min_coverage", Type::Number, "Share of the indicators a unit must have observed (before imputation) to be scored")
        .min(0)
        .max(1)
        .scope(Scope::ProjectOnly)
        .bind(o.min_coverage);
    l.add("population", Type::String, "Column of inhabitants: for min_population here and for indicators without a denominator")
        .scope(Scope::ProjectOnly)
        .bind(o.population);
    l.add("min_population", Type::Number, "Units with fewer inhabitants ([index] population) get no score; index_status says so (0 = no minimum)")
        .min(0)
        .scope(Scope::ProjectOnly)
        .bind(o.min_population);
    choice(l, "outliers", "Outlier treatment: coinr (winsorise, else log), clip (percentiles), none", index::names_outlier_method(),
           index::parse_outlier_method, o.outliers.method);
    // Compared with |skewness| and kurtosis: a negative threshold would treat every indicator.
    l.add("skew_threshold", Type::Number, "COINr rule: treat an indicator whose absolute skewness exceeds this")
        .min(0)
        .scope(Scope::ProjectOnly)
        .bind(o.outliers.skew_threshold);
    l.add("kurtosis_threshold", Type::Number, "COINr rule: ... and whose kurtosis exceeds this").min(0).scope(Scope::ProjectOnly).bind(o.outliers.kurtosis_threshold);
    l.add("winsor_max", Type::Integer, "COINr rule: at most this many points winsorised before the log transform")
        .min(0)
        .scope(Scope::ProjectOnly)
        .bind(o.outliers.winsor_max);
    l.add("clip", Type::NumberList, "Percentiles [low, high] for outliers = clip")
        .min(0)
        .max(1)
        .scope(Scope::ProjectOnly)
        .check([](const Value& v) -> std::string {
            const auto& c = std::get<std::vector<double>>(v);
            if (c.size() != 2 || !(c[0] < c[1])) return "must be two shares [low, high] with 0 <= low < high <= 1";
            return {};
        })
        .bind_with(
            [&o](const Value& v) {
                const auto& c = std::get<std::vector<double>>(v);
                o.outliers.clip_low = c[0];
                o.outliers.clip_high = c[1];
            },
            std::vector<double>{o.outliers.clip_low, o.outliers.clip_high});
    l.begin_group("Normalisation, weighting, aggregation");
    choice(l, "normalisation", "Normalisation of every indicator (an indicator may set its own)", index::names_normalisation(),
           index::parse_normalisation, o.normalisation);
    choice(l, "weighting",
           "Weights: equal, explicit (the weight keys of the domains and indicators), pca, calibrated (domain weights from a regression on the "
           "[validate] reference, cross-validated), optimised (domain weights giving every domain the same correlation with the index)",
           index::names_weighting(),
           index::parse_weighting, o.weighting)
        .default_text("equal (explicit if any weight is given)");
    l.add("aggregation", Type::Choice, "Aggregation at both levels (indicators to domains, domains to index)")
        .choices(index::names_aggregation())
        .scope(Scope::ProjectOnly)
        .bind_with([&sh](const Value& v) { sh.aggregation = index::parse_aggregation(std::get<std::string>(v)); },
                   std::string(index::to_string(o.domain_aggregation)));
    choice(l, "domain_aggregation", "Aggregation of the indicators into the domain scores (overrides aggregation)", index::names_aggregation(),
           index::parse_aggregation, o.domain_aggregation)
        .default_text("aggregation");
    choice(l, "index_aggregation", "Aggregation of the domain scores into the index (overrides aggregation)", index::names_aggregation(),
           index::parse_aggregation, o.index_aggregation)
        .default_text("aggregation");
    l.begin_group("Classes");
    choice(l, "classification", "Classes of the index", index::names_class_method(), index::parse_class_method, o.classes.method)
        .default_text("quantiles (breaks when breaks are given)");
    l.add("classes", Type::Integer, "Number of classes (quantiles, equal_interval, fisher_jenks)")
        .min(2)
        .max(20)
        .scope(Scope::ProjectOnly)
        .bind(o.classes.classes);
    l.add("breaks", Type::NumberList, "Inner class bounds for classification = breaks (ascending)")
        .scope(Scope::ProjectOnly)
        .check([](const Value& v) -> std::string {
            const auto& b = std::get<std::vector<double>>(v);
            for (std::size_t i = 1; i < b.size(); ++i)
                if (!(b[i - 1] < b[i])) return "must be strictly ascending";
            return {};
        })
        .bind(o.classes.breaks);
    l.add("labels", Type::StringList, "Own class labels, one per class").scope(Scope::ProjectOnly).bind(o.classes.labels);
    l.begin_group("");
}

void finish_index(const ParamList& l, index::IndexOptions& o, const IndexShorthands& sh) {
    if (sh.aggregation) {
        if (!l.given("domain_aggregation")) o.domain_aggregation = *sh.aggregation;
        if (!l.given("index_aggregation")) o.index_aggregation = *sh.aggregation;
    }
    if (l.given("breaks") && !l.given("classification")) o.classes.method = index::ClassMethod::UserBreaks;
}

void declare_indicator(ParamList& l, index::IndicatorSpec& s) {
    l.add("column", Type::String, "Source column in the joined data").required().scope(Scope::ProjectOnly).bind(s.source.column);
    l.add("domain", Type::String, "The domain it belongs to").required().scope(Scope::ProjectOnly).bind(s.domain);
    l.add("direction", Type::Choice, "higher_is_better (+) or lower_is_better (-)")
        .choices(index::names_direction())
        .required()
        .scope(Scope::ProjectOnly)
        .bind_with([&s](const Value& v) { s.direction = index::parse_direction(std::get<std::string>(v)); });
    l.add("label", Type::String, "Readable name (QGIS, reports)").scope(Scope::ProjectOnly).default_text("the indicator's name").bind(s.label);
    l.add("why", Type::String, "Why it is in the index (goes into the field description)").scope(Scope::ProjectOnly).bind(s.why);
    l.add("weight", Type::Number, "Weight within its domain (explicit weighting; 0 leaves it out)").min(0).scope(Scope::ProjectOnly).bind(s.weight);
    choice(l, "transform", "per_1000 (x 1000 / denominator), per_km2 (/ area), share (x 100 / denominator), log (ln(x + 1))", index::names_transform(),
           index::parse_transform, s.source.transform)
        .also_accept([](const std::string& v) { return v.empty(); }, "\"\" (none)");
    l.add("denominator", Type::String, "Column for per_1000 and share").scope(Scope::ProjectOnly).bind(s.source.denominator);
    choice(l, "smoothing", "Empirical Bayes smoothing of a per_1000 or share rate: eb (toward the overall rate), spatial_eb (toward the unit's and its neighbours' rate)",
           index::names_smoothing(), index::parse_smoothing, s.source.smoothing);
    l.add("min_population", Type::Number, "A value whose population (the denominator, else [index] population) is below this is not used (0 = no minimum)")
        .min(0)
        .scope(Scope::ProjectOnly)
        .bind(s.source.min_population);
    optional_choice(l, "missing", "Missing values of this indicator", index::names_imputation(), index::parse_imputation, s.missing)
        .default_text("[index] missing");
    optional_choice(l, "normalisation", "Normalisation of this indicator", index::names_normalisation(), index::parse_normalisation, s.normalisation)
        .default_text("[index] normalisation");
    l.add("reference", Type::Number, "Reference value for distance_to_reference (e.g. the national average)")
        .scope(Scope::ProjectOnly)
        .check([](const Value& v) -> std::string {
            return std::get<double>(v) == 0 ? "must not be 0 (scores are percent deviations from it)" : std::string();
        })
        .bind_with([&s](const Value& v) { s.reference = std::get<double>(v); });
    l.add("goalposts", Type::NumberList, "[low, high] for goalposts")
        .scope(Scope::ProjectOnly)
        .check([](const Value& v) -> std::string {
            const auto& g = std::get<std::vector<double>>(v);
            return g.size() != 2 || g[0] == g[1] ? "must be two different numbers [low, high]" : std::string();
        })
        .bind_with([&s](const Value& v) {
            const auto& g = std::get<std::vector<double>>(v);
            s.goal_low = g[0];
            s.goal_high = g[1];
        });
}

void declare_domain(ParamList& l, index::DomainSpec& d) {
    l.add("label", Type::String, "Readable name").scope(Scope::ProjectOnly).default_text("the domain's name").bind(d.label);
    l.add("weight", Type::Number, "Domain weight (explicit weighting; normalised to sum 1)").min(0).scope(Scope::ProjectOnly).bind(d.weight);
}

void declare_uncertainty(ParamList& l, index::UncertaintyOptions& u, UncertaintyFront front) {
    const bool project = front == UncertaintyFront::Project;
    l.begin_group("Uncertainty");
    auto& runs = l.add("runs", Type::Integer, "Monte Carlo runs N (0 = no uncertainty analysis; 1000 is the usual choice)").min(0).max(1000000).bind(u.runs);
    auto& seed = l.add("seed", Type::Integer,
                       project ? "Seed of the Monte Carlo; results are identical for any number of threads"
                               : "Seed of the Monte Carlo, and of the [spatial] permutations and the [cluster] methods")
                     .min(0)
                     .bind(u.seed);
    if (!project) {
        runs.default_text("[uncertainty] runs of the project");
        seed.default_text("the project's seeds");
        l.begin_group("");
        return;
    }
    l.add("weights", Type::Number, "Weight perturbation r: each weight is multiplied by U(1 - r, 1 + r)")
        .min(0)
        .max(1, false)
        .scope(Scope::ProjectOnly)
        .bind(u.weight_range);
    choice_list(l, "normalisation", "Alternative normalisations, drawn uniformly per run", index::names_normalisation(), index::parse_normalisation,
                u.normalisations);
    choice_list(l, "aggregation", "Alternative aggregations (both levels), drawn uniformly per run", index::names_aggregation(),
                index::parse_aggregation, u.aggregations);
    choice_list(l, "missing", "Alternative missing-value methods, drawn uniformly per run", index::names_imputation(), index::parse_imputation,
                u.imputations);
    l.add("sensitivity", Type::Boolean, "Variance-based sensitivity indices (costs N (k + 2) evaluations for k uncertain choices)")
        .scope(Scope::ProjectOnly)
        .bind(u.sensitivity);
    l.begin_group("");
}

}  // namespace leefbaar::steps
