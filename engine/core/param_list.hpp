#pragma once
// The parameters of one step, in declaration order (the order of --help, the docs
// and `describe`). Shared groups (the weights options of weights/lisa/hotspots/
// cluster, the output flags) are functions that add to a list, as osmium-tool's
// option groups. Params keep their address: front ends hold pointers to them.
#include <deque>
#include <set>
#include <string>
#include <vector>

#include "core/param.hpp"

namespace leefbaar::params {

class ParamList {
public:
    Param& add(std::string name, Type type, std::string help);
    const Param* find(const std::string& name) const;
    // By name or by an old name; `old` tells which it was.
    const Param* lookup(const std::string& name, bool* old = nullptr) const;
    const std::deque<Param>& all() const { return params_; }
    std::vector<std::string> names(Scope front) const;  // names usable in that front end

    // What the user gave (front ends call this), for checks across parameters.
    void mark_given(const std::string& name) { given_.insert(name); }
    bool given(const std::string& name) const { return given_.count(name) > 0; }

    // Category set on the params added after this call (help and docs group by it).
    void begin_group(std::string category) { group_ = std::move(category); }

private:
    std::deque<Param> params_;
    std::set<std::string> given_;
    std::string group_;
};

}  // namespace leefbaar::params
