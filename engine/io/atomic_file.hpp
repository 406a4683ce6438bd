#pragma once
// Writing one small text output (a JSON report, a GAL file, HTML) as a transaction of
// its own (io::OutputSet): a temporary sibling, then a no-replace rename. Commands with
// several outputs declare them all in one OutputSet instead.
#include <string>

namespace leefbaar::io {

// Throws UsageError if the file exists and overwrite is false, or the directory is missing.
void write_text_atomic(const std::string& path, const std::string& content, bool overwrite);

}  // namespace leefbaar::io
