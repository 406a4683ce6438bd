// Project files: the sample parses into the expected structure, and every kind of
// mistake the issue lists is an error naming the line of the project file.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/field_names.hpp"
#include "io/gdal_env.hpp"
#include "project/pipeline.hpp"
#include "project/project.hpp"
#include "support/test_support.hpp"

using namespace leefbaar;
using namespace leefbaar::project;

namespace {

// A minimal valid project; line numbers below refer to this text (line 1 = "[input]").
const std::string kBase =
    "[input]\n"                            // 1
    "polygons = \"p.gpkg\"\n"              // 2
    "key = \"buurtcode\"\n"                // 3
    "[domain.a]\n"                         // 4
    "label = \"A\"\n"                      // 5
    "[domain.b]\n"                         // 6
    "[indicator.x]\n"                      // 7
    "column = \"X\"\n"                     // 8
    "domain = \"a\"\n"                     // 9
    "direction = \"higher_is_better\"\n"   // 10
    "[indicator.y]\n"                      // 11
    "column = \"Y\"\n"                     // 12
    "domain = \"b\"\n"                     // 13
    "direction = \"lower_is_better\"\n";   // 14

// Parses text and returns the UsageError (fails the test if none is thrown).
UsageError parse_error(const std::string& text) {
    try {
        parse_project(text, "/data/p.toml");
    } catch (const UsageError& e) {
        return e;
    }
    ADD_FAILURE() << "no error for:\n" << text;
    return UsageError("none");
}

}  // namespace

TEST(ProjectFile, MinimalProjectParses) {
    auto p = parse_project(kBase, "/data/p.toml");
    ASSERT_EQ(p.index.domains.size(), 2u);
    EXPECT_EQ(p.index.domains[0].name, "a");
    EXPECT_EQ(p.index.domains[0].label, "A");
    ASSERT_EQ(p.index.indicators.size(), 2u);
    EXPECT_EQ(p.index.indicators[1].direction, index::Direction::LowerIsBetter);
    EXPECT_EQ(p.input.polygons, "/data/p.gpkg");  // relative to the project file
    EXPECT_EQ(p.output_gpkg, "/data/p.gpkg");      // default: <stem>.gpkg next to it
    EXPECT_EQ(p.output_report, "/data/p-report.json");
    EXPECT_EQ(p.index.weighting, index::Weighting::Equal);
}

TEST(ProjectFile, ProjectSectionTakesTheSourceStatementForTheMaps) {
    // Issue 16: the print layouts carry the description and the source ("Bron: CBS").
    auto p = parse_project("[project]\nname = \"N\"\ndescription = \"D\"\nsource = \"Bron: CBS\"\n" + kBase, "/data/p.toml");
    EXPECT_EQ(p.name, "N");
    EXPECT_EQ(p.description, "D");
    EXPECT_EQ(p.source, "Bron: CBS");
    EXPECT_EQ(parse_project(kBase, "/data/p.toml").source, "");
}

TEST(ProjectFile, UnknownKeyNamesTheLineAndTheNearestKey) {
    auto e = parse_error(kBase + "[index]\nnormalisaton = \"zscore\"\n");  // line 16
    EXPECT_EQ(e.context().line.value_or(0), 16);
    EXPECT_NE(e.message().find("normalisaton"), std::string::npos);
    EXPECT_NE(e.hint().find("did you mean 'normalisation'"), std::string::npos);
    auto e2 = parse_error(kBase + "colour = 1\n");  // a key at the end lands in [indicator.y], line 15
    EXPECT_EQ(e2.context().line.value_or(0), 15);
}

TEST(ProjectFile, UnknownSectionListsTheKnownOnes) {
    auto e = parse_error(kBase + "[indicatr.z]\ncolumn = \"Z\"\n");
    EXPECT_EQ(e.context().line.value_or(0), 15);
    EXPECT_NE(e.hint().find("did you mean [indicator]"), std::string::npos);
    EXPECT_NE(e.hint().find("uncertainty"), std::string::npos);
}

TEST(ProjectFile, UnknownMethodNameNamesTheLine) {
    auto e = parse_error(kBase + "[index]\naggregation = \"geometrc\"\n");
    EXPECT_EQ(e.context().line.value_or(0), 16);
    EXPECT_NE(e.hint().find("geometric"), std::string::npos);
}

TEST(ProjectFile, DomainWithoutIndicatorsNamesItsLine) {
    auto e = parse_error(kBase + "[domain.c]\nlabel = \"C\"\n");
    EXPECT_EQ(e.context().line.value_or(0), 15);
    EXPECT_NE(e.message().find("domain 'c' has no indicators"), std::string::npos);
}

TEST(ProjectFile, IndicatorInAnUndefinedDomainNamesTheLine) {
    std::string t = kBase;
    t.replace(t.find("domain = \"b\""), 12, "domain = \"bb\"");
    auto e = parse_error(t + "[domain.bb2]\n");
    EXPECT_EQ(e.context().line.value_or(0), 13);
}

TEST(ProjectFile, NegativeWeightNamesItsLine) {
    auto e = parse_error(kBase + "weight = -1\n");  // in [indicator.y], line 15
    EXPECT_EQ(e.context().line.value_or(0), 15);
    EXPECT_NE(e.message().find("negative"), std::string::npos);
}

TEST(ProjectFile, AllZeroWeightsNameTheDomainOrTheFirstDomain) {
    // Zero weight on the only indicator of domain b (line 6).
    auto e = parse_error(kBase + "weight = 0\n");
    EXPECT_EQ(e.context().line.value_or(0), 6);
    EXPECT_NE(e.message().find("all indicator weights in domain 'b' are zero"), std::string::npos);
    // Both domain weights zero: explicit weighting, reported at the first domain (line 4).
    std::string t = kBase;
    t.replace(t.find("label = \"A\"\n"), 12, "weight = 0\n");
    t.replace(t.find("[domain.b]\n"), 11, "[domain.b]\nweight = 0.0\n");
    auto e2 = parse_error(t);
    EXPECT_EQ(e2.context().line.value_or(0), 4);
    EXPECT_NE(e2.message().find("all domain weights are zero"), std::string::npos);
}

TEST(ProjectFile, InvalidTomlNamesTheLine) {
    auto e = parse_error(kBase + "[index\n");
    EXPECT_EQ(e.context().line.value_or(0), 15);
}

TEST(ProjectFile, HeerlenSampleHasFiveDomainsInFileOrder) {
    auto p = load_project(test::sample_data("heerlen/liveability.toml").string());
    ASSERT_EQ(p.index.domains.size(), 5u);
    EXPECT_EQ(p.index.domains[0].name, "income");
    EXPECT_EQ(p.index.domains[4].name, "amenities");
    EXPECT_EQ(p.index.indicators.size(), 14u);
    EXPECT_EQ(p.index.indicators[0].name, "bijstand");
    EXPECT_EQ(p.index.indicators[0].source.transform, index::Transform::Per1000);
    EXPECT_EQ(p.uncertainty.runs, 1000u);
    EXPECT_EQ(p.uncertainty.normalisations.size(), 3u);
    EXPECT_EQ(p.input.tables.size(), 1u);
    EXPECT_EQ(p.units_layer, "buurten");
}

TEST(ProjectRun, MissingColumnNamesTheLineOfTheIndicator) {
    io::ensure_gdal();
    auto p = load_project(test::sample_data("heerlen/liveability.toml").string());
    p.index.indicators[1].source.column = "Sociale_zekerheid_Personen_per_soort_uitkering_WX";  // a typo
    RunOptions o;
    o.write = false;
    try {
        run_project(p, o);
        FAIL() << "no error";
    } catch (const DataError& e) {
        EXPECT_EQ(e.context().line.value_or(0), p.line_of("indicator.ww.column"));
        EXPECT_GT(e.context().line.value_or(0), 0);
        EXPECT_NE(e.message().find("uitkering_WX"), std::string::npos);
        EXPECT_NE(e.hint().find("did you mean"), std::string::npos);
    }
}

namespace {
// The Heerlen sample project run in memory (nothing written), with `runs` Monte Carlo runs.
PipelineResult heerlen_in_memory(std::size_t runs) {
    io::ensure_gdal();
    const auto p = load_project(test::sample_data("heerlen/liveability.toml").string());
    RunOptions o;
    o.write = false;
    o.runs = runs;
    return run_project(p, o);
}
}  // namespace

TEST(ProjectRun, HeerlenPipelineWithoutWriting) {
    auto r = heerlen_in_memory(50);
    EXPECT_EQ(r.units.rows(), 57u);
    // In de Cramer (5 inhabitants) and Terworm (15) have too few observed indicators.
    EXPECT_EQ(r.scored, 55u);
    EXPECT_TRUE(r.units.has_column(fields::rank_p95));
    EXPECT_EQ(r.audit.table.rows(), 14u + 5u);
    EXPECT_TRUE(r.report.contains("audit"));
    EXPECT_EQ(r.report["neighbours"]["kind"].get<std::string>().substr(0, 5), "queen");
    // source_columns = "used", keep = ["naam", "wijkcode"]: unused CBS columns are dropped,
    // the key, kept columns, the indicators' sources and denominators, area_km2 and the
    // columns [areas] reads (its population and households, the dwellings that weight
    // the housing indicators' means) stay.
    EXPECT_FALSE(r.units.has_column("Bevolking_Geslacht_Mannen"));
    for (const char* c : {"buurtcode", "naam", "wijkcode", "area_km2", "Bevolking_Aantal_inwoners", "Zorg_Wmo_cliënten_relatief",
                          "Wonen_Woningvoorraad", "Bevolking_Particuliere_huishoudens_Huishoudens_totaal"})
        EXPECT_TRUE(r.units.has_column(c)) << c;
}

TEST(ProjectRun, TimesEveryStepThatRunsWithItsParts) {
    auto r = heerlen_in_memory(10);
    // The steps the Heerlen project asks for, in the pipeline's order (no [monitor]).
    const std::vector<std::string> steps{"units", "neighbours", "index",  "area levels", "uncertainty", "audit",  "explain",
                                         "spatial", "cluster",   "areas", "validate",    "output",      "report"};
    std::vector<std::string> names;
    for (const auto& s : r.timings) {
        names.push_back(s.name);
        EXPECT_GE(s.seconds, 0.0) << s.name;
        double parts = 0;
        for (const auto& q : s.parts) {
            EXPECT_GE(q.seconds, 0.0) << s.name << ": " << q.name;
            parts += q.seconds;
        }
        EXPECT_LE(parts, s.seconds + 1e-9) << s.name;  // the parts are laps within the step
    }
    EXPECT_EQ(names, steps);
    auto parts_of = [&](const std::string& step) {
        std::vector<std::string> out;
        for (const auto& s : r.timings)
            if (s.name == step)
                for (const auto& q : s.parts) out.push_back(q.name);
        return out;
    };
    EXPECT_EQ(parts_of("spatial"), (std::vector<std::string>{"weights: queen", "weights summary", "global statistics of index", "local statistics of index"}));
    EXPECT_EQ(parts_of("cluster"), (std::vector<std::string>{"weights: queen", "clustering: skater", "regions: dissolve"}));
    // 3 imputations x 3 normalisations prepared; 10 runs x (4 factors + 2) evaluations
    // (weights, normalisation, aggregation, imputation), of which those repeating a
    // draw of A or B are not computed again (index/uncertainty.cpp).
    const auto mc = parts_of("uncertainty");
    ASSERT_EQ(mc.size(), 3u);
    EXPECT_EQ(mc[0], "variants: 9 (imputation x normalisation)");
    EXPECT_EQ(mc[1].rfind("runs: 60 evaluations, ", 0), 0u) << mc[1];
    EXPECT_EQ(mc[2], "rank intervals");
    EXPECT_TRUE(parts_of("output").empty());  // nothing written

    // The report holds the same steps, the last one (the report) counting its building.
    const auto& j = r.report.at("timings");
    EXPECT_GE(j.at("threads").get<int>(), 1);
    ASSERT_EQ(j.at("steps").size(), steps.size());
    double sum = 0;
    for (std::size_t i = 0; i < steps.size(); ++i) {
        const auto& s = j["steps"][i];
        EXPECT_EQ(s.at("name").get<std::string>(), steps[i]);
        EXPECT_GE(s.at("seconds").get<double>(), 0.0) << steps[i];
        sum += s["seconds"].get<double>();
        if (i + 1 < steps.size()) {
            EXPECT_EQ(s["seconds"].get<double>(), r.timings[i].seconds) << steps[i];
        }
    }
    EXPECT_EQ(j["steps"][4].at("parts").size(), 3u);  // uncertainty
    EXPECT_GE(j.at("seconds").get<double>(), sum - 1e-9);  // the whole run so far holds every step
}
