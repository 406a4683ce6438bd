#include "core/error.hpp"

#include "core/param.hpp"

#include <algorithm>
#include <atomic>
#include <cctype>

namespace leefbaar {

namespace {
std::atomic<ParamRenderer> g_renderer{nullptr};
}  // namespace

void set_param_renderer(ParamRenderer r) { g_renderer.store(r); }
ParamRenderer param_renderer() { return g_renderer.load(); }

std::string render_as_flag(const std::string& name, const std::string* value) {
    const std::string flag = params::kebab(name);
    // A boolean parameter is a flag: --great-circle, --no-repair.
    if (value && *value == "true") return "--" + flag;
    if (value && *value == "false") return "--no-" + flag;
    return value ? "--" + flag + " " + *value : "--" + flag;
}

std::string render_param_refs(const std::string& text) {
    if (text.find("{{") == std::string::npos) return text;
    const ParamRenderer r = g_renderer.load() ? g_renderer.load() : render_as_flag;
    std::string out;
    std::size_t pos = 0;
    while (true) {
        const auto open = text.find("{{", pos);
        const auto close = open == std::string::npos ? open : text.find("}}", open + 2);
        if (close == std::string::npos) break;
        out.append(text, pos, open - pos);
        const std::string ref = text.substr(open + 2, close - open - 2);
        const auto space = ref.find(' ');
        if (space == std::string::npos) {
            out += r(ref, nullptr);
        } else {
            const std::string value = ref.substr(space + 1);
            out += r(ref.substr(0, space), &value);
        }
        pos = close + 2;
    }
    out.append(text, pos, std::string::npos);
    return out;
}

Error::Error(std::string message, ErrorContext ctx, std::string hint)
    : std::runtime_error(render_param_refs(message)), message_(render_param_refs(message)), ctx_(std::move(ctx)), hint_(render_param_refs(hint)) {}

std::string Error::describe() const {
    std::string where;
    auto add = [&](const std::string& part) {
        if (!where.empty()) where += ", ";
        where += part;
    };
    if (!ctx_.file.empty()) add("file '" + ctx_.file + "'");
    if (!ctx_.layer.empty()) add("layer '" + ctx_.layer + "'");
    if (ctx_.line) add("line " + std::to_string(*ctx_.line));
    if (ctx_.row) add("row " + std::to_string(*ctx_.row));
    if (!ctx_.field.empty()) add("field '" + ctx_.field + "'");
    if (!ctx_.param.empty()) add(render_param_refs("{{" + ctx_.param + "}}"));
    std::string out = where.empty() ? message_ : where + ": " + message_;
    if (!hint_.empty()) out += "\n  hint: " + hint_;
    return out;
}

namespace {
std::size_t edit_distance(const std::string& a, const std::string& b) {
    std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        cur[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const bool same = std::tolower(static_cast<unsigned char>(a[i - 1])) ==
                              std::tolower(static_cast<unsigned char>(b[j - 1]));
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (same ? 0 : 1)});
        }
        std::swap(prev, cur);
    }
    return prev[b.size()];
}
}  // namespace

std::string nearest_name(const std::string& wanted, const std::vector<std::string>& candidates) {
    std::string best;
    std::size_t best_d = std::string::npos;
    for (const auto& c : candidates) {
        const std::size_t d = edit_distance(wanted, c);
        if (d < best_d) {
            best_d = d;
            best = c;
        }
    }
    // Only suggest when the candidate is plausibly a typo of what was asked.
    if (best_d == std::string::npos || best_d > std::max<std::size_t>(2, wanted.size() / 3)) return {};
    return best;
}

std::string join_names(const std::vector<std::string>& names, std::size_t max_names) {
    std::string out;
    for (std::size_t i = 0; i < names.size() && i < max_names; ++i) {
        if (i) out += ", ";
        out += names[i];
    }
    if (names.size() > max_names) out += ", ... (" + std::to_string(names.size() - max_names) + " more)";
    return out;
}

}  // namespace leefbaar
