// Regression tests for inputs the fuzz target tests/fuzz/csv_table.cpp found
// (docs/fuzzing.md). Each input is the minimised crash input; the expected
// outcome is the documented one for bad input: a DataError naming file and line.
#include <gtest/gtest.h>

#include "core/error.hpp"
#include "io/table_reader.hpp"
#include "support/test_support.hpp"

using namespace leefbaar;

namespace {
DataError csv_error(const std::string& content) {
    test::TempDir d;
    const auto path = d / "t.csv";
    test::write_file(path, content);
    try {
        io::read_table(path.string(), {});
    } catch (const DataError& e) {
        return e;
    }
    ADD_FAILURE() << "no DataError for the file";
    return DataError("none");
}
}  // namespace

// Fuzz input `""`: a header line of one empty quoted name is skipped as an empty
// line, which left no records at all; the reader then took the first record of an
// empty list (libstdc++ assertion / undefined behaviour).
TEST(CsvFuzzRegressions, HeaderOfOneEmptyQuotedNameIsAnError) {
    for (const std::string content : {"\"\"", "\"\"\n", "\xEF\xBB\xBF\"\"\r\n", "\"\"\n\n\"\"\n"}) {
        SCOPED_TRACE(content);
        const DataError e = csv_error(content);
        EXPECT_EQ(e.message(), "the file has no column names");
        EXPECT_EQ(e.context().line, 1);
        EXPECT_EQ(e.hint(), "the first line must hold the column names");
    }
}
