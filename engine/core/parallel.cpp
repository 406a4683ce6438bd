#include "core/parallel.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace leefbaar {

unsigned resolve_threads(unsigned requested) {
    if (requested > 0) return requested;
    const unsigned hw = std::thread::hardware_concurrency();
    return hw == 0 ? 1 : hw;
}

void parallel_for(std::size_t n, unsigned threads, const std::function<void(std::size_t, std::size_t)>& body,
                  std::size_t block) {
    if (n == 0) return;
    block = std::max<std::size_t>(1, block);
    const std::size_t blocks = (n + block - 1) / block;
    const unsigned t = std::min<std::size_t>(resolve_threads(threads), blocks);
    if (t <= 1) {
        body(0, n);
        return;
    }
    std::atomic<std::size_t> next{0};
    std::exception_ptr error;
    std::mutex error_mutex;
    auto worker = [&] {
        for (;;) {
            const std::size_t b = next.fetch_add(1);
            if (b >= blocks) return;
            try {
                body(b * block, std::min(n, (b + 1) * block));
            } catch (...) {
                std::lock_guard<std::mutex> lock(error_mutex);
                if (!error) error = std::current_exception();
                next = blocks;  // stop handing out work
            }
        }
    };
    std::vector<std::thread> pool;
    for (unsigned i = 0; i < t; ++i) pool.emplace_back(worker);
    for (auto& th : pool) th.join();
    if (error) std::rethrow_exception(error);
}

void parallel_for_blocks(std::size_t n, unsigned threads, std::size_t block,
                         const std::function<void(std::size_t, std::size_t, std::size_t)>& body) {
    block = std::max<std::size_t>(1, block);
    parallel_for(n, threads, [&](std::size_t b, std::size_t e) {
        for (std::size_t s = b; s < e; s += block) body(s / block, s, std::min(e, s + block));
    }, block);
}

}  // namespace leefbaar
