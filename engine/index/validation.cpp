#include "index/validation.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <mutex>
#include <numeric>

#include "core/error.hpp"
#include "core/parallel.hpp"
#include "core/random.hpp"

namespace leefbaar::index {
namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// The matched pairs in row order, with the orders every statistic walks: positions
// sorted by (x, y) (the x ranks and Knight's first sort) and by y (the y ranks).
// Sorting once here is what lets each bootstrap replicate skip its own sorts.
struct Pairs {
    std::vector<double> x, y;
    std::vector<std::size_t> rows;  // the row of each pair
    std::vector<std::uint32_t> by_xy, by_y;
};

Pairs matched_pairs(const std::vector<double>& own, const std::vector<double>& reference) {
    if (own.size() != reference.size())
        throw UsageError("the series to validate has " + std::to_string(own.size()) + " rows but the reference has " +
                             std::to_string(reference.size()),
                         {}, "aggregate both to the same areas, in the same order, before validating");
    Pairs p;
    for (std::size_t i = 0; i < own.size(); ++i)
        if (!std::isnan(own[i]) && !std::isnan(reference[i])) {
            p.x.push_back(own[i]);
            p.y.push_back(reference[i]);
            p.rows.push_back(i);
        }
    return p;
}

void sort_orders(Pairs& p) {
    p.by_xy.resize(p.x.size());
    std::iota(p.by_xy.begin(), p.by_xy.end(), 0u);
    p.by_y = p.by_xy;
    std::sort(p.by_xy.begin(), p.by_xy.end(),
              [&](std::uint32_t a, std::uint32_t b) { return p.x[a] < p.x[b] || (p.x[a] == p.x[b] && p.y[a] < p.y[b]); });
    std::sort(p.by_y.begin(), p.by_y.end(), [&](std::uint32_t a, std::uint32_t b) { return p.y[a] < p.y[b]; });
}

void require_pairs(std::size_t n) {
    if (n >= kMinValidationPairs) return;
    throw UsageError("only " + std::to_string(n) + " area(s) have both a value and a reference score; a correlation needs at least " +
                         std::to_string(kMinValidationPairs),
                     {}, "check that the reference's area codes match the level the index is aggregated to (e.g. wijk codes for wijken)");
}

bool constant(const std::vector<double>& v) {
    return std::all_of(v.begin(), v.end(), [&](double a) { return a == v.front(); });
}

SeriesStatus status_of(const Pairs& p) {
    if (p.x.size() < kMinValidationPairs) return SeriesStatus::too_few_pairs;
    const bool cx = constant(p.x), cy = constant(p.y);
    if (cx && cy) return SeriesStatus::both_constant;
    if (cx) return SeriesStatus::own_constant;
    if (cy) return SeriesStatus::reference_constant;
    return SeriesStatus::ok;
}

void check_options(const ValidationOptions& o) {
    if (o.replicates < 2)
        throw UsageError("a bootstrap interval needs at least 2 replicates, not " + std::to_string(o.replicates), {},
                         "use 2000 replicates (the default) or at least 1000");
    if (!(o.level > 0 && o.level < 1))
        throw UsageError("the interval level must lie strictly between 0 and 1, not " + std::to_string(o.level), {},
                         "use 0.95 for 95 % intervals");
}

// Per-worker buffers, so a replicate allocates nothing once they have grown.
struct Scratch {
    std::vector<std::uint32_t> count;
    std::vector<double> rank_x, rank_y, xs, ys, buffer;
};

// Mid-ranks of values that occur count[i] times each: a tie group of weight w
// after `before` smaller values spans ranks before+1 .. before+w, mean before+(w+1)/2.
void weighted_mid_ranks(const std::vector<double>& v, const std::vector<std::uint32_t>& order,
                        const std::vector<std::uint32_t>& count, std::vector<double>& rank) {
    rank.resize(v.size());
    double before = 0;
    for (std::size_t i = 0; i < order.size();) {
        std::size_t j = i;
        double w = 0;
        for (; j < order.size() && v[order[j]] == v[order[i]]; ++j) w += count[order[j]];
        for (std::size_t k = i; k < j; ++k) rank[order[k]] = before + (w + 1) / 2;
        before += w;
        i = j;
    }
}

// Spearman of the sample in which pair i occurs count[i] times: the weighted Pearson
// correlation of the weighted mid-ranks, equal to spearman() on the expanded sample.
double weighted_spearman(const Pairs& p, const std::vector<std::uint32_t>& count, Scratch& s) {
    weighted_mid_ranks(p.x, p.by_xy, count, s.rank_x);
    weighted_mid_ranks(p.y, p.by_y, count, s.rank_y);
    double total = 0;
    for (std::uint32_t c : count) total += c;
    const double mean = (total + 1) / 2;  // the mean of ranks 1..total, whatever the ties
    double sxy = 0, sxx = 0, syy = 0;
    for (std::size_t i = 0; i < count.size(); ++i) {
        if (!count[i]) continue;
        const double dx = s.rank_x[i] - mean, dy = s.rank_y[i] - mean;
        sxy += count[i] * dx * dy;
        sxx += count[i] * dx * dx;
        syy += count[i] * dy * dy;
    }
    return sxx > 0 && syy > 0 ? sxy / std::sqrt(sxx * syy) : kNaN;
}

// Sum of t(t-1)/2 over the runs of consecutive positions for which same(i) (position i
// equals position i-1) holds: the tied pairs of a sorted sequence.
template <class Same>
std::uint64_t tied_pairs(std::size_t n, Same same) {
    std::uint64_t pairs = 0, run = 1;
    for (std::size_t i = 1; i <= n; ++i) {
        if (i < n && same(i)) {
            ++run;
            continue;
        }
        pairs += run * (run - 1) / 2;
        run = 1;
    }
    return pairs;
}

// Bottom-up merge sort of a, ascending, returning the number of exchanges an
// exchange sort would make (the inversions: pairs i < j with a[i] > a[j]). Equal
// values are never counted: the merge takes from the left run first.
std::uint64_t sort_counting_exchanges(std::vector<double>& a, std::vector<double>& buffer) {
    const std::size_t n = a.size();
    buffer.resize(n);
    std::uint64_t exchanges = 0;
    for (std::size_t width = 1; width < n; width *= 2) {
        for (std::size_t lo = 0; lo < n; lo += 2 * width) {
            const std::size_t mid = std::min(lo + width, n), hi = std::min(lo + 2 * width, n);
            std::size_t i = lo, j = mid, k = lo;
            while (i < mid && j < hi) {
                if (a[j] < a[i]) {
                    exchanges += mid - i;  // a[j] passes every value left in the left run
                    buffer[k++] = a[j++];
                } else {
                    buffer[k++] = a[i++];
                }
            }
            while (i < mid) buffer[k++] = a[i++];
            while (j < hi) buffer[k++] = a[j++];
        }
        a.swap(buffer);
    }
    return exchanges;
}

// Knight's tau-b of xs, ys sorted by (x, y); ys ends sorted ascending. Within a run of
// equal x the y are ascending, so the exchanges are exactly the discordant pairs.
double tau_b_sorted(const std::vector<double>& xs, std::vector<double>& ys, std::vector<double>& buffer) {
    const std::size_t n = xs.size();
    const std::uint64_t n0 = static_cast<std::uint64_t>(n) * (n - 1) / 2;
    const std::uint64_t n1 = tied_pairs(n, [&](std::size_t i) { return xs[i] == xs[i - 1]; });
    const std::uint64_t n3 = tied_pairs(n, [&](std::size_t i) { return xs[i] == xs[i - 1] && ys[i] == ys[i - 1]; });
    const std::uint64_t discordant = sort_counting_exchanges(ys, buffer);
    const std::uint64_t n2 = tied_pairs(n, [&](std::size_t i) { return ys[i] == ys[i - 1]; });
    // Concordant + discordant = n0 - n1 - n2 + n3 (pairs tied in neither), so S = that - 2 D.
    const double s = static_cast<double>(n0 - n1 - n2 + n3) - 2.0 * static_cast<double>(discordant);
    const double denominator = std::sqrt(static_cast<double>(n0 - n1) * static_cast<double>(n0 - n2));
    return denominator > 0 ? s / denominator : kNaN;
}

// Kendall's tau-b of the sample in which pair i occurs count[i] times: repeating each
// pair in (x, y) order keeps the expanded sample sorted by (x, y), so only Knight's
// merge by y remains.
double weighted_kendall(const Pairs& p, const std::vector<std::uint32_t>& count, Scratch& s) {
    s.xs.clear();
    s.ys.clear();
    for (std::uint32_t i : p.by_xy)
        for (std::uint32_t c = 0; c < count[i]; ++c) {
            s.xs.push_back(p.x[i]);
            s.ys.push_back(p.y[i]);
        }
    return tau_b_sorted(s.xs, s.ys, s.buffer);
}

// How often each matched pair is drawn in replicate b (n draws with replacement).
void draw_counts(std::size_t n, std::uint64_t seed, std::uint64_t b, std::vector<std::uint32_t>& count) {
    count.assign(n, 0);
    auto rng = stream_for(seed, b, detail::kBootstrapPurpose);
    for (std::size_t k = 0; k < n; ++k) ++count[uniform_below(rng, n)];
}

Pairs sorted_pairs(const std::vector<double>& x, const std::vector<double>& y) {
    Pairs p = matched_pairs(x, y);
    sort_orders(p);
    return p;
}

// The percentile interval of the defined replicate values (NaN ones left out).
Interval percentile_interval(std::vector<double> values, double level, std::size_t& used) {
    values.erase(std::remove_if(values.begin(), values.end(), [](double v) { return std::isnan(v); }), values.end());
    used = values.size();
    if (values.empty()) return {};
    std::sort(values.begin(), values.end());
    return {quantile_sorted(values, (1 - level) / 2), quantile_sorted(values, (1 + level) / 2)};
}

struct BootstrapValues {
    std::vector<double> spearman, kendall;  // per replicate; kendall empty unless asked for
};

// The replicates in parallel, each from its own stream; value b lands in slot b, so the
// result is the same for any thread count and block schedule.
BootstrapValues bootstrap(const Pairs& p, const ValidationOptions& o, bool with_kendall, const Progress& progress) {
    const std::size_t B = o.replicates;
    BootstrapValues v;
    v.spearman.assign(B, kNaN);
    if (with_kendall) v.kendall.assign(B, kNaN);
    std::atomic<std::size_t> done{0};
    std::mutex progress_mutex;
    parallel_for(B, resolve_threads(o.threads), [&](std::size_t begin, std::size_t end) {
        Scratch s;
        for (std::size_t b = begin; b < end; ++b) {
            draw_counts(p.x.size(), o.seed, b, s.count);
            v.spearman[b] = weighted_spearman(p, s.count, s);
            if (with_kendall) v.kendall[b] = weighted_kendall(p, s.count, s);
        }
        const std::size_t d = done += end - begin;  // progress only
        std::lock_guard<std::mutex> lock(progress_mutex);
        progress.report(static_cast<double>(d) / static_cast<double>(B), "bootstrap");
    }, 32);
    return v;
}

std::vector<std::uint32_t> ones(std::size_t n) { return std::vector<std::uint32_t>(n, 1); }


IndicatorSign indicator_sign(const std::vector<double>& column, const std::vector<double>& reference, Direction orientation,
                             const ValidationOptions& o, const Progress& progress) {
    const Pairs p = sorted_pairs(column, reference);
    IndicatorSign r;
    r.n = p.x.size();
    r.status = status_of(p);
    if (r.status != SeriesStatus::ok) return r;
    Scratch s;
    r.spearman = weighted_spearman(p, ones(r.n), s);
    std::size_t used = 0;
    r.interval = percentile_interval(bootstrap(p, o, false, progress).spearman, o.level, used);
    r.verdict = verdict_of(r.interval, orientation);
    return r;
}

}  // namespace

const char* status_text(SeriesStatus s) {
    switch (s) {
    case SeriesStatus::ok: return "";
    case SeriesStatus::too_few_pairs: return "fewer than 3 areas have both a value and a reference score";
    case SeriesStatus::own_constant: return "constant over the matched areas";
    case SeriesStatus::reference_constant: return "the reference score is constant over the matched areas";
    case SeriesStatus::both_constant: return "both it and the reference score are constant over the matched areas";
    }
    return "";
}

const char* verdict_text(SignVerdict v) {
    switch (v) {
    case SignVerdict::agrees: return "agrees with the reference";
    case SignVerdict::unrelated: return "unrelated at this level";
    case SignVerdict::reversed: return "wrongly oriented or measuring something else";
    case SignVerdict::undefined: return "undefined";
    }
    return "";
}

double spearman(const std::vector<double>& x, const std::vector<double>& y) {
    const Pairs p = sorted_pairs(x, y);
    if (p.x.size() < kMinValidationPairs) return kNaN;
    Scratch s;
    return weighted_spearman(p, ones(p.x.size()), s);
}

double kendall_tau_b(const std::vector<double>& x, const std::vector<double>& y) {
    const Pairs p = sorted_pairs(x, y);
    if (p.x.size() < kMinValidationPairs) return kNaN;
    Scratch s;
    return weighted_kendall(p, ones(p.x.size()), s);
}

Correlation correlate(const std::vector<double>& own, const std::vector<double>& reference, const ValidationOptions& o,
                      const Progress& progress) {
    check_options(o);
    const Pairs p = sorted_pairs(own, reference);
    require_pairs(p.x.size());
    Correlation c;
    c.n = p.x.size();
    c.status = status_of(p);
    if (c.status != SeriesStatus::ok) return c;  // every statistic NaN: nothing to correlate with
    progress.report(0.0, "correlating");
    Scratch s;
    c.spearman = weighted_spearman(p, ones(c.n), s);
    c.kendall = weighted_kendall(p, ones(c.n), s);
    c.pearson = pearson(p.x, p.y);
    const BootstrapValues v = bootstrap(p, o, true, progress.scaled(0.0, 0.99));
    std::size_t used_kendall = 0;
    c.spearman_interval = percentile_interval(v.spearman, o.level, c.replicates_used);
    c.kendall_interval = percentile_interval(v.kendall, o.level, used_kendall);  // undefined on the same resamples
    progress.report(1.0);
    return c;
}

Residuals standardised_residuals(const std::vector<double>& own, const std::vector<double>& reference) {
    const Pairs p = matched_pairs(own, reference);
    require_pairs(p.x.size());
    Residuals r;
    r.n = p.x.size();
    r.residual.assign(own.size(), kNaN);
    r.status = status_of(p);
    if (r.status != SeriesStatus::ok) return r;  // a constant series has no z-scores
    const double mx = mean(p.x), sx = sample_sd(p.x), my = mean(p.y), sy = sample_sd(p.y);
    for (std::size_t k = 0; k < r.n; ++k) r.residual[p.rows[k]] = (p.x[k] - mx) / sx - (p.y[k] - my) / sy;
    r.largest = p.rows;
    std::sort(r.largest.begin(), r.largest.end(), [&](std::size_t a, std::size_t b) {
        const double da = std::abs(r.residual[a]), db = std::abs(r.residual[b]);
        return da > db || (da == db && a < b);
    });
    return r;
}

std::vector<IndicatorSign> indicator_signs(const std::vector<std::vector<double>>& columns, const std::vector<std::string>& names,
                                           const std::vector<double>& reference, Direction orientation,
                                           const ValidationOptions& o, const Progress& progress) {
    check_options(o);
    if (columns.size() != names.size())
        throw UsageError(std::to_string(columns.size()) + " indicator columns but " + std::to_string(names.size()) + " names", {},
                         "give one name per indicator column");
    std::vector<IndicatorSign> out;
    const double k = static_cast<double>(std::max<std::size_t>(columns.size(), 1));
    for (std::size_t j = 0; j < columns.size(); ++j) {
        const auto step = static_cast<double>(j);
        out.push_back(indicator_sign(columns[j], reference, orientation, o, progress.scaled(step / k, (step + 1) / k)));
        out.back().name = names[j];
    }
    progress.report(1.0);
    return out;
}

namespace detail {
ReplicateValues bootstrap_replicate(const std::vector<double>& x, const std::vector<double>& y, std::uint64_t seed,
                                    std::uint64_t b) {
    const Pairs p = sorted_pairs(x, y);
    Scratch s;
    draw_counts(p.x.size(), seed, b, s.count);
    return {weighted_spearman(p, s.count, s), weighted_kendall(p, s.count, s)};
}
}  // namespace detail

// The verdict from the interval seen on the expected side: expected positive for a
// higher-is-better reference; for a lower-is-better one the interval is mirrored.
SignVerdict verdict_of(const Interval& i, Direction orientation) {
    const bool higher = orientation == Direction::HigherIsBetter;
    const double lower = higher ? i.lower : -i.upper, upper = higher ? i.upper : -i.lower;
    if (lower > 0) return SignVerdict::agrees;
    if (upper < 0) return SignVerdict::reversed;
    return std::isnan(lower) || std::isnan(upper) ? SignVerdict::undefined : SignVerdict::unrelated;
}

}  // namespace leefbaar::index
