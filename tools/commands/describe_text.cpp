#include "commands/describe_text.hpp"

#include <cmath>
#include <sstream>

#include "commands/command.hpp"
#include "project/project.hpp"

namespace leefbaar::cli {

using params::Param;
using params::Type;

namespace {

nlohmann::json value_json(const params::Value& v) {
    return std::visit([](const auto& x) { return nlohmann::json(x); }, v);
}

nlohmann::json params_json(const params::ParamList& list) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& p : list.all()) out.push_back(param_json(p));
    return out;
}

}  // namespace

nlohmann::json param_json(const Param& p) {
    nlohmann::json j;
    j["name"] = p.name();
    j["type"] = params::to_string(p.type());
    j["help"] = p.help();
    j["flag"] = p.on_cli() && !p.is_positional() ? nlohmann::json(p.cli_flag()) : nlohmann::json(nullptr);
    j["short_flag"] = p.short_flag() ? nlohmann::json(std::string("-") + p.short_flag()) : nlohmann::json(nullptr);
    j["positional"] = p.is_positional() && p.on_cli();
    j["key"] = p.in_project() ? nlohmann::json(p.name()) : nlohmann::json(nullptr);
    j["required"] = p.is_required();
    j["list"] = p.is_list();
    if (p.splits_commas()) j["comma_separated"] = true;
    j["unit"] = p.unit_text().empty() ? nlohmann::json(nullptr) : nlohmann::json(p.unit_text());
    j["default"] = p.default_value() ? value_json(*p.default_value()) : nlohmann::json(nullptr);
    if (!p.default_string().empty() && (!p.default_value() || p.default_string() != params::value_text(*p.default_value())))
        j["default_text"] = p.default_string();
    if (p.min_value()) j["min"] = {{"value", *p.min_value()}, {"included", p.min_included()}};
    if (p.max_value()) j["max"] = {{"value", *p.max_value()}, {"included", p.max_included()}};
    if (!p.choice_list().empty()) j["choices"] = p.choice_list();
    if (!p.also_accepts().empty()) j["also_accepts"] = p.also_accepts();
    if (!p.category_text().empty()) j["category"] = p.category_text();
    if (!p.meta_text().empty()) j["meta"] = p.meta_text();
    if (!p.old_names().empty()) j["deprecated_names"] = p.old_names();
    return j;
}

nlohmann::json describe_all() {
    nlohmann::json model;
    model["schema"] = "leefbaar.describe";
    model["schema_version"] = kDescribeSchemaVersion;
#ifdef LEEFBAAR_VERSION
    model["leefbaar_version"] = LEEFBAAR_VERSION;
#endif
    {
        GlobalOptions g;
        params::ParamList gl;
        declare_global(gl, g);
        model["global_parameters"] = params_json(gl);
    }
    model["steps"] = nlohmann::json::array();
    const auto commands = all_commands();
    for (const auto& c : commands) {
        if (c->name() == "describe") continue;
        params::ParamList list;
        c->declare(list);
        nlohmann::json s;
        s["name"] = c->name();
        s["summary"] = c->summary();
        s["category"] = c->category();
        s["sections"] = c->sections();
        s["parameters"] = params_json(list);
        const auto io = c->io();
        for (const auto* side : {&io.inputs, &io.outputs}) {
            nlohmann::json arr = nlohmann::json::array();
            for (const auto& i : *side) {
                nlohmann::json layers = nlohmann::json::array();
                for (const auto& l : i.layers) {
                    nlohmann::json fields = nlohmann::json::array();
                    for (const auto& f : l.fields) fields.push_back({{"name", f.name}, {"type", f.type}, {"description", f.description}});
                    layers.push_back({{"name", l.name}, {"description", l.description}, {"fields", fields}});
                }
                arr.push_back({{"param", i.param}, {"kind", i.kind}, {"description", i.description}, {"layers", layers}});
            }
            s[side == &io.inputs ? "inputs" : "outputs"] = arr;
        }
        model["steps"].push_back(s);
    }
    model["project_sections"] = nlohmann::json::array();
    for (const auto& sec : project::project_sections()) {
        nlohmann::json s;
        s["name"] = sec.name;
        s["required"] = sec.required;
        s["repeated"] = sec.repeated;
        s["step"] = sec.step;
        project::Project p;
        params::ParamList list;
        if (sec.declare) sec.declare(list, p);
        s["parameters"] = params_json(list);
        model["project_sections"].push_back(s);
    }
    return model;
}

namespace {

std::string cell(std::string s) {
    std::string out;
    for (char c : s) {
        if (c == '|') out += "\\|";
        else if (c == '\n') out += ' ';
        else out += c;
    }
    return out;
}

std::string values_cell(const nlohmann::json& p) {
    std::string v;
    if (p.contains("choices")) {
        for (const auto& c : p["choices"]) v += (v.empty() ? "" : ", ") + std::string("`") + c.get<std::string>() + "`";
        if (p.contains("also_accepts")) v += "; or " + p["also_accepts"].get<std::string>();
    }
    const auto bound = [](const nlohmann::json& b) {
        const double v = b["value"].get<double>();
        if (v == static_cast<double>(static_cast<long long>(v)) && std::fabs(v) < 1e15) {
            std::string s = std::to_string(static_cast<long long>(std::fabs(v)));
            for (int k = static_cast<int>(s.size()) - 3; k > 0; k -= 3) s.insert(static_cast<std::size_t>(k), ",");
            return (v < 0 ? "-" : "") + s;
        }
        std::ostringstream o;
        o << v;
        return o.str();
    };
    if (p.contains("min") && p.contains("max") && p["min"]["included"] && p["max"]["included"])
        v += bound(p["min"]) + " .. " + bound(p["max"]);
    else {
        if (p.contains("min")) v += (p["min"]["included"] ? "≥ " : "> ") + bound(p["min"]);
        if (p.contains("max")) v += (v.empty() ? "" : ", ") + std::string(p["max"]["included"] ? "≤ " : "< ") + bound(p["max"]);
    }
    if (!p["unit"].is_null()) v += (v.empty() ? "" : "; ") + std::string("unit: ") + p["unit"].get<std::string>();
    return v;
}

std::string default_cell(const nlohmann::json& p) {
    if (p.contains("default_text")) return p["default_text"];
    const auto& d = p["default"];
    if (d.is_null()) return "";
    if (d.is_boolean()) return d.get<bool>() ? "on" : "off";
    if (d.is_string()) return "`" + d.get<std::string>() + "`";
    if (d.is_array()) {
        std::string s;
        for (const auto& e : d) s += (s.empty() ? "" : ", ") + (e.is_string() ? e.get<std::string>() : e.dump());
        return "`" + s + "`";
    }
    return d.dump();
}

}  // namespace

std::string markdown_table(const nlohmann::json& step, bool keys) {
    std::ostringstream o;
    const bool has_keys = !keys && step.contains("sections") && !step["sections"].empty();
    if (keys) o << "| key | type | default | values | meaning |\n|---|---|---|---|---|\n";
    else if (has_keys) o << "| option | project key | type | default | values | meaning |\n|---|---|---|---|---|---|\n";
    else o << "| option | type | default | values | meaning |\n|---|---|---|---|---|\n";
    for (const auto& p : step["parameters"]) {
        std::string first;
        if (keys) {
            if (p["key"].is_null()) continue;
            first = "`" + p["key"].get<std::string>() + "`";
        } else {
            if (p["flag"].is_null() && !p["positional"].get<bool>()) continue;
            first = p["positional"].get<bool>() ? "`" + p["name"].get<std::string>() + "` (positional)" : "`" + p["flag"].get<std::string>() + "`";
            if (!p["short_flag"].is_null()) first = "`" + p["short_flag"].get<std::string>() + "`, " + first;
        }
        std::string meaning = p["help"];
        if (p["required"].get<bool>()) meaning += " (required)";
        if (p.contains("deprecated_names")) {
            std::string old;
            for (const auto& n : p["deprecated_names"]) {
                std::string s = n;
                const auto eq = s.find('=');
                if (eq != std::string::npos) s = s.substr(0, eq);
                old += (old.empty() ? "" : ", ") + std::string("`") + s + "`";
            }
            meaning += "; formerly " + old;
        }
        o << "| " << first << " | ";
        if (has_keys) o << (p["key"].is_null() ? "" : "`" + p["key"].get<std::string>() + "`") << " | ";
        o << p["type"].get<std::string>() << (p["list"].get<bool>() ? " (repeatable)" : "") << " | " << cell(default_cell(p)) << " | "
          << cell(values_cell(p)) << " | " << cell(meaning) << " |\n";
    }
    return o.str();
}

std::string text_summary(const nlohmann::json& step) {
    std::ostringstream o;
    o << step["name"].get<std::string>() << ": " << step["summary"].get<std::string>() << "\n\n" << markdown_table(step);
    return o.str();
}

}  // namespace leefbaar::cli
