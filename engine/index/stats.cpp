#include "index/stats.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "index/normalise.hpp"

namespace leefbaar::index {
namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::vector<double> present(std::vector<double> x) {
    x.erase(std::remove_if(x.begin(), x.end(), [](double v) { return std::isnan(v); }), x.end());
    return x;
}

// Central moments m2, m3, m4 with 1/n, for skewness and kurtosis.
void central_moments(const std::vector<double>& x, double& m2, double& m3, double& m4, std::size_t& n) {
    const double mu = mean(x);
    m2 = m3 = m4 = 0;
    n = 0;
    for (double v : x) {
        if (std::isnan(v)) continue;
        const double d = v - mu, d2 = d * d;
        m2 += d2;
        m3 += d2 * d;
        m4 += d2 * d2;
        ++n;
    }
    if (n) {
        m2 /= static_cast<double>(n);
        m3 /= static_cast<double>(n);
        m4 /= static_cast<double>(n);
    }
}
}  // namespace

std::size_t count_present(const std::vector<double>& x) {
    return static_cast<std::size_t>(std::count_if(x.begin(), x.end(), [](double v) { return !std::isnan(v); }));
}

double mean(const std::vector<double>& x) {
    double s = 0;
    std::size_t n = 0;
    for (double v : x)
        if (!std::isnan(v)) {
            s += v;
            ++n;
        }
    return n ? s / static_cast<double>(n) : kNaN;
}

double sample_sd(const std::vector<double>& x) {
    const double mu = mean(x);
    double s = 0;
    std::size_t n = 0;
    for (double v : x)
        if (!std::isnan(v)) {
            s += (v - mu) * (v - mu);
            ++n;
        }
    return n > 1 ? std::sqrt(s / static_cast<double>(n - 1)) : kNaN;
}

double median(std::vector<double> x) { return quantile(std::move(x), 0.5); }

namespace {
// Type 7: h = (n - 1) p lies between the order statistics lo = floor(h) and hi.
struct Type7 {
    double h;
    std::size_t lo, hi;
    double between(double at_lo, double at_hi) const { return at_lo + (h - static_cast<double>(lo)) * (at_hi - at_lo); }
};
Type7 type7(std::size_t n, double p) {
    const double h = (static_cast<double>(n) - 1.0) * p;
    const auto lo = static_cast<std::size_t>(std::floor(h));
    return {h, lo, std::min(lo + 1, n - 1)};
}
}  // namespace

double quantile_sorted(const std::vector<double>& s, double p) {
    if (s.empty()) return kNaN;
    const Type7 q = type7(s.size(), p);
    return q.between(s[q.lo], s[q.hi]);
}

std::vector<double> quantiles_unsorted(std::vector<double>& x, const std::vector<double>& ps) {
    std::vector<double> out;
    if (x.empty()) {
        out.assign(ps.size(), kNaN);
        return out;
    }
    // Every value in x[done, n) is >= every value in x[0, done), and the positions asked
    // for so far below done hold their order statistics.
    std::size_t done = 0;
    auto place = [&](std::size_t k) {  // k-th smallest at x[k]; k never decreases
        if (k < done) return;
        if (k == done) std::iter_swap(x.begin() + static_cast<std::ptrdiff_t>(k), std::min_element(x.begin() + static_cast<std::ptrdiff_t>(k), x.end()));
        else std::nth_element(x.begin() + static_cast<std::ptrdiff_t>(done), x.begin() + static_cast<std::ptrdiff_t>(k), x.end());
        done = k + 1;
    };
    for (double p : ps) {
        const Type7 q = type7(x.size(), p);
        place(q.lo);
        place(q.hi);
        out.push_back(q.between(x[q.lo], x[q.hi]));
    }
    return out;
}

double quantile(std::vector<double> x, double p) {
    x = present(std::move(x));
    std::sort(x.begin(), x.end());
    return quantile_sorted(x, p);
}

void skew_kurtosis(const std::vector<double>& x, double& skew, double& kurtosis) {
    double m2, m3, m4;
    std::size_t n;
    central_moments(x, m2, m3, m4, n);
    skew = n < 3 || m2 <= 0 ? kNaN : m3 / std::pow(m2, 1.5);
    kurtosis = n < 4 || m2 <= 0 ? kNaN : m4 / (m2 * m2) - 3.0;
}

double skewness(const std::vector<double>& x) {
    double s, k;
    skew_kurtosis(x, s, k);
    return s;
}

double excess_kurtosis(const std::vector<double>& x) {
    double s, k;
    skew_kurtosis(x, s, k);
    return k;
}

double pearson(const std::vector<double>& a, const std::vector<double>& b) {
    double sa = 0, sb = 0;
    std::size_t n = 0;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (!std::isnan(a[i]) && !std::isnan(b[i])) {
            sa += a[i];
            sb += b[i];
            ++n;
        }
    if (n < 3) return kNaN;
    const double ma = sa / static_cast<double>(n), mb = sb / static_cast<double>(n);
    double sab = 0, saa = 0, sbb = 0;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (!std::isnan(a[i]) && !std::isnan(b[i])) {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
    if (saa <= 0 || sbb <= 0) return kNaN;
    return sab / std::sqrt(saa * sbb);
}

}  // namespace leefbaar::index
