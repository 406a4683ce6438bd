#include "index/uncertainty.hpp"

#include <algorithm>
#include <cmath>
#include <atomic>
#include <map>
#include <mutex>

#include "core/error.hpp"
#include "core/field_names.hpp"
#include "core/parallel.hpp"
#include "core/random.hpp"
#include "index/ranking.hpp"
#include "index/stats.hpp"

namespace leefbaar::index {
namespace {

enum class Factor { Weights, Normalisation, Aggregation, Imputation, Measurement };

// Everything an evaluation depends on: two equal draws give the same index.
struct Draw {
    std::vector<double> indicator_mult, domain_mult;
    std::size_t norm = 0, agg = 0, imp = 0;
    std::uint64_t run = 0, errors = 0;  // stream of the measurement errors
    bool operator==(const Draw&) const = default;
};

// The uniform numbers of one row of A or B: a fixed layout so that swapping a factor
// between A and B swaps exactly its numbers.
struct Row {
    std::vector<double> weights;  // indicators then domains
    double norm = 0, agg = 0, imp = 0;
    std::uint64_t run = 0, errors = 0;  // the measurement errors: stream_for(seed, run, errors)
};

Row draw_row(std::uint64_t seed, std::uint64_t run, std::uint64_t matrix, std::size_t nweights) {
    auto rng = stream_for(seed, run, matrix);
    Row r;
    r.run = run;
    r.errors = 2 + matrix;
    r.weights.resize(nweights);
    for (auto& w : r.weights) w = uniform01(rng);
    r.norm = uniform01(rng);
    r.agg = uniform01(rng);
    r.imp = uniform01(rng);
    return r;
}

std::size_t pick(double u, std::size_t n) { return std::min(n - 1, static_cast<std::size_t>(u * static_cast<double>(n))); }

// Median and 5 % / 95 % quantiles of each unit's rank over the runs. The ranks are
// stored run by run (unit u of run j at [j * n + u]); a block of units is first
// gathered row by row, so that each run's row is read in order instead of one cache
// line (and one page) per run and unit: at 100,000 units x 1,000 runs that was 10^8
// cache misses. The quantiles come from the order statistics by selection
// (quantiles_unsorted), not from sorting every unit's ranks.
void rank_quantiles(const std::vector<std::int32_t>& ranks, std::size_t N, std::size_t n, unsigned threads, UncertaintyResult& res) {
    res.rank_median.assign(n, NAN);
    res.rank_p05.assign(n, NAN);
    res.rank_p95.assign(n, NAN);
    constexpr std::size_t kBlock = 64;  // units gathered at once: 64 x N ranks
    parallel_for((n + kBlock - 1) / kBlock, threads, [&](std::size_t bb, std::size_t be) {
        std::vector<std::int32_t> block(kBlock * N);
        std::vector<double> r;
        for (std::size_t blk = bb; blk < be; ++blk) {
            const std::size_t u0 = blk * kBlock, m = std::min(kBlock, n - u0);
            for (std::size_t j = 0; j < N; ++j) {
                const std::int32_t* row = ranks.data() + j * n + u0;
                for (std::size_t k = 0; k < m; ++k) block[k * N + j] = row[k];
            }
            for (std::size_t k = 0; k < m; ++k) {
                r.clear();
                for (std::size_t j = 0; j < N; ++j)
                    if (block[k * N + j] > 0) r.push_back(block[k * N + j]);
                if (r.empty()) continue;
                const auto q = quantiles_unsorted(r, {0.05, 0.5, 0.95});
                const std::size_t u = u0 + k;
                res.rank_p05[u] = q[0];
                res.rank_median[u] = q[1];
                res.rank_p95[u] = q[2];
            }
        }
    }, 16);
}

bool has_errors(const UncertaintyOptions& o) {
    for (double r : o.error_relative)
        if (r > 0) return true;
    for (const auto& a : o.error_absolute)
        for (double v : a)
            if (v > 0) return true;
    return false;
}

// One indicator's raw values in one run with measurement error: x (1 + r u) + a v,
// drawn from the run's stream in indicator order.
void perturb_raw(const UncertaintyOptions& o, std::size_t i, std::vector<double>& raw, RandomEngine& rng) {
    const double r = i < o.error_relative.size() ? o.error_relative[i] : 0.0;
    const std::vector<double>* a = i < o.error_absolute.size() && !o.error_absolute[i].empty() ? &o.error_absolute[i] : nullptr;
    for (std::size_t u = 0; u < raw.size(); ++u) {
        const double u1 = 2.0 * uniform01(rng) - 1.0, u2 = 2.0 * uniform01(rng) - 1.0;  // always drawn: a fixed layout
        double& x = raw[u];
        if (std::isnan(x)) continue;
        const double y = x * (1.0 + r * u1) + (a ? (*a)[u] * u2 : 0.0);
        x = x >= 0 && y < 0 ? 0.0 : y;
    }
}

}  // namespace

UncertaintyResult run_uncertainty(const IndexModel& model, const IndexResult& det, const UncertaintyOptions& o, const Progress& progress) {
    UncertaintyResult res;
    const std::size_t n = model.units(), N = o.runs;
    const auto& opt = model.options();
    if (N == 0) return res;
    if (!(o.weight_range >= 0 && o.weight_range < 1))
        throw UsageError("the weight range must be in [0, 1)", {}, "e.g. weights = 0.25 for +-25 %");
    const std::vector<Normalisation> norms = o.normalisations.empty() ? std::vector<Normalisation>{opt.normalisation} : o.normalisations;
    const std::vector<Imputation> imps = o.imputations.empty() ? std::vector<Imputation>{opt.missing} : o.imputations;
    std::vector<Aggregation> aggs = o.aggregations;
    const bool agg_uncertain = aggs.size() > 1;

    std::vector<Factor> factors;
    if (o.weight_range > 0) factors.push_back(Factor::Weights);
    if (norms.size() > 1) factors.push_back(Factor::Normalisation);
    if (agg_uncertain) factors.push_back(Factor::Aggregation);
    if (imps.size() > 1) factors.push_back(Factor::Imputation);
    const bool errors = has_errors(o);
    if (errors) factors.push_back(Factor::Measurement);
    for (auto f : factors)
        res.factors.push_back(f == Factor::Weights ? "weights" : f == Factor::Normalisation ? "normalisation" : f == Factor::Aggregation ? "aggregation"
                              : f == Factor::Imputation ? "imputation" : "measurement");
    const bool sens = o.sensitivity && !factors.empty();
    const bool need_ranks = sens || o.rank_intervals || o.rank_shift;
    const std::size_t k = factors.size();
    const std::size_t ni = model.indicator_count(), nd = model.domain_count();

    // Every (imputation, normalisation) combination is prepared once: the runs then
    // only re-weight, aggregate and rank.
    Stopwatch clock;
    progress.report(0.0, "preparing variants");
    std::map<std::pair<std::size_t, std::size_t>, Variant> variants;
    for (std::size_t a = 0; a < imps.size(); ++a)
        for (std::size_t b = 0; b < norms.size(); ++b) {
            Variant v = model.make_variant(imps[a], norms[b]);
            for (auto g : aggs) model.cache_for(v, g);
            if (!agg_uncertain) model.cache_for(v, opt.domain_aggregation);
            variants.emplace(std::make_pair(a, b), std::move(v));
        }

    auto to_draw = [&](const Row& r) {
        Draw d;
        d.indicator_mult.resize(ni);
        d.domain_mult.resize(nd);
        const double rg = o.weight_range;
        for (std::size_t i = 0; i < ni; ++i) d.indicator_mult[i] = 1.0 + rg * (2.0 * r.weights[i] - 1.0);
        for (std::size_t i = 0; i < nd; ++i) d.domain_mult[i] = 1.0 + rg * (2.0 * r.weights[ni + i] - 1.0);
        d.norm = pick(r.norm, norms.size());
        d.agg = agg_uncertain ? pick(r.agg, aggs.size()) : 0;
        d.imp = pick(r.imp, imps.size());
        d.run = r.run;
        d.errors = errors ? r.errors : 0;  // without measurement errors the stream is not drawn from
        return d;
    };
    auto mix = [&](const Row& a, const Row& b, Factor f) {
        Row r = a;
        switch (f) {
        case Factor::Weights: r.weights = b.weights; break;
        case Factor::Normalisation: r.norm = b.norm; break;
        case Factor::Aggregation: r.agg = b.agg; break;
        case Factor::Imputation: r.imp = b.imp; break;
        case Factor::Measurement: r.errors = b.errors; break;
        }
        return r;
    };

    // One evaluation: ranks of every unit and Y (mean absolute rank shift).
    auto evaluate = [&](const Draw& d, std::vector<double>& index, std::vector<std::int32_t>& rank) {
        const Aggregation da = agg_uncertain ? aggs[d.agg] : opt.domain_aggregation;
        const Aggregation ia = agg_uncertain ? aggs[d.agg] : opt.index_aggregation;
        if (errors) {
            // Every run has its own inputs: its variant is made for it.
            auto rng = stream_for(o.seed, d.run, d.errors);
            Variant v = model.make_variant(imps[d.imp], norms[d.norm], [&](std::size_t i, std::vector<double>& x) { perturb_raw(o, i, x, rng); });
            model.cache_for(v, da);
            if (ia != da) model.cache_for(v, ia);
            model.score(v, da, ia, d.indicator_mult.data(), d.domain_mult.data(), nullptr, index, 1);
        } else {
            model.score(variants.at({d.imp, d.norm}), da, ia, d.indicator_mult.data(), d.domain_mult.data(), nullptr, index, 1);
        }
        if (!need_ranks) return std::nan("");
        competition_ranks(index, rank);
        double s = 0;
        std::size_t c = 0;
        for (std::size_t u = 0; u < n; ++u)
            if (rank[u] > 0 && det.rank[u] > 0) {
                s += std::abs(static_cast<double>(rank[u] - det.rank[u]));
                ++c;
            }
        return c ? s / static_cast<double>(c) : 0.0;
    };

    res.timings.push_back({"variants: " + std::to_string(variants.size()) + " (imputation x normalisation)", clock.lap(), {}});
    const std::size_t nweights = ni + nd;
    const std::size_t per_run = sens ? k + 2 : 1;  // A, (B, A_B^1..k)
    res.evaluations = N * per_run;
    // Exact per-unit rank quantiles need every run's ranks: N x n x 4 bytes. Refuse
    // before allocating rather than let the machine swap.
    constexpr double kMaxRankBytes = 8.0e9;
    if (o.rank_intervals && static_cast<double>(N) * static_cast<double>(n) * 4.0 > kMaxRankBytes)
        throw UsageError(std::to_string(N) + " Monte Carlo runs x " + std::to_string(n) + " units need " +
                             std::to_string(static_cast<long long>(static_cast<double>(N) * static_cast<double>(n) * 4.0 / 1e9)) +
                             " GB for the rank intervals",
                         {}, "use fewer runs (e.g. runs = 1000 is ample for 5-95 % intervals)");
    std::vector<std::int32_t> ranks(o.rank_intervals ? N * n : 0);  // rank of unit u in run j of A at [j * n + u]
    std::vector<double> fa(N), fb(sens ? N : 0), fab(sens ? N * k : 0);
    std::atomic<std::size_t> done{0}, computed{0};
    std::mutex progress_mutex;
    const unsigned threads = resolve_threads(o.threads);
    parallel_for(N, threads, [&](std::size_t b, std::size_t e) {
        std::vector<double> index;
        std::vector<std::int32_t> rank;
        for (std::size_t j = b; j < e; ++j) {
            const Row ra = draw_row(o.seed, j, 0, nweights);
            const Draw da = to_draw(ra);
            fa[j] = evaluate(da, index, rank);
            if (o.on_run) o.on_run(j, index);
            if (o.rank_intervals) std::copy(rank.begin(), rank.end(), ranks.begin() + static_cast<std::ptrdiff_t>(j * n));
            std::size_t evaluated = 1;
            if (sens) {
                const Row rb = draw_row(o.seed, j, 1, nweights);
                const Draw db = to_draw(rb);
                fb[j] = evaluate(db, index, rank);
                ++evaluated;
                // A_B^i draws the same as A or B whenever the factor (or every other one) picked
                // the same alternative in both, e.g. half the time for two aggregations: the
                // same index, so its value is taken instead of evaluated again.
                for (std::size_t i = 0; i < k; ++i) {
                    const Draw dm = to_draw(mix(ra, rb, factors[i]));
                    if (dm == da) fab[j * k + i] = fa[j];
                    else if (dm == db) fab[j * k + i] = fb[j];
                    else {
                        fab[j * k + i] = evaluate(dm, index, rank);
                        ++evaluated;
                    }
                }
            }
            computed += evaluated;
            const std::size_t d = ++done;
            if (progress.active()) {
                std::lock_guard<std::mutex> lock(progress_mutex);
                progress.report(0.05 + 0.85 * static_cast<double>(d) / static_cast<double>(N), "Monte Carlo runs");
            }
        }
    }, 1);

    res.timings.push_back({"runs: " + std::to_string(res.evaluations) + " evaluations, " + std::to_string(computed.load()) + " computed", clock.lap(), {}});
    progress.report(0.9, "rank intervals");
    if (o.rank_intervals) {
        rank_quantiles(ranks, N, n, threads, res);
        res.timings.push_back({"rank intervals", clock.lap(), {}});
    }
    if (need_ranks) res.mean_shift_a = fa;

    res.runs = N;
    res.seed = o.seed;
    res.weight_range = o.weight_range;
    for (auto x : norms) res.alternative_normalisations.push_back(to_string(x));
    for (auto x : (agg_uncertain ? aggs : std::vector<Aggregation>{})) res.alternative_aggregations.push_back(to_string(x));
    for (auto x : imps) res.alternative_imputations.push_back(to_string(x));
    if (sens) {
        std::vector<double> all = fa;
        all.insert(all.end(), fb.begin(), fb.end());
        const double mu = mean(all);
        double var = 0;
        for (double y : all) var += (y - mu) * (y - mu);
        var /= static_cast<double>(all.size());
        res.output_variance = var;
        for (std::size_t i = 0; i < k; ++i) {
            double s1 = 0, st = 0;
            for (std::size_t r = 0; r < N; ++r) {
                const double fi = fab[r * k + i];
                s1 += fb[r] * (fi - fa[r]);
                st += (fa[r] - fi) * (fa[r] - fi);
            }
            s1 /= static_cast<double>(N);
            st /= 2.0 * static_cast<double>(N);
            res.first_order.push_back(var > 0 ? s1 / var : 0.0);
            res.total.push_back(var > 0 ? st / var : 0.0);
        }
    }
    progress.report(1.0);
    return res;
}

void add_uncertainty_fields(FeatureTable& table, const UncertaintyResult& r) {
    if (r.rank_median.empty()) return;
    const std::size_t n = table.rows();
    struct F {
        const std::string* name;
        const std::vector<double>* v;
        const char* title;
        const char* desc;
    };
    const F fs[] = {{&fields::rank_median, &r.rank_median, "Median rank (Monte Carlo)", "Median rank over the Monte Carlo runs"},
                    {&fields::rank_p05, &r.rank_p05, "Rank, 5th percentile", "Lower end (best rank) of the 5-95 % rank interval over the Monte Carlo runs"},
                    {&fields::rank_p95, &r.rank_p95, "Rank, 95th percentile", "Upper end (worst rank) of the 5-95 % rank interval over the Monte Carlo runs"}};
    for (const auto& f : fs) {
        Column c = Column::make(*f.name, ColumnType::Float64, n);
        for (std::size_t u = 0; u < n; ++u)
            if (!std::isnan((*f.v)[u])) c.set(u, (*f.v)[u]);
        c.title = f.title;
        c.description = f.desc;
        table.add_column(std::move(c), true);
    }
}

}  // namespace leefbaar::index
