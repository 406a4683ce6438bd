// Fuzzes the CSV/table reader and the value typing behind it: read_table() on a
// .csv file (engine/io/csv_reader.cpp: BOM, UTF-8 check, separator detection,
// RFC 4180 quoting, footer detection, field counts; engine/io/value_typing.cpp:
// missing markers, CBS sentinels, decimal comma, integer/real/text typing), and
// parse_number() on the raw bytes.
//
// Input: byte 0 chooses the reader options, the rest is the file. Byte 0:
//   bits 0-1 separator (detect, ',', ';', tab), bits 2-3 decimal comma (detect,
//   off, on, detect), bit 4 the first header name is the key column (text, must
//   exist), bit 5 the second header name is forced to text.
// The reader takes a path, so the file goes to /dev/shm (memory, one per process).
// Expected: DataError / UsageError (fuzz_support.hpp says what is a bug).
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <fstream>

#include "fuzz_support.hpp"
#include "io/table_reader.hpp"
#include "io/value_typing.hpp"

namespace {

using namespace leefbaar;

struct TempFile {
    std::string path = "/dev/shm/leefbaar-fuzz-csv-" + std::to_string(::getpid()) + ".csv";
    ~TempFile() { std::remove(path.c_str()); }
};

const std::string& temp_path() {
    static const TempFile file;
    return file.path;
}

// The first header names, split on any candidate separator: good enough to name
// columns that exist most of the time, which is all the key/text options need.
std::vector<std::string> header_names(const std::string& text) {
    std::vector<std::string> out(1);
    for (char c : text) {
        if (c == '\n' || out.size() > 2) break;
        if (c == ',' || c == ';' || c == '\t') out.emplace_back();
        else if (c != '"' && c != '\r') out.back() += c;
    }
    for (auto& n : out) n = std::string(io::detail::trim(n));
    return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const std::uint8_t mode = data[0];
    const std::string text = fuzz::as_string(data + 1, size - 1);

    for (const bool decimal_comma : {false, true}) {
        bool is_int = false;
        std::int64_t as_int = 0;
        if (const auto v = io::detail::parse_number(text, decimal_comma, &is_int, &as_int)) {
            if (!std::isfinite(*v)) fuzz::property_violated("parse_number returned a non-finite number");
            if (is_int && static_cast<double>(as_int) != *v) fuzz::property_violated("parse_number integer and value differ");
        }
    }

    {
        std::ofstream out(temp_path(), std::ios::binary | std::ios::trunc);
        out.write(text.data(), static_cast<std::streamsize>(text.size()));
    }
    io::TableReadOptions options;
    const char seps[4] = {0, ',', ';', '\t'};
    options.separator = seps[mode & 3];
    const int decimal[4] = {-1, 0, 1, -1};
    options.decimal_comma = decimal[(mode >> 2) & 3];
    const auto names = header_names(text);
    if (mode & 0x10) options.key_column = names[0];
    if ((mode & 0x20) && names.size() > 1) options.text_columns = {names[1]};
    fuzz::expect_typed_errors_only([&] {
        const io::TableReadResult r = io::read_table(temp_path(), options);
        if (r.table.rows() == 0) fuzz::property_violated("a table was read without rows");
        if (r.columns.size() != r.table.columns().size()) fuzz::property_violated("column stats do not match the columns");
        for (const auto& c : r.table.columns())
            if (c.size() != r.table.rows()) fuzz::property_violated("a column has the wrong length");
    });
    return 0;
}
