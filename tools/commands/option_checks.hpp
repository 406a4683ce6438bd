#pragma once
// Checks of command-line values that CLI11's own validators get wrong for us.
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <limits>
#include <string>

#include <CLI/CLI.hpp>

#include "core/error.hpp"

namespace leefbaar::cli {

// CLI11's Range, PositiveNumber and NonNegativeNumber let "nan" through (every
// comparison with NaN is false) and accept "inf"; finite_number refuses both and
// says which bound was broken.
inline std::string bound_text(double v) {
    char b[32];
    std::snprintf(b, sizeof b, "%g", v);
    return b;
}

// A finite number with lo <(=) value <(=) hi; an infinite bound means none on that side.
inline CLI::Validator finite_number(double lo = -std::numeric_limits<double>::infinity(),
                                    double hi = std::numeric_limits<double>::infinity(), bool lo_open = false, bool hi_open = false) {
    std::string desc = "FINITE";
    if (std::isfinite(lo)) desc += std::string(lo_open ? " > " : " >= ") + bound_text(lo);
    if (std::isfinite(hi)) desc += std::string(hi_open ? " < " : " <= ") + bound_text(hi);
    return CLI::Validator(
        [=](std::string& text) -> std::string {
            double v = 0;
            if (!CLI::detail::lexical_cast(text, v)) return "'" + text + "' is not a number";
            if (!std::isfinite(v)) return "'" + text + "' is not a finite number";
            if (lo_open ? !(v > lo) : !(v >= lo)) return "'" + text + "' must be " + (lo_open ? "greater than " : "at least ") + bound_text(lo);
            if (hi_open ? !(v < hi) : !(v <= hi)) return "'" + text + "' must be " + (hi_open ? "less than " : "at most ") + bound_text(hi);
            return {};
        },
        desc);
}

inline CLI::Validator finite_positive() { return finite_number(0.0, std::numeric_limits<double>::infinity(), true); }
inline CLI::Validator finite_non_negative() { return finite_number(0.0); }

// An input file that must exist. Not CLI::ExistingFile: that is a parse error (exit
// 2), while a missing input is a data error (exit 1, docs/exit-codes.md).
inline void require_input_file(const std::string& path, const std::string& what) {
    std::error_code ec;
    const auto status = std::filesystem::status(path, ec);
    if (!std::filesystem::exists(status))
        throw DataError(what + " does not exist", ErrorContext{path, {}, {}, {}, {}}, "check the path (relative paths start in the current directory)");
    if (std::filesystem::is_directory(status))
        throw DataError(what + " is a directory, not a file", ErrorContext{path, {}, {}, {}, {}}, "give the path of the file itself");
}

}  // namespace leefbaar::cli
