#pragma once
// Building blocks of the index and areas tests: a numeric column from values (NaN =
// missing) and an indicator read from the column of its own name.
#include <cmath>
#include <string>
#include <vector>

#include "core/feature_table.hpp"
#include "index/composite.hpp"

namespace leefbaar::test {

inline void set_column(FeatureTable& t, const std::string& name, const std::vector<double>& v) {
    auto& c = t.add_column(name, ColumnType::Float64);
    for (std::size_t i = 0; i < v.size(); ++i)
        if (!std::isnan(v[i])) c.set(i, v[i]);
}

inline index::IndicatorSpec ind(const std::string& name, const std::string& domain,
                                index::Direction d = index::Direction::HigherIsBetter, double weight = 1.0) {
    index::IndicatorSpec s;
    s.name = s.label = name;
    s.domain = domain;
    s.source.column = name;
    s.direction = d;
    s.weight = weight;
    return s;
}

}  // namespace leefbaar::test
