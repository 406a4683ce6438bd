#include "project/parse_context.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>

#include "core/error.hpp"

namespace leefbaar::project {

void ParseContext::fail(const toml::node& at, const std::string& message, const std::string& hint) const {
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

void ParseContext::check_keys(const toml::table& t, const std::vector<std::string>& known, const std::string& where) const {
    for (const auto& [k, v] : t) {
        const std::string key(k.str());
        bool ok = false;
        for (const auto& n : known) ok = ok || n == key;
        if (ok) continue;
        const std::string near = nearest_name(key, known);
        fail(v, "unknown key '" + key + "' in " + where,
             (near.empty() ? std::string() : "did you mean '" + near + "'? ") + "known keys: " + join_names(known));
    }
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

std::string with_commas(std::int64_t v) {
    // Through unsigned: the magnitude of INT64_MIN does not fit a signed 64-bit integer.
    const std::uint64_t mag = v < 0 ? 0 - static_cast<std::uint64_t>(v) : static_cast<std::uint64_t>(v);
    std::string s = std::to_string(mag);
    for (int i = static_cast<int>(s.size()) - 3; i > 0; i -= 3) s.insert(static_cast<std::size_t>(i), ",");
    return (v < 0 ? "-" : "") + s;
}

std::string range_text(std::int64_t lo, std::int64_t hi) {
    if (hi == std::numeric_limits<std::int64_t>::max()) return lo == 0 ? "0 or more" : "at least " + with_commas(lo);
    return "between " + with_commas(lo) + " and " + with_commas(hi);
}

}  // namespace

std::optional<std::string> ParseContext::get_string(const toml::table& t, const std::string& key, const std::string& where) const {
    const toml::node* n = t.get(key);
    if (!n) return std::nullopt;
    if (!n->is_string()) fail(*n, key + " in " + where + " must be a string (in quotes), not " + type_name(*n));
    return std::string(*n->value<std::string>());
}

std::string ParseContext::require_string(const toml::table& t, const std::string& key, const std::string& where) const {
    auto s = get_string(t, key, where);
    if (!s || s->empty()) fail(t, where + " needs " + key, "add " + key + " = \"...\" to " + where);
    return *s;
}

std::optional<double> ParseContext::get_number(const toml::table& t, const std::string& key, const std::string& where) const {
    const toml::node* n = t.get(key);
    if (!n) return std::nullopt;
    if (n->is_integer()) return static_cast<double>(*n->value<std::int64_t>());
    if (!n->is_floating_point()) fail(*n, key + " in " + where + " must be a number, not " + type_name(*n));
    const double v = *n->value<double>();
    if (!std::isfinite(v)) fail(*n, key + " in " + where + " must be a finite number, not " + number_text(v), "write an ordinary number");
    return v;
}

std::optional<std::int64_t> ParseContext::get_integer(const toml::table& t, const std::string& key, const std::string& where,
                                                      std::int64_t lo, std::int64_t hi, const std::string& hint) const {
    const toml::node* n = t.get(key);
    if (!n) return std::nullopt;
    if (!n->is_integer()) fail(*n, key + " in " + where + " must be a whole number, not " + type_name(*n));
    const std::int64_t v = *n->value<std::int64_t>();
    if (v < lo || v > hi)
        fail(*n, key + " in " + where + " must be " + range_text(lo, hi) + ", not " + with_commas(v), hint);
    return v;
}

std::optional<int> ParseContext::get_int(const toml::table& t, const std::string& key, const std::string& where, int lo, int hi,
                                         const std::string& hint) const {
    const auto v = get_integer(t, key, where, lo, hi, hint);
    if (!v) return std::nullopt;
    return static_cast<int>(*v);
}

std::optional<bool> ParseContext::get_bool(const toml::table& t, const std::string& key, const std::string& where) const {
    const toml::node* n = t.get(key);
    if (!n) return std::nullopt;
    if (!n->is_boolean()) fail(*n, key + " in " + where + " must be true or false, not " + type_name(*n));
    return *n->value<bool>();
}

std::optional<std::vector<std::string>> ParseContext::get_strings(const toml::table& t, const std::string& key,
                                                                   const std::string& where) const {
    const toml::node* n = t.get(key);
    if (!n) return std::nullopt;
    std::vector<std::string> out;
    if (n->is_string()) return std::vector<std::string>{std::string(*n->value<std::string>())};
    const auto* a = n->as_array();
    if (!a) fail(*n, key + " in " + where + " must be a list of strings, e.g. [\"a\", \"b\"]");
    for (const auto& e : *a) {
        if (!e.is_string()) fail(e, key + " in " + where + " must contain only strings");
        out.emplace_back(*e.value<std::string>());
    }
    return out;
}

std::optional<std::vector<double>> ParseContext::get_numbers(const toml::table& t, const std::string& key, const std::string& where) const {
    const toml::node* n = t.get(key);
    if (!n) return std::nullopt;
    const auto* a = n->as_array();
    if (!a) fail(*n, key + " in " + where + " must be a list of numbers, e.g. [1, 2]");
    std::vector<double> out;
    for (const auto& e : *a) {
        if (e.is_integer()) out.push_back(static_cast<double>(*e.value<std::int64_t>()));
        else if (e.is_floating_point() && std::isfinite(*e.value<double>())) out.push_back(*e.value<double>());
        else if (e.is_floating_point()) fail(e, key + " in " + where + " must contain only finite numbers, not " + number_text(*e.value<double>()), "write ordinary numbers");
        else fail(e, key + " in " + where + " must contain only numbers");
    }
    return out;
}

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
