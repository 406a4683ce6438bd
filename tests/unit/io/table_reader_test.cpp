// Reading attribute tables through GDAL (DBF, GeoPackage attribute tables) with
// the CBS sentinel handled. Expected values: tests/data/io/README.md and the DBF.
#include <gtest/gtest.h>

#include "core/error.hpp"
#include "io/table_reader.hpp"
#include "support/test_support.hpp"

using namespace leefbaar;

TEST(TableReader, DbfWithCbsSentinel) {
    io::TableReadOptions o;
    o.key_column = "WK_CODE";
    auto r = io::read_table(test::test_data("io/wijk_2016_heerlen.dbf").string(), o);
    ASSERT_EQ(r.table.rows(), 25u);
    const auto& code = r.table.column("WK_CODE");
    std::size_t beitel = r.table.rows();
    for (std::size_t i = 0; i < code.size(); ++i)
        if (code.texts[i] == "WK091742") beitel = i;
    ASSERT_LT(beitel, r.table.rows());
    // CBS 2016: WK091742 "Wijk 41 De Beitel", 70 inhabitants, P_MAROKKO secret (-99999999).
    EXPECT_EQ(r.table.column("WK_NAAM").texts[beitel], "Wijk 41 De Beitel");
    EXPECT_EQ(r.table.column("AANT_INW").ints[beitel], 70);
    EXPECT_TRUE(r.table.column("P_MAROKKO").is_null(beitel));
    for (const auto& s : r.columns) {
        if (s.name == "P_MAROKKO") {
            EXPECT_EQ(s.sentinels, 3u);  // 3 of these 25 wijken
        }
    }
}

TEST(TableReader, MissingFileIsDataError) {
    try {
        io::read_table("/nonexistent/x.csv", {});
        FAIL();
    } catch (const DataError& e) {
        EXPECT_EQ(e.context().file, "/nonexistent/x.csv");
    }
}
