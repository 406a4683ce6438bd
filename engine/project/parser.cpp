// The top level of the project file: parse the TOML, dispatch each section to its
// parser (sections.hpp explains how to add one), then the checks across sections.
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/error.hpp"
#include "project/sections.hpp"
#include "steps/project_params.hpp"
#include "steps/report_params.hpp"

namespace leefbaar::project {
namespace {

struct Section {
    const char* name;
    SectionParser parse;
    bool required;
    SectionDeclare declare;  // its parameters (for describe and the docs)
    bool repeated;           // [name.X] tables, one per X
    const char* step;        // the command that runs the same step, if any
};

// One line per section. Sections are parsed in this order, whatever their order in
// the file ([indicator] needs [input]'s area column).
const Section kSections[] = {
    {"project", parse_section_project, false, steps::declare_project, false, "run"},
    {"input", parse_section_input, true, declare_section_input, false, "join"},
    {"output", parse_section_output, false, steps::declare_output, false, "run"},
    {"index", parse_section_index, false, declare_section_index, false, "score"},
    {"domain", parse_section_domain, true, declare_section_domain, true, "score"},
    {"indicator", parse_section_indicator, true, declare_section_indicator, true, "score"},
    {"uncertainty", parse_section_uncertainty, false, declare_section_uncertainty, false, "score"},
    {"spatial", parse_section_spatial, false, declare_section_spatial, false, "lisa"},
    {"cluster", parse_section_cluster, false, declare_section_cluster, false, "cluster"},
    {"explain", parse_section_explain, false, declare_section_explain, false, "run"},
    {"report", parse_section_report, false, steps::declare_report_section, false, "report"},
    {"monitor", parse_section_monitor, false, declare_section_monitor, false, "run"},
    {"areas", parse_section_areas, false, declare_section_areas, false, "run"},
    {"validate", parse_section_validate, false, declare_section_validate, false, "validate"},
};

std::vector<std::string> section_names() {
    std::vector<std::string> out;
    for (const auto& s : kSections) out.emplace_back(s.name);
    return out;
}

void finish_project(const toml::table& root, ParseContext& ctx) {
    Project& p = ctx.project();
    auto& o = p.index;
    // Weights given without a weighting method mean the user wants them used.
    if (!root.get("index") || !root.get("index")->as_table() || !root.get("index")->as_table()->get("weighting"))
        if (p.lines.count("weights.explicit")) o.weighting = index::Weighting::Explicit;

    std::vector<std::string> domain_names;
    for (const auto& d : o.domains) domain_names.push_back(d.name);
    for (const auto& ind : o.indicators) {
        if (std::find(domain_names.begin(), domain_names.end(), ind.domain) != domain_names.end()) continue;
        const std::string near = nearest_name(ind.domain, domain_names);
        ctx.fail_line(p.line_of("indicator." + ind.name + ".domain"), "indicator '" + ind.name + "' names domain '" + ind.domain + "', which is not defined",
                      (near.empty() ? std::string() : "did you mean '" + near + "'? ") + "defined domains: " + join_names(domain_names) +
                          " (add a [domain." + ind.domain + "] section to define it)");
    }
    double domain_total = 0;
    for (const auto& d : o.domains) {
        double total = 0;
        std::size_t count = 0;
        for (const auto& ind : o.indicators)
            if (ind.domain == d.name) {
                total += ind.weight;
                ++count;
            }
        if (count == 0)
            ctx.fail_line(p.line_of("domain." + d.name), "domain '" + d.name + "' has no indicators",
                          "add indicators with domain = \"" + d.name + "\", or remove [domain." + d.name + "]");
        if (o.weighting == index::Weighting::Explicit && total <= 0)
            ctx.fail_line(p.line_of("domain." + d.name), "all indicator weights in domain '" + d.name + "' are zero",
                          "give at least one of its indicators a positive weight");
        domain_total += d.weight;
    }
    if (o.weighting != index::Weighting::Equal && domain_total <= 0 && !o.domains.empty())
        ctx.fail_line(p.line_of("domain." + o.domains.front().name), "all domain weights are zero",
                      "give at least one domain a positive weight");
    if (o.weighting == index::Weighting::Calibrated && !p.validate_enabled)
        ctx.fail_line(p.line_of("index.weighting"), "weighting = \"calibrated\" needs a reference to calibrate on",
                      "add a [validate] section (reference, reference_key, score, level), or choose another weighting");
    for (auto n : p.uncertainty.normalisations)
        if (n == index::Normalisation::Goalposts || n == index::Normalisation::DistanceToReference)
            for (const auto& ind : o.indicators)
                if (!ind.normalisation && std::isnan(n == index::Normalisation::Goalposts ? ind.goal_low : ind.reference))
                    ctx.fail_line(p.line_of("uncertainty.normalisation"), std::string("[uncertainty] normalisation '") + index::to_string(n) + "' needs values for every indicator; '" +
                                         ind.name + "' has none",
                                  "set goalposts/reference for every indicator, or leave that method out of the alternatives");

    const std::string stem = std::filesystem::path(p.file).stem().string();
    if (p.output_gpkg.empty()) p.output_gpkg = (p.base_dir / (stem + ".gpkg")).lexically_normal().string();
    if (p.output_report.empty()) {
        std::filesystem::path r(p.output_gpkg);
        r.replace_extension();
        p.output_report = r.string() + "-report.json";
    }
}

}  // namespace

std::vector<SectionInfo> project_sections() {
    std::vector<SectionInfo> out;
    for (const auto& s : kSections) {
        out.push_back({s.name, s.required, s.repeated, s.step, s.declare});
        // [[input.table]] is parsed within [input] but has keys of its own.
        if (std::string(s.name) == "input") out.push_back({"input.table", false, true, "join", declare_section_input_table});
        if (std::string(s.name) == "areas") out.push_back({"areas.level", false, true, "run", declare_section_areas_level});
    }
    return out;
}

namespace {

// `b` over `a`: tables are merged key by key, anything else is replaced.
void merge_into(toml::table& a, const toml::table& b) {
    for (const auto& [k, v] : b) {
        auto* at = a.get(k.str());
        if (at && at->is_table() && v.is_table()) merge_into(*at->as_table(), *v.as_table());
        else a.insert_or_assign(k, v);
    }
}

bool path_like(const params::Param& prm, const std::string& v) {
    if (prm.type() == params::Type::InputPath || prm.type() == params::Type::OutputPath) return true;
    const auto ext = std::filesystem::path(v).extension();
    return !prm.also_accepts().empty() && (ext == ".gal" || ext == ".gwt");  // weights = "w.gal"
}

void anchor_table(toml::table& t, const params::ParamList& list, const std::filesystem::path& dir) {
    for (const auto& prm : list.all()) {
        auto* s = t.get(prm.name()) ? t.get(prm.name())->as_string() : nullptr;
        if (!s || s->get().empty() || !path_like(prm, s->get())) continue;
        const std::string& v = s->get();
        if (v.rfind("PG:", 0) == 0 || v.find("://") != std::string::npos || std::filesystem::path(v).is_absolute()) continue;
        *s = (dir / v).lexically_normal().string();
    }
}

// The relative paths of an extended project are relative to its own folder: they are
// made absolute before the extending project's keys go over them. Which keys are
// paths comes from their declarations (input and output paths, a weights file).
void anchor_paths(toml::table& root, const std::filesystem::path& dir) {
    for (const auto& s : project_sections()) {
        if (!s.declare || (s.repeated && s.name != "input.table" && s.name != "areas.level")) continue;
        Project p;
        params::ParamList list;
        s.declare(list, p);
        if (s.name == "input.table" || s.name == "areas.level") {
            // Arrays of tables within a section: [[input.table]], [[areas.level]].
            const auto dot = s.name.find('.');
            auto* input = root.get(s.name.substr(0, dot)) ? root.get(s.name.substr(0, dot))->as_table() : nullptr;
            const std::string member = s.name.substr(dot + 1);
            auto* tables = input && input->get(member) ? input->get(member)->as_array() : nullptr;
            if (tables)
                for (auto& t : *tables)
                    if (t.is_table()) anchor_table(*t.as_table(), list, dir);
        } else if (auto* t = root.get(s.name) ? root.get(s.name)->as_table() : nullptr) {
            anchor_table(*t, list, dir);
        }
    }
}

// extends = "other.toml": that project with this file's keys over it (a five-year
// monitor on top of the yearly project, without copying its indicators).
toml::table with_base(toml::table root, const ParseContext& ctx, const std::filesystem::path& dir, int depth) {
    const toml::node* e = root.get("extends");
    if (!e) return root;
    const auto* name = e->as_string();
    if (!name) ctx.fail(*e, "extends must be the path of another project file", "e.g. extends = \"liveability.toml\"");
    if (depth >= 4) ctx.fail(*e, "extends goes more than 4 projects deep (or in a circle)", "let a project extend one that extends nothing");
    const std::filesystem::path base = dir / name->get();
    std::ifstream in(base, std::ios::binary);
    if (!in) ctx.fail(*e, "the project it extends, '" + base.string() + "', cannot be read", "give its path relative to this project file");
    std::ostringstream text;
    text << in.rdbuf();
    toml::table b;
    try {
        b = toml::parse(text.str(), base.string());
    } catch (const toml::parse_error& err) {
        throw UsageError("not valid TOML: " + std::string(err.description()), ErrorContext{base.string(), {}, {}, {}, static_cast<int>(err.source().begin.line)},
                         "see docs/project-file.md");
    }
    b = with_base(std::move(b), ctx, base.parent_path(), depth + 1);
    // Absolute: the extending file's own folder is put in front of relative paths later.
    anchor_paths(b, std::filesystem::absolute(base).parent_path());
    root.erase("extends");
    merge_into(b, root);
    return b;
}

}  // namespace

Project parse_project(const std::string& text, const std::string& file) {
    // Messages about the file name its keys, whatever front end reads it.
    ScopedParamRenderer names(param_as_key);
    Project p;
    p.file = file;
    p.base_dir = std::filesystem::path(file).parent_path();
    ParseContext ctx(file, p);
    toml::table root;
    try {
        root = toml::parse(text, file);
    } catch (const toml::parse_error& e) {
        ctx.fail_line(static_cast<int>(e.source().begin.line), "not valid TOML: " + std::string(e.description()),
                      "see docs/project-file.md and sample-data/heerlen/liveability.toml for the format");
    }
    root = with_base(std::move(root), ctx, p.base_dir, 0);
    const auto known = section_names();
    for (const auto& [k, v] : root) {
        const std::string key(k.str());
        if (std::find(known.begin(), known.end(), key) != known.end()) continue;
        const std::string near = nearest_name(key, known);
        ctx.fail(v, "unknown section [" + key + "]", (near.empty() ? std::string() : "did you mean [" + near + "]? ") + "known sections: " + join_names(known));
    }
    for (const auto& s : kSections) {
        const toml::node* n = root.get(s.name);
        if (!n) {
            if (s.required)
                ctx.fail_line(0, std::string("the project file has no [") + s.name + "] section",
                              "see docs/project-file.md; sample: sample-data/heerlen/liveability.toml");
            continue;
        }
        s.parse(*n, ctx);
    }
    finish_project(root, ctx);
    return p;
}

Project load_project(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw DataError(std::filesystem::exists(path) ? "cannot open the project file" : "the project file does not exist", ErrorContext{path, {}, {}, {}, {}},
                         std::filesystem::exists(path) ? "check its permissions" : "check the path");
    std::ostringstream ss;
    ss << in.rdbuf();
    return parse_project(ss.str(), path);
}

}  // namespace leefbaar::project
