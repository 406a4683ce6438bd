#pragma once
// Shared by the libFuzzer targets in this directory (docs/fuzzing.md).
//
// What counts as a bug: a crash, a sanitizer report (ASan, UBSan, LeakSanitizer),
// a hang or an out-of-memory, a libstdc++ assertion, and any exception other than
// our typed input errors. DataError and UsageError are the documented answer to bad
// input (exit codes 1 and 2), so a target catches exactly those and nothing else:
// anything else escapes, std::terminate aborts, and libFuzzer keeps the input.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "core/error.hpp"

namespace leefbaar::fuzz {

template <class F>
void expect_typed_errors_only(F&& run) {
    try {
        run();
    } catch (const DataError&) {
    } catch (const UsageError&) {
    }
}

// A property of a successful parse that does not hold: abort so libFuzzer keeps the input.
[[noreturn]] inline void property_violated(const char* what) {
    std::fprintf(stderr, "fuzz property violated: %s\n", what);
    std::abort();
}

inline std::string as_string(const std::uint8_t* data, std::size_t size) {
    return std::string(reinterpret_cast<const char*>(data), size);
}

}  // namespace leefbaar::fuzz
