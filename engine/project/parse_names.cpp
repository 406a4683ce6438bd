// How the engine's messages name an option when the run comes from a project file:
// `neighbours = 6 in [spatial]` instead of `--neighbours 6`.
#include <atomic>
#include <cstdlib>
#include <map>
#include <mutex>
#include <set>
#include <vector>

#include "core/error.hpp"
#include "project/project.hpp"

namespace leefbaar::project {
namespace {

// The sections that declare each parameter, in the order of the project file (the
// weights keys are in [spatial] and [cluster]).
const std::map<std::string, std::vector<std::string>>& sections_of() {
    static const std::map<std::string, std::vector<std::string>> map = [] {
        std::map<std::string, std::vector<std::string>> m;
        for (const auto& s : project_sections()) {
            if (!s.declare) continue;
            Project p;
            params::ParamList list;
            s.declare(list, p);
            for (const auto& prm : list.all())
                if (prm.in_project()) m[prm.name()].push_back(s.repeated ? s.name + ".<name>" : s.name);
        }
        return m;
    }();
    return map;
}

// Set from the pipeline's thread between steps, read when a message is rendered.
std::atomic<const std::string*> preferred{nullptr};

std::string section_of(const std::string& name) {
    const auto it = sections_of().find(name);
    if (it == sections_of().end()) return {};
    const std::string* p = preferred.load();
    for (const auto& s : it->second)
        if (p && s == *p) return s;
    return it->second.front();
}

}  // namespace

void prefer_param_section(const std::string& section) {
    // Interned: the pointer stays valid for the whole process.
    static std::mutex m;
    static std::set<std::string> names;
    std::lock_guard<std::mutex> lock(m);
    preferred.store(&*names.insert(section).first);
}

std::string param_as_key(const std::string& name, const std::string* value) {
    const std::string section = section_of(name);
    const std::string where = section.empty() ? std::string() : " in [" + section + "]";
    if (!value) return name + where;
    char* end = nullptr;
    std::strtod(value->c_str(), &end);
    const bool bare = (!value->empty() && *end == '\0') || *value == "true" || *value == "false";
    return name + " = " + (bare ? *value : "\"" + *value + "\"") + where;
}

void use_project_param_names() {
    (void)sections_of();  // built before any worker thread can throw
    set_param_renderer(param_as_key);
}

}  // namespace leefbaar::project
