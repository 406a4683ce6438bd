// [uncertainty]: the Monte Carlo over the choices a user is unsure of.
#include "core/error.hpp"
#include "project/sections.hpp"

namespace leefbaar::project {
namespace {

template <class E, class F>
std::vector<E> names_to(const toml::table& t, const std::string& key, ParseContext& ctx, F parser) {
    std::vector<E> out;
    const auto names = ctx.get_strings(t, key, "[uncertainty]");
    if (!names) return out;
    for (const auto& n : *names) {
        try {
            out.push_back(parser(n));
        } catch (const Error& e) {
            ctx.fail(*t.get(key), e.message(), e.hint());
        }
    }
    return out;
}

}  // namespace

void parse_section_uncertainty(const toml::node& section, ParseContext& ctx) {
    const std::string w = "[uncertainty]";
    const auto& t = ctx.as_table(section, w);
    ctx.check_keys(t, {"runs", "seed", "weights", "normalisation", "aggregation", "missing", "sensitivity"}, w);
    auto& u = ctx.project().uncertainty;
    if (auto v = ctx.get_integer(t, "runs", w, 0, 1000000, "1000 is the usual choice; 0 switches the Monte Carlo off")) u.runs = static_cast<std::size_t>(*v);
    if (auto v = ctx.get_integer(t, "seed", w, 0, kNoMax)) u.seed = static_cast<std::uint64_t>(*v);
    if (auto v = ctx.get_number(t, "weights", w)) {
        if (!(*v >= 0 && *v < 1)) ctx.fail(*t.get("weights"), "weights (the range of the weight perturbation) must be in [0, 1)", "e.g. weights = 0.25 for +-25 %");
        u.weight_range = *v;
    }
    u.normalisations = names_to<index::Normalisation>(t, "normalisation", ctx, index::parse_normalisation);
    if (t.get("normalisation")) ctx.remember("uncertainty.normalisation", *t.get("normalisation"));
    u.aggregations = names_to<index::Aggregation>(t, "aggregation", ctx, index::parse_aggregation);
    u.imputations = names_to<index::Imputation>(t, "missing", ctx, index::parse_imputation);
    u.sensitivity = ctx.get_bool(t, "sensitivity", w).value_or(true);
}

}  // namespace leefbaar::project
