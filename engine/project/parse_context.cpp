#include "project/parse_context.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>

#include "core/error.hpp"

namespace leefbaar::project {

void ParseContext::fail(const toml::node& at, const std::string& message, const std::string& hint) const {
    // A key of the project this one extends is named in its own file.
    const auto& path = at.source().path;
    if (path && !path->empty() && *path != file_) {
        ErrorContext ctx;
        ctx.file = *path;
        if (line_of(at) > 0) ctx.line = line_of(at);
        throw UsageError(message, ctx, hint);
    }
    fail_line(line_of(at), message, hint);
}

void ParseContext::fail_line(int line, const std::string& message, const std::string& hint) const {
    ErrorContext ctx;
    ctx.file = file_;
    if (line > 0) ctx.line = line;
    throw UsageError(message, ctx, hint);
}

const toml::table& ParseContext::as_table(const toml::node& n, const std::string& where) const {
    const auto* t = n.as_table();
    if (!t) fail(n, where + " must be a table", "write it as a section: " + where);
    return *t;
}

namespace {
const char* type_name(const toml::node& n) {
    switch (n.type()) {
    case toml::node_type::string: return "a string";
    case toml::node_type::integer: return "an integer";
    case toml::node_type::floating_point: return "a number";
    case toml::node_type::boolean: return "true/false";
    case toml::node_type::array: return "a list";
    case toml::node_type::table: return "a table";
    default: return "a date/time";
    }
}

std::string number_text(double v) {
    if (std::isnan(v)) return "nan";
    return v < 0 ? "-inf" : "inf";
}

}  // namespace

namespace {

std::optional<params::Value> toml_value(const ParseContext& ctx, const toml::node& n, const params::Param& p, const std::string& key,
                                        const std::string& where) {
    using params::Type;
    const auto wrong = [&](const std::string& want) { ctx.fail(n, key + " in " + where + " must be " + want + ", not " + type_name(n)); };
    switch (p.type()) {
    case Type::Boolean:
        if (!n.is_boolean()) wrong("true or false");
        return *n.value<bool>();
    case Type::Integer:
        if (!n.is_integer()) wrong("a whole number");
        return *n.value<std::int64_t>();
    case Type::Number:
        if (n.is_integer()) return static_cast<double>(*n.value<std::int64_t>());
        if (!n.is_floating_point()) wrong("a number");
        if (!std::isfinite(*n.value<double>()))
            ctx.fail(n, key + " in " + where + " must be a finite number, not " + number_text(*n.value<double>()), "write an ordinary number");
        return *n.value<double>();
    case Type::StringList: {
        if (n.is_string()) return std::vector<std::string>{std::string(*n.value<std::string>())};
        const auto* a = n.as_array();
        if (!a) wrong("a list of strings, e.g. [\"a\", \"b\"]");
        std::vector<std::string> out;
        for (const auto& e : *a) {
            if (!e.is_string()) ctx.fail(e, key + " in " + where + " must contain only strings");
            out.emplace_back(*e.value<std::string>());
        }
        return out;
    }
    case Type::NumberList: {
        const auto* a = n.as_array();
        if (!a) wrong("a list of numbers, e.g. [1, 2]");
        std::vector<double> out;
        for (const auto& e : *a) {
            if (e.is_integer()) out.push_back(static_cast<double>(*e.value<std::int64_t>()));
            else if (e.is_floating_point() && std::isfinite(*e.value<double>())) out.push_back(*e.value<double>());
            else if (e.is_floating_point())
                ctx.fail(e, key + " in " + where + " must contain only finite numbers, not " + number_text(*e.value<double>()), "write ordinary numbers");
            else ctx.fail(e, key + " in " + where + " must contain only numbers");
        }
        return out;
    }
    default:
        if (!n.is_string()) wrong("a string (in quotes)");
        return std::string(*n.value<std::string>());
    }
}

}  // namespace

void ParseContext::apply_params(const toml::table& t, params::ParamList& list, const std::string& where,
                                const std::vector<std::string>& extra) const {
    std::vector<std::string> known = list.names(params::Scope::ProjectOnly);
    known.insert(known.end(), extra.begin(), extra.end());
    for (const auto& [k, node] : t) {
        const std::string key(k.str());
        if (std::find(extra.begin(), extra.end(), key) != extra.end()) continue;
        bool old = false;
        const params::Param* p = list.lookup(key, &old);
        if (!p || !p->in_project()) {
            const std::string near = nearest_name(key, known);
            fail(node, "unknown key '" + key + "' in " + where,
                 (near.empty() ? std::string() : "did you mean '" + near + "'? ") + "known keys: " + join_names(known));
        }
        if (old)
            project_.warnings.push_back(file_ + ", line " + std::to_string(line_of(node)) + ": " + where + " " + key + " is deprecated; write " +
                                        p->name() + " instead (same meaning)");
        auto v = toml_value(*this, node, *p, key, where);
        if (p->type() == params::Type::InputPath) v = resolve_path(std::get<std::string>(*v));
        try {
            p->set(*v);
        } catch (const UsageError& e) {
            // "k in [cluster] must be between 1 and ...", "bandwidth must be positive, not -5",
            // "weights = 'quen' is not known: ...": the wording the parser always used.
            const bool quoted = !e.message().empty() && e.message()[0] == '\'';
            // An unknown name: the known ones go to the hint, as the project file
            // always had them ("aggregation = 'geometrc' is not known", hint: did you mean ...).
            const std::string unknown = " is not known: ";
            const auto cut = quoted && e.hint().empty() ? e.message().find(unknown) : std::string::npos;
            if (cut != std::string::npos)
                fail(node, key + " = " + e.message().substr(0, cut + unknown.size() - 2), e.message().substr(cut + unknown.size()));
            const bool integer = p->type() == params::Type::Integer;
            fail(node, key + (quoted ? " = " : integer ? " in " + where + " " : " ") + e.message(), e.hint());
        }
        list.mark_given(p->name());
        project_.lines[where + "." + p->name()] = line_of(node);
    }
}

std::string ParseContext::resolve_path(const std::string& p) const {
    if (p.empty() || p.rfind("PG:", 0) == 0 || p.find("://") != std::string::npos || p.rfind("/vsi", 0) == 0) return p;
    const std::filesystem::path path(p);
    if (path.is_absolute()) return p;
    return (project_.base_dir / path).lexically_normal().string();
}

}  // namespace leefbaar::project
