#include "commands/param_cli.hpp"

#include "core/error.hpp"

namespace leefbaar::cli {

using params::Param;
using params::Type;

std::string cli_help(const Param& p) {
    std::string h = p.help();
    if (p.is_required() && !p.is_positional()) h += " (required)";
    if (!p.choice_list().empty()) {
        std::string c;
        for (const auto& s : p.choice_list()) c += (c.empty() ? "" : ", ") + s;
        h += " [one of: " + c + (p.also_accepts().empty() ? "" : "; or " + p.also_accepts()) + "]";
    }
    if (const auto r = p.range_text(); !r.empty()) h += " [" + r + "]";
    if (!p.unit_text().empty()) h += " [unit: " + p.unit_text() + "]";
    const auto d = p.default_string();
    if (!d.empty() && p.type() != Type::Boolean) h += " [default: " + d + "]";
    return h;
}

namespace {

std::string option_names(const Param& p) {
    if (p.is_positional()) return p.name();
    std::string names;
    if (p.short_flag()) names = std::string("-") + p.short_flag() + ",";
    return names + p.cli_flag();
}

const char* type_label(Type t) {
    switch (t) {
    case Type::Integer: return "INT";
    case Type::Number: case Type::NumberList: return "NUMBER";
    case Type::Choice: return "CHOICE";
    case Type::InputPath: case Type::OutputPath: return "FILE";
    default: return "TEXT";
    }
}

}  // namespace

void CliParams::attach(CLI::App& app, params::ParamList& list) {
    for (const auto& p : list.all()) {
        if (!p.on_cli()) continue;
        const bool is_bool = p.type() == Type::Boolean;
        const bool negated = p.negated();
        auto& s = slots_.emplace_back();
        s.list = &list;
        s.param = &p;
        s.flag = is_bool;
        s.negated = negated;
        const std::string names = option_names(p);
        if (is_bool) {
            s.option = app.add_flag(names)->description(cli_help(p));
        } else if (p.is_list()) {
            s.option = app.add_option(names, s.values, cli_help(p));
        } else {
            s.option = app.add_option(names, s.values, cli_help(p))->expected(1)->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
        }
        if (!p.meta_text().empty()) s.option->type_name(p.meta_text());
        else if (!is_bool) s.option->type_name(type_label(p.type()));
        if (!p.category_text().empty()) s.option->group(p.category_text());
        // A required option may be given by an old name too: apply() checks it.
        if (p.is_required() && p.is_positional()) s.option->required();
        // Earlier spellings: hidden options feeding the same parameter, with a warning.
        for (const auto& old : p.old_names()) {
            const auto eq = old.find('=');
            auto& o = slots_.emplace_back();
            o.list = &list;
            o.param = &p;
            o.old = eq == std::string::npos ? old : old.substr(0, eq);
            const std::string flag = "--" + params::kebab(o.old);
            if (eq != std::string::npos) {  // a flag standing for one value: --fdr = --multiple-testing fdr
                o.values = {old.substr(eq + 1)};
                o.option = app.add_flag(flag)->group("");
            } else if (is_bool) {
                o.flag = true;
                o.negated = negated;
                o.option = app.add_flag(flag)->group("");
            } else {
                o.option = app.add_option(flag, o.values, "")->group("");
            }
        }
    }
}

void CliParams::apply() {
    for (auto& s : slots_) {
        if (s.option->count() == 0) continue;
        s.list->mark_given(s.param->name());
        try {
            if (s.flag) {
                s.param->set(!s.negated);
            } else if (s.param->is_list()) {
                // Repeated or comma-separated: --fields a,b --fields c
                std::vector<std::string> items;
                for (const auto& v : s.values) {
                    std::size_t from = 0;
                    while (true) {
                        const auto comma = s.param->splits_commas() ? v.find(',', from) : std::string::npos;
                        const std::string item = v.substr(from, comma == std::string::npos ? std::string::npos : comma - from);
                        // An empty value given as such is kept (--prefix '' for a table without one);
                        // only the empty pieces of a comma-separated value are dropped.
                        if (!item.empty() || !s.param->splits_commas()) items.push_back(item);
                        if (comma == std::string::npos) break;
                        from = comma + 1;
                    }
                }
                s.param->set_texts(items);
            } else {
                s.param->set_text(s.values.back());
            }
        } catch (const UsageError& e) {
            ErrorContext ctx = e.context();
            ctx.param = s.param->name();
            throw UsageError(e.message(), ctx, e.hint());
        }
    }
    for (const auto& s : slots_)
        if (s.param->is_required() && s.old.empty() && !s.list->given(s.param->name()))
            throw UsageError(s.param->flag() + " is required", {},
                             "run with --help for the options");
}

}  // namespace leefbaar::cli
