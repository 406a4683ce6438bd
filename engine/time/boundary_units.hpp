#pragma once
// What the boundary-change code (crosswalk.cpp, areal_interpolation.cpp,
// apportion_table.cpp) reads from the editions' tables: the unit codes, numeric
// columns and the population field.
#include <string>
#include <unordered_map>
#include <vector>

#include "core/feature_table.hpp"

namespace leefbaar::boundary {

// The key column's values in row order, as text. `role` ("source", "target") names
// the table in messages. UsageError without a key column; DataError on an empty or
// repeated code, naming the row.
std::vector<std::string> unit_codes(const FeatureTable& table, const std::string& role);

std::unordered_map<std::string, std::size_t> index_of(const std::vector<std::string>& codes);

// A numeric column as doubles (NaN for null); DataError naming the file and field
// (`what`: "population field", "column") with `hint` when it is text.
std::vector<double> numeric_column(const FeatureTable& table, const std::string& field, const std::string& what, const std::string& hint);

// The population field of the source table as numbers; DataError naming the row and
// field on a missing, negative or non-numeric value (a weight must be known).
std::vector<double> population(const FeatureTable& source, const std::string& field);

}  // namespace leefbaar::boundary
