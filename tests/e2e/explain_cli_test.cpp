// End-to-end: [explain] on the Heerlen sample project (`leefbaar run --runs 0`). The
// GeoPackage and the JSON report are read back; the explanations are checked against
// each other (contributions add up to the distance), against values computed here from
// the output's normalised fields (the mean unit), and the next class against the CBS
// CSV: the reported raw change, min-max normalised with the scored buurten's range and
// put into the index with the other normalised values unchanged, lands the index on
// the class bound.
#include <gtest/gtest.h>

#include <chrono>
#include <iostream>
#include <cmath>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "sample_project.hpp"
#include "support/test_support.hpp"

using namespace leefbaar;
using leefbaar::test::run_leefbaar;
using leefbaar::test::TempDir;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

std::string q(const fs::path& p) { return "'" + p.string() + "'"; }
double num(const std::string& s) { return s.empty() ? NAN : std::stod(s); }

const std::vector<std::string> kFields = {"dist_mean", "top_plus", "top_minus", "next_class", "next_class_ind", "next_class_change",
                                          "next_class_domain", "next_class_domain_change"};

struct Outputs {
    fs::path gpkg, report, html;
    double seconds = 0;
};

Outputs run_sample(const TempDir& d, const std::string& name, const std::string& extra) {
    const auto project = d / (name + ".toml");
    test::write_file(project, test::sample_project_2019() + extra);
    Outputs r{d / (name + ".gpkg"), d / (name + "-report.json"), d / (name + ".html")};
    const auto t0 = std::chrono::steady_clock::now();
    const auto res = run_leefbaar("run " + q(project) + " -o " + q(r.gpkg) + " --runs 0");
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    EXPECT_EQ(res.exit_code, 0) << res.err;
    return r;
}


}  // namespace

TEST(ExplainCli, HeerlenExplanationsAddUpAndReachTheNextClass) {
    TempDir d;
    const Outputs run = run_sample(d, "on", "");
    ASSERT_TRUE(fs::exists(run.gpkg));
    EXPECT_TRUE(test::conforming_gpkg(run.gpkg));
    const FeatureTable t = test::read_buurten(run.gpkg);
    for (const auto& f : kFields) EXPECT_TRUE(t.has_column(f)) << f;
    const json report = json::parse(test::read_file(run.report));
    ASSERT_TRUE(report.contains("explanations"));
    const json& ex = report["explanations"];
    EXPECT_EQ(ex["method"], "linear");  // arithmetic at both levels
    const json& ix = report["index"];

    // The model as the report states it: per indicator its domain, direction, outlier
    // treatment, column; the domains in order; the class bounds.
    std::vector<std::string> domains;
    for (const auto& dm : ix["domains"]) domains.push_back(dm["name"]);
    std::map<std::string, json> ind;
    std::map<std::string, std::vector<std::string>> members;
    for (const auto& i : ix["indicators"]) {
        ind[i["name"]] = i;
        members[i["domain"]].push_back(i["name"]);
    }
    const std::vector<double> upper = ix["classes"]["upper_bounds"];

    std::vector<std::size_t> scored;
    for (std::size_t r = 0; r < t.rows(); ++r)
        if (t.column("index_status").as_text(r) == "ok") scored.push_back(r);
    ASSERT_EQ(scored.size(), 55u);

    // The mean unit from the output: the mean of each n_<indicator> over the scored
    // buurten; for a buurt with every indicator its index is the mean over the domains
    // of the mean of their indicators (equal weights, arithmetic).
    std::map<std::string, double> mean_n;
    for (const auto& [name, spec] : ind) {
        double s = 0;
        std::size_t k = 0;
        for (std::size_t r : scored)
            if (!t.column("n_" + name).is_null(r)) s += t.column("n_" + name).as_double(r), ++k;
        mean_n[name] = s / static_cast<double>(k);
    }
    auto index_of = [&](const std::map<std::string, double>& n) {
        double total = 0;
        for (const auto& dname : domains) {
            double s = 0;
            for (const auto& i : members[dname]) s += n.at(i);
            total += s / static_cast<double>(members[dname].size());
        }
        return total / static_cast<double>(domains.size());
    };
    const double mean_unit = index_of(mean_n);
    double mean_index = 0;
    for (std::size_t r : scored) mean_index += t.column("index").as_double(r) / static_cast<double>(scored.size());

    const auto csv = test::read_plain_csv_by_key(test::sample_data("heerlen/kwb_heerlen_2019.csv"));
    std::size_t complete = 0, next_checked = 0;
    for (std::size_t r : scored) {
        const std::string key = t.column("buurtcode").as_text(r);
        ASSERT_TRUE(ex["units"].contains(key)) << key;
        const json& u = ex["units"][key];
        const double dist = u["distance"];
        // The contributions add up to the distance, per domain and per indicator.
        double sd = 0, si = 0;
        for (const auto& [k, v] : u["domains"].items()) sd += v.get<double>();
        for (const auto& [k, v] : u["indicators"].items()) si += v.get<double>();
        EXPECT_NEAR(sd, dist, 1e-9) << key;
        EXPECT_NEAR(si, dist, 1e-9) << key;
        EXPECT_NEAR(t.column("dist_mean").as_double(r), dist, 1e-9) << key;
        EXPECT_NEAR(u["index"].get<double>(), t.column("index").as_double(r), 1e-9) << key;

        std::map<std::string, double> n;
        bool all = true;
        for (const auto& [name, spec] : ind) {
            all = all && !t.column("n_" + name).is_null(r);
            n[name] = t.column("n_" + name).as_double(r);
        }
        if (!all) continue;
        ++complete;
        // Independent: index minus the mean unit's index, the mean unit computed here.
        EXPECT_NEAR(dist, t.column("index").as_double(r) - mean_unit, 1e-9) << key;

        // The next class: every indicator that alone reaches it, with no outlier
        // treatment and no transform, so its raw value is the CSV's column.
        if (!u["next_class"].contains("reaching")) continue;
        const int cls = u["next_class"]["class"];
        ASSERT_GE(cls, 1);
        ASSERT_LE(static_cast<std::size_t>(cls), upper.size());
        EXPECT_DOUBLE_EQ(u["next_class"]["target"].get<double>(), upper[static_cast<std::size_t>(cls) - 1]);
        for (const auto& [name, mv] : u["next_class"]["reaching"].items()) {
            const json& spec = ind[name];
            if (spec["transform"] != "none" || spec["outliers"]["treatment"] != "none" || spec["normalisation"] != "minmax") continue;
            const std::string column = spec["column"];
            double lo = INFINITY, hi = -INFINITY;
            for (std::size_t s : scored) {
                const double x = num(csv.at(t.column("buurtcode").as_text(s)).at(column));
                if (std::isnan(x)) continue;
                lo = std::min(lo, x);
                hi = std::max(hi, x);
            }
            const bool lower_better = spec["direction"] == "lower_is_better";
            auto minmax = [&](double x) { return lower_better ? 100.0 * (hi - x) / (hi - lo) : 100.0 * (x - lo) / (hi - lo); };
            const double raw = num(csv.at(key).at(column));
            ASSERT_FALSE(std::isnan(raw)) << key << " " << name;
            EXPECT_NEAR(minmax(raw), n[name], 1e-9) << key << " " << name;  // the fit as the output has it
            auto moved = n;
            moved[name] = minmax(raw + mv.get<double>());
            EXPECT_NEAR(index_of(moved), upper[static_cast<std::size_t>(cls) - 1], 1e-6) << key << " " << name;
            ++next_checked;
        }
    }
    std::cout << "[ explain ] " << complete << " of " << scored.size() << " scored buurten complete; " << next_checked << " next-class moves checked\n";
    EXPECT_GT(complete, 30u);
    EXPECT_GT(next_checked, 10u);
    // With every scored buurt complete the mean unit is the mean index.
    if (complete == scored.size()) {
        EXPECT_NEAR(mean_unit, mean_index, 1e-9);
    }

    // The best indicator's field, its change and the sentence agree with the JSON.
    for (std::size_t r : scored) {
        const json& nc = ex["units"][t.column("buurtcode").as_text(r)]["next_class"];
        EXPECT_EQ(t.column("next_class").as_text(r), nc["text"].get<std::string>());
        if (nc.contains("indicator")) {
            EXPECT_EQ(t.column("next_class_ind").as_text(r), nc["indicator"]["name"].get<std::string>());
            EXPECT_NEAR(t.column("next_class_change").as_double(r), nc["indicator"]["raw_change"].get<double>(), 1e-9);
            const json& best = nc["indicator"];
            EXPECT_NEAR(best["raw"].get<double>() + best["raw_change"].get<double>(), best["raw_new"].get<double>(), 1e-9);
            EXPECT_DOUBLE_EQ(nc["reaching"][best["name"].get<std::string>()].get<double>(), best["raw_change"].get<double>());
            EXPECT_NE(t.column("next_class").as_text(r).find(" reaches class "), std::string::npos);
        } else {
            EXPECT_TRUE(t.column("next_class_ind").is_null(r));
        }
        if (nc["class"].get<int>() == static_cast<int>(upper.size()) + 1) {
            EXPECT_EQ(nc["outcome"], "top class: nothing to reach");
        }
    }
    // Unscored buurten have no explanation fields, and a status in the JSON.
    for (std::size_t r = 0; r < t.rows(); ++r)
        if (t.column("index_status").as_text(r) != "ok") {
            EXPECT_TRUE(t.column("dist_mean").is_null(r));
            EXPECT_TRUE(ex["units"][t.column("buurtcode").as_text(r)].contains("status"));
        }

    // The HTML report: the section and a card per scored buurt (57 units: all cards).
    const std::string html = test::read_file(run.html);
    EXPECT_NE(html.find("Why each buurt scores as it does"), std::string::npos);
    EXPECT_EQ(test::count_of(html, "class=\"area-card explain-card\""), 55u);
    EXPECT_NE(html.find("id=\"explain-lookup\""), std::string::npos);

    // Off: no fields, no block, no section.
    const Outputs off = run_sample(d, "off", "\n[explain]\nenabled = false\n");
    const FeatureTable t_off = test::read_buurten(off.gpkg);
    for (const auto& f : kFields) EXPECT_FALSE(t_off.has_column(f)) << f;
    EXPECT_FALSE(json::parse(test::read_file(off.report)).contains("explanations"));
    EXPECT_EQ(test::read_file(off.html).find("Why each buurt scores as it does"), std::string::npos);
    EXPECT_TRUE(test::conforming_gpkg(off.gpkg));
    std::cout << "[ explain ] run with explanations " << run.seconds << " s, without " << off.seconds << " s, HTML " << html.size() << " bytes (without "
              << test::read_file(off.html).size() << ")\n";
}

// top = 0 leaves out the two list fields; the others stay. A key out of range is refused
// naming the section.
TEST(ExplainCli, TopZeroAndRanges) {
    TempDir d;
    const Outputs run = run_sample(d, "top0", "\n[explain]\ntop = 0\n");
    const FeatureTable t = test::read_buurten(run.gpkg);
    EXPECT_FALSE(t.has_column("top_plus"));
    EXPECT_FALSE(t.has_column("top_minus"));
    EXPECT_TRUE(t.has_column("next_class"));
    const auto project = d / "bad.toml";
    test::write_file(project, test::sample_project_2019() + "\n[explain]\nmax_exact = 21\n");
    const auto r = run_leefbaar("run " + q(project) + " -o " + q(d / "bad.gpkg") + " --runs 0");
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find("max_exact"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("[explain]"), std::string::npos) << r.err;
}
