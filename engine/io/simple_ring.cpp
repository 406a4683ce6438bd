#include "io/simple_ring.hpp"

#include <algorithm>
#include <cmath>

namespace leefbaar::io::detail {

namespace {

// The sign of orient2d(a, b, c) when it is certain, else 0. Shewchuk (1997), orient2d
// with its first error bound ccwerrboundA = (3 + 16 eps) eps, eps = 2^-53; the bound
// assumes no underflow, so determinants of tiny magnitude count as uncertain too.
int certain_orientation(const Point& a, const Point& b, const Point& c) {
    constexpr double eps = 0x1.0p-53;
    constexpr double bound = (3.0 + 16.0 * eps) * eps;
    const double left = (a.x() - c.x()) * (b.y() - c.y());
    const double right = (a.y() - c.y()) * (b.x() - c.x());
    const double det = left - right;
    const double sum = std::fabs(left) + std::fabs(right);
    if (!(sum > 1e-200) || !(std::fabs(det) > bound * sum)) return 0;
    return det > 0 ? 1 : -1;
}

// Segments pq and rs (not neighbours in the ring) certainly do not meet.
bool certainly_apart(const Point& p, const Point& q, const Point& r, const Point& s) {
    if (std::max(p.x(), q.x()) < std::min(r.x(), s.x()) || std::max(r.x(), s.x()) < std::min(p.x(), q.x()) ||
        std::max(p.y(), q.y()) < std::min(r.y(), s.y()) || std::max(r.y(), s.y()) < std::min(p.y(), q.y()))
        return true;
    const int o1 = certain_orientation(p, q, r), o2 = certain_orientation(p, q, s);
    if (o1 != 0 && o1 == o2) return true;  // r and s strictly on one side of line pq
    const int o3 = certain_orientation(r, s, p), o4 = certain_orientation(r, s, q);
    return o3 != 0 && o3 == o4;
}

}  // namespace

bool certainly_valid_shell(const Polygon& poly) {
    if (!poly.inners().empty()) return false;
    const auto& v = poly.outer();
    const std::size_t n = v.size();  // closed: v[n - 1] == v[0]
    if (n < 4 || n > kMaxSimpleRingVertices + 1) return false;
    if (v.front().x() != v.back().x() || v.front().y() != v.back().y()) return false;
    const std::size_t k = n - 1;  // segments (v[i], v[i + 1])
    for (const auto& p : v)
        if (!std::isfinite(p.x()) || !std::isfinite(p.y())) return false;
    // Neighbouring segments meet only at their shared vertex when they are not collinear
    // (which also rules out a repeated point).
    for (std::size_t i = 0; i < k; ++i)
        if (certain_orientation(v[i], v[i + 1], v[(i + 2) % k]) == 0) return false;
    for (std::size_t i = 0; i < k; ++i)
        for (std::size_t j = i + 2; j < k; ++j) {
            if (i == 0 && j == k - 1) continue;  // neighbours through v[0]
            if (!certainly_apart(v[i], v[i + 1], v[j], v[j + 1])) return false;
        }
    return true;
}

}  // namespace leefbaar::io::detail
