#pragma once
// Typed errors of the engine. Every error carries where it happened (file, layer,
// row, field) so the command line can tell the user exactly what to fix. The
// engine never exits; `main` catches these in one place and maps them to exit codes.
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace leefbaar {

struct ErrorContext {
    ErrorContext() = default;
    // Positional, as the aggregate it was: ErrorContext{path, layer, row, field, line}.
    ErrorContext(std::string file_, std::string layer_ = {}, std::optional<std::int64_t> row_ = {}, std::string field_ = {},
                 std::optional<int> line_ = {}, std::string param_ = {})
        : file(std::move(file_)), layer(std::move(layer_)), row(row_), field(std::move(field_)), line(line_), param(std::move(param_)) {}
    std::string file;
    std::string layer;
    std::optional<std::int64_t> row;  // 1-based data row as the user sees it
    std::string field;
    std::optional<int> line;          // line in a text file (CSV, project file)
    std::string param;                // the parameter at fault (core/param.hpp name)
};

// Messages and hints name options as {{name}} or {{name value}} (a parameter of
// core/param.hpp). The front end decides how they read: `--snap-tolerance 0.5` on
// the command line, `snap_tolerance = 0.5 in [spatial]` for a project file. Error's
// constructor renders them with the renderer in force (set_param_renderer).
using ParamRenderer = std::string (*)(const std::string& name, const std::string* value);
// Process-wide; the front end sets it before the engine runs (nullptr: command line).
void set_param_renderer(ParamRenderer r);
ParamRenderer param_renderer();
// Sets a renderer for a scope (a project file being parsed) and restores the one before.
class ScopedParamRenderer {
public:
    explicit ScopedParamRenderer(ParamRenderer r) : before_(param_renderer()) { set_param_renderer(r); }
    ~ScopedParamRenderer() { set_param_renderer(before_); }
    ScopedParamRenderer(const ScopedParamRenderer&) = delete;
    ScopedParamRenderer& operator=(const ScopedParamRenderer&) = delete;

private:
    ParamRenderer before_;
};
std::string render_param_refs(const std::string& text);
// The command-line rendering: --kebab-name [value].
std::string render_as_flag(const std::string& name, const std::string* value);

class Error : public std::runtime_error {
public:
    Error(std::string message, ErrorContext ctx = {}, std::string hint = {});
    const ErrorContext& context() const noexcept { return ctx_; }
    const std::string& message() const noexcept { return message_; }
    const std::string& hint() const noexcept { return hint_; }
    // "file 'x.csv', row 12, field 'inwoners': <message>. <hint>"
    std::string describe() const;

private:
    std::string message_;
    ErrorContext ctx_;
    std::string hint_;
};

// Bad or inconsistent input data: missing files, unparsable values, duplicate keys.
class DataError : public Error { using Error::Error; };
// The user asked for something that cannot be done as asked (bad option values,
// output exists without --overwrite, unknown method names in a project file).
class UsageError : public Error { using Error::Error; };
// The user cancelled through the progress callback.
class Cancelled : public Error { using Error::Error; };
// A failure of a library or the system (disk full, GDAL internal error).
class SystemError : public Error { using Error::Error; };

// Documented exit codes (docs/exit-codes.md).
enum ExitCode : int { kExitOk = 0, kExitDataError = 1, kExitUsageError = 2, kExitSystemError = 3, kExitCancelled = 4 };

// Closest candidate by edit distance (for "did you mean ...?" hints); empty if none is close.
std::string nearest_name(const std::string& wanted, const std::vector<std::string>& candidates);
std::string join_names(const std::vector<std::string>& names, std::size_t max_names = 30);

}  // namespace leefbaar
