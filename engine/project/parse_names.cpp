// How the engine's messages name an option when the run comes from a project file:
// `neighbours = 6 in [spatial]` instead of `--neighbours 6`.
#include <cstdlib>
#include <map>

#include "core/error.hpp"
#include "project/project.hpp"

namespace leefbaar::project {
namespace {

// The first section that declares each parameter (the weights keys are in
// [spatial] and [cluster]; [spatial] comes first).
const std::map<std::string, std::string>& section_of() {
    static const std::map<std::string, std::string> map = [] {
        std::map<std::string, std::string> m;
        for (const auto& s : project_sections()) {
            if (!s.declare) continue;
            Project p;
            params::ParamList list;
            s.declare(list, p);
            for (const auto& prm : list.all())
                if (prm.in_project()) m.emplace(prm.name(), s.repeated ? s.name + ".<name>" : s.name);
        }
        return m;
    }();
    return map;
}

}  // namespace

std::string param_as_key(const std::string& name, const std::string* value) {
    const auto it = section_of().find(name);
    const std::string where = it == section_of().end() ? std::string() : " in [" + it->second + "]";
    if (!value) return name + where;
    char* end = nullptr;
    std::strtod(value->c_str(), &end);
    const bool bare = (!value->empty() && *end == '\0') || *value == "true" || *value == "false";
    return name + " = " + (bare ? *value : "\"" + *value + "\"") + where;
}

void use_project_param_names() {
    (void)section_of();  // built before any worker thread can throw
    set_param_renderer(param_as_key);
}

}  // namespace leefbaar::project
