// The report's section "Over time" on a hand-built monitor result: 57 Heerlen buurten
// in three years. Every expected number below follows from the construction (the rows
// whose change_sig is set, the order of their changes, the classes of the index), so
// it is worked out by hand rather than taken from the code under test.
#include <gtest/gtest.h>

#include <set>

#include "core/field_names.hpp"
#include "fixtures.hpp"
#include "output/report.hpp"
#include "output/report_time.hpp"
#include "output/style_spec.hpp"
#include "support/test_support.hpp"

using namespace leefbaar;
using namespace leefbaar::output;

namespace {

constexpr std::size_t kUnits = 57;


const ReportFigure& find(const std::vector<ReportFigure>& v, const std::string& id) {
    for (const auto& f : v)
        if (f.id == id) return f;
    throw std::runtime_error("no figure " + id);
}

// Years 2018-2020. Index of unit u in year y: u + 10 y (0..76), classes 1..3 with
// breaks at 25 and 50; unit 3 has no score in 2018. Change 2018-2020: (u - 28) / 2;
// significantly better for units 50..56, significantly worse for 0..2, no interval
// for unit 3 (no score in 2018), not significant otherwise.
struct Monitor {
    FeatureTable years, change;
    ReportTime time;
};

Monitor monitor(bool with_interval = true) {
    Monitor m;
    const FeatureTable units = test::heerlen_units();
    m.years.enable_geometry(true);
    m.years.set_crs(units.crs());
    m.years.resize(3 * kUnits);
    m.years.add_column(fields::index_score, ColumnType::Float64);
    m.years.add_column(fields::index_class, ColumnType::Int64);
    for (std::size_t y = 0; y < 3; ++y)
        for (std::size_t u = 0; u < kUnits; ++u) {
            const std::size_t r = y * kUnits + u;
            m.years.geometries()[r] = units.geometries()[u];
            if (y == 0 && u == 3) continue;
            const double v = static_cast<double>(u + 10 * y);
            m.years.column(fields::index_score).set(r, v);
            m.years.column(fields::index_class).set(r, std::int64_t{v < 25 ? 1 : v < 50 ? 2 : 3});
        }
    m.change = units;
    namespace tf = detail::time_fields;
    for (const auto* f : {&tf::index_from, &tf::index_to, &tf::change, &tf::low, &tf::high}) m.change.add_column(*f, ColumnType::Float64);
    if (with_interval) m.change.add_column(tf::significance, ColumnType::Text);
    for (std::size_t u = 0; u < kUnits; ++u) {
        if (u == 3) continue;
        const double d = (static_cast<double>(u) - 28.0) / 2.0;
        m.change.column(tf::index_from).set(u, static_cast<double>(u));
        m.change.column(tf::index_to).set(u, static_cast<double>(u) + d);
        m.change.column(tf::change).set(u, d);
        m.change.column(tf::low).set(u, d - 1.0);
        m.change.column(tf::high).set(u, d + 1.0);
        if (with_interval) m.change.column(tf::significance).set(u, std::string(u >= 50 ? tf::better : u <= 2 ? tf::worse : "not significant"));
    }
    m.time = ReportTime{&m.years, &m.change, {2018, 2019, 2020}, kUnits, 2018, 2020, 0.90, {"laag", "midden", "hoog"}, 5};
    return m;
}

bool is_png(const std::string& b) { return b.size() > 8 && b.compare(0, 8, "\x89PNG\r\n\x1a\n") == 0; }

}  // namespace

TEST(ReportTime, SelectsTheFiveLargestSignificantChangesEachWay) {
    const Monitor m = monitor();
    const auto s = detail::select_trajectories(m.change, 5);
    EXPECT_TRUE(s.significant);
    // Better: units 50..56 (7); the five largest changes are those of 56..52.
    EXPECT_EQ(s.better, (std::vector<std::size_t>{56, 55, 54, 53, 52}));
    // Worse: only units 0..2, the most negative change (unit 0: -14) first.
    EXPECT_EQ(s.worse, (std::vector<std::size_t>{0, 1, 2}));
}

TEST(ReportTime, WithoutIntervalsShowsTheLargestChangesAndSaysSo) {
    const Monitor m = monitor(false);
    const auto s = detail::select_trajectories(m.change, 2);
    EXPECT_FALSE(s.significant);
    EXPECT_EQ(s.better, (std::vector<std::size_t>{56, 55}));
    EXPECT_EQ(s.worse, (std::vector<std::size_t>{0, 1}));
    const auto figs = time_figures(m.time, {});
    EXPECT_NE(find(figs, "time-trajectories").caption.find("No change is significant"), std::string::npos);
    EXPECT_NE(find(figs, "time-significance").note.find("change_sig"), std::string::npos);
    EXPECT_NE(find(figs, "time-table").note.find("change_sig"), std::string::npos);
}

TEST(ReportTime, OneSmallMapPerYearInThePooledClasses) {
    const Monitor m = monitor();
    const auto figs = time_figures(m.time, {});
    const ReportFigure& f = find(figs, "time-years");
    ASSERT_EQ(f.panels.size(), 3u);
    // Three classes: RdYlBu 3 as the years layer's QGIS style draws them.
    const auto ramp = diverging_ramp(3);
    std::vector<std::size_t> grey;
    for (std::size_t y = 0; y < 3; ++y) {
        EXPECT_EQ(f.panels[y].label, std::to_string(2018 + y));
        const auto colours = test::png_colours(f.panels[y].png);
        // 2018: units 0..56 span classes 1..3 (0-24, 25-49, 50-56); unit 3 without a score.
        for (const auto& c : ramp) EXPECT_TRUE(colours.count(c)) << y << " " << c;
        grey.push_back(test::png_colour_counts(f.panels[y].png)[kNoValueColour]);
    }
    // Unit 3 is filled grey in 2018 only; later panels have that grey only where the
    // anti-aliased outlines happen to blend to it.
    EXPECT_GT(grey[0], 5 * std::max(grey[1], grey[2]) + 20);
    // 2020: the lowest index is 20, so class 1 holds units 0..4 only; still drawn.
    EXPECT_TRUE(is_png(f.png));  // the shared legend
    const auto legend = test::png_colours(f.png);
    EXPECT_TRUE(legend.count(kNoValueColour));  // "no value" listed, as some year has one
}

TEST(ReportTime, SignificanceMapUsesTheDivergingColours) {
    const Monitor m = monitor();
    const auto colours = test::png_colours(find(time_figures(m.time, {}), "time-significance").png);
    for (const char* c : {"#2166ac", "#b2182b", "#f7f7f7", "#d9d9d9"}) EXPECT_TRUE(colours.count(c)) << c;
}

TEST(ReportTime, TableListsExactlyTheSignificantUnitsSorted) {
    const Monitor m = monitor();
    const auto figs = time_figures(m.time, {});
    const std::string& t = find(figs, "time-table").table_html;
    EXPECT_EQ(test::count_of(t, "<tr data-key="), 10u);  // 7 better + 3 worse
    const Column& key = m.change.column(m.change.key_column());
    std::size_t at = 0;
    for (std::size_t u : {56, 55, 54, 53, 52, 51, 50, 0, 1, 2}) {
        const auto p = t.find("<tr data-key=\"" + key.as_text(u) + "\"", at);
        ASSERT_NE(p, std::string::npos) << u;
        at = p;
    }
    // Unit 56: from 56, to 70, change +14, interval +13 .. +15.
    EXPECT_NE(t.find("<td class=\"num\">56.00</td><td class=\"num\">70.00</td><td class=\"num\">+14.00</td><td class=\"num\">+13.00 .. +15.00</td>"),
              std::string::npos);
}

TEST(ReportTime, PageHasTheSectionWithItsFigures) {
    const Monitor m = monitor();
    ReportOptions o;
    o.time = m.time;
    auto figs = report_figures(test::heerlen_units(), o);
    const auto more = time_figures(m.time, o);
    figs.insert(figs.end(), more.begin(), more.end());
    for (const char* id : {"time-trajectories", "time-significance"}) EXPECT_TRUE(is_png(find(more, id).png)) << id;
    const std::string html = report_html(figs, o, "test");
    EXPECT_EQ(test::count_of(html, "<section id=\"over-time\">"), 1u);
    EXPECT_EQ(test::count_of(html, "class=\"panel\" data-panel="), 3u);
    EXPECT_EQ(test::count_of(html, "<h3>"), 5u);  // the section's five figures
    EXPECT_NE(html.find("<a href=\"#over-time\">Over time</a>"), std::string::npos);
}
