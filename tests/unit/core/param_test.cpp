// The parameter declaration (core/param.hpp): one validation for every front end,
// and the rendering of option names in messages ({{name}}, core/error.hpp).
#include <gtest/gtest.h>

#include "core/error.hpp"
#include "core/param_list.hpp"

using namespace leefbaar;
using params::Type;

namespace {

std::string refusal(const params::Param& p, const params::Value& v) {
    try {
        p.set(v);
    } catch (const UsageError& e) {
        EXPECT_EQ(e.context().param, p.name());
        return e.message();
    }
    return {};
}

}  // namespace

TEST(Param, RangeIsCheckedAndNamedInWords) {
    int order = 1;
    params::ParamList l;
    const auto& p = l.add("order", Type::Integer, "h").min(1).max(20).bind(order);
    EXPECT_EQ(refusal(p, std::int64_t{21}), "must be between 1 and 20, not 21");
    EXPECT_EQ(refusal(p, std::int64_t{0}), "must be between 1 and 20, not 0");
    EXPECT_EQ(order, 1);  // a refused value is not applied
    p.set(std::int64_t{20});
    EXPECT_EQ(order, 20);
    try {  // the command line names the value as typed and the bound it breaks
        p.set_text("25");
        FAIL();
    } catch (const UsageError& e) {
        EXPECT_EQ(e.message(), "'25' must be at most 20");
    }
    EXPECT_EQ(p.flag(), "--order");
}

TEST(Param, AnIntFieldCannotTakeMoreThanAnInt) {
    int k = 5;
    params::ParamList l;
    const auto& p = l.add("clusters", Type::Integer, "h").min(1).bind(k);
    EXPECT_EQ(refusal(p, std::int64_t{9999999999999}), "must be between 1 and 2,147,483,647, not 9,999,999,999,999");
    EXPECT_EQ(refusal(p, std::int64_t{0}), "must be between 1 and 2,147,483,647, not 0");
}

TEST(Param, NumbersAreFiniteAndOpenBoundsSayPositive) {
    double bw = -1;
    params::ParamList l;
    const auto& p = l.add("bandwidth", Type::Number, "h").min(0, false).bind(bw);
    EXPECT_EQ(refusal(p, -5.0), "must be positive, not -5");
    EXPECT_EQ(refusal(p, 0.0), "must be positive, not 0");
    EXPECT_NE(refusal(p, std::numeric_limits<double>::quiet_NaN()).find("must be a finite number"), std::string::npos);
    p.set(std::int64_t{5});  // a whole number is a number
    EXPECT_EQ(bw, 5.0);
    try {
        p.set_text("inf");
        FAIL();
    } catch (const UsageError& e) {
        EXPECT_EQ(e.message(), "'inf' is not a finite number");
    }
}

TEST(Param, ChoicesNameTheNearestAndAcceptExtras) {
    std::string w = "queen";
    params::ParamList l;
    const auto& p = l.add("weights", Type::Choice, "h")
                        .choices({"queen", "rook"})
                        .also_accept([](const std::string& s) { return s.size() > 4 && s.substr(s.size() - 4) == ".gal"; }, "a .gal file")
                        .bind(w);
    EXPECT_EQ(refusal(p, std::string("quen")), "'quen' is not known: did you mean 'queen'? choose one of: queen, rook, or a .gal file");
    p.set(std::string("w.gal"));
    EXPECT_EQ(w, "w.gal");
}

TEST(Param, DefaultIsTheBoundValueAndOldNamesAreFound) {
    int k = 6;
    params::ParamList l;
    l.add("neighbours", Type::Integer, "h").old_name("k").bind(k);
    bool old = false;
    const auto* p = l.lookup("k", &old);
    ASSERT_NE(p, nullptr);
    EXPECT_TRUE(old);
    EXPECT_EQ(p->name(), "neighbours");
    EXPECT_EQ(p->default_string(), "6");
    EXPECT_THROW(l.add("neighbours", Type::Integer, "again"), std::logic_error);  // declared twice
}

TEST(Param, ListsTakeEveryValue) {
    std::vector<double> v;
    params::ParamList l;
    const auto& p = l.add("sentinels", Type::NumberList, "h").bind(v);
    p.set_texts({"-99", "1.5"});
    EXPECT_EQ(v, (std::vector<double>{-99, 1.5}));
}

namespace {
std::string as_project_key(const std::string& name, const std::string* value) { return value ? name + " = " + *value : name; }
}  // namespace

TEST(ParamRefs, MessagesNameOptionsAsTheFrontEndSpellsThem) {
    // Default (command line): flags; booleans as the flag alone.
    EXPECT_EQ(render_param_refs("use e.g. {{neighbours 6}}"), "use e.g. --neighbours 6");
    EXPECT_EQ(render_param_refs("or {{great_circle true}}; not {{repair false}}"), "or --great-circle; not --no-repair");
    EXPECT_EQ(UsageError("x", {}, "set {{snap_tolerance}}").hint(), "set --snap-tolerance");
    set_param_renderer(as_project_key);
    EXPECT_EQ(UsageError("x", {}, "use e.g. {{neighbours 6}}").hint(), "use e.g. neighbours = 6");
    set_param_renderer(nullptr);
    EXPECT_EQ(render_param_refs("no refs {here}"), "no refs {here}");
}
