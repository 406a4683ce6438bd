// `leefbaar describe [STEP] [--json | --markdown]`: every step with its parameters
// (type, unit, default, range, choices, help; the flag and the project key), its
// inputs and outputs (layers and the fields it adds), and the project-file sections.
// The JSON (schema "leefbaar.describe", version 1, docs/describe.md) is the contract
// for front ends other than the CLI; the Markdown tables are the option tables of
// docs/commands/*.md and docs/project-file.md (tools/gen-docs.sh writes them).
#include <iostream>

#include <nlohmann/json.hpp>

#include "commands/command.hpp"
#include "commands/describe_text.hpp"
#include "core/error.hpp"
#include "project/project.hpp"

namespace leefbaar::cli {
namespace {

class DescribeCommand final : public Command {
public:
    std::string name() const override { return "describe"; }
    std::string summary() const override { return "Describe the steps, their parameters, inputs and outputs (JSON for other front ends)"; }

    void declare(params::ParamList& l) override {
        using params::Scope;
        using params::Type;
        l.add("step", Type::String, "Only this step (a command name) or, with --section, this project-file section")
            .positional()
            .scope(Scope::CliOnly)
            .bind(step_);
        l.add("json", Type::Boolean, "Print JSON (schema leefbaar.describe, version 1)").scope(Scope::CliOnly).bind(json_);
        l.add("markdown", Type::Boolean, "Print the option table(s) as Markdown, as in the docs").scope(Scope::CliOnly).bind(markdown_);
        l.add("section", Type::Boolean, "STEP names a project-file section ([spatial] -> spatial)").scope(Scope::CliOnly).bind(section_);
    }

    void check() override {
        if (json_ && markdown_) throw UsageError("--json and --markdown exclude each other", ErrorContext{{}, {}, {}, {}, {}, "markdown"});
        if (section_ && step_.empty()) throw UsageError("--section needs the section's name", ErrorContext{{}, {}, {}, {}, {}, "section"});
    }

    int run(const GlobalOptions&, const Console&) override {
        const auto model = describe_all();
        if (section_) return print_section(model);
        if (!step_.empty()) {
            const nlohmann::json* s = find(model["steps"], step_);
            if (!s) throw UsageError("no step named '" + step_ + "'", ErrorContext{{}, {}, {}, {}, {}, "step"}, "the steps: " + join_names(names(model["steps"])));
            if (markdown_) std::cout << markdown_table(*s);
            else if (json_) std::cout << s->dump(2) << '\n';
            else std::cout << text_summary(*s);
            return 0;
        }
        if (markdown_) {
            for (const auto& s : model["steps"]) std::cout << "## " << s["name"].get<std::string>() << "\n\n" << markdown_table(s) << '\n';
        } else if (json_) {
            std::cout << model.dump(2) << '\n';
        } else {
            for (const auto& s : model["steps"]) std::cout << s["name"].get<std::string>() << ": " << s["summary"].get<std::string>() << '\n';
            std::cout << "\nproject-file sections:";
            for (const auto& s : model["project_sections"]) std::cout << " [" << s["name"].get<std::string>() << "]";
            std::cout << "\n(leefbaar describe STEP for the parameters, --json for everything)\n";
        }
        return 0;
    }

private:
    static const nlohmann::json* find(const nlohmann::json& list, const std::string& name) {
        for (const auto& s : list)
            if (s["name"] == name) return &s;
        return nullptr;
    }
    static std::vector<std::string> names(const nlohmann::json& list) {
        std::vector<std::string> out;
        for (const auto& s : list) out.push_back(s["name"]);
        return out;
    }
    int print_section(const nlohmann::json& model) const {
        const nlohmann::json* s = find(model["project_sections"], step_);
        if (!s)
            throw UsageError("no project-file section [" + step_ + "]", ErrorContext{{}, {}, {}, {}, {}, "step"},
                             "the sections: " + join_names(names(model["project_sections"])));
        if (markdown_) std::cout << markdown_table(*s, true);
        else std::cout << s->dump(2) << '\n';
        return 0;
    }

    std::string step_;
    bool json_ = false, markdown_ = false, section_ = false;
};

}  // namespace

std::unique_ptr<Command> make_describe_command() { return std::make_unique<DescribeCommand>(); }

}  // namespace leefbaar::cli
