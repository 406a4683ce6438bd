#include "spatial/permutation_draws.hpp"

#include <algorithm>
#include <numeric>
#include <string>

#include "core/error.hpp"
#include "core/random.hpp"
#include "spatial/local_inference.hpp"

namespace leefbaar::detail {
namespace {

// `perms` uniform ordered draws of k distinct units out of all n: rejection of
// repeats (a bitmap) while k is small against n, else a partial Fisher-Yates
// shuffle, which stays uniform from whatever order the pool was left in.
void draw_members(DrawTable& t, std::size_t n, std::size_t perms, std::uint64_t seed) {
    auto rng = fast_stream_for(seed, t.k, kSharedDrawStream);
    const auto m = static_cast<std::uint32_t>(n);
    t.members.resize(perms * t.k);
    if (4 * t.k <= n) {
        std::vector<std::uint64_t> seen((n + 63) / 64, 0);
        for (std::size_t p = 0; p < perms; ++p) {
            std::int32_t* d = t.members.data() + p * t.k;
            for (std::size_t a = 0; a < t.k; ++a) {
                std::uint32_t j;
                do j = uniform_below(rng, m);
                while (seen[j >> 6] >> (j & 63) & 1u);
                seen[j >> 6] |= std::uint64_t{1} << (j & 63);
                d[a] = static_cast<std::int32_t>(j);
            }
            for (std::size_t a = 0; a < t.k; ++a) seen[static_cast<std::uint32_t>(d[a]) >> 6] = 0;
        }
        return;
    }
    std::vector<std::int32_t> pool(n);
    std::iota(pool.begin(), pool.end(), 0);
    for (std::size_t p = 0; p < perms; ++p)
        for (std::size_t a = 0; a < t.k; ++a) {
            const auto c = static_cast<std::uint32_t>(a) + uniform_below(rng, m - static_cast<std::uint32_t>(a));
            std::swap(pool[a], pool[c]);
            t.members[p * t.k + a] = pool[a];
        }
}

// The sums of `gathered` per draw, sorted, and their centred moments: a unit whose
// statistic is affine in the sum reads its moments and counts from these.
void sum_draws(DrawTable& t, std::size_t perms, const double* gathered) {
    t.sum.resize(perms);
    for (std::size_t p = 0; p < perms; ++p) {
        double s = 0;
        for (std::size_t a = 0; a < t.k; ++a) s += gathered[t.members[p * t.k + a]];
        t.sum[p] = s;
    }
    t.order.resize(perms);
    std::iota(t.order.begin(), t.order.end(), 0u);
    std::stable_sort(t.order.begin(), t.order.end(), [&](std::uint32_t a, std::uint32_t b) { return t.sum[a] < t.sum[b]; });
    t.sorted.resize(perms);
    for (std::size_t r = 0; r < perms; ++r) t.sorted[r] = t.sum[t.order[r]];
    double c = 0;
    for (double s : t.sum) c += s;
    t.centre = c / static_cast<double>(perms);
    for (double s : t.sum) {
        t.offset += s - t.centre;
        t.spread += (s - t.centre) * (s - t.centre);
    }
}

void index_members(DrawTable& t, std::size_t perms) {
    t.containing.reserve(perms * t.k);
    for (std::size_t p = 0; p < perms; ++p)
        for (std::size_t a = 0; a < t.k; ++a)
            t.containing.push_back(static_cast<std::uint64_t>(static_cast<std::uint32_t>(t.members[p * t.k + a])) << 32 | p);
    std::sort(t.containing.begin(), t.containing.end());
}

}  // namespace

std::vector<std::uint32_t> DrawTable::draws_containing(std::size_t i) const {
    const std::uint64_t lo = static_cast<std::uint64_t>(i) << 32;
    auto a = std::lower_bound(containing.begin(), containing.end(), lo);
    std::vector<std::uint32_t> out;
    for (; a != containing.end() && (*a >> 32) == i; ++a) out.push_back(static_cast<std::uint32_t>(*a));
    return out;
}

DrawTables::DrawTables(const PermutationRows& rows, const std::vector<char>& tested, std::size_t perms, std::uint64_t seed,
                       const double* gathered) {
    const std::size_t n = rows.size();
    std::size_t kmax = 0;
    for (std::size_t i = 0; i < n; ++i)
        if (tested[i]) kmax = std::max(kmax, rows.count(i));
    slot_.assign(kmax + 1, -1);
    std::size_t bytes = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const std::size_t k = rows.count(i);
        if (!tested[i] || k == 0 || slot_[k] >= 0) continue;
        slot_[k] = static_cast<std::int32_t>(tables_.size());
        tables_.emplace_back().k = k;
        bytes += perms * (k * (sizeof(std::int32_t) + sizeof(std::uint64_t)) + 2 * sizeof(double) + sizeof(std::uint32_t));
    }
    if (bytes > kMaxTableBytes)
        throw UsageError("the shared permutation draws would need " + std::to_string(bytes >> 20) + " MB for " + std::to_string(perms) +
                             " permutations",
                         {}, "use fewer permutations, or independent draws ({{draws independent}}), which need no table");
    for (auto& t : tables_) {
        draw_members(t, n, perms, seed);
        if (gathered) sum_draws(t, perms, gathered);
        index_members(t, perms);
    }
}

}  // namespace leefbaar::detail
