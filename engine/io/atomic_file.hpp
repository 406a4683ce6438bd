#pragma once
// Writing small text outputs (JSON reports, GAL files, HTML) so that a failed run
// never leaves a half-written file: write a temporary sibling, then rename.
#include <string>

namespace leefbaar::io {

// Throws UsageError if the file exists and overwrite is false, or the directory is missing.
void write_text_atomic(const std::string& path, const std::string& content, bool overwrite);

}  // namespace leefbaar::io
