#include "core/cancel.hpp"

#include <atomic>

namespace leefbaar {

namespace {
std::atomic<bool> requested{false};
static_assert(std::atomic<bool>::is_always_lock_free, "the signal handler needs a lock-free flag");
}  // namespace

void request_cancel() noexcept { requested.store(true, std::memory_order_relaxed); }
bool cancel_requested() noexcept { return requested.load(std::memory_order_relaxed); }
void reset_cancel() noexcept { requested.store(false, std::memory_order_relaxed); }

}  // namespace leefbaar
