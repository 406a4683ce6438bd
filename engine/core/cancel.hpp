#pragma once
// The process-wide cancel request. The command line's SIGINT/SIGTERM handler sets it
// (async-signal-safe: one lock-free atomic store); every Progress::report checks it, so
// a long operation unwinds through its normal error path, removing its temporaries.
namespace leefbaar {

void request_cancel() noexcept;
bool cancel_requested() noexcept;
// For tests: forget an earlier request.
void reset_cancel() noexcept;

}  // namespace leefbaar
