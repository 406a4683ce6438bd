// The parameter registry (issue 12): `leefbaar describe --json` is generated from
// the one declaration of every step, so walking it checks that every parameter maps
// to exactly one command-line flag and one project key, with the same type, range
// and choices, and that each command really offers the flags it declares.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "support/test_support.hpp"

using leefbaar::test::run_leefbaar;
using nlohmann::json;

namespace {

json describe() {
    const auto r = run_leefbaar("describe --json");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return json::parse(r.out);
}

const json* find(const json& list, const std::string& name) {
    for (const auto& x : list)
        if (x["name"] == name) return &x;
    return nullptr;
}

// What must agree between the flag and the key of one parameter.
json contract(const json& p) {
    json c = {{"type", p["type"]}, {"list", p["list"]}};
    for (const char* k : {"min", "max", "choices", "also_accepts", "unit"})
        if (p.contains(k)) c[k] = p[k];
    return c;
}

}  // namespace

TEST(Registry, DescribeIsVersionedAndCoversEveryCommand) {
    const json d = describe();
    EXPECT_EQ(d["schema"], "leefbaar.describe");
    EXPECT_EQ(d["schema_version"], 1);
    std::set<std::string> names;
    for (const auto& s : d["steps"]) names.insert(s["name"]);
    for (const char* c : {"info", "join", "run", "score", "cluster", "weights", "lisa", "hotspots", "style", "report"})
        EXPECT_TRUE(names.count(c)) << c;
    for (const auto& s : d["steps"]) {
        EXPECT_FALSE(s["parameters"].empty()) << s["name"];
        for (const auto& p : s["parameters"]) {
            EXPECT_FALSE(p["help"].get<std::string>().empty()) << s["name"] << " " << p["name"];
            EXPECT_TRUE(!p["flag"].is_null() || p["positional"].get<bool>() || !p["key"].is_null()) << p["name"];
        }
    }
}

TEST(Registry, EveryFlagIsUniqueAndShortKMeansKey) {
    // Keep the JSON alive: a range-for over describe()["..."] would iterate a destroyed temporary.
    const json d = describe();
    for (const auto& s : d["steps"]) {
        std::set<std::string> flags;
        for (const auto& p : s["parameters"]) {
            std::vector<std::string> mine;
            if (!p["flag"].is_null()) mine.push_back(p["flag"]);
            if (!p["short_flag"].is_null()) mine.push_back(p["short_flag"]);
            if (p.contains("deprecated_names"))
                for (const auto& o : p["deprecated_names"]) {
                    std::string n = o;
                    n = n.substr(0, n.find('='));
                    for (auto& c : n)
                        if (c == '_') c = '-';
                    mine.push_back("--" + n);
                }
            for (const auto& f : mine) EXPECT_TRUE(flags.insert(f).second) << s["name"] << ": " << f << " twice";
            if (!p["short_flag"].is_null() && p["short_flag"] == "-k") {
                EXPECT_EQ(p["name"], "key") << s["name"];
            }
        }
    }
}

TEST(Registry, EveryProjectKeyOfAStepHasTheSameContractInItsSection) {
    const json d = describe();
    std::size_t compared = 0;
    for (const auto& s : d["steps"]) {
        for (const auto& p : s["parameters"]) {
            if (p["key"].is_null() || s["sections"].empty()) continue;
            // The key is in one of the step's sections, with the same type, range and choices.
            const json* match = nullptr;
            for (const auto& section : s["sections"]) {
                const json* sec = find(d["project_sections"], section);
                ASSERT_NE(sec, nullptr) << s["name"] << " names section " << section;
                if (const json* q = find((*sec)["parameters"], p["name"])) match = q;
            }
            ASSERT_NE(match, nullptr) << "no section of " << s["name"] << " has the key " << p["name"];
            EXPECT_EQ(contract(p), contract(*match)) << s["name"] << " " << p["name"];
            ++compared;
        }
    }
    EXPECT_GT(compared, 60u);  // join/[input], score and run/[uncertainty], weights, lisa, hotspots/[spatial], cluster/[cluster]
}

// A command-line-only parameter named like a key of one of its step's sections is that
// key given again (run's -o/--gpkg, --report and --html override [output] gpkg/report
// and [report] html): one option, so one contract.
TEST(Registry, AnOverrideFlagHasTheContractOfItsKey) {
    const json d = describe();
    std::set<std::string> overrides;
    for (const auto& s : d["steps"]) {
        for (const auto& p : s["parameters"]) {
            if (!p["key"].is_null() || p["flag"].is_null()) continue;
            for (const auto& section : s["sections"]) {
                if (section == "input.table") continue;  // JoinTableFlagsAreTheInputTableKeys
                const json* q = find((*find(d["project_sections"], section))["parameters"], p["name"]);
                if (!q) continue;
                EXPECT_EQ(contract(p), contract(*q)) << s["name"] << " " << p["name"];
                EXPECT_EQ(p["type"], "output_path") << p["name"];
                overrides.insert(s["name"].get<std::string>() + " " + p["name"].get<std::string>() + " " + section.get<std::string>());
            }
        }
    }
    EXPECT_EQ(overrides, (std::set<std::string>{"run gpkg output", "run report output", "run html report"}));
    const json* run = find(d["steps"], "run");
    ASSERT_NE(run, nullptr);
    EXPECT_EQ((*find((*run)["parameters"], "gpkg"))["short_flag"], "-o");
}

// join's tables on the command line are [[input.table]]'s keys by one rule: path, key and
// layer become --table, --table-key and --table-layer (--key and --layer are the
// polygons'), repeatable; every other table key keeps its name and contract.
TEST(Registry, JoinTableFlagsAreTheInputTableKeys) {
    const json d = describe();
    const json& join = *find(d["steps"], "join");
    const json& table = (*find(d["project_sections"], "input.table"))["parameters"];
    const std::map<std::string, std::string> renamed = {{"path", "table"}, {"key", "table_key"}, {"layer", "table_layer"}, {"prefix", "prefix"}};
    for (const auto& k : table) {
        const std::string key = k["name"];
        const auto r = renamed.find(key);
        const json* p = find(join["parameters"], r == renamed.end() ? key : r->second);
        ASSERT_NE(p, nullptr) << "join has no flag for [[input.table]] " << key;
        if (r == renamed.end()) {
            EXPECT_EQ(contract(*p), contract(k)) << key;
            continue;
        }
        EXPECT_TRUE((*p)["key"].is_null()) << key;
        EXPECT_TRUE((*p)["list"].get<bool>()) << key;
        EXPECT_EQ((*p)["help"].get<std::string>().rfind(k["help"].get<std::string>(), 0), 0u) << key << ": " << (*p)["help"];
    }
    EXPECT_EQ((*find(join["parameters"], "table"))["short_flag"], "-t");
}

TEST(Registry, SectionKeysAreUnique) {
    const json d = describe();
    for (const auto& sec : d["project_sections"]) {
        std::set<std::string> keys;
        for (const auto& p : sec["parameters"]) {
            if (!p["key"].is_null()) {
                EXPECT_TRUE(keys.insert(p["key"]).second) << sec["name"] << " " << p["key"];
            }
            if (p.contains("deprecated_names"))
                for (const auto& o : p["deprecated_names"]) {
                    const std::string n = o;
                    if (n.find('=') == std::string::npos) {
                        EXPECT_TRUE(keys.insert(n).second) << sec["name"] << " " << n;
                    }
                }
        }
    }
}

TEST(Registry, EveryCommandOffersTheFlagsItDeclares) {
    const json d = describe();
    for (const auto& s : d["steps"]) {
        const auto help = run_leefbaar(s["name"].get<std::string>() + " --help");
        ASSERT_EQ(help.exit_code, 0) << help.err;
        for (const auto& p : s["parameters"]) {
            if (!p["flag"].is_null()) {
                EXPECT_NE(help.out.find(p["flag"].get<std::string>() + " "), std::string::npos) << s["name"] << " " << p["flag"];
            }
            if (p["positional"].get<bool>()) {
                EXPECT_NE(help.out.find(p["name"].get<std::string>()), std::string::npos) << p["name"];
            }
        }
    }
}

// Values are validated by the one declaration, whichever front end gives them.
TEST(Registry, TheSameRangeOnTheCommandLineAndInTheProject) {
    // order is 1..20 (spatial/weights_params.cpp); both fronts refuse 21 naming it.
    const auto cli = run_leefbaar("weights x.gpkg --order 21");
    EXPECT_EQ(cli.exit_code, 2);
    EXPECT_NE(cli.err.find("--order"), std::string::npos) << cli.err;
    EXPECT_NE(cli.err.find("'21' must be at most 20"), std::string::npos) << cli.err;
}

TEST(Registry, AnEarlierFlagIsAnAliasOfTheNewOne) {
    // --k is the earlier spelling of --neighbours: the same parameter, the same check.
    const auto r = run_leefbaar("weights x.gpkg --k 0");
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("--neighbours: '0' must be at least 1"), std::string::npos) << r.err;
}
