// End-to-end: the command-line and project-file mistakes of issue 11 end with the
// documented exit code and a message naming the file, line, key or field, never a
// crash; and degenerate data (an indicator missing everywhere, all units tied) is
// reported instead of silently producing misleading numbers.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "support/test_support.hpp"

using leefbaar::test::run_leefbaar;
using leefbaar::test::TempDir;
namespace fs = std::filesystem;
namespace test = leefbaar::test;

namespace {

std::string q(const fs::path& p) { return "'" + p.string() + "'"; }

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// A table for the 57 Heerlen buurten (codes from the sample CSV) with columns
// flat (5 everywhere), var (1, 2, 3, ...) and zero (0 everywhere).
fs::path write_buurt_table(const TempDir& d) {
    std::ifstream in(test::sample_data("heerlen/kwb_heerlen_2019.csv"));
    std::string line;
    std::getline(in, line);
    std::ostringstream out;
    out << "code,flat,var,zero\n";
    int i = 0;
    while (std::getline(in, line))
        if (line.rfind("BU", 0) == 0) out << line.substr(0, line.find(',')) << ",5," << ++i << ",0\n";
    const auto path = d / "t.csv";
    test::write_file(path, out.str());
    return path;
}

// A project on the Heerlen polygons and that table, with the given indicator sections.
fs::path write_project(const TempDir& d, const std::string& indicators) {
    const auto table = write_buurt_table(d);
    const auto path = d / "p.toml";
    test::write_file(path, "[input]\npolygons = " + q(test::sample_data("heerlen/heerlen_buurten.gpkg")) +
                               "\nlayer = \"buurten\"\nkey = \"buurtcode\"\n[[input.table]]\npath = " + q(table) +
                               "\nkey = \"code\"\n[domain.a]\n" + indicators);
    return path;
}

}  // namespace

TEST(BadInputCli, EmptyDomainTablesAreAUsageErrorNotACrash) {
    // The reproduction: exit 139 (segfault) with weighting = "pca".
    TempDir d;
    const auto p = d / "p.toml";
    test::write_file(p, "[input]\npolygons=\"x.gpkg\"\nkey=\"k\"\n[index]\nweighting=\"pca\"\n[domain]\n[indicator]\n");
    for (const char* cmd : {"run ", "score units.gpkg -o s.gpkg --project "}) {
        const auto r = run_leefbaar(std::string(cmd) + q(p));
        EXPECT_EQ(r.exit_code, 2) << cmd << r.err;
        EXPECT_TRUE(has(r.err, "file '" + p.string() + "', line 6: the project defines no domains")) << r.err;
    }
}

TEST(BadInputCli, HugeAndNonFiniteProjectValuesNameKeyAndLine) {
    TempDir d;
    const auto p = write_project(d, "[indicator.v]\ncolumn = \"var\"\ndomain = \"a\"\ndirection = \"higher_is_better\"\n");
    auto text = test::read_file(p);
    test::write_file(d / "k.toml", text + "[cluster]\nk = 9999999999999\n");
    auto r = run_leefbaar("run " + q(d / "k.toml"));
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_TRUE(has(r.err, "line 14: k in [cluster] must be between 1 and 2,147,483,647, not 9,999,999,999,999")) << r.err;
    test::write_file(d / "g.toml", text + "goalposts = [0, inf]\n");
    r = run_leefbaar("run " + q(d / "g.toml"));
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_TRUE(has(r.err, "line 13: goalposts in [indicator.v] must contain only finite numbers, not inf")) << r.err;
    test::write_file(d / "z.toml", text + "[spatial]\npermutations = 0\n");
    r = run_leefbaar("run " + q(d / "z.toml"));
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_TRUE(has(r.err, "line 14: permutations = 0 leaves the local statistics")) << r.err;
}

TEST(BadInputCli, ReportAndStyleOnAMissingFileAreDataErrors) {
    // docs/exit-codes.md: a missing input file is a data error (1), not a usage error (2).
    TempDir d;
    const auto missing = d / "missing.gpkg";
    auto r = run_leefbaar("report " + q(missing) + " -o " + q(d / "r.html"));
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_TRUE(has(r.err, "file '" + missing.string() + "': the GeoPackage does not exist")) << r.err;
    r = run_leefbaar("style " + q(missing));
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_TRUE(has(r.err, "file '" + missing.string() + "': the GeoPackage does not exist")) << r.err;
    r = run_leefbaar("run " + q(d / "missing.toml"));
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_TRUE(has(r.err, "missing.toml': the project file does not exist")) << r.err;
}

TEST(BadInputCli, UnknownCommandIsNamedWithTheCommands) {
    auto r = run_leefbaar("bogus");
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_TRUE(has(r.err, "error: unknown command 'bogus'")) << r.err;
    EXPECT_TRUE(has(r.err, "run")) << r.err;
    EXPECT_TRUE(has(r.err, "hotspots")) << r.err;
    EXPECT_FALSE(has(r.err, "A subcommand is required")) << r.err;
    r = run_leefbaar("--threads 2 lisaa x.gpkg");
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_TRUE(has(r.err, "unknown command 'lisaa'")) << r.err;
    EXPECT_TRUE(has(r.err, "did you mean 'lisa'")) << r.err;
}

TEST(BadInputCli, NegativeAndNonFiniteOptionsAreRefused) {
    TempDir d;
    const std::string lisa = "lisa x.gpkg -f a -o " + q(d / "o.gpkg") + " ";
    struct Case {
        std::string args, expect;
    };
    const Case cases[] = {
        {lisa + "--weights kernel --bandwidth -5", "'-5' must be greater than 0"},
        {lisa + "--snap nan", "'nan' is not a finite number"},
        {lisa + "--threshold inf", "'inf' is not a finite number"},
        {lisa + "--power 0", "'0' must be greater than 0"},
        {lisa + "--alpha nan", "'nan' is not a finite number"},
        {lisa + "--alpha 1", "'1' must be less than 1"},
        {"cluster x.gpkg -f a -o " + q(d / "c.gpkg") + " --method maxp --floor-field f --floor inf", "'inf' is not a finite number"},
        {"join x.gpkg -k code -t t.csv -o " + q(d / "j.gpkg") + " --sentinel nan", "'nan' is not a finite number"},
        {"run p.toml --runs 99999999999", "--runs"},
        {"run p.toml --seed -1", "--seed"},
        {lisa + "--seed -1", "--seed"},
    };
    for (const auto& c : cases) {
        const auto r = run_leefbaar(c.args);
        EXPECT_EQ(r.exit_code, 2) << c.args << "\n" << r.err;
        EXPECT_TRUE(has(r.err, c.expect)) << c.args << "\n" << r.err;
    }
}

TEST(BadInputCli, AnIndicatorMissingForEveryUnitIsAWarningWithEffectiveWeightZero) {
    // rate = 1000 var / zero is undefined everywhere: the index is var alone, and says so.
    TempDir d;
    const auto p = write_project(d,
                                 "[indicator.v]\ncolumn = \"var\"\ndomain = \"a\"\ndirection = \"higher_is_better\"\n"
                                 "[indicator.rate]\ncolumn = \"var\"\ntransform = \"per_1000\"\ndenominator = \"zero\"\ndomain = \"a\"\n"
                                 "direction = \"higher_is_better\"\n");
    const auto r = run_leefbaar("run " + q(p) + " -o " + q(d / "out.gpkg") + " --runs 0");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(has(r.err, "warning: indicator 'rate' (column 'var') has no value for any scored unit (is its denominator 'zero' 0 or missing "
                           "everywhere?): it is left out, its effective weight is 0"))
        << r.err;
    const auto report = nlohmann::json::parse(test::read_file(d / "out-report.json"));
    const auto& ind = report["index"]["indicators"];
    ASSERT_EQ(ind.size(), 2u);
    EXPECT_EQ(ind[1]["name"], "rate");
    EXPECT_DOUBLE_EQ(ind[1]["effective_weight"].get<double>(), 0.0);
    EXPECT_DOUBLE_EQ(ind[0]["effective_weight"].get<double>(), 1.0);
    bool warned = false;
    for (const auto& w : report["warnings"]) warned = warned || has(w.get<std::string>(), "indicator 'rate'");
    EXPECT_TRUE(warned) << report["warnings"].dump();
}

TEST(BadInputCli, AllUnitsTiedNamesNoMostLiveableUnit) {
    // One constant indicator: min-max gives 50 for every unit, so every unit has rank 1.
    TempDir d;
    const auto p = write_project(d, "[indicator.f]\ncolumn = \"flat\"\ndomain = \"a\"\ndirection = \"higher_is_better\"\n");
    const auto r = run_leefbaar("run " + q(p) + " -o " + q(d / "out.gpkg") + " --runs 0");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(has(r.out, "all 57 scored units have the same index (50.0): none is more or less liveable than another")) << r.out;
    EXPECT_FALSE(has(r.out, "most liveable:")) << r.out;
    EXPECT_FALSE(has(r.out, "least liveable:")) << r.out;
    // Moran's I of the constant index is undefined: a data error naming the [spatial] line (13).
    test::write_file(d / "s.toml", test::read_file(p) + "[spatial]\n");
    const auto s = run_leefbaar("run " + q(d / "s.toml") + " -o " + q(d / "s.gpkg") + " --runs 0");
    EXPECT_EQ(s.exit_code, 1) << s.err;
    EXPECT_TRUE(has(s.err, "s.toml', line 13, field 'index': Moran's I: the variable is constant")) << s.err;
    EXPECT_TRUE(has(s.err, "leave 'index' out of [spatial] variables")) << s.err;
}
