// [domain.<name>]: the domains of the index (label, weight), in file order. The keys
// of one domain are declared in steps/index_params.cpp.
#include <algorithm>

#include "project/sections.hpp"
#include "steps/index_params.hpp"

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
        index::DomainSpec d;
        d.name = name;
        d.label = name;
        params::ParamList list;
        steps::declare_domain(list, d);
        refuse_out_of_range(*t, list, "weight", ctx, "the weight of domain '" + name + "' is negative", "weights must be 0 or more");
        ctx.apply_params(*t, list, w);
        if (list.given("weight")) ctx.project().lines["weights.explicit"] = ParseContext::line_of(*t->get("weight"));
        ctx.remember("domain." + name, v);
        found.emplace_back(ParseContext::line_of(v), d);
    }
    // toml++ keeps tables sorted by key; the user's order is the order of the lines.
    std::stable_sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto& [line, d] : found) ctx.project().index.domains.push_back(d);
}

}  // namespace leefbaar::project
