#pragma once
// One declared parameter of a step, in the style of GDAL's gdalalg_* arguments
// (AddArg(...).SetChoices().SetMinValueIncluded().SetDefault()): name, type, unit,
// default, range, choices, help and whether it is required, declared once and bound
// to the field of the step's options struct it sets. The command line, the project
// file, `leefbaar describe` and the generated docs all read this one declaration;
// set() is the only validation, so a range is the same everywhere.
//
// Names are snake_case and are the project-file key; the command-line flag is the
// same name in kebab case (snap_tolerance <-> --snap-tolerance).
#include <cstdint>
#include <functional>
#include <limits>
#include <optional>
#include <string>
#include <type_traits>
#include <variant>
#include <vector>

namespace leefbaar::params {

enum class Type { Boolean, Integer, Number, String, Choice, StringList, NumberList, InputPath, OutputPath };
const char* to_string(Type t);

using Value = std::variant<bool, std::int64_t, double, std::string, std::vector<std::string>, std::vector<double>>;

// Where a parameter can be given.
enum class Scope { Both, CliOnly, ProjectOnly };

class Param {
public:
    Param(std::string name, Type type, std::string help);

    // --- declaration (fluent) ---
    Param& short_name(char c);
    Param& unit(std::string u);
    Param& min(double v, bool included = true);
    Param& max(double v, bool included = true);
    Param& choices(std::vector<std::string> c);
    Param& required(bool r = true);
    Param& positional();
    Param& scope(Scope s);
    // An earlier spelling: still accepted, with a warning naming `name`.
    Param& old_name(std::string n);
    // Documented default when the bound value does not say it ("detected", "0.01 m").
    Param& default_text(std::string d);
    Param& meta(std::string m);
    Param& category(std::string c);
    // A list whose command-line values may also be comma-separated (--fields a,b).
    Param& comma_separated();
    // How the command-line text becomes a value, when not by type (--k-table 2..10).
    Param& from_text(std::function<Value(const std::vector<std::string>&)> f);
    // Extra check on a value that passed type, range and choices: returns the
    // reason it is refused ("must end in .gal or .gwt") or empty.
    Param& check(std::function<std::string(const Value&)> f);
    // A Choice that also takes any value `extra` accepts (e.g. a .gal path).
    Param& also_accept(std::function<bool(const std::string&)> extra, std::string what);

    // Binding: the setter runs after validation; the default is the bound value now.
    Param& bind(bool& v);
    Param& bind(int& v);
    Param& bind(unsigned& v);
    Param& bind(std::uint64_t& v);
    Param& bind(double& v);
    Param& bind(std::optional<double>& v);
    Param& bind(std::string& v);
    Param& bind(std::vector<std::string>& v);
    Param& bind(std::vector<double>& v);
    // An enum (or anything) set through a parser; `current` gives the default's name.
    Param& bind_with(std::function<void(const Value&)> apply, std::optional<Value> current = std::nullopt);

    // --- reading ---
    const std::string& name() const { return name_; }
    Type type() const { return type_; }
    std::string flag() const;  // "--snap-tolerance"
    // A boolean that is on by default: its flag switches it off (--no-repair).
    bool negated() const;
    std::string cli_flag() const;  // flag(), or "--no-" + name for a negated boolean
    char short_flag() const { return short_; }
    const std::string& help() const { return help_; }
    const std::string& unit_text() const { return unit_; }
    const std::string& meta_text() const { return meta_; }
    const std::string& category_text() const { return category_; }
    const std::vector<std::string>& choice_list() const { return choices_; }
    const std::vector<std::string>& old_names() const { return old_names_; }
    const std::string& also_accepts() const { return extra_what_; }
    std::optional<double> min_value() const { return min_; }
    std::optional<double> max_value() const { return max_; }
    bool min_included() const { return min_included_; }
    bool max_included() const { return max_included_; }
    bool is_required() const { return required_; }
    bool splits_commas() const { return commas_; }
    bool is_positional() const { return positional_; }
    Scope where() const { return scope_; }
    bool on_cli() const { return scope_ != Scope::ProjectOnly; }
    bool in_project() const { return scope_ != Scope::CliOnly; }
    bool is_list() const { return type_ == Type::StringList || type_ == Type::NumberList; }
    const std::optional<Value>& default_value() const { return default_; }
    std::string default_string() const;  // for help and docs; empty when none
    // "between 1 and 20", "at least 0", "> 0"; empty when unbounded.
    std::string range_text() const;

    // --- use ---
    // Validates (type, range, choices, check) and applies. Throws UsageError whose
    // context names this parameter; the message reads after the parameter's name
    // ("must be between 1 and 20, not 25").
    void set(const Value& v) const;
    // The command line: text parsed by type; a list gets all its occurrences at once.
    void set_text(const std::string& text) const;
    void set_texts(const std::vector<std::string>& texts) const;
    // The reason `v` is refused, or empty (what set() checks).
    std::string refuse(const Value& v) const;

private:
    Value parse_scalar(const std::string& text, Type as) const;
    std::string refuse_number(double v, bool integer) const;
    std::string violated_bound(double v) const;

    std::string name_;
    Type type_;
    std::string help_, unit_, meta_, category_, default_text_, extra_what_;
    char short_ = 0;
    std::optional<double> min_, max_;
    // The bound variable's own limits (an int field cannot take 2^40).
    double type_min_ = -std::numeric_limits<double>::infinity(), type_max_ = std::numeric_limits<double>::infinity();
    bool min_included_ = true, max_included_ = true;
    std::vector<std::string> choices_, old_names_;
    bool required_ = false, positional_ = false, commas_ = false;
    Scope scope_ = Scope::Both;
    std::function<std::string(const Value&)> check_;
    std::function<bool(const std::string&)> extra_;
    std::function<Value(const std::vector<std::string>&)> from_text_;
    std::function<void(const Value&)> apply_;
    std::optional<Value> default_;
};

// snake_case -> kebab-case
std::string kebab(const std::string& name);
// Value as text for messages and docs: 0.01, "queen", [a, b].
std::string value_text(const Value& v);

}  // namespace leefbaar::params
