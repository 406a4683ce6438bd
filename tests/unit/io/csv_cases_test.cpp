// Data-driven tier: every tests/cases/csv/NAME.csv is read and compared with
// NAME.expect.json (see tests/cases/csv/README.md).
#include <gtest/gtest.h>

#include <filesystem>

#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "io/table_reader.hpp"
#include "support/test_support.hpp"

using namespace leefbaar;
namespace fs = std::filesystem;

TEST(CsvCases, EveryCaseMatchesItsExpectation) {
    const fs::path dir = test::source_dir() / "tests/cases/csv";
    std::size_t cases = 0;
    for (const auto& entry : fs::directory_iterator(dir)) {
        if (entry.path().extension() != ".csv") continue;
        ++cases;
        const std::string name = entry.path().stem().string();
        SCOPED_TRACE(name);
        const auto expect = nlohmann::json::parse(test::read_file(dir / (name + ".expect.json")));
        io::TableReadOptions o;
        o.key_column = "code";
        if (expect.contains("error")) {
            // A bad file: reading fails with a DataError whose text holds every listed piece.
            try {
                io::read_table(entry.path().string(), o);
                ADD_FAILURE() << "expected a DataError";
            } catch (const DataError& e) {
                const std::string text = e.describe();
                EXPECT_NE(text.find(entry.path().filename().string()), std::string::npos) << "the file is not named: " << text;
                for (const auto& piece : expect["error"]) EXPECT_NE(text.find(piece.get<std::string>()), std::string::npos) << text;
            }
            continue;
        }
        const auto r = io::read_table(entry.path().string(), o);
        if (expect.contains("warnings")) {
            ASSERT_EQ(r.warnings.size(), expect["warnings"].size());
            for (std::size_t i = 0; i < r.warnings.size(); ++i)
                for (const auto& piece : expect["warnings"][i]) EXPECT_NE(r.warnings[i].find(piece.get<std::string>()), std::string::npos) << r.warnings[i];
        } else {
            EXPECT_TRUE(r.warnings.empty()) << r.warnings.front();
        }
        EXPECT_EQ(std::string(1, r.separator), expect["separator"].get<std::string>());
        EXPECT_EQ(r.had_bom, expect.value("bom", false));
        EXPECT_EQ(r.table.rows(), expect["rows"].get<std::size_t>());
        for (const auto& [col, spec] : expect["columns"].items()) {
            SCOPED_TRACE(col);
            const Column& c = r.table.column(col);
            EXPECT_EQ(to_string(c.type), spec["type"].get<std::string>());
            if (spec.contains("nulls")) {
                EXPECT_EQ(c.null_count(), spec["nulls"].get<std::size_t>());
            }
            if (spec.contains("sentinels")) {
                for (const auto& s : r.columns) {
                    if (s.name == col) {
                        EXPECT_EQ(s.sentinels, spec["sentinels"].get<std::size_t>());
                    }
                }
            }
            const auto& values = spec["values"];
            ASSERT_EQ(values.size(), c.size());
            for (std::size_t i = 0; i < values.size(); ++i) {
                if (values[i].is_null()) {
                    EXPECT_TRUE(c.is_null(i)) << "row " << i;
                } else if (values[i].is_string()) {
                    EXPECT_EQ(c.as_text(i), values[i].get<std::string>()) << "row " << i;
                } else {
                    EXPECT_DOUBLE_EQ(c.as_double(i), values[i].get<double>()) << "row " << i;
                }
            }
        }
    }
    EXPECT_GE(cases, 4u);
}
