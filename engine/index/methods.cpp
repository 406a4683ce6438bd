#include "index/methods.hpp"

#include <utility>

#include "core/error.hpp"

namespace leefbaar::index {
namespace {

template <class E>
using Table = std::vector<std::pair<const char*, E>>;

// The first name of each value is canonical (used by to_string); later ones are aliases.
const Table<Direction>& directions() {
    static const Table<Direction> t{{"higher_is_better", Direction::HigherIsBetter}, {"lower_is_better", Direction::LowerIsBetter},
                                    {"+", Direction::HigherIsBetter}, {"-", Direction::LowerIsBetter}};
    return t;
}
const Table<Imputation>& imputations() {
    static const Table<Imputation> t{{"none", Imputation::None}, {"mean", Imputation::Mean}, {"median", Imputation::Median},
                                     {"neighbours", Imputation::NeighbourMean}, {"neighbors", Imputation::NeighbourMean}};
    return t;
}
const Table<OutlierMethod>& outliers() {
    static const Table<OutlierMethod> t{{"none", OutlierMethod::None}, {"coinr", OutlierMethod::Coinr}, {"clip", OutlierMethod::PercentileClip}};
    return t;
}
const Table<Normalisation>& normalisations() {
    static const Table<Normalisation> t{{"minmax", Normalisation::MinMax}, {"zscore", Normalisation::ZScore}, {"rank", Normalisation::Rank},
                                        {"percentile_rank", Normalisation::PercentileRank},
                                        {"distance_to_reference", Normalisation::DistanceToReference},
                                        {"goalposts", Normalisation::Goalposts}};
    return t;
}
const Table<Aggregation>& aggregations() {
    static const Table<Aggregation> t{{"arithmetic", Aggregation::Arithmetic}, {"geometric", Aggregation::Geometric},
                                      {"harmonic", Aggregation::Harmonic}};
    return t;
}
const Table<Weighting>& weightings() {
    static const Table<Weighting> t{{"equal", Weighting::Equal},
                                    {"explicit", Weighting::Explicit},
                                    {"pca", Weighting::Pca},
                                    {"calibrated", Weighting::Calibrated},
                                    {"optimised", Weighting::Optimised}};
    return t;
}
const Table<ClassMethod>& class_methods() {
    static const Table<ClassMethod> t{{"quantiles", ClassMethod::Quantiles},     {"equal_interval", ClassMethod::EqualInterval},
                                      {"fisher_jenks", ClassMethod::FisherJenks}, {"stddev", ClassMethod::StdDev},
                                      {"breaks", ClassMethod::UserBreaks},        {"leefbaarometer", ClassMethod::Leefbaarometer}};
    return t;
}

template <class E>
std::vector<std::string> names(const Table<E>& t) {
    std::vector<std::string> out;
    for (const auto& [n, v] : t) out.emplace_back(n);
    return out;
}

template <class E>
E parse(const Table<E>& t, const std::string& s, const char* what) {
    for (const auto& [n, v] : t)
        if (s == n) return v;
    const auto known = names(t);
    const std::string near = nearest_name(s, known);
    throw UsageError(std::string("unknown ") + what + " '" + s + "'", {},
                     (near.empty() ? std::string() : "did you mean '" + near + "'? ") + "known: " + join_names(known));
}

template <class E>
const char* name_of(const Table<E>& t, E v) {
    for (const auto& [n, x] : t)
        if (x == v) return n;
    return "?";
}

}  // namespace

Direction parse_direction(const std::string& s) { return parse(directions(), s, "direction"); }
Imputation parse_imputation(const std::string& s) { return parse(imputations(), s, "missing-value method"); }
OutlierMethod parse_outlier_method(const std::string& s) { return parse(outliers(), s, "outlier method"); }
Normalisation parse_normalisation(const std::string& s) { return parse(normalisations(), s, "normalisation"); }
Aggregation parse_aggregation(const std::string& s) { return parse(aggregations(), s, "aggregation"); }
Weighting parse_weighting(const std::string& s) { return parse(weightings(), s, "weighting"); }
ClassMethod parse_class_method(const std::string& s) { return parse(class_methods(), s, "classification"); }

const char* to_string(Direction v) { return name_of(directions(), v); }
const char* to_string(Imputation v) { return name_of(imputations(), v); }
const char* to_string(OutlierMethod v) { return name_of(outliers(), v); }
const char* to_string(Normalisation v) { return name_of(normalisations(), v); }
const char* to_string(Aggregation v) { return name_of(aggregations(), v); }
const char* to_string(Weighting v) { return name_of(weightings(), v); }
const char* to_string(ClassMethod v) { return name_of(class_methods(), v); }

std::vector<std::string> names_direction() { return names(directions()); }
std::vector<std::string> names_imputation() { return names(imputations()); }
std::vector<std::string> names_outlier_method() { return names(outliers()); }
std::vector<std::string> names_normalisation() { return names(normalisations()); }
std::vector<std::string> names_aggregation() { return names(aggregations()); }
std::vector<std::string> names_weighting() { return names(weightings()); }
std::vector<std::string> names_class_method() { return names(class_methods()); }

}  // namespace leefbaar::index
