#pragma once
// Shared helpers for the section parsers: apply_params sets a section's keys through
// the parameter declarations (core/param.hpp), with errors that name the line in the
// project file and a "did you mean" hint for unknown keys. Internal to engine/project.
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
    // Sets every key of `t` that is a parameter of `list` (by name, or by an old name
    // with a deprecation warning), through Param::set: the same validation as the
    // command line. Keys in `extra` are left to the caller; any other key is an
    // error naming the nearest known one. Input paths are made relative to the file.
    void apply_params(const toml::table& t, params::ParamList& list, const std::string& where,
                      const std::vector<std::string>& extra = {}) const;

    // A path from the project file, relative to its directory.
    std::string resolve_path(const std::string& p) const;

    // Remembers the line of a key for errors found later (Project::lines).
    void remember(const std::string& name, const toml::node& n) { project_.lines[name] = line_of(n); }

private:
    std::string file_;
    Project& project_;
};

}  // namespace leefbaar::project
