#pragma once
// Checks of command-line inputs beyond the parameter declarations (core/param.hpp).
#include <filesystem>
#include <string>

#include <CLI/CLI.hpp>

#include "core/error.hpp"

namespace leefbaar::cli {

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
