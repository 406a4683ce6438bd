#pragma once
// Shared conditional-permutation draws. Instead of every unit drawing its own
// 999 x k neighbours, all units with k neighbours (self aside) share one table of
// `permutations` draws, each a uniform set of k distinct units out of all n. A unit
// cannot use a draw that contains itself, so each such draw (probability k / n) is
// replaced by a private draw of k units out of the other n - 1, from the unit's own
// stream. The result is exact: every draw a unit uses is uniform over the k-sets of
// the other units, since P(A) = 1/C(n,k) + C(n-1,k-1)/C(n,k) * 1/C(n-1,k) =
// 1/C(n-1,k), and the draws are independent of each other. What differs from
// independent draws is only between units: two units with the same k are tested on
// mostly the same neighbour sets, so their p-value estimates err together (GeoDa's
// "lookup" table shares draws too, but without replacing the draws containing the
// unit). docs/methods/spatial-statistics.md states both schemes; the enumeration
// test checks both against the exact distribution.
//
// Why: a draw no longer costs k random numbers per unit, and when a unit's weights
// are equal (contiguity, binary or row-standardised) its permuted statistic is an
// affine function of the sum of the drawn values, so the table's sums, sorted once,
// give every count by binary search (local_inference.hpp).
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace leefbaar {

struct PermutationRows;

namespace detail {

// The draws shared by the units with k neighbours.
struct DrawTable {
    std::size_t k = 0;
    std::vector<std::int32_t> members;  // permutations x k
    std::vector<double> sum;            // per draw: the sum of `gathered` over its members
    std::vector<double> sorted;         // the sums, ascending (a copy: binary searches read it contiguously)
    std::vector<std::uint32_t> order;   // the draw at each rank of `sorted`
    double centre = 0;                  // mean of the sums
    double spread = 0;                  // sum of (sum - centre)^2
    double offset = 0;                  // sum of (sum - centre): 0 but for rounding
    std::vector<std::uint64_t> containing;  // unit << 32 | draw, ascending
    std::size_t size() const { return members.size() / k; }  // k >= 1 in every table built
    const std::int32_t* draw(std::size_t p) const { return members.data() + p * k; }
    // The draws containing unit i, ascending (unit i cannot use them).
    std::vector<std::uint32_t> draws_containing(std::size_t i) const;
};

class DrawTables {
public:
    // Tables for every neighbour count of a tested unit; `gathered` (optional) is the
    // array whose sums the lag-form evaluation needs. Throws a UsageError when the
    // tables would exceed kMaxTableBytes (very many permutations).
    DrawTables(const PermutationRows& rows, const std::vector<char>& tested, std::size_t permutations, std::uint64_t seed,
               const double* gathered);
    const DrawTable& of(std::size_t k) const { return tables_[static_cast<std::size_t>(slot_[k])]; }

private:
    std::vector<std::int32_t> slot_;  // by k: index into tables_, -1 when unused
    std::vector<DrawTable> tables_;
};

inline constexpr std::size_t kMaxTableBytes = std::size_t{1} << 30;
// The stream of the shared table of neighbour count k (keyed by seed and k).
inline constexpr std::uint64_t kSharedDrawStream = 13;

}  // namespace detail
}  // namespace leefbaar
