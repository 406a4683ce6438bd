#pragma once
// A Choice parameter bound to an enum through its parse/to_string pair, with the
// names as the choices: one idiom for every enum-valued option.
#include <string>
#include <vector>

#include "core/param.hpp"

namespace leefbaar::steps {

template <class E, class Parse, class Name>
params::Param& bind_enum(params::Param& p, E& var, Parse parse, Name name, std::vector<std::string> names) {
    return p.choices(std::move(names))
        .bind_with([&var, parse](const params::Value& v) { var = parse(std::get<std::string>(v)); }, params::Value(std::string(name(var))));
}

}  // namespace leefbaar::steps
