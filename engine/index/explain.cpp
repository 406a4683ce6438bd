#include "index/explain.hpp"

#include <algorithm>
#include <atomic>
#include <bit>
#include <cmath>
#include <cstdio>
#include <mutex>
#include <numeric>

#include "core/error.hpp"
#include "core/parallel.hpp"
#include "core/random.hpp"
#include "index/aggregate.hpp"
#include "index/fitted_model.hpp"
#include "index/stats.hpp"

namespace leefbaar::index {

const char* to_string(MoveStatus s) {
    switch (s) {
    case MoveStatus::Reaches: return "reaches the next class";
    case MoveStatus::NotReachable: return "not reachable";
    case MoveStatus::NoEffect: return "missing or without weight";
    case MoveStatus::RankNormalisation: return "not available for rank normalisation";
    case MoveStatus::NotApplicable: return "nothing to reach";
    }
    return "";
}

const char* to_string(NextClass s) {
    switch (s) {
    case NextClass::OneIndicator: return "one indicator reaches the next class";
    case NextClass::NotReachable: return "not reachable with one indicator";
    case NextClass::RankNormalisation: return "not available for rank normalisation";
    case NextClass::TopClass: return "top class: nothing to reach";
    case NextClass::NotScored: return "not scored";
    }
    return "";
}

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

// A weighted mean accumulated value by value, with aggregate()'s rules (NaN or zero
// weight skipped) and its arithmetic, so a unit's index here is its index in the result.
struct Mean {
    Aggregation method;
    double s = 0, sw = 0;
    void add(double v, double w) {
        if (std::isnan(v) || w == 0) return;
        sw += w;
        s += method == Aggregation::Arithmetic ? w * v : method == Aggregation::Geometric ? w * std::log(v) : w / v;
    }
    double value() const {
        if (sw <= 0) return kNaN;
        return method == Aggregation::Arithmetic ? s / sw : method == Aggregation::Geometric ? std::exp(s / sw) : sw / s;
    }
};

// The value x_j that puts the mean of x (weights w) exactly on `target`, the others
// fixed. Each of the three means is invertible in one argument in closed form, so no
// iteration is needed. NaN when no finite (for geometric/harmonic positive) x_j does.
double solve_one(Aggregation method, const std::vector<double>& x, const std::vector<double>& w, std::size_t j, double target) {
    if (std::isnan(x[j]) || w[j] == 0) return kNaN;
    Mean others{method};
    for (std::size_t q = 0; q < x.size(); ++q)
        if (q != j) others.add(x[q], w[q]);
    const double sw = others.sw + w[j];
    switch (method) {
    case Aggregation::Arithmetic: return (target * sw - others.s) / w[j];
    case Aggregation::Geometric: return target > 0 ? std::exp((sw * std::log(target) - others.s) / w[j]) : kNaN;
    case Aggregation::Harmonic: {
        const double den = target > 0 ? sw / target - others.s : 0.0;  // = w_j / x_j
        return den > 0 ? w[j] / den : kNaN;
    }
    }
    return kNaN;
}

// Everything that is the same for every unit.
struct Shared {
    Shared(const IndexModel& m, const IndexResult& r, const ExplainOptions& opt)
        : model(m), det(r), o(opt), fitted(fit_model(m, r)), dagg(m.options().domain_aggregation), iagg(m.options().index_aggregation) {}
    const IndexModel& model;
    const IndexResult& det;
    const ExplainOptions& o;
    FittedModel fitted;
    Aggregation dagg, iagg;
    bool linear = false;           // exact linear decomposition (arithmetic at both levels)
    std::vector<double> base;      // per indicator: mean normalised value over the scored units
    std::vector<double> raw_sd;    // per indicator
    std::vector<double> cap;       // per indicator: highest normalised value a new raw value can have
    std::vector<double> ind_shift, dom_shift, dw;
};

// One present indicator of a unit (normalised value not NaN, weight > 0).
struct Member {
    std::size_t i;
    double w, shift, unit, base;
};

struct UnitInputs {
    std::vector<std::vector<Member>> members;  // per domain
    std::vector<std::size_t> players;          // domains with a score and a weight
    std::vector<double> du, db;                // per domain: the unit's and the baseline's score
};

bool rank_based(Normalisation n) { return n == Normalisation::Rank || n == Normalisation::PercentileRank; }

// The highest normalised value a new raw value of indicator i can have under the
// fitted model: the treatment's bound on the better side, goalposts at 100, min-max
// and the rank-based ones at the best unit's value (the fitted range).
double normalised_cap(const Shared& s, std::size_t i) {
    const auto& f = s.fitted;
    double best = -kInf;
    for (std::size_t u = 0; u < s.model.units(); ++u)
        if (!std::isnan(s.det.index[u]) && !std::isnan(s.det.variant.norm[i][u])) best = std::max(best, s.det.variant.norm[i][u]);
    const Normalisation m = f.method[i];
    if (rank_based(m)) return best;
    const bool up = m == Normalisation::Goalposts ? f.direction[i] == Direction::HigherIsBetter : !(f.beta[i] < 0);
    const double end = up ? f.treatment[i].high : f.treatment[i].low;  // raw value at the better bound
    double cap = m == Normalisation::Goalposts ? 100.0 : kInf;
    if (std::isfinite(end)) cap = std::min(cap, normalise_new(f, i, end));
    if (m == Normalisation::MinMax) cap = std::min(cap, best);
    if (f.beta[i] == 0) cap = f.alpha[i];  // a constant indicator cannot move
    return cap;
}

// The raw value whose normalised value under the fitted model is n: the inverse of
// the normalisation, then of the treatment. NaN where there is none.
double raw_of(const FittedModel& f, std::size_t i, double n) {
    double t = kNaN;
    if (f.method[i] == Normalisation::Goalposts) {
        const double v = f.direction[i] == Direction::LowerIsBetter ? 100.0 - n : n;
        t = f.goal_low[i] + v / 100.0 * (f.goal_high[i] - f.goal_low[i]);
    } else if (f.beta[i] != 0 && !std::isnan(f.beta[i])) {
        t = (n - f.alpha[i]) / f.beta[i];
    }
    const auto& r = f.treatment[i];
    if (r.treatment != "log") return t;  // none, or clamped: identity within the bounds
    return r.positive ? std::exp(t) + r.low - r.eps : r.high + r.eps - std::exp(-t);
}

Shared prepare(const IndexModel& model, const IndexResult& det, const ExplainOptions& o) {
    Shared s(model, det, o);
    s.linear = s.dagg == Aggregation::Arithmetic && s.iagg == Aggregation::Arithmetic && !o.shapley_always;
    const std::size_t k = model.indicator_count();
    for (std::size_t i = 0; i < k; ++i) {
        std::vector<double> n, raw;
        for (std::size_t u = 0; u < model.units(); ++u) {
            if (std::isnan(det.index[u])) continue;
            n.push_back(det.variant.norm[i][u]);
            raw.push_back(model.raw(i)[u]);
        }
        s.base.push_back(mean(n));
        s.raw_sd.push_back(sample_sd(raw));
        s.cap.push_back(normalised_cap(s, i));
        s.ind_shift.push_back(s.dagg == Aggregation::Arithmetic ? 0.0 : det.variant.shift[i]);
    }
    for (std::size_t d = 0; d < model.domain_count(); ++d) {
        s.dom_shift.push_back(s.iagg == Aggregation::Arithmetic ? 0.0 : column_shift(det.domain_scores[d], s.iagg));
        s.dw.push_back(model.domain_weights()[d]);
    }
    return s;
}

// A domain score with the members flagged in `in` at the unit's values, the others at the baseline's.
double domain_score(const std::vector<Member>& m, const std::vector<char>& in, Aggregation method) {
    Mean a{method};
    for (std::size_t j = 0; j < m.size(); ++j) a.add((in[j] ? m[j].unit : m[j].base) + m[j].shift, m[j].w);
    return a.value();
}

// The index with the players flagged in `in` at the unit's domain scores, the others at the baseline's.
double index_value(const Shared& s, const UnitInputs& x, const std::vector<char>& in) {
    Mean a{s.iagg};
    for (std::size_t q = 0; q < x.players.size(); ++q) {
        const std::size_t d = x.players[q];
        a.add((in[q] ? x.du[d] : x.db[d]) + s.dom_shift[d], s.dw[d]);
    }
    return a.value();
}

UnitInputs gather(const Shared& s, std::size_t u) {
    UnitInputs x;
    const std::size_t nd = s.model.domain_count();
    x.members.resize(nd);
    x.du.assign(nd, kNaN);
    x.db.assign(nd, kNaN);
    for (std::size_t d = 0; d < nd; ++d) {
        auto& m = x.members[d];
        for (auto i : s.model.members(d)) {
            const double n = s.det.variant.norm[i][u], w = s.det.variant.within[i];
            if (!std::isnan(n) && w != 0) m.push_back({i, w, s.ind_shift[i], n, s.base[i]});
        }
        x.du[d] = domain_score(m, std::vector<char>(m.size(), 1), s.dagg);
        x.db[d] = domain_score(m, std::vector<char>(m.size(), 0), s.dagg);
        if (!std::isnan(x.du[d]) && s.dw[d] != 0) x.players.push_back(d);
    }
    return x;
}

// Shapley values of p players for the value function v(in), in[j] = 1 for the players
// in the coalition. Exact over all 2^p coalitions up to max_exact_players; above, the
// mean marginal contributions over random orders from the stream (seed, unit, purpose).
template <class Value>
std::vector<double> shapley(std::size_t p, const Value& v, const ExplainOptions& o, std::size_t unit, std::size_t purpose) {
    std::vector<double> phi(p, 0.0);
    std::vector<char> in(p, 0);
    if (p == 0) return phi;
    if (p <= o.max_exact_players) {
        const std::size_t n = std::size_t{1} << p;
        std::vector<double> val(n);
        for (std::size_t mask = 0; mask < n; ++mask) {
            for (std::size_t j = 0; j < p; ++j) in[j] = static_cast<char>((mask >> j) & 1u);
            val[mask] = v(in);
        }
        // Weight of a coalition of size c without j: c! (p - c - 1)! / p! = 1 / (p C(p - 1, c)).
        std::vector<double> wt(p);
        double binom = 1;
        for (std::size_t c = 0; c < p; ++c) {
            wt[c] = 1.0 / (static_cast<double>(p) * binom);
            binom = binom * static_cast<double>(p - 1 - c) / static_cast<double>(c + 1);
        }
        for (std::size_t mask = 0; mask < n; ++mask) {
            const auto c = static_cast<std::size_t>(std::popcount(mask));
            if (c == p) continue;  // the grand coalition: no player to add
            const double w = wt[c];
            for (std::size_t j = 0; j < p; ++j)
                if (!((mask >> j) & 1u)) phi[j] += w * (val[mask | (std::size_t{1} << j)] - val[mask]);
        }
        return phi;
    }
    auto rng = stream_for(o.seed, unit, purpose);
    std::vector<std::size_t> order(p);
    for (std::size_t r = 0; r < o.permutations; ++r) {
        std::iota(order.begin(), order.end(), std::size_t{0});
        for (std::size_t j = p - 1; j > 0; --j) std::swap(order[j], order[uniform_below(rng, j + 1)]);
        std::fill(in.begin(), in.end(), 0);
        double prev = v(in);
        for (auto j : order) {
            in[j] = 1;
            const double cur = v(in);
            phi[j] += cur - prev;  // the orders telescope: the sum stays exactly the total
            prev = cur;
        }
    }
    for (auto& x : phi) x /= static_cast<double>(o.permutations);
    return phi;
}

// Effective (renormalised) weights of the unit's members of domain d within the
// domain, and of domain d in the index.
double domain_share(const Shared& s, const UnitInputs& x, std::size_t d) {
    double sw = 0;
    for (auto q : x.players) sw += s.dw[q];
    return sw > 0 ? s.dw[d] / sw : 0.0;
}

std::vector<double> within_shares(const std::vector<Member>& m) {
    double sw = 0;
    for (const auto& e : m) sw += e.w;
    std::vector<double> b;
    for (const auto& e : m) b.push_back(e.w / sw);
    return b;
}

// Splits domain d's contribution phi among its indicators (the header's approximation).
void split_domain(const Shared& s, const UnitInputs& x, std::size_t u, std::size_t d, double phi, UnitExplanation& e) {
    const auto& m = x.members[d];
    const auto b = within_shares(m);
    const double a = domain_share(s, x, d);
    std::vector<double> psi(m.size()), lin(m.size());
    for (std::size_t j = 0; j < m.size(); ++j) {
        lin[j] = a * b[j] * (m[j].unit - m[j].base);
        psi[j] = b[j] * (m[j].unit - m[j].base);  // Shapley values of an arithmetic mean
    }
    if (s.dagg != Aggregation::Arithmetic || s.o.shapley_always)
        psi = shapley(m.size(), [&](const std::vector<char>& in) { return domain_score(m, in, s.dagg); }, s.o, u, 1 + d);
    double sum = 0, abs_sum = 0, lin_sum = 0, lin_abs = 0;
    for (std::size_t j = 0; j < m.size(); ++j) sum += psi[j], abs_sum += std::abs(psi[j]), lin_sum += lin[j], lin_abs += std::abs(lin[j]);
    for (std::size_t j = 0; j < m.size(); ++j) {
        double c;
        if (abs_sum > 0 && std::abs(sum) > 1e-9 * abs_sum) c = phi * psi[j] / sum;
        else if (lin_abs > 0) c = lin[j] + (phi - lin_sum) * std::abs(lin[j]) / lin_abs;  // the differences cancel
        else c = phi / static_cast<double>(m.size());                                    // nothing differs: phi is 0
        e.indicator[m[j].i] = c;
    }
}

void contributions(const Shared& s, const UnitInputs& x, std::size_t u, UnitExplanation& e) {
    e.domain.assign(s.model.domain_count(), 0.0);
    e.indicator.assign(s.model.indicator_count(), 0.0);
    if (s.linear) {
        for (auto d : x.players) {
            const double a = domain_share(s, x, d);
            const auto b = within_shares(x.members[d]);
            for (std::size_t j = 0; j < b.size(); ++j) {
                const auto& m = x.members[d][j];
                e.indicator[m.i] = a * b[j] * (m.unit - m.base);
                e.domain[d] += e.indicator[m.i];
            }
        }
    } else {
        const auto phi = shapley(x.players.size(), [&](const std::vector<char>& in) { return index_value(s, x, in); }, s.o, u, 0);
        for (std::size_t q = 0; q < x.players.size(); ++q) {
            e.domain[x.players[q]] = phi[q];
            split_domain(s, x, u, x.players[q], phi[q], e);
        }
    }
    for (std::size_t i = 0; i < e.indicator.size(); ++i) {
        const double c = e.indicator[i];
        if (c > 0 && (e.strongest == kNoIndicator || c > e.indicator[e.strongest])) e.strongest = i;
        if (c < 0 && (e.weakest == kNoIndicator || c < e.indicator[e.weakest])) e.weakest = i;
    }
}

// The domain score that puts the index on the target, the other domains fixed (NaN: none).
double domain_target(const Shared& s, const UnitInputs& x, std::size_t d, double target) {
    std::vector<double> v(x.players.size()), w(x.players.size());
    std::size_t at = 0;
    for (std::size_t q = 0; q < x.players.size(); ++q) {
        v[q] = x.du[x.players[q]] + s.dom_shift[x.players[q]];
        w[q] = s.dw[x.players[q]];
        if (x.players[q] == d) at = q;
    }
    return solve_one(s.iagg, v, w, at, target) - s.dom_shift[d];
}

// The moves of one domain and of its indicators towards the target.
void domain_moves(const Shared& s, const UnitInputs& x, std::size_t u, std::size_t d, UnitExplanation& e) {
    const auto& m = x.members[d];
    const double want = domain_target(s, x, d, e.target);
    Mean top{s.dagg};
    for (const auto& q : m) top.add(s.cap[q.i] + q.shift, q.w);
    auto& dm = e.domain_moves[d];
    dm.status = std::isnan(want) || want > top.value() ? MoveStatus::NotReachable : MoveStatus::Reaches;
    if (dm.status == MoveStatus::Reaches) dm.score_new = want, dm.change = want - x.du[d];
    std::vector<double> v, w;
    for (const auto& q : m) v.push_back(q.unit + q.shift), w.push_back(q.w);
    for (std::size_t j = 0; j < m.size(); ++j) {
        const std::size_t i = m[j].i;
        auto& mv = e.moves[i];
        if (rank_based(s.fitted.method[i])) {
            mv.status = MoveStatus::RankNormalisation;
            continue;
        }
        const double raw = s.model.raw(i)[u];
        if (std::isnan(raw) || s.det.variant.imputed[i][u]) continue;  // NoEffect: no raw value to change
        const double n = std::isnan(want) ? kNaN : solve_one(s.dagg, v, w, j, want) - m[j].shift;
        mv.status = std::isnan(n) || n > s.cap[i] ? MoveStatus::NotReachable : MoveStatus::Reaches;
        if (mv.status != MoveStatus::Reaches) continue;
        mv.norm_new = n;
        mv.raw_new = raw_of(s.fitted, i, n);
        mv.raw_change = mv.raw_new - raw;
        mv.relative = s.raw_sd[i] > 0 ? std::abs(mv.raw_change) / s.raw_sd[i] : kInf;
    }
}

std::string number(double v) {
    char b[32];
    std::snprintf(b, sizeof b, "%.6g", v);
    return b;
}

void next_class(const Shared& s, const UnitInputs& x, std::size_t u, UnitExplanation& e) {
    const auto& upper = s.det.classes.upper;
    e.cls = s.det.classes.cls[u];
    e.moves.assign(s.model.indicator_count(), {});
    e.domain_moves.assign(s.model.domain_count(), {});
    if (e.cls < 1 || static_cast<std::size_t>(e.cls) > upper.size()) {
        e.next = NextClass::TopClass;
        e.status = to_string(e.next);
        return;
    }
    e.target = upper[static_cast<std::size_t>(e.cls) - 1];
    for (auto& mv : e.moves) mv.status = MoveStatus::NoEffect;
    for (auto& dm : e.domain_moves) dm.status = MoveStatus::NoEffect;
    for (auto d : x.players) domain_moves(s, x, u, d, e);
    bool rank = false;
    for (std::size_t i = 0; i < e.moves.size(); ++i) {
        const auto& mv = e.moves[i];
        rank = rank || mv.status == MoveStatus::RankNormalisation;
        if (mv.status == MoveStatus::Reaches && (e.best_indicator == kNoIndicator || mv.relative < e.moves[e.best_indicator].relative))
            e.best_indicator = i;
    }
    for (std::size_t d = 0; d < e.domain_moves.size(); ++d) {
        const auto& dm = e.domain_moves[d];
        if (dm.status == MoveStatus::Reaches && (e.best_domain == kNoIndicator || dm.change < e.domain_moves[e.best_domain].change))
            e.best_domain = d;
    }
    if (e.best_domain != kNoIndicator) e.domain_change = e.domain_moves[e.best_domain].change;
    if (e.best_indicator == kNoIndicator) {
        e.next = rank ? NextClass::RankNormalisation : NextClass::NotReachable;
        e.status = to_string(e.next);
        return;
    }
    const auto& best = e.moves[e.best_indicator];
    e.raw_change = best.raw_change;
    e.raw_new = best.raw_new;
    e.next = NextClass::OneIndicator;
    e.status = s.model.options().indicators[e.best_indicator].name + " from " + number(s.model.raw(e.best_indicator)[u]) + " to " +
               number(best.raw_new) + " reaches class " + std::to_string(e.cls + 1);
}

UnitExplanation explain_unit(const Shared& s, std::size_t u) {
    UnitExplanation e;
    if (std::isnan(s.det.index[u])) {
        e.status = to_string(NextClass::NotScored);
        return e;
    }
    const UnitInputs x = gather(s, u);
    e.index = index_value(s, x, std::vector<char>(x.players.size(), 1));
    e.baseline = index_value(s, x, std::vector<char>(x.players.size(), 0));
    e.distance = e.index - e.baseline;
    contributions(s, x, u, e);
    next_class(s, x, u, e);
    return e;
}

}  // namespace

Explanation explain_index(const IndexModel& model, const IndexResult& det, const ExplainOptions& o, const Progress& progress) {
    if (det.index.size() != model.units() || det.variant.norm.size() != model.indicator_count())
        throw UsageError("the index result does not belong to this index model");
    if (o.max_exact_players > 20)
        throw UsageError("exact Shapley values for more than 20 players need more than 2^20 coalitions per unit", {},
                         "use at most 20 (16 is the default); above it values are estimated from random orders");
    if (o.permutations == 0) throw UsageError("the Shapley estimate needs at least one random order");
    progress.report(0.0, "explaining the index");
    const Shared s = prepare(model, det, o);
    Explanation r;
    r.method = s.linear ? ContributionMethod::Linear : ContributionMethod::Shapley;
    r.baseline_norm = s.base;
    r.raw_sd = s.raw_sd;
    r.units.resize(model.units());
    std::atomic<std::size_t> done{0};
    std::mutex progress_mutex;
    const std::size_t n = model.units();
    parallel_for(n, resolve_threads(o.threads), [&](std::size_t b, std::size_t e) {
        for (std::size_t u = b; u < e; ++u) r.units[u] = explain_unit(s, u);
        const std::size_t d = done += e - b;  // progress only: the results do not depend on the order
        std::lock_guard<std::mutex> lock(progress_mutex);
        progress.report(0.05 + 0.95 * static_cast<double>(d) / static_cast<double>(n), "explaining the index");
    }, 64);
    progress.report(1.0);
    return r;
}

}  // namespace leefbaar::index
