// Every key a section declares (project_sections(), the registry) is accepted by the
// project-file parser, and an old spelling still works with a deprecation warning:
// the parser and `describe` read one declaration, so a key cannot be documented
// without being parsed, or the reverse.
#include <gtest/gtest.h>

#include <sstream>

#include <toml++/toml.h>

#include "core/error.hpp"
#include "project/project.hpp"
#include "support/test_support.hpp"

using namespace leefbaar;

namespace {

// A value of the parameter's type inside its range: the default when there is one.

void put_value(toml::table& t, const params::Param& p) {
    using params::Type;
    const auto& d = p.default_value();
    switch (p.type()) {
    case Type::Boolean: t.insert_or_assign(p.name(), d ? std::get<bool>(*d) : false); break;
    case Type::Integer: t.insert_or_assign(p.name(), d ? std::get<std::int64_t>(*d) : static_cast<std::int64_t>(p.min_value().value_or(1))); break;
    case Type::Number: {
        double v = d && std::holds_alternative<double>(*d) ? std::get<double>(*d) : 1.0;
        if (p.min_value() && !(v > *p.min_value())) v = *p.min_value() + (p.min_included() ? 0.0 : 0.5);
        if (p.max_value() && v > *p.max_value()) v = *p.max_value();
        t.insert_or_assign(p.name(), v);
        break;
    }
    case Type::StringList: {
        toml::array a;
        a.push_back("index");
        t.insert_or_assign(p.name(), a);
        break;
    }
    case Type::NumberList: {
        toml::array a;
        a.push_back(1.0);
        a.push_back(2.0);
        t.insert_or_assign(p.name(), a);
        break;
    }
    case Type::Choice: t.insert_or_assign(p.name(), d ? std::get<std::string>(*d) : p.choice_list().front()); break;
    default: t.insert_or_assign(p.name(), d && std::holds_alternative<std::string>(*d) ? std::get<std::string>(*d) : std::string("x")); break;
    }
}

std::string sample_text() { return test::read_file(test::sample_data("heerlen/liveability.toml")); }

}  // namespace

TEST(SectionKeys, EveryDeclaredKeyIsParsed) {
    std::size_t keys = 0;
    for (const auto& sec : project::project_sections()) {
        if (!sec.declare || sec.repeated) continue;
        project::Project p;
        params::ParamList list;
        sec.declare(list, p);
        for (const auto& prm : list.all()) {
            if (!prm.in_project()) continue;
            auto root = toml::parse(sample_text());
            if (!root.get(sec.name)) root.insert_or_assign(sec.name, toml::table{});
            put_value(*root.get(sec.name)->as_table(), prm);
            std::ostringstream text;
            text << root;
            try {
                project::parse_project(text.str(), test::sample_data("heerlen/liveability.toml").string());
            } catch (const Error& e) {
                // Other checks may refuse the value; the key itself must be known.
                EXPECT_EQ(e.message().find("unknown key"), std::string::npos) << "[" << sec.name << "] " << prm.name() << ": " << e.describe();
            }
            ++keys;
        }
    }
    EXPECT_GT(keys, 20u);
}

TEST(SectionKeys, OldKeyWorksWithADeprecationWarning) {
    // [spatial] neighbours was declared as `--k` on the command line; variables is now fields.
    auto root = toml::parse(sample_text());
    toml::table spatial;
    toml::array vars;
    vars.push_back("index");
    spatial.insert_or_assign("variables", vars);
    root.insert_or_assign("spatial", spatial);
    std::ostringstream text;
    text << root;
    const auto p = project::parse_project(text.str(), test::sample_data("heerlen/liveability.toml").string());
    ASSERT_EQ(p.spatial.variables, std::vector<std::string>{"index"});
    ASSERT_FALSE(p.warnings.empty());
    EXPECT_NE(p.warnings.front().find("[spatial] variables is deprecated; write fields instead"), std::string::npos) << p.warnings.front();
}

TEST(SectionKeys, ProjectRangeIsTheCommandLineRange) {
    // order is 1..20 on both fronts (it was 1..10 in the project file, 1..20 on the command line).
    auto root = toml::parse(sample_text());
    toml::table spatial;
    spatial.insert_or_assign("order", 20);
    root.insert_or_assign("spatial", spatial);
    std::ostringstream ok;
    ok << root;
    EXPECT_EQ(project::parse_project(ok.str(), test::sample_data("heerlen/liveability.toml").string()).spatial.weights.order, 20);
    root.get("spatial")->as_table()->insert_or_assign("order", 21);
    std::ostringstream bad;
    bad << root;
    try {
        project::parse_project(bad.str(), test::sample_data("heerlen/liveability.toml").string());
        FAIL() << "order = 21 accepted";
    } catch (const UsageError& e) {
        EXPECT_NE(e.message().find("order in [spatial] must be between 1 and 20, not 21"), std::string::npos) << e.message();
    }
}

// The weights keys are declared in [spatial] and in [cluster] (one declaration,
// steps/weights_params.cpp); a message of the cluster step names the [cluster] key,
// one of the spatial step the [spatial] one, and one of a step with neither the first
// ([spatial]: the order of the project file).
TEST(SectionKeys, AMessageNamesTheKeyInTheSectionOfTheRunningStep) {
    const std::string value = "0.5";
    project::prefer_param_section("cluster");
    EXPECT_EQ(project::param_as_key("snap_tolerance", &value), "snap_tolerance = 0.5 in [cluster]");
    EXPECT_EQ(project::param_as_key("distance", nullptr), "distance in [cluster]");
    EXPECT_EQ(project::param_as_key("neighbours", nullptr), "neighbours in [spatial]");  // [spatial] only
    EXPECT_EQ(project::param_as_key("s_srs", nullptr), "s_srs in [input]");
    project::prefer_param_section("spatial");
    EXPECT_EQ(project::param_as_key("snap_tolerance", &value), "snap_tolerance = 0.5 in [spatial]");
    project::prefer_param_section("index");
    EXPECT_EQ(project::param_as_key("snap_tolerance", nullptr), "snap_tolerance in [spatial]");
    EXPECT_EQ(project::param_as_key("no_such_key", nullptr), "no_such_key");
}
