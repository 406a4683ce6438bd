#include "index/ranking.hpp"

#include <array>
#include <bit>
#include <cmath>
#include <utility>

namespace leefbaar::index {
namespace {

// A key whose unsigned order is the descending order of the score: the IEEE bits with
// the sign flipped for positives and all bits flipped for negatives sort ascending,
// then everything is inverted. -0 becomes +0 first, so keys are equal exactly when the
// scores compare equal (NaN never gets here).
std::uint64_t descending_key(double x) {
    const auto b = std::bit_cast<std::uint64_t>(x + 0.0);
    const std::uint64_t ascending = (b >> 63) ? ~b : b | (std::uint64_t{1} << 63);
    return ~ascending;
}

struct Keyed {
    std::uint64_t key;
    std::int32_t unit;
};

// LSD radix sort on the keys, 11 bits a pass, skipping passes in which every key has
// the same digit. The Monte Carlo ranks N x years scores per run, thousands of times:
// this is several times faster than a comparison sort there (bench/monitor). The
// digit counts of all passes are taken in one read of the keys (a pass moves the keys
// but not their digits).
void radix_sort(std::vector<Keyed>& a) {
    constexpr int kBits = 11, kPasses = (64 + kBits - 1) / kBits;
    constexpr std::size_t kBuckets = std::size_t{1} << kBits;
    std::vector<Keyed> tmp(a.size());
    std::vector<std::array<std::size_t, kBuckets>> count(kPasses);
    for (auto& c : count) c.fill(0);
    for (const auto& x : a)
        for (int p = 0; p < kPasses; ++p) ++count[static_cast<std::size_t>(p)][(x.key >> (p * kBits)) & (kBuckets - 1)];
    for (int p = 0; p < kPasses; ++p) {
        const int shift = p * kBits;
        auto& c = count[static_cast<std::size_t>(p)];
        if (c[(a.front().key >> shift) & (kBuckets - 1)] == a.size()) continue;  // one digit: nothing moves
        std::size_t sum = 0;
        for (auto& k : c) sum += std::exchange(k, sum);
        for (const auto& x : a) tmp[c[(x.key >> shift) & (kBuckets - 1)]++] = x;
        a.swap(tmp);
    }
}

}  // namespace

std::size_t competition_ranks(const std::vector<double>& score, std::vector<std::int32_t>& rank) {
    rank.assign(score.size(), 0);
    std::vector<Keyed> order;
    order.reserve(score.size());
    for (std::size_t i = 0; i < score.size(); ++i)
        if (!std::isnan(score[i])) order.push_back({descending_key(score[i]), static_cast<std::int32_t>(i)});
    if (order.empty()) return 0;
    radix_sort(order);
    for (std::size_t i = 0; i < order.size(); ++i) {
        const auto u = static_cast<std::size_t>(order[i].unit);
        if (i > 0 && order[i].key == order[i - 1].key) rank[u] = rank[static_cast<std::size_t>(order[i - 1].unit)];
        else rank[u] = static_cast<std::int32_t>(i + 1);
    }
    return order.size();
}

double rank_percentile(std::int32_t rank, std::size_t n) {
    if (n <= 1) return 100.0;
    return 100.0 * (static_cast<double>(n) - static_cast<double>(rank)) / (static_cast<double>(n) - 1.0);
}

}  // namespace leefbaar::index
