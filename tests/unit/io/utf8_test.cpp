// Text that is not UTF-8 is refused where it is read (file, layer, row, field named),
// not when the JSON report is written at the very end (issue 11, item 5).
#include <gtest/gtest.h>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>
#include <sqlite3.h>

#include "core/error.hpp"
#include "io/gdal_env.hpp"
#include "io/utf8.hpp"
#include "io/vector_reader.hpp"
#include "support/test_support.hpp"

using namespace leefbaar;
namespace fs = std::filesystem;

TEST(Utf8, FirstInvalidByteByHand) {
    EXPECT_EQ(io::first_invalid_utf8("BU09171000"), std::string::npos);
    EXPECT_EQ(io::first_invalid_utf8("Caumerveld \xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80"), std::string::npos);  // é € 😀
    EXPECT_EQ(io::first_invalid_utf8("Ma\xE9"), 2u);           // latin-1 é
    EXPECT_EQ(io::first_invalid_utf8("ab\xC3"), 2u);           // cut short
    EXPECT_EQ(io::first_invalid_utf8("\xC0\xAF"), 0u);         // overlong '/'
    EXPECT_EQ(io::first_invalid_utf8("x\xE2\x28\xA1"), 1u);    // bad continuation
}

TEST(Utf8, AGeoPackageValueThatIsNotUtf8NamesTheFeatureAndField) {
    io::ensure_gdal();
    test::TempDir d;
    const std::string path = (d / "latin1.gpkg").string();
    {
        GDALDriver* drv = GetGDALDriverManager()->GetDriverByName("GPKG");
        GDALDataset* ds = drv->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr);
        ASSERT_NE(ds, nullptr);
        OGRSpatialReference rd;
        rd.importFromEPSG(28992);
        const char* opts[] = {"SPATIAL_INDEX=NO", nullptr};  // no triggers: sqlite3 can edit it below
        OGRLayer* layer = ds->CreateLayer("buurten", &rd, wkbPolygon, const_cast<char**>(opts));
        OGRFieldDefn code("buurtcode", OFTString), name("naam", OFTString);
        layer->CreateField(&code);
        layer->CreateField(&name);
        for (int i = 0; i < 3; ++i) {
            OGRFeature f(layer->GetLayerDefn());
            f.SetField("buurtcode", ("BU000" + std::to_string(i)).c_str());
            f.SetField("naam", "buurt");
            OGRPolygon poly;
            OGRLinearRing ring;
            ring.addPoint(i, 0);
            ring.addPoint(i + 1, 0);
            ring.addPoint(i + 1, 1);
            ring.addPoint(i, 0);
            poly.addRing(&ring);
            f.SetGeometry(&poly);
            ASSERT_EQ(layer->CreateFeature(&f), OGRERR_NONE);
        }
        GDALClose(ds);
    }
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db, "UPDATE buurten SET naam = CAST(X'4D61E9' AS TEXT) WHERE fid = 2", nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(db);
    io::VectorReadOptions o;
    o.key_column = "buurtcode";
    try {
        io::read_vector(path, o);
        FAIL() << "expected a DataError";
    } catch (const DataError& e) {
        const std::string what = e.describe();
        EXPECT_NE(what.find("latin1.gpkg"), std::string::npos) << what;
        EXPECT_NE(what.find("naam"), std::string::npos) << what;
        EXPECT_NE(what.find("fid 2"), std::string::npos) << what;
        EXPECT_NE(what.find("not valid UTF-8 (byte 3)"), std::string::npos) << what;
    }
}
