#include "core/param.hpp"

#include <cerrno>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "core/error.hpp"

namespace leefbaar::params {

const char* to_string(Type t) {
    switch (t) {
    case Type::Boolean: return "boolean";
    case Type::Integer: return "integer";
    case Type::Number: return "number";
    case Type::String: return "string";
    case Type::Choice: return "choice";
    case Type::StringList: return "string_list";
    case Type::NumberList: return "number_list";
    case Type::InputPath: return "input_path";
    case Type::OutputPath: return "output_path";
    }
    return "string";
}

std::string kebab(const std::string& name) {
    std::string out = name;
    for (auto& c : out)
        if (c == '_') c = '-';
    return out;
}

namespace {

std::string number_text(double v) {
    if (std::isnan(v)) return "nan";
    if (std::isinf(v)) return v < 0 ? "-inf" : "inf";
    if (v == std::floor(v) && std::fabs(v) < 1e15) {
        // Whole numbers with thousands separators, as the project parser always wrote them.
        const auto i = static_cast<long long>(v);
        std::string s = std::to_string(i < 0 ? -i : i);
        for (int k = static_cast<int>(s.size()) - 3; k > 0; k -= 3) s.insert(static_cast<std::size_t>(k), ",");
        return (i < 0 ? "-" : "") + s;
    }
    char b[32];
    std::snprintf(b, sizeof b, "%g", v);
    return b;
}

}  // namespace

std::string value_text(const Value& v) {
    struct V {
        std::string operator()(bool b) const { return b ? "true" : "false"; }
        std::string operator()(std::int64_t i) const { return std::to_string(i); }
        std::string operator()(double d) const {
            char b[32];
            std::snprintf(b, sizeof b, "%g", d);
            return b;
        }
        std::string operator()(const std::string& s) const { return s; }
        std::string operator()(const std::vector<std::string>& l) const {
            std::string o;
            for (const auto& s : l) o += (o.empty() ? "" : ", ") + s;
            return o;
        }
        std::string operator()(const std::vector<double>& l) const {
            std::string o;
            for (double d : l) o += (o.empty() ? "" : ", ") + (*this)(d);
            return o;
        }
    };
    return std::visit(V{}, v);
}

Param::Param(std::string name, Type type, std::string help) : name_(std::move(name)), type_(type), help_(std::move(help)) {}

Param& Param::short_name(char c) { short_ = c; return *this; }
Param& Param::unit(std::string u) { unit_ = std::move(u); return *this; }
Param& Param::min(double v, bool included) { min_ = v; min_included_ = included; return *this; }
Param& Param::max(double v, bool included) { max_ = v; max_included_ = included; return *this; }
Param& Param::choices(std::vector<std::string> c) { choices_ = std::move(c); return *this; }
Param& Param::required(bool r) { required_ = r; return *this; }
Param& Param::positional() { positional_ = true; return *this; }
Param& Param::scope(Scope s) { scope_ = s; return *this; }
Param& Param::old_name(std::string n) { old_names_.push_back(std::move(n)); return *this; }
Param& Param::default_text(std::string d) { default_text_ = std::move(d); return *this; }
Param& Param::meta(std::string m) { meta_ = std::move(m); return *this; }
Param& Param::category(std::string c) { category_ = std::move(c); return *this; }
Param& Param::comma_separated() { commas_ = true; return *this; }
Param& Param::from_text(std::function<Value(const std::vector<std::string>&)> f) { from_text_ = std::move(f); return *this; }
Param& Param::check(std::function<std::string(const Value&)> f) { check_ = std::move(f); return *this; }
Param& Param::also_accept(std::function<bool(const std::string&)> extra, std::string what) {
    extra_ = std::move(extra);
    extra_what_ = std::move(what);
    return *this;
}

std::string Param::flag() const { return "--" + kebab(name_); }

bool Param::negated() const {
    return type_ == Type::Boolean && default_ && std::holds_alternative<bool>(*default_) && std::get<bool>(*default_);
}

std::string Param::cli_flag() const { return negated() ? "--no-" + kebab(name_) : flag(); }

// --- binding ---

Param& Param::bind(bool& v) {
    default_ = v;
    apply_ = [&v](const Value& x) { v = std::get<bool>(x); };
    return *this;
}

Param& Param::bind(int& v) {
    default_ = static_cast<std::int64_t>(v);
    type_min_ = std::numeric_limits<int>::min();
    type_max_ = std::numeric_limits<int>::max();
    apply_ = [&v](const Value& x) { v = static_cast<int>(std::get<std::int64_t>(x)); };
    return *this;
}

Param& Param::bind(unsigned& v) {
    default_ = static_cast<std::int64_t>(v);
    type_min_ = 0;
    type_max_ = std::numeric_limits<unsigned>::max();
    apply_ = [&v](const Value& x) { v = static_cast<unsigned>(std::get<std::int64_t>(x)); };
    return *this;
}

Param& Param::bind(std::uint64_t& v) {
    // Seeds: a TOML integer is signed 64-bit, so the common range is 0..2^63-1.
    default_ = static_cast<std::int64_t>(v);
    type_min_ = 0;
    type_max_ = static_cast<double>(std::numeric_limits<std::int64_t>::max());
    apply_ = [&v](const Value& x) { v = static_cast<std::uint64_t>(std::get<std::int64_t>(x)); };
    return *this;
}

Param& Param::bind(double& v) {
    default_ = v;
    apply_ = [&v](const Value& x) { v = std::get<double>(x); };
    return *this;
}

Param& Param::bind(std::optional<double>& v) {
    if (v) default_ = *v;
    apply_ = [&v](const Value& x) { v = std::get<double>(x); };
    return *this;
}

Param& Param::bind(std::string& v) {
    if (!v.empty()) default_ = v;
    apply_ = [&v](const Value& x) { v = std::get<std::string>(x); };
    return *this;
}

Param& Param::bind(std::vector<std::string>& v) {
    if (!v.empty()) default_ = v;
    apply_ = [&v](const Value& x) { v = std::get<std::vector<std::string>>(x); };
    return *this;
}

Param& Param::bind(std::vector<double>& v) {
    if (!v.empty()) default_ = v;
    apply_ = [&v](const Value& x) { v = std::get<std::vector<double>>(x); };
    return *this;
}

Param& Param::bind_with(std::function<void(const Value&)> apply, std::optional<Value> current) {
    apply_ = std::move(apply);
    default_ = std::move(current);
    return *this;
}

std::string Param::default_string() const {
    if (!default_text_.empty()) return default_text_;
    if (!default_) return {};
    return value_text(*default_);
}

std::string Param::range_text() const {
    const bool integer = type_ == Type::Integer;
    const auto bound = [&](double v) { return number_text(v); };
    if (min_ && max_ && min_included_ && max_included_) return "between " + bound(*min_) + " and " + bound(*max_);
    std::string out;
    if (min_) out = min_included_ ? (integer && *min_ == 0 ? "0 or more" : "at least " + bound(*min_)) : "greater than " + bound(*min_);
    if (max_) out += (out.empty() ? "" : " and ") + std::string(max_included_ ? "at most " : "less than ") + bound(*max_);
    return out;
}

// --- validation ---

std::string Param::refuse_number(double v, bool integer) const {
    if (!std::isfinite(v)) return "must be a finite number, not " + number_text(v);
    const bool low = min_ && (min_included_ ? v < *min_ : !(v > *min_));
    const bool high = max_ && (max_included_ ? v > *max_ : !(v < *max_));
    if (low || high) {
        std::string range = range_text();
        if (!integer && !max_ && min_ && *min_ == 0) range = min_included_ ? "0 or more" : "positive";
        // An int field has an upper bound even when none is declared (not a seed's 2^63).
        if (integer && !max_ && min_ && type_max_ < 1e18) range = "between " + number_text(*min_) + " and " + number_text(type_max_);
        return "must be " + range + ", not " + number_text(v);
    }
    // Then the bound variable's limits, with the declared lower bound: an int field
    // says "between 1 and 2,147,483,647".
    if (integer && (v < type_min_ || v > type_max_))
        return "must be between " + number_text(min_ ? std::max(*min_, type_min_) : type_min_) + " and " +
               number_text(max_ ? std::min(*max_, type_max_) : type_max_) + ", not " + number_text(v);
    return {};
}

std::string Param::refuse(const Value& v) const {
    switch (type_) {
    case Type::Boolean:
        if (!std::holds_alternative<bool>(v)) return "must be true or false";
        break;
    case Type::Integer:
        if (!std::holds_alternative<std::int64_t>(v)) return "must be a whole number";
        if (auto r = refuse_number(static_cast<double>(std::get<std::int64_t>(v)), true); !r.empty()) return r;
        break;
    case Type::Number:
        if (!std::holds_alternative<double>(v)) return "must be a number";
        if (auto r = refuse_number(std::get<double>(v), false); !r.empty()) return r;
        break;
    case Type::NumberList:
        if (!std::holds_alternative<std::vector<double>>(v)) return "must be a list of numbers";
        for (double d : std::get<std::vector<double>>(v))
            if (auto r = refuse_number(d, false); !r.empty()) return "values " + r;
        break;
    case Type::StringList:
        if (!std::holds_alternative<std::vector<std::string>>(v)) return "must be a list of strings";
        break;
    default: {
        if (!std::holds_alternative<std::string>(v)) return "must be a string";
        const auto& s = std::get<std::string>(v);
        if (type_ == Type::Choice && !choices_.empty()) {
            bool ok = extra_ && extra_(s);
            for (const auto& c : choices_) ok = ok || c == s;
            if (!ok) {
                const std::string near = nearest_name(s, choices_);
                return "'" + s + "' is not known: " + (near.empty() ? std::string() : "did you mean '" + near + "'? ") + "choose one of: " +
                       join_names(choices_) + (extra_what_.empty() ? "" : ", or " + extra_what_);
            }
        }
        break;
    }
    }
    return check_ ? check_(v) : std::string();
}

void Param::set(const Value& v) const {
    Value x = v;
    // A whole number is a fine value for a Number parameter (TOML writes 5 for 5.0).
    if (type_ == Type::Number && std::holds_alternative<std::int64_t>(x)) x = static_cast<double>(std::get<std::int64_t>(x));
    if (type_ == Type::StringList && std::holds_alternative<std::string>(x)) x = std::vector<std::string>{std::get<std::string>(x)};
    if (const auto why = refuse(x); !why.empty()) {
        ErrorContext ctx;
        ctx.param = name_;
        throw UsageError(why, ctx);
    }
    if (apply_) apply_(x);
}

Value Param::parse_scalar(const std::string& text, Type as) const {
    const auto fail = [&](const std::string& why) {
        ErrorContext ctx;
        ctx.param = name_;
        throw UsageError(why, ctx);
    };
    if (as == Type::Boolean) {
        if (text == "true" || text == "yes" || text == "1" || text == "on") return true;
        if (text == "false" || text == "no" || text == "0" || text == "off") return false;
        fail("'" + text + "' is not true or false");
    }
    if (as == Type::Integer) {
        errno = 0;
        char* end = nullptr;
        const long long i = std::strtoll(text.c_str(), &end, 10);
        if (text.empty() || *end != '\0') fail("'" + text + "' is not a whole number");
        if (errno == ERANGE) fail("'" + text + "' is too large");
        return static_cast<std::int64_t>(i);
    }
    if (as == Type::Number) {
        char* end = nullptr;
        const double d = std::strtod(text.c_str(), &end);
        if (text.empty() || *end != '\0') fail("'" + text + "' is not a number");
        if (!std::isfinite(d)) fail("'" + text + "' is not a finite number");
        return d;
    }
    return text;
}

std::string Param::violated_bound(double v) const {
    if (min_ && (min_included_ ? v < *min_ : !(v > *min_))) return (min_included_ ? "at least " : "greater than ") + number_text(*min_);
    if (max_ && (max_included_ ? v > *max_ : !(v < *max_))) return (max_included_ ? "at most " : "less than ") + number_text(*max_);
    return {};
}

void Param::set_text(const std::string& text) const {
    if (from_text_) return set(from_text_({text}));
    if (type_ == Type::StringList || type_ == Type::NumberList) return set_texts({text});
    const Value v = parse_scalar(text, type_);
    // On the command line the value is named as typed: "'-5' must be greater than 0".
    if (type_ == Type::Integer || type_ == Type::Number) {
        const double d = type_ == Type::Integer ? static_cast<double>(std::get<std::int64_t>(v)) : std::get<double>(v);
        if (const auto b = violated_bound(d); !b.empty()) throw UsageError("'" + text + "' must be " + b, ErrorContext{{}, {}, {}, {}, {}, name_});
    }
    set(v);
}

void Param::set_texts(const std::vector<std::string>& texts) const {
    if (from_text_) return set(from_text_(texts));
    if (type_ == Type::StringList) return set(texts);
    if (type_ == Type::NumberList) {
        std::vector<double> out;
        for (const auto& t : texts) out.push_back(std::get<double>(parse_scalar(t, Type::Number)));
        return set(out);
    }
    if (!texts.empty()) set_text(texts.back());
}

}  // namespace leefbaar::params
