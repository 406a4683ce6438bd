#include "core/param_list.hpp"

#include "core/error.hpp"

namespace leefbaar::params {

Param& ParamList::add(std::string name, Type type, std::string help) {
    for (const auto& p : params_)
        if (p.name() == name) throw std::logic_error("parameter '" + name + "' declared twice in one step");
    params_.emplace_back(std::move(name), type, std::move(help));
    if (!group_.empty()) params_.back().category(group_);
    return params_.back();
}

const Param* ParamList::find(const std::string& name) const {
    for (const auto& p : params_)
        if (p.name() == name) return &p;
    return nullptr;
}

const Param* ParamList::lookup(const std::string& name, bool* old) const {
    if (old) *old = false;
    if (const Param* p = find(name)) return p;
    for (const auto& p : params_)
        for (const auto& o : p.old_names())
            if (o == name) {
                if (old) *old = true;
                return &p;
            }
    return nullptr;
}

std::vector<std::string> ParamList::names(Scope front) const {
    std::vector<std::string> out;
    for (const auto& p : params_) {
        if (front == Scope::CliOnly && !p.on_cli()) continue;
        if (front == Scope::ProjectOnly && !p.in_project()) continue;
        out.push_back(p.name());
    }
    return out;
}

}  // namespace leefbaar::params
