#pragma once
// UTF-8 validity of text read from any source. Text that is not UTF-8 would end up
// in the GeoPackage and make the JSON report fail at the very end; it is refused at
// reading instead, where the file, row and field are known.
#include <cstddef>
#include <string>

namespace leefbaar::io {

// The byte offset of the first invalid UTF-8 sequence, or npos.
inline std::size_t first_invalid_utf8(const std::string& s) {
    std::size_t i = 0;
    const std::size_t n = s.size();
    while (i < n) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {  // the common case, without the length table
            ++i;
            continue;
        }
        const std::size_t len = (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
        if (len == 0 || i + len > n) return i;
        for (std::size_t k = 1; k < len; ++k)
            if ((static_cast<unsigned char>(s[i + k]) >> 6) != 0x2) return i;
        if (len == 2 && c < 0xC2) return i;  // overlong
        i += len;
    }
    return std::string::npos;
}

}  // namespace leefbaar::io
