#pragma once
// A stable radix sort on an unsigned integer key, for the flat arrays of millions of
// (key, payload) records that spatial/contiguity sorts: several times faster than
// std::sort there, and parallel. Work is cut into fixed blocks (and buckets), each
// counted and scattered on its own, so the output (a stable sort) is the same for any
// thread count.
#include <algorithm>
#include <cstddef>
#include <utility>
#include <vector>

#include "core/parallel.hpp"

namespace leefbaar {
namespace radix_detail {

constexpr int kBits = 11;
constexpr std::size_t kBuckets = std::size_t{1} << kBits;
constexpr std::size_t kBlock = std::size_t{1} << 16;
constexpr std::size_t kSmall = 32;  // ranges this short are sorted by insertion

// One stable counting pass of a[0, n) into out on digit(x) (below kBuckets), block by
// block in parallel. Returns false, writing nothing, when every element has the same
// digit. `starts` (kBuckets + 1 entries), if given, receives where each digit begins.
template <typename T, typename DigitFn>
bool scatter(const T* a, T* out, std::size_t n, DigitFn digit, unsigned threads, std::size_t* starts = nullptr) {
    const std::size_t blocks = (n + kBlock - 1) / kBlock;
    std::vector<std::size_t> count(blocks * kBuckets);  // [block][digit]
    parallel_for_blocks(n, threads, kBlock, [&](std::size_t k, std::size_t b, std::size_t e) {
        std::size_t* c = &count[k * kBuckets];
        for (std::size_t i = b; i < e; ++i) ++c[digit(a[i])];
    });
    // Offsets digit by digit, block by block within a digit: that is what keeps it stable.
    const std::size_t first = digit(a[0]);
    std::size_t sum = 0, same = 0;
    for (std::size_t d = 0; d < kBuckets; ++d) {
        if (starts) starts[d] = sum;
        for (std::size_t k = 0; k < blocks; ++k) {
            if (d == first) same += count[k * kBuckets + d];
            sum += std::exchange(count[k * kBuckets + d], sum);
        }
    }
    if (starts) starts[kBuckets] = n;
    if (same == n) return false;
    parallel_for_blocks(n, threads, kBlock, [&](std::size_t k, std::size_t b, std::size_t e) {
        std::size_t* c = &count[k * kBuckets];
        for (std::size_t i = b; i < e; ++i) out[c[digit(a[i])]++] = a[i];
    });
    return true;
}

template <typename T, typename KeyFn>
void insertion_sort(T* a, std::size_t n, KeyFn key) {
    for (std::size_t i = 1; i < n; ++i) {
        T v = a[i];
        const auto kv = key(v);
        std::size_t j = i;
        for (; j > 0 && key(a[j - 1]) > kv; --j) a[j] = a[j - 1];
        a[j] = v;
    }
}

// LSD passes over the bits [0, bits) of a[0, n); tmp holds at least n elements.
template <typename T, typename KeyFn>
void lsd(T* a, T* tmp, std::size_t n, KeyFn key, int bits, unsigned threads) {
    T* from = a;
    T* to = tmp;
    for (int shift = 0; shift < bits; shift += kBits) {
        auto digit = [&](const T& x) { return static_cast<std::size_t>((key(x) >> shift) & (kBuckets - 1)); };
        if (scatter(from, to, n, digit, threads)) std::swap(from, to);  // else one digit: nothing moves
    }
    if (from != a) std::copy(from, from + n, a);
}

// MSD on the bits [0, bits) of a[0, n), by itself: a counting pass on the top digit,
// then each bucket the same way, down to short ranges sorted by insertion. Buckets soon
// fit in cache, and a few levels separate keys spread over many bits.
template <typename T, typename KeyFn>
void msd(T* a, T* tmp, std::size_t n, KeyFn key, int bits) {
    if (n <= kSmall) return insertion_sort(a, n, key);
    if (bits <= 0) return;  // all keys equal
    const int shift = std::max(0, bits - kBits);
    std::vector<std::size_t> starts(kBuckets + 1);
    auto digit = [&](const T& x) { return static_cast<std::size_t>((key(x) >> shift) & (kBuckets - 1)); };
    if (scatter(a, tmp, n, digit, 1, starts.data())) std::copy(tmp, tmp + n, a);
    for (std::size_t d = 0; d < kBuckets; ++d)
        if (starts[d + 1] - starts[d] > 1) msd(a + starts[d], tmp + starts[d], starts[d + 1] - starts[d], key, shift);
}

}  // namespace radix_detail

// Sorts `a` by key(element) (an unsigned value below 2^key_bits), keeping the order of
// equal keys. Short keys: LSD passes over the whole array, each in parallel. Long keys:
// one parallel pass on the top digit, then the buckets in parallel, each sorted MSD by
// itself in cache, where every further pass over the whole array would go to memory.
template <typename T, typename KeyFn>
void radix_sort(std::vector<T>& a, KeyFn key, int key_bits, unsigned threads) {
    using namespace radix_detail;
    const std::size_t n = a.size();
    if (n < 2) return;
    std::vector<T> tmp(n);
    if (key_bits <= 2 * kBits) return lsd(a.data(), tmp.data(), n, key, key_bits, threads);
    const int top = key_bits - kBits;
    std::vector<std::size_t> starts(kBuckets + 1);
    auto digit = [&](const T& x) { return static_cast<std::size_t>((key(x) >> top) & (kBuckets - 1)); };
    if (scatter(a.data(), tmp.data(), n, digit, threads, starts.data())) a.swap(tmp);
    parallel_for(kBuckets, threads, [&](std::size_t b, std::size_t e) {
        for (std::size_t d = b; d < e; ++d) msd(a.data() + starts[d], tmp.data() + starts[d], starts[d + 1] - starts[d], key, top);
    }, 16);
}

}  // namespace leefbaar
