#include "areas/area_job.hpp"

#include <algorithm>
#include <cmath>

#include "core/error.hpp"
#include "index/classify.hpp"
#include "index/ranking.hpp"
#include "index/stats.hpp"

namespace leefbaar::areas {
namespace {

// Share of each area's weight (inhabitants, households) living in units of each class;
// units without a score or a weight are left out of both parts.
std::vector<std::vector<double>> class_shares(const AreaLevel& l, const std::vector<int>& cls, const std::vector<double>& w, int classes) {
    std::vector<std::vector<double>> out(l.areas(), std::vector<double>(static_cast<std::size_t>(classes), NAN));
    if (w.empty()) return out;
    for (std::size_t a = 0; a < l.areas(); ++a) {
        std::vector<double> s(static_cast<std::size_t>(classes), 0.0);
        double total = 0;
        for (const auto& m : l.members[a]) {
            const int c = cls[m.unit];
            if (c < 1 || !(w[m.unit] >= 0)) continue;
            s[static_cast<std::size_t>(c - 1)] += m.share * w[m.unit];
            total += m.share * w[m.unit];
        }
        if (total > 0)
            for (int c = 0; c < classes; ++c) out[a][static_cast<std::size_t>(c)] = s[static_cast<std::size_t>(c)] / total;
    }
    return out;
}

double low_share(const std::vector<double>& shares, int low_class) {
    if (low_class < 1 || shares.empty() || std::isnan(shares[0])) return NAN;
    double s = 0;
    for (int c = 0; c < low_class && c < static_cast<int>(shares.size()); ++c) s += shares[static_cast<std::size_t>(c)];
    return s;
}

// The indicators on which the area deviates most from what it is compared with, in
// SD units of the units' normalised values (higher normalised = more liveable, so a
// positive deviation is a strength): COINr's get_str_weak in spirit.
void strengths_weaknesses(const std::vector<double>& area, const std::vector<double>& comparison, const std::vector<double>& sd, std::size_t top,
                          std::vector<IndicatorDeviation>& strong, std::vector<IndicatorDeviation>& weak) {
    std::vector<IndicatorDeviation> d;
    for (std::size_t i = 0; i < area.size(); ++i)
        if (!std::isnan(area[i]) && !std::isnan(comparison[i]) && sd[i] > 0) d.push_back({i, (area[i] - comparison[i]) / sd[i]});
    std::stable_sort(d.begin(), d.end(), [](const auto& a, const auto& b) { return a.deviation > b.deviation; });
    for (std::size_t j = 0; j < d.size() && strong.size() < top && d[j].deviation > 0; ++j) strong.push_back(d[j]);
    for (std::size_t j = d.size(); j-- > 0 && weak.size() < top && d[j].deviation < 0;) weak.push_back(d[j]);
}

std::vector<double> column_or_empty(const FeatureTable& units, const std::string& column, const std::string& what) {
    return column.empty() ? std::vector<double>{} : numeric_column(units, column, what);
}

}  // namespace

AreaRuns::AreaRuns(const std::vector<const AreaLevel*>& levels, std::vector<double> population, std::vector<double> households,
                   index::ClassOptions classes, int low_class, std::size_t runs)
    : levels_(levels), population_(std::move(population)), households_(std::move(households)), classes_(std::move(classes)), low_class_(low_class), runs_(runs) {
    for (const auto* l : levels_) {
        index_.emplace_back(runs * l->areas(), NAN);
        low_.emplace_back(low_class > 0 && !population_.empty() ? runs * l->areas() : 0, NAN);
        low_households_.emplace_back(low_class > 0 && !households_.empty() ? runs * l->areas() : 0, NAN);
    }
}

void AreaRuns::add(std::size_t run, const std::vector<double>& unit_index) {
    if (run >= runs_) return;
    const auto run_classes = low_class_ > 0 && (!population_.empty() || !households_.empty()) ? index::classify(unit_index, classes_) : index::Classification{};
    const auto& cls = run_classes.cls;
    const int nclasses = static_cast<int>(run_classes.upper.size()) + 1;
    for (std::size_t l = 0; l < levels_.size(); ++l) {
        const AreaLevel& lv = *levels_[l];
        const auto mean = area_mean(lv, unit_index, population_);
        for (std::size_t a = 0; a < lv.areas(); ++a) index_[l][run * lv.areas() + a] = static_cast<float>(mean[a]);
        if (!low_[l].empty()) {
            const auto shares = class_shares(lv, cls, population_, nclasses);
            for (std::size_t a = 0; a < lv.areas(); ++a) low_[l][run * lv.areas() + a] = static_cast<float>(low_share(shares[a], low_class_));
        }
        if (!low_households_[l].empty()) {
            const auto shares = class_shares(lv, cls, households_, nclasses);
            for (std::size_t a = 0; a < lv.areas(); ++a) low_households_[l][run * lv.areas() + a] = static_cast<float>(low_share(shares[a], low_class_));
        }
    }
}

namespace {
void interval(std::vector<double>& v, double& p05, double& p95) {
    if (v.empty()) return;
    std::sort(v.begin(), v.end());
    p05 = index::quantile_sorted(v, 0.05);
    p95 = index::quantile_sorted(v, 0.95);
}
}  // namespace

void AreaRuns::summarise(std::vector<LevelResult>& levels) const {
    for (std::size_t l = 0; l < levels_.size() && l < levels.size(); ++l) {
        const std::size_t n = levels_[l]->areas();
        auto& r = levels[l];
        r.rank_p05.assign(n, NAN), r.rank_median.assign(n, NAN), r.rank_p95.assign(n, NAN), r.low_p05.assign(n, NAN), r.low_p95.assign(n, NAN);
        r.low_households_p05.assign(n, NAN), r.low_households_p95.assign(n, NAN);
        std::vector<std::vector<double>> ranks(n), lows(n), lows_hh(n);
        std::vector<double> x(n);
        std::vector<std::int32_t> rk;
        for (std::size_t run = 0; run < runs_; ++run) {
            for (std::size_t a = 0; a < n; ++a) x[a] = index_[l][run * n + a];
            index::competition_ranks(x, rk);
            for (std::size_t a = 0; a < n; ++a) {
                if (rk[a] > 0) ranks[a].push_back(rk[a]);
                if (!low_[l].empty() && !std::isnan(low_[l][run * n + a])) lows[a].push_back(low_[l][run * n + a]);
                if (!low_households_[l].empty() && !std::isnan(low_households_[l][run * n + a])) lows_hh[a].push_back(low_households_[l][run * n + a]);
            }
        }
        for (std::size_t a = 0; a < n; ++a) {
            if (!ranks[a].empty()) {
                std::sort(ranks[a].begin(), ranks[a].end());
                r.rank_p05[a] = index::quantile_sorted(ranks[a], 0.05);
                r.rank_median[a] = index::quantile_sorted(ranks[a], 0.5);
                r.rank_p95[a] = index::quantile_sorted(ranks[a], 0.95);
            }
            interval(lows[a], r.low_p05[a], r.low_p95[a]);
            interval(lows_hh[a], r.low_households_p05[a], r.low_households_p95[a]);
        }
    }
}

namespace {

LevelResult score_level(const FeatureTable& units, const index::IndexModel& model, const index::IndexResult& det, const AreaLevel& l,
                        const index::FittedModel& fitted, const std::vector<double>& pop, const std::vector<double>& hh, const AreaJobOptions& o) {
    LevelResult r;
    r.level = &l;
    std::vector<double> ones(units.rows(), 1.0);
    r.units = area_sum(l, ones);
    if (!pop.empty()) r.population = area_sum(l, pop);
    if (!hh.empty()) r.households = area_sum(l, hh);
    std::vector<std::vector<double>> raw;
    for (const auto& ind : o.indicators) {
        r.indicator.push_back(aggregate_indicator(units, l, ind));
        raw.push_back(r.indicator.back().value);
    }
    r.index_mean = area_mean(l, det.index, pop);
    for (const auto& d : det.domain_scores) r.domain_mean.push_back(area_mean(l, d, pop));
    if (fitted.supported()) r.model = index::score_new(model, det, fitted, raw);
    index::competition_ranks(r.index_mean, r.rank);
    const auto& upper = det.classes.upper;
    const int classes = static_cast<int>(upper.size()) + 1;
    for (double v : r.index_mean) r.cls.push_back(index::class_of(v, upper));
    r.resident_share = class_shares(l, det.classes.cls, pop, classes);
    r.household_share = class_shares(l, det.classes.cls, hh, classes);
    for (std::size_t a = 0; a < l.areas(); ++a) {
        r.low_residents.push_back(low_share(r.resident_share[a], o.low_class));
        r.low_households.push_back(low_share(r.household_share[a], o.low_class));
    }
    return r;
}

// What each area is compared with: its parent area, else the first reference row,
// else the mean of all units (as one area of everything).
void compare(std::vector<LevelResult>& levels, const std::vector<AreaLevel>& defs, const AreaJobResult& res, const std::vector<double>& all_norm,
             const AreaJobOptions& o) {
    const std::size_t k = res.fitted.unit_sd.size();
    for (std::size_t li = 0; li < levels.size(); ++li) {
        auto& r = levels[li];
        const AreaLevel& l = defs[li];
        const LevelResult* parent = nullptr;
        for (std::size_t p = 0; p < defs.size(); ++p)
            if (!l.parent.empty() && defs[p].name == l.parent) parent = &levels[p];
        r.parent_index.assign(l.areas(), NAN);
        r.strengths.resize(l.areas());
        r.weaknesses.resize(l.areas());
        for (std::size_t a = 0; a < l.areas(); ++a) {
            std::vector<double> area(k, NAN), cmp(k, NAN);
            for (std::size_t i = 0; i < k && !r.model.norm.empty(); ++i) area[i] = r.model.norm[i][a];
            const auto pa = l.parent_area[a];
            if (parent && pa >= 0) {
                const auto p = static_cast<std::size_t>(pa);
                r.parent_index[a] = parent->index_mean[p];
                for (std::size_t i = 0; i < k && !parent->model.norm.empty(); ++i) cmp[i] = parent->model.norm[i][p];
                r.compared_with.push_back("parent " + defs[static_cast<std::size_t>(&*parent - &levels[0])].names[p]);
            } else if (!res.references.empty()) {
                for (std::size_t i = 0; i < k; ++i) cmp[i] = res.reference_scores.norm[i][0];
                r.compared_with.push_back("reference " + res.references[0].name);
            } else {
                cmp = all_norm;
                r.compared_with.push_back("all units");
            }
            strengths_weaknesses(area, cmp, res.fitted.unit_sd, o.strengths, r.strengths[a], r.weaknesses[a]);
        }
    }
}

}  // namespace

AreaJobResult run_area_job(const FeatureTable& units, const index::IndexModel& model, const index::IndexResult& det, const std::vector<AreaLevel>& levels,
                           const std::vector<ReferenceRow>& references, const AreaJobOptions& o, const AreaRuns* runs, const Progress& progress) {
    if (o.indicators.size() != model.indicator_count())
        throw UsageError("the area aggregation needs one rule per indicator of the index");
    AreaJobResult res;
    res.options = o;
    res.fitted = index::fit_model(model, det);
    if (!res.fitted.supported())
        res.warnings.push_back("the areas' model score (index_model) is not computed: new rows cannot be normalised like the units for " +
                               join_names(res.fitted.unsupported) + "; index_mean (the population-weighted mean of the unit scores) is");
    res.references = references;
    if (!references.empty() && res.fitted.supported()) {
        std::vector<std::vector<double>> raw(model.indicator_count());
        for (const auto& ref : references)
            for (std::size_t i = 0; i < raw.size(); ++i) raw[i].push_back(ref.raw[i]);
        res.reference_scores = index::score_new(model, det, res.fitted, raw);
    }
    const auto pop = column_or_empty(units, o.population, "[areas] population");
    const auto hh = column_or_empty(units, o.households, "[areas] households");
    for (std::size_t l = 0; l < levels.size(); ++l) {
        progress.report(static_cast<double>(l) / static_cast<double>(levels.size() + 1), "area level " + levels[l].name);
        res.levels.push_back(score_level(units, model, det, levels[l], res.fitted, pop, hh, o));
    }
    // The comparison of last resort: the units' population-weighted mean normalised values.
    std::vector<double> all_norm;
    for (std::size_t i = 0; i < model.indicator_count(); ++i) {
        double s = 0, sw = 0;
        for (std::size_t u = 0; u < units.rows(); ++u) {
            const double w = pop.empty() ? 1.0 : pop[u], v = det.variant.norm[i][u];
            if (std::isnan(v) || !(w >= 0) || !model.eligible(u)) continue;
            s += w * v;
            sw += w;
        }
        all_norm.push_back(sw > 0 ? s / sw : NAN);
    }
    compare(res.levels, levels, res, all_norm, o);
    if (runs) runs->summarise(res.levels);
    progress.report(1.0);
    return res;
}

}  // namespace leefbaar::areas
