#pragma once
// Join keys as users have them: "BU09171000", " BU09171000 " from a padded
// StatLine export, 917 stored as a number where the other side says "0917".
#include <string>
#include <string_view>

#include "core/feature_table.hpp"

namespace leefbaar {

struct KeyOptions {
    bool case_fold = false;  // compare keys case-insensitively (ASCII)
    int zero_pad = 0;        // pad purely numeric keys with leading zeros to this width (0 = off)
};

// Trims surrounding white space, folds case and pads numeric codes as asked.
std::string normalise_key(std::string_view raw, const KeyOptions& options);

// The normalised key of a row; empty for a null key.
std::string key_at(const Column& key_column, std::size_t row, const KeyOptions& options);

}  // namespace leefbaar
