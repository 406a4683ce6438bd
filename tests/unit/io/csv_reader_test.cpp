// Unit tests of the CSV reader: each dialect users bring (',', ';' with decimal
// comma, tab), BOM, quotes, padded codes, missing markers and CBS sentinels.
// Expected values are the cells as written in the inline files (worked by hand).
#include <gtest/gtest.h>

#include <cmath>

#include "core/error.hpp"
#include "io/table_reader.hpp"
#include "support/test_support.hpp"

using namespace leefbaar;
using leefbaar::test::TempDir;
using leefbaar::test::write_file;

namespace {
io::TableReadResult read_csv_text(const TempDir& dir, const std::string& content, io::TableReadOptions opts = {}) {
    const auto path = dir / "t.csv";
    write_file(path, content);
    return io::read_table(path.string(), opts);
}
}  // namespace

TEST(CsvReader, CommaSeparatedWithTypes) {
    TempDir d;
    auto r = read_csv_text(d, "code,name,inwoners,dichtheid\nBU1,Noord,3440,2480.5\nBU2,Zuid,120,\n");
    EXPECT_EQ(r.separator, ',');
    const auto& t = r.table;
    ASSERT_EQ(t.rows(), 2u);
    EXPECT_EQ(t.column("code").type, ColumnType::Text);
    EXPECT_EQ(t.column("inwoners").type, ColumnType::Int64);
    EXPECT_EQ(t.column("inwoners").ints[0], 3440);
    EXPECT_EQ(t.column("dichtheid").type, ColumnType::Float64);
    EXPECT_DOUBLE_EQ(t.column("dichtheid").reals[0], 2480.5);
    EXPECT_TRUE(t.column("dichtheid").is_null(1));  // empty cell = missing, not 0
}

TEST(CsvReader, SemicolonWithDecimalComma) {
    TempDir d;
    auto r = read_csv_text(d, "code;aandeel;aantal\nBU1;12,5;3\nBU2;0,25;4\n");
    EXPECT_EQ(r.separator, ';');
    EXPECT_EQ(r.table.column("aandeel").type, ColumnType::Float64);
    EXPECT_DOUBLE_EQ(r.table.column("aandeel").reals[0], 12.5);
    EXPECT_DOUBLE_EQ(r.table.column("aandeel").reals[1], 0.25);
    EXPECT_EQ(r.table.column("aantal").ints[1], 4);
}

TEST(CsvReader, CommaSeparatorNeverReadsDecimalComma) {
    TempDir d;
    // With ',' as separator a quoted "12,5" is not a number: the column is text.
    auto r = read_csv_text(d, "code,v\nBU1,\"12,5\"\nBU2,\"abc\"\n");
    EXPECT_EQ(r.table.column("v").type, ColumnType::Text);
}

TEST(CsvReader, TabSeparated) {
    TempDir d;
    auto r = read_csv_text(d, "code\tv\nBU1\t1.5\nBU2\t2\n");
    EXPECT_EQ(r.separator, '\t');
    EXPECT_DOUBLE_EQ(r.table.column("v").reals[1], 2.0);
}

TEST(CsvReader, BomAndQuotedFieldsWithSeparatorsQuotesAndNewlines) {
    TempDir d;
    auto r = read_csv_text(d, "\xEF\xBB\xBF\"code\",\"naam\",\"v\"\r\n\"BU1\",\"Noord, oost\",\"1\"\r\n\"BU2\",\"Zei \"\"hoi\"\"\nnieuwe regel\",\"2\"\r\n");
    EXPECT_TRUE(r.had_bom);
    ASSERT_TRUE(r.table.has_column("code"));  // BOM not part of the first name
    EXPECT_EQ(r.table.column("naam").texts[0], "Noord, oost");
    EXPECT_EQ(r.table.column("naam").texts[1], "Zei \"hoi\"\nnieuwe regel");
    EXPECT_EQ(r.table.column("v").ints[1], 2);
}

TEST(CsvReader, PaddedCodesAndMissingMarkers) {
    TempDir d;
    auto r = read_csv_text(d, "code;v;w;x\n\"GM0363    \";\"  -0.100\";\"       .\";NA\n\"BU03630000\";\"   0.045\";\"-\";5\n");
    EXPECT_EQ(r.table.column("code").texts[0], "GM0363");
    EXPECT_DOUBLE_EQ(r.table.column("v").reals[0], -0.1);
    EXPECT_EQ(r.table.column("w").null_count(), 2u);
    EXPECT_TRUE(r.table.column("x").is_null(0));
    EXPECT_EQ(r.table.column("x").ints[1], 5);
}

TEST(CsvReader, CbsSentinelsAreMissingAndCounted) {
    TempDir d;
    auto r = read_csv_text(d, "code,a,b\nBU1,-99999999,-99997\nBU2,7,-99995\nBU3,8,1.5\n");
    EXPECT_TRUE(r.table.column("a").is_null(0));
    EXPECT_EQ(r.table.column("a").ints[1], 7);
    EXPECT_EQ(r.table.column("b").null_count(), 2u);
    ASSERT_EQ(r.columns.size(), 3u);
    EXPECT_EQ(r.columns[1].sentinels, 1u);
    EXPECT_EQ(r.columns[2].sentinels, 2u);
}

TEST(CsvReader, SentinelSetIsConfigurable) {
    TempDir d;
    io::TableReadOptions o;
    o.numeric_sentinels = {-1.0};
    o.missing_markers.push_back("n.b.");
    auto r = read_csv_text(d, "code,a\nBU1,-1\nBU2,-99999999\nBU3,n.b.\n", o);
    EXPECT_TRUE(r.table.column("a").is_null(0));
    EXPECT_EQ(r.table.column("a").ints[1], -99999999);
    EXPECT_TRUE(r.table.column("a").is_null(2));
}

TEST(CsvReader, LeadingZerosKeepCodesAsText) {
    TempDir d;
    auto r = read_csv_text(d, "gm,v\n0917,1\n0363,2\n");
    EXPECT_EQ(r.table.column("gm").type, ColumnType::Text);
    EXPECT_EQ(r.table.column("gm").texts[0], "0917");
}

TEST(CsvReader, UnparsableValueInNumericColumnNamesFileLineAndColumn) {
    TempDir d;
    std::string content = "code,inwoners\n";
    for (int i = 0; i < 20; ++i) content += "BU" + std::to_string(i) + "," + std::to_string(100 + i) + "\n";
    content += "BUX,12a\n";  // line 22
    try {
        read_csv_text(d, content);
        FAIL() << "expected DataError";
    } catch (const DataError& e) {
        EXPECT_EQ(e.context().field, "inwoners");
        ASSERT_TRUE(e.context().line.has_value());
        EXPECT_EQ(*e.context().line, 22);
        EXPECT_NE(e.describe().find("t.csv"), std::string::npos);
        EXPECT_NE(e.describe().find("12a"), std::string::npos);
    }
}

TEST(CsvReader, MostlyTextColumnStaysText) {
    TempDir d;
    auto r = read_csv_text(d, "code,naam\nBU1,Noord\nBU2,Zuid\nBU3,12\n");
    EXPECT_EQ(r.table.column("naam").type, ColumnType::Text);
    EXPECT_EQ(r.table.column("naam").texts[2], "12");
}

TEST(CsvReader, NonUtf8IsRejectedWithLine) {
    TempDir d;
    try {
        read_csv_text(d, "code,naam\nBU1,Caf\xE9\n");
        FAIL() << "expected DataError";
    } catch (const DataError& e) {
        EXPECT_EQ(e.context().line.value_or(0), 2);
        EXPECT_NE(e.hint().find("iconv"), std::string::npos);
    }
}

TEST(CsvReader, WrongFieldCountNamesLine) {
    TempDir d;
    try {
        read_csv_text(d, "a,b,c\n1,2,3\n4,5\n6,7,8\n");
        FAIL();
    } catch (const DataError& e) {
        EXPECT_EQ(e.context().line.value_or(0), 3);
    }
}

TEST(CsvReader, FooterLinesAreSkippedAndReported) {
    TempDir d;
    auto r = read_csv_text(d, "code;a;b\nBU1;1;2\nBU2;3;4\n\"Bron: CBS\"\n");
    EXPECT_EQ(r.table.rows(), 2u);
    ASSERT_EQ(r.skipped_footer.size(), 1u);
    EXPECT_NE(r.skipped_footer[0].find("Bron: CBS"), std::string::npos);
}

TEST(CsvReader, EmptyAndHeaderOnlyFilesAreErrors) {
    TempDir d;
    EXPECT_THROW(read_csv_text(d, ""), DataError);
    EXPECT_THROW(read_csv_text(d, "a,b\n"), DataError);
}

TEST(CsvReader, MissingKeyColumnSuggestsNearestName) {
    TempDir d;
    io::TableReadOptions o;
    o.key_column = "cod";
    try {
        read_csv_text(d, "code,v\nBU1,1\n", o);
        FAIL();
    } catch (const DataError& e) {
        EXPECT_EQ(e.context().field, "cod");
        EXPECT_NE(e.hint().find("did you mean 'code'"), std::string::npos);
    }
}

// The real StatLine export (tests/data/io/README.md): 579 data rows, 90 lines with
// the padded '.' marker, codes padded to 10 characters, '.' decimals after ';'.
TEST(CsvReader, RealStatLineExport) {
    io::TableReadOptions o;
    o.key_column = "Regiocode (gemeente, wijk, buurt) (code)";
    auto r = io::read_table(test::test_data("io/statline_ses_woa_amsterdam_2019.csv").string(), o);
    EXPECT_TRUE(r.had_bom);
    EXPECT_EQ(r.separator, ';');
    ASSERT_EQ(r.table.rows(), 579u);
    const auto& code = r.table.column(o.key_column);
    EXPECT_EQ(code.texts[0], "GM0363");
    EXPECT_EQ(code.texts[2], "BU03630000");
    const auto& score = r.table.column("SES-WOA/Totaalscore/Gemiddelde score (Getal)");
    EXPECT_EQ(score.type, ColumnType::Float64);
    EXPECT_DOUBLE_EQ(score.reals[0], -0.100);  // "  -0.100" for Amsterdam
    EXPECT_DOUBLE_EQ(score.reals[2], 0.045);   // Kop Zeedijk
    const auto& hh = r.table.column("Particuliere huishoudens (Aantal)");
    EXPECT_EQ(hh.type, ColumnType::Int64);
    EXPECT_EQ(hh.ints[0], 457400);
    std::size_t rows_with_missing = 0;
    for (std::size_t i = 0; i < r.table.rows(); ++i) {
        bool any = false;
        for (const auto& c : r.table.columns()) any = any || c.is_null(i);
        rows_with_missing += any;
    }
    EXPECT_EQ(rows_with_missing, 90u);
}
