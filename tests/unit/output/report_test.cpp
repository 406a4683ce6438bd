// The HTML report: each figure is drawn when its fields exist and replaced by a note
// naming the missing fields otherwise; figures are real PNGs inlined in the page.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <set>

#include <gdal_priv.h>
#include <cpl_string.h>
#include <cpl_vsi.h>

#include "core/error.hpp"
#include "core/field_names.hpp"
#include "fixtures.hpp"
#include "io/gpkg_writer.hpp"
#include "output/report.hpp"
#include "output/results_writer.hpp"
#include "support/test_support.hpp"

using namespace leefbaar;
using namespace leefbaar::output;

namespace {
const ReportFigure& find(const std::vector<ReportFigure>& v, const std::string& id) {
    for (const auto& f : v)
        if (f.id == id) return f;
    throw std::runtime_error("no figure " + id);
}
bool is_png(const std::string& b) { return b.size() > 8 && b.compare(0, 8, "\x89PNG\r\n\x1a\n") == 0; }
}  // namespace

TEST(Report, DrawsWhatTheFieldsAllowAndNotesTheRest) {
    FeatureTable t = test::heerlen_units();  // index, 2 domains, LISA, Gi*, cluster; no Moran, ranks or n_*
    const auto figs = report_figures(t, {});
    for (const char* id : {"map-index", "map-d_wonen", "map-d_veiligheid", "map-lisa_index_cl", "map-gi_index_bin", "map-cluster", "correlation"})
        EXPECT_TRUE(is_png(find(figs, id).png)) << id;
    EXPECT_TRUE(find(figs, "moran").png.empty());
    EXPECT_NE(find(figs, "moran").note.find("ms_<x>_z"), std::string::npos);
    EXPECT_NE(find(figs, "ranks").note.find("rank_median"), std::string::npos);
    EXPECT_NE(find(figs, "histograms").note.find("n_<indicator>"), std::string::npos);
    const std::string html = report_html(figs, {}, "test");
    EXPECT_EQ(test::count_of(html, "<img "), 7u);
    EXPECT_EQ(test::count_of(html, "class=\"missing\""), 3u);
    EXPECT_EQ(test::count_of(html, "data:image/png;base64,iVBORw0KGgo"), 7u);  // base64 of the PNG signature
}

TEST(Report, MoranSlopeIsTheRegressionOfLagOnZ) {
    FeatureTable t = test::heerlen_units();
    t.add_column(fields::moran_std("x"), ColumnType::Float64);
    t.add_column(fields::moran_lag("x"), ColumnType::Float64);
    t.add_column(fields::rank_median, ColumnType::Float64);
    t.add_column(fields::rank_p05, ColumnType::Float64);
    t.add_column(fields::rank_p95, ColumnType::Float64);
    t.add_column("n_a", ColumnType::Float64);
    for (std::size_t r = 0; r < t.rows(); ++r) {
        const double z = (static_cast<double>(r) - 28.0) / 16.0;
        t.column(fields::moran_std("x")).set(r, z);
        // lag = 0.25 z + 0.1 exactly: the least-squares slope is 0.25 (intercept irrelevant).
        t.column(fields::moran_lag("x")).set(r, 0.25 * z + 0.1);
        t.column(fields::rank_median).set(r, static_cast<double>(r + 1));
        t.column(fields::rank_p05).set(r, std::max(1.0, static_cast<double>(r) - 2));
        t.column(fields::rank_p95).set(r, std::min(57.0, static_cast<double>(r) + 4));
        t.column("n_a").set(r, static_cast<double>(r % 10));
    }
    const auto figs = report_figures(t, {});
    const ReportFigure& m = find(figs, "moran-x");
    EXPECT_TRUE(is_png(m.png));
    EXPECT_NE(m.caption.find("Moran's I = 0.2500 (57 units)"), std::string::npos) << m.caption;
    EXPECT_TRUE(is_png(find(figs, "ranks").png));
    EXPECT_TRUE(is_png(find(figs, "histograms").png));
}

TEST(Report, RanksOfManyUnitsDrawAnEvenlySpacedSample) {
    // One row per unit (4 px) would make 20,000 units an image of 80,090 px, taller than
    // cairo draws: the figure draws 1,000 of them, the first and the last included.
    FeatureTable t;
    t.resize(20000);
    for (const auto* f : {&fields::rank_median, &fields::rank_p05, &fields::rank_p95}) t.add_column(*f, ColumnType::Float64);
    for (std::size_t r = 0; r < t.rows(); ++r) {
        const double rank = static_cast<double>(t.rows() - r);  // stored worst first
        t.column(fields::rank_median).set(r, rank);
        t.column(fields::rank_p05).set(r, std::max(1.0, rank - 50));
        t.column(fields::rank_p95).set(r, std::min(20000.0, rank + 50));
    }
    const auto figures = report_figures(t, {});  // kept: f refers into it
    const ReportFigure& f = find(figures, "ranks");
    ASSERT_TRUE(is_png(f.png)) << f.note;
    // PNG header: width and height, big-endian, at bytes 16 and 20 (IHDR).
    auto be32 = [&](std::size_t at) {
        std::uint32_t v = 0;
        for (std::size_t i = 0; i < 4; ++i) v = v << 8 | static_cast<unsigned char>(f.png[at + i]);
        return v;
    };
    EXPECT_EQ(be32(16), 760u);
    EXPECT_EQ(be32(20), 1000u * 4 + 90);
    EXPECT_NE(f.caption.find("1000 of the 20000 units are drawn"), std::string::npos) << f.caption;
}

TEST(Report, MapsAreTheSameDrawnInParallel) {
    FeatureTable t = test::heerlen_units();
    ReportOptions one, two;
    one.threads = 1;
    two.threads = 2;
    const auto a = report_figures(t, one), b = report_figures(t, two);
    ASSERT_EQ(a.size(), b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
        EXPECT_EQ(a[i].id, b[i].id);
        EXPECT_TRUE(a[i].png == b[i].png) << a[i].id;
    }
    EXPECT_EQ(a[0].id, "map-index");  // the maps first, in the order of the styles
}

TEST(Report, UnknownIndicatorIsADataErrorAndOutputIsNotReplacedWithoutAsking) {
    FeatureTable t = test::heerlen_units();
    ReportOptions o;
    o.indicators = {"n_missing"};
    EXPECT_THROW(report_figures(t, o), DataError);
    test::TempDir d;
    test::write_file(d / "r.html", "mine");
    EXPECT_THROW(write_report(t, "test", (d / "r.html").string(), {}), UsageError);
    EXPECT_EQ(test::read_file(d / "r.html"), "mine");
}

TEST(Report, FromGpkgPicksTheLayerWithTheIndex) {
    test::TempDir d;
    const FeatureTable units = test::heerlen_units();
    const FeatureTable regions = test::heerlen_regions();
    const std::string gpkg = (d / "r.gpkg").string();
    io::write_gpkg(gpkg, {{&regions, "regions", true, "", {}}, {&units, "buurten", true, "", {}}}, {});
    write_report_from_gpkg(gpkg, (d / "r.html").string(), {});
    const std::string html = test::read_file(d / "r.html");
    EXPECT_NE(html.find("layer &apos;buurten&apos;"), std::string::npos);  // the quotes are escaped in the HTML
    EXPECT_EQ(test::count_of(html, "<img "), 7u);
}

TEST(Report, IndexMapHasTheQgisLegendsClassesAndNoValueGrey) {
    // Issue 16: the report and QGIS show the same classes in the same colours, and
    // units without a score in the same grey. Two units lose their score.
    FeatureTable t = test::heerlen_units();
    for (std::size_t r : {std::size_t{4}, std::size_t{9}}) {
        t.column(fields::index_score).set_null(r);
        t.column(fields::index_class).set_null(r);
    }
    ReportOptions o;
    o.style.index_class_labels = {"zeer onvoldoende", "ruim onvoldoende", "onvoldoende", "zwak", "voldoende",
                                  "ruim voldoende", "goed", "zeer goed", "uitstekend"};
    const auto figs = report_figures(t, o);
    const auto colours = test::png_colours(find(figs, "map-index").png);
    ASSERT_FALSE(colours.empty());
    const LayerStyle idx = default_styles(t, "buurten", o.style)[0];
    ASSERT_EQ(idx.classes.size(), 9u);
    for (const auto& e : legend_entries(idx)) EXPECT_TRUE(colours.count(e.colour)) << e.label << " " << e.colour;
    EXPECT_TRUE(colours.count("#d9d9d9"));
}

TEST(Report, FromGpkgUsesTheClassesOfTheGeoPackagesIndexStyle) {
    // `leefbaar report` on a result of `leefbaar run`: the file's index style has all
    // nine classes (six of them empty here), and the report draws the same nine colours
    // (RdYlBu 9: #d73027 first, #4575b4 last), not the three of the classes present.
    test::TempDir d;
    const FeatureTable units = test::heerlen_units();
    const std::string gpkg = (d / "r.gpkg").string();
    ResultsOptions ro;
    ro.style.index_class_labels = {"zeer onvoldoende", "ruim onvoldoende", "onvoldoende", "zwak", "voldoende",
                                   "ruim voldoende", "goed", "zeer goed", "uitstekend"};
    write_results(gpkg, {{&units, "buurten", "", {}, {}}}, ro);
    write_report_from_gpkg(gpkg, (d / "r.html").string(), {});
    const std::string html = test::read_file(d / "r.html");
    const std::string mark = "<figure id=\"map-index\">";
    const auto at = html.find(mark);
    ASSERT_NE(at, std::string::npos);
    const auto b = html.find("base64,", at) + 7;
    std::string png = html.substr(b, html.find('"', b) - b);
    png.resize(static_cast<std::size_t>(CPLBase64DecodeInPlace(reinterpret_cast<GByte*>(png.data()))));
    const auto colours = test::png_colours(png);
    EXPECT_TRUE(colours.count("#d73027"));
    EXPECT_TRUE(colours.count("#4575b4"));
    EXPECT_FALSE(colours.count("#fc8d59"));  // RdYlBu 3, the colours of the classes present alone
}
