#include "join/key.hpp"

#include <algorithm>
#include <cctype>

namespace leefbaar {

std::string normalise_key(std::string_view raw, const KeyOptions& options) {
    while (!raw.empty() && std::isspace(static_cast<unsigned char>(raw.front()))) raw.remove_prefix(1);
    while (!raw.empty() && std::isspace(static_cast<unsigned char>(raw.back()))) raw.remove_suffix(1);
    std::string key(raw);
    if (options.case_fold)
        std::transform(key.begin(), key.end(), key.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    if (options.zero_pad > 0 && !key.empty() && std::all_of(key.begin(), key.end(), [](unsigned char c) { return std::isdigit(c); }) &&
        key.size() < static_cast<std::size_t>(options.zero_pad))
        key.insert(0, static_cast<std::size_t>(options.zero_pad) - key.size(), '0');
    return key;
}

std::string key_at(const Column& key_column, std::size_t row, const KeyOptions& options) {
    if (key_column.is_null(row)) return {};
    return normalise_key(key_column.as_text(row), options);
}

}  // namespace leefbaar
