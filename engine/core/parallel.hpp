#pragma once
// A minimal deterministic parallel-for over [0, n) on std::threads. Work is split
// into fixed blocks independent of the thread count, so any per-item result that
// depends only on the item index (and a random stream keyed by it) is identical
// for 1 or N threads. std::thread rather than TBB: one dependency fewer, and the
// loops here are regular enough that work stealing buys nothing.
#include <cstddef>
#include <functional>

namespace leefbaar {

// 0 = use std::thread::hardware_concurrency().
unsigned resolve_threads(unsigned requested);

// Calls body(begin, end) on disjoint blocks covering [0, n). Exceptions thrown by
// a body are rethrown (the first one) after all threads have joined.
void parallel_for(std::size_t n, unsigned threads, const std::function<void(std::size_t, std::size_t)>& body,
                  std::size_t block = 256);

// Calls body(index, begin, end) once for each block [index * block, min(n, (index + 1) * block)).
// Unlike parallel_for, a body never receives more than one block, so results kept per
// block index (partial sums, output buffers) are the same for any thread count.
void parallel_for_blocks(std::size_t n, unsigned threads, std::size_t block,
                         const std::function<void(std::size_t, std::size_t, std::size_t)>& body);

}  // namespace leefbaar
