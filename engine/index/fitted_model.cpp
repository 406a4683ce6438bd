#include "index/fitted_model.hpp"

#include <algorithm>
#include <cmath>

#include "index/aggregate.hpp"
#include "index/stats.hpp"

namespace leefbaar::index {
namespace {

bool linear(Normalisation n) {
    return n == Normalisation::MinMax || n == Normalisation::ZScore || n == Normalisation::DistanceToReference;
}

// Least squares n = alpha + beta t over the units observed (not imputed) and scored;
// exact for a linear normalisation up to rounding.
void fit_line(const std::vector<double>& t, const std::vector<double>& n, double& alpha, double& beta) {
    double st = 0, sn = 0, c = 0;
    for (std::size_t u = 0; u < t.size(); ++u)
        if (!std::isnan(t[u]) && !std::isnan(n[u])) st += t[u], sn += n[u], ++c;
    alpha = NAN;
    beta = NAN;
    if (c == 0) return;
    const double mt = st / c, mn = sn / c;
    double stt = 0, stn = 0;
    for (std::size_t u = 0; u < t.size(); ++u)
        if (!std::isnan(t[u]) && !std::isnan(n[u])) stt += (t[u] - mt) * (t[u] - mt), stn += (t[u] - mt) * (n[u] - mn);
    beta = stt > 0 ? stn / stt : 0.0;  // a constant indicator: every row gets the units' value
    alpha = mn - beta * mt;
}

}  // namespace

FittedModel fit_model(const IndexModel& model, const IndexResult& det) {
    FittedModel f;
    const std::size_t k = model.indicator_count();
    const auto& o = model.options();
    for (std::size_t i = 0; i < k; ++i) {
        const auto& ind = o.indicators[i];
        f.treatment.push_back(det.variant.outliers[i]);
        f.method.push_back(det.variant.methods[i]);
        f.direction.push_back(ind.direction);
        f.goal_low.push_back(ind.goal_low);
        f.goal_high.push_back(ind.goal_high);
        std::vector<double> t(model.units(), NAN);
        const auto& raw = model.raw(i);
        for (std::size_t u = 0; u < model.units(); ++u)
            if (model.eligible(u) && !det.variant.imputed[i][u]) t[u] = apply_treatment(f.treatment.back(), raw[u]);
        double a = NAN, b = NAN;
        if (linear(f.method.back())) fit_line(t, det.variant.norm[i], a, b);
        else if (f.method.back() != Normalisation::Goalposts) f.unsupported.push_back(ind.name + " (" + to_string(f.method.back()) + ")");
        f.alpha.push_back(a);
        f.beta.push_back(b);
        f.unit_sd.push_back(sample_sd(det.variant.norm[i]));
    }
    return f;
}

double normalise_new(const FittedModel& f, std::size_t i, double raw) {
    if (std::isnan(raw)) return NAN;
    const double t = apply_treatment(f.treatment[i], raw);
    if (f.method[i] == Normalisation::Goalposts) {
        const double v = std::clamp(100.0 * (t - f.goal_low[i]) / (f.goal_high[i] - f.goal_low[i]), 0.0, 100.0);
        return f.direction[i] == Direction::LowerIsBetter ? 100.0 - v : v;
    }
    return std::isnan(f.beta[i]) ? NAN : f.alpha[i] + f.beta[i] * t;
}

NewScores score_new(const IndexModel& model, const IndexResult& det, const FittedModel& f, const std::vector<std::vector<double>>& raw) {
    const std::size_t k = model.indicator_count(), rows = raw.empty() ? 0 : raw[0].size();
    NewScores s;
    s.norm.assign(k, std::vector<double>(rows, NAN));
    for (std::size_t i = 0; i < k; ++i)
        for (std::size_t r = 0; r < rows; ++r) s.norm[i][r] = normalise_new(f, i, raw[i][r]);
    // The model's aggregation on the new rows: an IndexModel over them decides which rows
    // have enough data (min_coverage) and aggregates with the units' weights.
    FeatureTable t;
    t.resize(rows);
    IndexOptions o = model.options();
    o.missing = Imputation::None;
    // Minimum populations are about small units; the new rows' values are given as they are.
    o.population.clear();
    o.min_population = 0;
    for (std::size_t i = 0; i < k; ++i) {
        const std::string col = "v" + std::to_string(i);
        Column& c = t.add_column(col, ColumnType::Float64);
        for (std::size_t r = 0; r < rows; ++r)
            if (!std::isnan(raw[i][r])) c.set(r, raw[i][r]);
        o.indicators[i].source = TransformSpec{};
        o.indicators[i].source.column = col;
        o.indicators[i].missing = Imputation::None;
    }
    IndexModel rows_model(t, o);
    Variant v;
    v.norm = s.norm;
    v.within = det.variant.within;
    v.shift = det.variant.shift;
    for (const auto& d : det.domain_scores) v.domain_shift.push_back(column_shift(d, o.index_aggregation));
    rows_model.score(v, o.domain_aggregation, o.index_aggregation, nullptr, nullptr, &s.domain, s.index, 1);
    return s;
}

}  // namespace leefbaar::index
