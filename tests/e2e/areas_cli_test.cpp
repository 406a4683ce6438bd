// End-to-end: the Heerlen sample project's [areas] (wijk, stadsdeel, programme area,
// gemeente) on its 2019 table, checked against sums computed independently from the
// CBS CSV (tests/data/areas/heerlen_2019_reference.csv, made by make_reference.py in
// plain Python) and against the CBS's own wijk rows up to CBS's rounding.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <sstream>

#include <nlohmann/json.hpp>

#include "io/vector_reader.hpp"
#include "sample_project.hpp"
#include "support/test_support.hpp"

using namespace leefbaar;
using leefbaar::test::run_leefbaar;
using leefbaar::test::TempDir;
namespace fs = std::filesystem;

namespace {
std::string q(const fs::path& p) { return "'" + p.string() + "'"; }

// The sample project with absolute paths, and optionally one more replacement.
std::string project_2019(const std::string& extra_replace_from = {}, const std::string& extra_replace_to = {}) {
    std::string text = test::sample_project_2019();
    if (!extra_replace_from.empty()) test::replace_all(text, extra_replace_from, extra_replace_to);
    return text;
}

// level/code -> column -> value
std::map<std::string, test::CsvRecord> reference() {
    std::map<std::string, test::CsvRecord> rows;
    for (auto& r : test::read_plain_csv(test::test_data("areas/heerlen_2019_reference.csv"))) rows[r["level"] + "/" + r["code"]] = r;
    return rows;
}

// wijk code -> programme area, from the sample's lookup table.
std::map<std::string, std::string> programma_of_wijk() {
    std::map<std::string, std::string> out;
    for (const auto& [wijk, r] : test::read_plain_csv_by_key(test::sample_data("heerlen/areas/heerlen_wijken.csv"))) out[wijk] = r.at("programma");
    return out;
}

// buurt code -> inhabitants in the 2019 CBS table (the project's own).
std::map<std::string, double> inhabitants_2019() {
    std::map<std::string, double> out;
    for (const auto& [code, r] : test::read_plain_csv_by_key(test::sample_data("heerlen/kwb_heerlen_2019.csv")))
        if (!r.at("Bevolking_Aantal_inwoners").empty()) out[code] = std::stod(r.at("Bevolking_Aantal_inwoners"));
    return out;
}

FeatureTable layer(const fs::path& gpkg, const std::string& name) {
    io::VectorReadOptions o;
    o.layer = name;
    return io::read_vector(gpkg.string(), o).table;
}

double num(const std::string& s) { return s.empty() ? NAN : std::stod(s); }
}  // namespace

TEST(AreasCli, HeerlenAreasAgreeWithTheCbsTable) {
    TempDir d;
    const auto project = d / "heerlen2019.toml";
    test::write_file(project, project_2019());
    const auto out = d / "areas.gpkg";
    auto r = run_leefbaar("run " + q(project) + " -o " + q(out) + " --runs 100");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(test::conforming_gpkg(out));
    EXPECT_NE(r.out.find("profile of Heerlen-Noord (Programme area)"), std::string::npos) << r.out;
    const auto ref = reference();
    std::size_t checked = 0;
    for (const std::string level : {"wijk", "stadsdeel", "programma", "gemeente"}) {
        const auto t = layer(out, "areas_" + level);
        EXPECT_TRUE(t.has_geometry());
        for (std::size_t a = 0; a < t.rows(); ++a) {
            const std::string code = t.column("code").as_text(a);
            const auto it = ref.find(level + "/" + code);
            ASSERT_NE(it, ref.end()) << level << " " << code;
            const auto& row = it->second;
            EXPECT_EQ(t.column("units").as_double(a), num(row.at("n_buurten"))) << code;
            // Counts: the sum over the area's buurten, exactly.
            EXPECT_NEAR(t.column("population").as_double(a), num(row.at("sum_Bevolking_Aantal_inwoners")), 1e-9) << code;
            EXPECT_NEAR(t.column("households").as_double(a), num(row.at("sum_Bevolking_Particuliere_huishoudens_Huishoudens_totaal")), 1e-9) << code;
            // A rate from its summed parts (not the mean of the buurten's rates).
            const double rate = num(row.at("bijstand_per_1000_inwoners"));
            if (std::isnan(rate)) {
                EXPECT_TRUE(t.column("a_bijstand").is_null(a)) << code;
            } else {
                EXPECT_NEAR(t.column("a_bijstand").as_double(a), rate, 5e-7) << code;
            }
            // The CBS's own wijk rows, up to its rounding of each buurt count to 5.
            const double cbs = num(row.at("cbs_Bevolking_Aantal_inwoners"));
            if (level == "wijk" && !std::isnan(cbs)) {
                EXPECT_LE(std::abs(t.column("population").as_double(a) - cbs), 5 * num(row.at("n_buurten"))) << code;
            }
            ++checked;
        }
    }
    EXPECT_EQ(checked, 23u + 4u + 2u + 1u);
    // The report: four levels, Heerlen-Noord's parent is the gemeente, and its share of
    // residents in buurten scoring onvoldoende or lower has an interval that holds it.
    const auto rep = nlohmann::json::parse(test::read_file(d / "areas-report.json"));
    ASSERT_EQ(rep["areas"]["levels"].size(), 4u);
    const auto& prog = rep["areas"]["levels"][2];
    EXPECT_EQ(prog["name"], "programma");
    const auto& noord = prog["profiles"][0];
    EXPECT_EQ(noord["code"], "Heerlen-Noord");
    EXPECT_EQ(noord["parent"]["code"], "GM0917");
    EXPECT_EQ(rep["areas"]["low_classes"]["label"], "onvoldoende or lower");
    // The HTML report's section "Areas": the maps per level, a profile card per area (its
    // numbers those of the layer), the domain bars and the class shares.
    const std::string html = test::read_file(d / "areas.html");
    for (const char* id : {"id=\"areas-maps\"", "id=\"areas-profiles\"", "id=\"areas-domains\"", "id=\"areas-class-shares\""})
        EXPECT_NE(html.find(id), std::string::npos) << id;
    const auto card = html.find("data-code=\"Heerlen-Noord\"");
    ASSERT_NE(card, std::string::npos);
    char idx[32];
    std::snprintf(idx, sizeof idx, "<td>%.1f</td>", noord["index_mean"].get<double>());
    EXPECT_NE(html.find(idx, card), std::string::npos) << idx;
    const double low = noord["low_classes"]["residents"].get<double>();
    EXPECT_GE(low, noord["low_classes"]["residents_interval"][0].get<double>() - 1e-12);
    EXPECT_LE(low, noord["low_classes"]["residents_interval"][1].get<double>() + 1e-12);
}

// The share of Heerlen-Noord's residents in buurten of the low classes, recomputed here
// from the units layer and the lookup table.
TEST(AreasCli, TheLowClassShareIsTheResidentsOfTheLowScoringBuurten) {
    TempDir d;
    const auto project = d / "heerlen2019.toml";
    test::write_file(project, project_2019());
    const auto out = d / "areas.gpkg";
    auto r = run_leefbaar("run " + q(project) + " -o " + q(out) + " --runs 0");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    auto programma = programma_of_wijk();
    const auto units = layer(out, "buurten");
    const auto raw = inhabitants_2019();
    double low = 0, all = 0;
    for (std::size_t u = 0; u < units.rows(); ++u) {
        const std::string key = units.column("buurtcode").as_text(u);
        if (programma["WK" + key.substr(2, 6)] != "Heerlen-Noord" || units.column("index_class").is_null(u)) continue;
        const double p = raw.at(key);
        all += p;
        if (units.column("index_class").as_double(u) <= 3) low += p;
    }
    ASSERT_GT(all, 0);
    const auto prog = layer(out, "areas_programma");
    for (std::size_t a = 0; a < prog.rows(); ++a)
        if (prog.column("code").as_text(a) == "Heerlen-Noord") {
            EXPECT_NEAR(prog.column("pct_low_residents").as_double(a), 100.0 * low / all, 1e-9);
        }
}

TEST(AreasCli, BadAreaDefinitionsAreNamed) {
    TempDir d;
    struct Case {
        std::string from, to, expect;
    };
    const std::string lookup = (test::sample_data("heerlen/areas/heerlen_wijken.csv")).string();
    // A lookup that misses the wijken of Heerlerbaan.
    std::string text = test::read_file(lookup), partial;
    std::stringstream ss(text);
    for (std::string line; std::getline(ss, line);)
        if (line.find("Heerlerbaan") == std::string::npos) partial += line + "\n";
    test::write_file(d / "partial.csv", partial);
    test::write_file(d / "twice.csv", text + "WK091710,Wijk 10 Maria Gewanden en Terschuren,Heerlerheide,Heerlen-Noord\n");
    for (const Case& c : {Case{"\"" + lookup + "\"\nkey = \"wijkcode\"\narea = \"stadsdeel\"", "\"" + (d / "partial.csv").string() + "\"\nkey = \"wijkcode\"\narea = \"stadsdeel\"",
                               "3 area(s) of level 'wijk' are not in the lookup table: 'WK091740', 'WK091741', 'WK091742'"},
                          Case{"\"" + lookup + "\"\nkey = \"wijkcode\"\narea = \"stadsdeel\"", "\"" + (d / "twice.csv").string() + "\"\nkey = \"wijkcode\"\narea = \"stadsdeel\"",
                               "row 24, field 'wijkcode': key 'WK091710' is assigned twice, to 'Hoensbroek' and to 'Heerlerheide'"},
                          Case{"area = \"stadsdeel\"\nvia = \"wijk\"\nparent = \"gemeente\"", "area = \"stadsdeel\"\nvia = \"wijk\"\nparent = \"programma\"",
                               "area 'Heerlen-Stad' of level 'stadsdeel' does not lie in one area of its parent level 'programma'"},
                          Case{"label = \"Social assistance recipients per 1,000 inhabitants\"",
                               "label = \"Social assistance recipients per 1,000 inhabitants\"\narea_rule = \"sum\"",
                               "indicator 'bijstand' is per_1000 of its column, which aggregates as ratio, not as sum"}}) {
        const auto project = d / "bad.toml";
        test::write_file(project, project_2019(c.from, c.to));
        auto r = run_leefbaar("run " + q(project) + " -o " + q(d / "bad.gpkg") + " --runs 0");
        EXPECT_NE(r.exit_code, 0) << c.expect;
        EXPECT_NE(r.err.find(c.expect), std::string::npos) << r.err;
        EXPECT_FALSE(fs::exists(d / "bad.gpkg")) << c.expect;
    }
}

// `leefbaar areas` on the output of `leefbaar join`: the index and the project's areas,
// with [areas] keys given as flags; no [spatial], [cluster] or [monitor] output.
TEST(AreasCli, TheAreasCommandRollsUpAJoinedLayer) {
    TempDir d;
    const fs::path h = test::sample_data("heerlen");
    auto j = run_leefbaar("join " + q(h / "heerlen_buurten.gpkg") + " --key buurtcode --table " + q(h / "kwb_heerlen_2019.csv") +
                          " --table-key code -o " + q(d / "joined.gpkg"));
    ASSERT_EQ(j.exit_code, 0) << j.err;
    const auto project = d / "p.toml";
    test::write_file(project, project_2019());
    const auto out = d / "areas.gpkg";
    auto r = run_leefbaar("areas " + q(d / "joined.gpkg") + " -p " + q(project) + " -o " + q(out) + " --runs 50 --profile Heerlen-Zuid --strengths 2");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("profile of Heerlen-Zuid (Programme area)"), std::string::npos) << r.out;
    EXPECT_TRUE(test::conforming_gpkg(out));
    const auto prog = layer(out, "areas_programma");
    ASSERT_EQ(prog.rows(), 2u);
    EXPECT_FALSE(prog.has_column("lisa_index_cl"));
    const auto rep = nlohmann::json::parse(test::read_file(d / "areas-report.json"));
    EXPECT_FALSE(rep.contains("spatial"));
    EXPECT_FALSE(rep.contains("cluster"));
    EXPECT_LE(rep["areas"]["levels"][2]["profiles"][1]["strengths"].size(), 2u);
    // A project without [areas] is refused, saying what to add.
    std::string text = project_2019();
    text = text.substr(0, text.find("[areas]")) + text.substr(text.find("[report]"));
    test::write_file(d / "no_areas.toml", text);
    auto bad = run_leefbaar("areas " + q(d / "joined.gpkg") + " -p " + q(d / "no_areas.toml") + " -o " + q(d / "x.gpkg"));
    EXPECT_EQ(bad.exit_code, 2);
    EXPECT_NE(bad.err.find("has no [areas] section"), std::string::npos) << bad.err;
}

// A level by polygons drawn in QGIS: the stadsdelen of a first run's areas_stadsdeel
// layer, drawn back as polygons, assign every buurt to the same stadsdeel as the lookup
// (a buurt lies wholly inside its stadsdeel), so the two levels agree area by area.
TEST(AreasCli, DrawnPolygonsAssignTheUnitsTheyCover) {
    TempDir d;
    const auto project = d / "p.toml";
    test::write_file(project, project_2019());
    const auto first = d / "first.gpkg";
    auto r = run_leefbaar("run " + q(project) + " -o " + q(first) + " --runs 0");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    std::string text = project_2019();
    const std::string drawn = "\n[[areas.level]]\nname = \"drawn\"\nby = \"polygons\"\npolygons = \"" + first.string() +
                              "\"\nlayer = \"areas_stadsdeel\"\ncode_field = \"code\"\nname_field = \"name\"\nparent = \"gemeente\"\n";
    text.insert(text.find("[report]"), drawn);
    test::write_file(project, text);
    const auto second = d / "second.gpkg";
    r = run_leefbaar("run " + q(project) + " -o " + q(second) + " --runs 0");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.err.find("split"), std::string::npos) << r.err;
    const auto lookup = layer(second, "areas_stadsdeel"), poly = layer(second, "areas_drawn");
    ASSERT_EQ(lookup.rows(), poly.rows());
    for (std::size_t a = 0; a < poly.rows(); ++a) {
        EXPECT_EQ(poly.column("code").as_text(a), lookup.column("code").as_text(a));
        EXPECT_EQ(poly.column("units").as_double(a), lookup.column("units").as_double(a));
        EXPECT_NEAR(poly.column("population").as_double(a), lookup.column("population").as_double(a), 1e-9);
        EXPECT_NEAR(poly.column("index").as_double(a), lookup.column("index").as_double(a), 1e-9);
    }
}

// With [monitor] (monitor.toml extends the sample project): each area in every year, the
// population-weighted mean of its buurten's index in units_years, recomputed here.
TEST(AreasCli, AreasAreFollowedOverTheMonitorsYears) {
    TempDir d;
    const fs::path h = test::sample_data("heerlen");
    const auto out = d / "m.gpkg";
    auto r = run_leefbaar("run " + q(h / "monitor.toml") + " -o " + q(out) + " --runs 0");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("index over the years (the monitor's one scale): 2016 "), std::string::npos) << r.out;
    const auto years = layer(out, "units_years"), prog = layer(out, "areas_programma_years");
    ASSERT_EQ(prog.rows(), 2u * 5u);
    auto programma = programma_of_wijk();
    const auto pop = inhabitants_2019();  // the project's own (2019) inhabitants weigh every year
    std::map<std::pair<std::string, int>, std::pair<double, double>> sums;
    for (std::size_t i = 0; i < years.rows(); ++i) {
        if (years.column("index").is_null(i)) continue;
        const std::string key = years.column("buurtcode").as_text(i);
        const int year = static_cast<int>(years.column("year").as_double(i));
        auto& s = sums[{programma["WK" + key.substr(2, 6)], year}];
        s.first += pop.at(key) * years.column("index").as_double(i);
        s.second += pop.at(key);
    }
    for (std::size_t i = 0; i < prog.rows(); ++i) {
        const auto& s = sums.at({prog.column("code").as_text(i), static_cast<int>(prog.column("year").as_double(i))});
        EXPECT_NEAR(prog.column("index").as_double(i), s.first / s.second, 1e-9) << prog.column("code").as_text(i);
        EXPECT_EQ(prog.column("date").as_text(i), prog.column("year").as_text(i) + "/07/01");  // a DATE field, as OGR prints it
    }
    EXPECT_TRUE(test::conforming_gpkg(out));
}
