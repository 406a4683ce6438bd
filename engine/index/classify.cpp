#include "index/classify.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <limits>
#include <map>

#include "core/error.hpp"
#include "index/stats.hpp"

namespace leefbaar::index {

const std::vector<std::string>& leefbaarometer_labels() {
    static const std::vector<std::string> l{"zeer onvoldoende", "ruim onvoldoende", "onvoldoende", "zwak",       "voldoende",
                                            "ruim voldoende",   "goed",             "zeer goed",   "uitstekend"};
    return l;
}

namespace {

std::string fmt(double v) {
    char b[64];
    std::snprintf(b, sizeof b, "%.4g", v);
    return b;
}

std::vector<double> present_sorted(const std::vector<double>& x) {
    std::vector<double> s;
    for (double v : x)
        if (!std::isnan(v)) s.push_back(v);
    std::sort(s.begin(), s.end());
    return s;
}

}  // namespace

std::vector<double> fisher_jenks_breaks(const std::vector<double>& x, int k) {
    // Distinct values with counts, so tied values can never be split between classes.
    std::vector<double> val;
    std::vector<double> cnt;
    for (double v : present_sorted(x)) {
        if (!val.empty() && val.back() == v) cnt.back() += 1;
        else {
            val.push_back(v);
            cnt.push_back(1);
        }
    }
    const std::size_t m = val.size();
    if (k < 2 || m < 2) return {};
    const auto kk = static_cast<std::size_t>(std::min<std::size_t>(static_cast<std::size_t>(k), m));
    // Prefix sums of weights, weighted values and squares; centred at the mean to keep
    // the subtraction S2 - S1^2/W accurate for large values.
    double centre = 0, total = 0;
    for (std::size_t i = 0; i < m; ++i) {
        centre += cnt[i] * val[i];
        total += cnt[i];
    }
    centre /= total;
    std::vector<double> w(m + 1, 0), s1(m + 1, 0), s2(m + 1, 0);
    for (std::size_t i = 0; i < m; ++i) {
        const double d = val[i] - centre;
        w[i + 1] = w[i] + cnt[i];
        s1[i + 1] = s1[i] + cnt[i] * d;
        s2[i + 1] = s2[i] + cnt[i] * d * d;
    }
    // cost(i, j): sum of squares of the group of distinct values i..j (inclusive).
    auto cost = [&](std::size_t i, std::size_t j) {
        const double ww = w[j + 1] - w[i], a = s1[j + 1] - s1[i];
        return std::max(0.0, (s2[j + 1] - s2[i]) - a * a / ww);
    };
    const double inf = std::numeric_limits<double>::infinity();
    std::vector<double> prev(m), cur(m);
    std::vector<std::vector<std::uint32_t>> start(kk, std::vector<std::uint32_t>(m, 0));  // first value of the last group
    for (std::size_t j = 0; j < m; ++j) prev[j] = cost(0, j);
    for (std::size_t c = 1; c < kk; ++c) {
        std::fill(cur.begin(), cur.end(), inf);
        auto& st = start[c];
        // D[c][j] = min_{i in [c, j]} D[c-1][i-1] + cost(i, j); the best i is monotone in j.
        std::function<void(std::size_t, std::size_t, std::size_t, std::size_t)> solve = [&](std::size_t lo, std::size_t hi,
                                                                                              std::size_t olo, std::size_t ohi) {
            if (lo > hi) return;
            const std::size_t mid = lo + (hi - lo) / 2;
            double best = inf;
            std::size_t arg = std::max(olo, c);
            for (std::size_t i = std::max(olo, c); i <= std::min(mid, ohi); ++i) {
                const double v = prev[i - 1] + cost(i, mid);
                if (v < best) {
                    best = v;
                    arg = i;
                }
            }
            cur[mid] = best;
            st[mid] = static_cast<std::uint32_t>(arg);
            if (mid > lo) solve(lo, mid - 1, olo, arg);
            solve(mid + 1, hi, arg, ohi);
        };
        solve(c, m - 1, c, m - 1);
        std::swap(prev, cur);
    }
    std::vector<double> upper(kk - 1);
    std::size_t j = m - 1;
    for (std::size_t c = kk - 1; c >= 1; --c) {
        const std::size_t i = start[c][j];
        upper[c - 1] = val[i - 1];
        j = i - 1;
    }
    return upper;
}

double within_ss(const std::vector<double>& x, const std::vector<double>& upper) {
    std::map<int, std::vector<double>> groups;
    for (double v : x)
        if (!std::isnan(v)) groups[class_of(v, upper)].push_back(v);
    double ss = 0;
    for (auto& [c, g] : groups) {
        const double mu = mean(g);
        for (double v : g) ss += (v - mu) * (v - mu);
    }
    return ss;
}

Classification classify(const std::vector<double>& x, const ClassOptions& o) {
    Classification r;
    r.method = to_string(o.method);
    const auto s = present_sorted(x);
    const int k = o.classes;
    if (o.method != ClassMethod::UserBreaks && o.method != ClassMethod::Leefbaarometer && o.method != ClassMethod::StdDev && k < 2)
        throw UsageError("classification needs at least 2 classes", {}, "set classes = 2 or more");
    switch (o.method) {
    case ClassMethod::Quantiles:
        for (int c = 1; c < k; ++c) r.upper.push_back(quantile_sorted(s, static_cast<double>(c) / k));
        break;
    case ClassMethod::EqualInterval:
        if (!s.empty())
            for (int c = 1; c < k; ++c) r.upper.push_back(s.front() + (s.back() - s.front()) * c / k);
        break;
    case ClassMethod::FisherJenks:
        r.upper = fisher_jenks_breaks(x, k);
        break;
    case ClassMethod::StdDev: {
        const double mu = mean(x), sd = sample_sd(x);
        for (int z = -2; z <= 2; ++z) r.upper.push_back(mu + z * (std::isnan(sd) ? 0.0 : sd));
        r.labels = {"< -2 sd", "-2 to -1 sd", "-1 to 0 sd", "0 to 1 sd", "1 to 2 sd", "> 2 sd"};
        break;
    }
    case ClassMethod::UserBreaks:
        if (o.breaks.empty()) throw UsageError("classification 'breaks' needs the break values", {}, "set breaks = [40, 50, 60]");
        if (!std::is_sorted(o.breaks.begin(), o.breaks.end()))
            throw UsageError("class breaks must be ascending", {}, "sort the values in breaks");
        r.upper = o.breaks;
        break;
    case ClassMethod::Leefbaarometer: {
        const double mu = mean(x), sd = sample_sd(x);
        for (double z : {-1.75, -1.25, -0.75, -0.25, 0.25, 0.75, 1.25, 1.75}) r.upper.push_back(mu + z * (std::isnan(sd) ? 0.0 : sd));
        r.labels = leefbaarometer_labels();
        break;
    }
    }
    // Duplicated bounds (ties at a quantile) would make empty classes; keep them so the
    // class numbers mean the same thing as requested, and say so in the labels.
    const std::size_t nclass = r.upper.size() + 1;
    if (r.labels.empty()) {
        const double lo = s.empty() ? NAN : s.front(), hi = s.empty() ? NAN : s.back();
        for (std::size_t c = 0; c < nclass; ++c) {
            const double a = c == 0 ? lo : r.upper[c - 1];
            const double b = c + 1 == nclass ? hi : r.upper[c];
            r.labels.push_back(fmt(a) + " - " + fmt(b));
        }
    }
    if (!o.labels.empty()) {
        if (o.labels.size() != nclass)
            throw UsageError(std::to_string(o.labels.size()) + " class labels for " + std::to_string(nclass) + " classes", {},
                             "give one label per class");
        r.labels = o.labels;
    }
    r.cls.resize(x.size());
    for (std::size_t i = 0; i < x.size(); ++i) r.cls[i] = class_of(x[i], r.upper);
    return r;
}

int class_of(double v, const std::vector<double>& upper) {
    if (std::isnan(v)) return 0;
    const auto it = std::lower_bound(upper.begin(), upper.end(), v);
    return static_cast<int>(it - upper.begin()) + 1;
}

}  // namespace leefbaar::index
