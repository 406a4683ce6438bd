#pragma once
#include <cstddef>
#include <string>

#include "core/feature_table.hpp"

namespace leefbaar::io {

// What reading found in one column: its type and how many values are missing.
struct ColumnStats {
    std::string name;
    ColumnType type = ColumnType::Text;
    std::size_t missing = 0;    // null after reading (markers + sentinels + empty)
    std::size_t sentinels = 0;  // of which CBS-style sentinel codes (-99999999, -99997, ...)
    std::string note;           // how the type was decided when the user should know (a warning), else empty
};

}  // namespace leefbaar::io
