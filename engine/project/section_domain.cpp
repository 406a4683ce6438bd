// [domain.<name>]: the domains of the index (label, weight), in file order.
#include <algorithm>
#include <cmath>

#include "project/sections.hpp"

namespace leefbaar::project {

void parse_section_domain(const toml::node& section, ParseContext& ctx) {
    const auto& all = ctx.as_table(section, "[domain]");
    if (all.empty())
        ctx.fail(section, "the project defines no domains: [domain] is empty",
                 "add at least one [domain.<name>] section, e.g. [domain.safety] with label = \"Safety\"");
    std::vector<std::pair<int, index::DomainSpec>> found;
    for (const auto& [k, v] : all) {
        const std::string name(k.str());
        const std::string w = "[domain." + name + "]";
        const auto* t = v.as_table();
        if (!t) ctx.fail(v, "domain '" + name + "' must be a section", "write [domain." + name + "] with label and weight");
        ctx.check_keys(*t, {"label", "weight"}, w);
        index::DomainSpec d;
        d.name = name;
        d.label = ctx.get_string(*t, "label", w).value_or(name);
        if (auto x = ctx.get_number(*t, "weight", w)) {
            if (*x < 0) ctx.fail(*t->get("weight"), "the weight of domain '" + name + "' is negative", "weights must be 0 or more");
            d.weight = *x;
            ctx.project().lines["weights.explicit"] = ParseContext::line_of(*t->get("weight"));
        }
        ctx.remember("domain." + name, v);
        found.emplace_back(ParseContext::line_of(v), d);
    }
    // toml++ keeps tables sorted by key; the user's order is the order of the lines.
    std::stable_sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto& [line, d] : found) ctx.project().index.domains.push_back(d);
}

}  // namespace leefbaar::project
