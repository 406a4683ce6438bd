#pragma once
// Shared helpers for the section parsers: typed access to TOML values with errors
// that name the line in the project file, and the unknown-key check with a
// "did you mean" hint. Internal to engine/project.
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include <toml++/toml.h>

#include "core/error.hpp"
#include "core/param_list.hpp"
#include "project/project.hpp"

namespace leefbaar::project {

// Upper bounds for get_integer: an int field, and "no upper bound" (seeds).
inline constexpr std::int64_t kIntMax = std::numeric_limits<int>::max();
inline constexpr std::int64_t kNoMax = std::numeric_limits<std::int64_t>::max();

class ParseContext {
public:
    ParseContext(std::string file, Project& project) : file_(std::move(file)), project_(project) {}

    const std::string& file() const { return file_; }
    Project& project() { return project_; }

    [[noreturn]] void fail(const toml::node& at, const std::string& message, const std::string& hint = {}) const;
    [[noreturn]] void fail_line(int line, const std::string& message, const std::string& hint = {}) const;
    static int line_of(const toml::node& n) { return static_cast<int>(n.source().begin.line); }

    // `where` names the table in messages ("[index]", "[indicator.wmo]").
    const toml::table& as_table(const toml::node& n, const std::string& where) const;
    // Errors on the first key not in `known`, naming the nearest known key.
    void check_keys(const toml::table& t, const std::vector<std::string>& known, const std::string& where) const;

    std::optional<std::string> get_string(const toml::table& t, const std::string& key, const std::string& where) const;
    std::string require_string(const toml::table& t, const std::string& key, const std::string& where) const;
    // Numbers are finite: TOML's nan and inf are refused with the key and the line.
    std::optional<double> get_number(const toml::table& t, const std::string& key, const std::string& where) const;
    // A whole number in [lo, hi], so a huge value never wraps when it is narrowed to int.
    std::optional<std::int64_t> get_integer(const toml::table& t, const std::string& key, const std::string& where, std::int64_t lo,
                                            std::int64_t hi, const std::string& hint = {}) const;
    std::optional<int> get_int(const toml::table& t, const std::string& key, const std::string& where, int lo, int hi,
                               const std::string& hint = {}) const;
    std::optional<bool> get_bool(const toml::table& t, const std::string& key, const std::string& where) const;
    std::optional<std::vector<std::string>> get_strings(const toml::table& t, const std::string& key, const std::string& where) const;
    std::optional<std::vector<double>> get_numbers(const toml::table& t, const std::string& key, const std::string& where) const;

    // Sets every key of `t` that is a parameter of `list` (by name, or by an old name
    // with a deprecation warning), through Param::set: the same validation as the
    // command line. Keys in `extra` are left to the caller; any other key is an
    // error naming the nearest known one. Input paths are made relative to the file.
    void apply_params(const toml::table& t, params::ParamList& list, const std::string& where,
                      const std::vector<std::string>& extra = {}) const;

    // A path from the project file, relative to its directory.
    std::string resolve_path(const std::string& p) const;

    // Runs a method-name parser (index::parse_*) and rethrows its UsageError with the line.
    template <class F>
    auto parse_name(const toml::table& t, const std::string& key, const std::string& where, F parser) const
        -> std::optional<decltype(parser(std::string()))> {
        const auto s = get_string(t, key, where);
        if (!s) return std::nullopt;
        try {
            return parser(*s);
        } catch (const Error& e) {
            fail(*t.get(key), e.message(), e.hint());
        }
    }

    // Remembers the line of a key for errors found later (Project::lines).
    void remember(const std::string& name, const toml::node& n) { project_.lines[name] = line_of(n); }

private:
    std::string file_;
    Project& project_;
};

}  // namespace leefbaar::project
