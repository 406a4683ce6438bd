#include "areas/aggregate.hpp"

#include <cmath>

#include "core/error.hpp"

namespace leefbaar::areas {

const char* to_string(Rule r) { return r == Rule::Sum ? "sum" : r == Rule::Ratio ? "ratio" : "mean"; }

std::vector<double> numeric_column(const FeatureTable& units, const std::string& column, const std::string& what) {
    if (!units.has_column(column)) {
        const std::string near = nearest_name(column, units.column_names());
        throw DataError(what + ": column '" + column + "' is not in the units", ErrorContext{units.source_file, units.source_layer, {}, column},
                        (near.empty() ? std::string() : "did you mean '" + near + "'? ") + "`leefbaar info` lists the columns of a source");
    }
    const Column& c = units.column(column);
    if (!c.is_numeric())
        throw DataError(what + ": column '" + column + "' holds text, not numbers", ErrorContext{units.source_file, units.source_layer, {}, column},
                        "name a numeric column");
    std::vector<double> x(units.rows());
    for (std::size_t u = 0; u < x.size(); ++u) x[u] = c.as_double(u);
    return x;
}

std::vector<double> area_sum(const AreaLevel& level, const std::vector<double>& x) {
    std::vector<double> out(level.areas(), 0.0);
    for (std::size_t a = 0; a < level.areas(); ++a)
        for (const auto& m : level.members[a])
            if (!std::isnan(x[m.unit])) out[a] += m.share * x[m.unit];
    return out;
}

std::vector<double> area_mean(const AreaLevel& level, const std::vector<double>& x, const std::vector<double>& w) {
    std::vector<double> out(level.areas(), NAN);
    for (std::size_t a = 0; a < level.areas(); ++a) {
        double s = 0, sw = 0;
        for (const auto& m : level.members[a]) {
            const double wu = w.empty() ? 1.0 : w[m.unit];
            if (std::isnan(x[m.unit]) || !(wu >= 0)) continue;
            s += m.share * wu * x[m.unit];
            sw += m.share * wu;
        }
        if (sw > 0) out[a] = s / sw;
    }
    return out;
}

AreaValues aggregate_indicator(const FeatureTable& units, const AreaLevel& level, const AreaIndicator& ind) {
    const std::string what = "indicator '" + ind.name + "' (" + to_string(ind.rule) + " over areas)";
    const auto x = numeric_column(units, ind.column, what);
    std::vector<double> den, w;
    if (ind.rule == Rule::Ratio) {
        if (ind.denominator.empty())
            throw UsageError(what + " needs a denominator to be recomputed from its parts", {},
                             "give the indicator a denominator, or aggregate it as a weighted mean ({{area_rule mean}} with an {{area_weight}})");
        den = numeric_column(units, ind.denominator, what);
    }
    if (ind.rule == Rule::Mean && !ind.weight.empty()) w = numeric_column(units, ind.weight, what + ", weight");
    AreaValues r;
    r.value.assign(level.areas(), NAN);
    r.coverage.assign(level.areas(), 0.0);
    for (std::size_t a = 0; a < level.areas(); ++a) {
        double s = 0, sd = 0, have = 0, all = 0;
        for (const auto& m : level.members[a]) {
            const std::size_t u = m.unit;
            all += m.share;
            switch (ind.rule) {
            case Rule::Sum:
                if (std::isnan(x[u])) continue;
                s += m.share * x[u];
                sd = 1;
                break;
            case Rule::Ratio:
                if (std::isnan(x[u]) || std::isnan(den[u])) continue;
                s += m.share * x[u];
                sd += m.share * den[u];
                break;
            case Rule::Mean: {
                const double wu = w.empty() ? 1.0 : w[u];
                if (std::isnan(x[u]) || !(wu >= 0)) continue;
                s += m.share * wu * x[u];
                sd += m.share * wu;
                break;
            }
            }
            have += m.share;
        }
        r.coverage[a] = all > 0 ? have / all : 0.0;
        if (have <= 0) continue;
        if (ind.rule == Rule::Sum) r.value[a] = ind.log_after ? std::log(s + 1.0) : s;
        else if (sd > 0) r.value[a] = ind.rule == Rule::Ratio ? ind.scale * s / sd : s / sd;
    }
    return r;
}

}  // namespace leefbaar::areas
