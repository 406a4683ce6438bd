// `leefbaar validate RESULT --reference TABLE --reference-key GBD --score RLBRMTR --level wijk -o OUT.gpkg`:
// compares the index, each domain score and each indicator of a scored layer, rolled
// up to the reference's level, with a reference score (the Leefbaarometer, a resident
// survey): rank correlations with bootstrap intervals, a styled layer of standardised
// residuals, the largest disagreements, the indicators' signs and the domain weights
// a cross-validated regression on the reference would give. docs/methods/validation.md.
#include <filesystem>
#include <sstream>

#include "commands/command.hpp"
#include "commands/output_flags.hpp"
#include "core/error.hpp"
#include "io/output_set.hpp"
#include "io/gdal_env.hpp"
#include "io/vector_reader.hpp"
#include "output/report_validation.hpp"
#include "output/results_writer.hpp"
#include "steps/source_params.hpp"
#include "steps/validate_params.hpp"
#include "validate/validate_job.hpp"

namespace leefbaar::cli {
namespace {

class ValidateCommand final : public Command {
public:
    std::string name() const override { return "validate"; }
    std::string summary() const override { return "Compare the index with a reference score (e.g. the Leefbaarometer) at the reference's level"; }
    std::string category() const override { return "Composite index"; }
    std::vector<std::string> sections() const override { return {"validate"}; }

    void declare(params::ParamList& list) override {
        steps::SourceHelp h;
        h.name = "result";
        h.source = "A layer scored by leefbaar: the units layer of `leefbaar run`/`score`, or an areas_<level> layer";
        h.key = "Key column of the layer: the units' codes (e.g. buurtcode)";
        h.where = false;
        steps::declare_source(list, src_, h);
        steps::declare_validate(list, v_);
        steps::OutputHelp out;
        out.output = "Output GeoPackage: one feature per area with the rolled-up scores, the reference and the residuals (layer 'validation')";
        out.report = "JSON report (default: next to --output, .json)";
        flags_.declare(list, out);
        list.add("html", params::Type::String, "Also write the validation page (scatter, residual map, tables) as HTML to this file")
            .scope(params::Scope::CliOnly)
            .bind(html_);
    }

    steps::StepIo io() const override {
        steps::StepIo io;
        io.inputs.push_back({"result", "vector", "a layer scored by leefbaar (index, d_<domain>, n_<indicator>)", {}});
        io.inputs.push_back({"reference", "table", "a score per area of the reference's level", {}});
        io.outputs.push_back({"output", "geopackage", "the areas compared",
                              {{"validation (--output-layer)", "one feature per area of the level",
                                {{"code", "text", "the area's code"},
                                 {"index", "real", "the units' index rolled up"},
                                 {"val_ref", "real", "the reference score (higher = better)"},
                                 {"val_residual", "real", "z-score of the index minus z-score of the reference"},
                                 {"val_rank_own", "integer", "rank by the index"},
                                 {"val_rank_ref", "integer", "rank by the reference"}}}}});
        io.outputs.push_back({"report", "json", "correlations with intervals, largest disagreements, indicator signs, calibrated domain weights", {}});
        io.outputs.push_back({"html", "html", "the validation page", {}});
        return io;
    }

    void check() override {
        auto& outputs = flags_.begin();
        outputs.add_input(src_.source);
        outputs.add_input(v_.reference);
        const auto& out = flags_.options();
        gpkg_tmp_ = outputs.add(out.output, "--output", true);
        report_path_ = out.report.empty() ? std::filesystem::path(out.output).replace_extension(".json").string() : out.report;
        report_tmp_ = outputs.add(report_path_, "--report");
        if (!html_.empty()) html_tmp_ = outputs.add(html_, "--html");
    }

    int run(const GlobalOptions& global, const Console& console) override {
        io::ensure_gdal();
        io::VectorReadOptions ro;
        ro.layer = src_.layer;
        ro.key_column = src_.key;
        ro.require_crs = false;
        ro.threads = global.threads;
        auto units = io::read_vector(src_.source, ro, console.progress("reading"));
        console.end_progress();
        const auto ref = validate::read_reference(v_);
        const auto opts = validate::options_of(v_, global.threads);
        auto r = validate::run_validation(units.table, ref, opts, console.progress("validating"));
        console.end_progress();
        write(r, opts, global, console);
        summary(r, console);
        return 0;
    }

private:
    void write(const validate::ValidateResult& r, const validate::ValidateOptions& o, const GlobalOptions& global, const Console& console) {
        const auto& out = flags_.options();
        const std::string layer = out.output_layer.empty() ? "validation" : out.output_layer;
        output::ResultsOptions wo;
        wo.overwrite = true;  // the temporary is ours; refusing an existing output happened in check()
        wo.project_title = "Validation against " + r.reference_score;
        wo.provenance.run_id = flags_.set().run_id();
        wo.provenance.inputs = {src_.source, v_.reference};
        wo.provenance.seed = v_.seed;
        wo.provenance.methods = {{"validation", "level " + r.level + ", Spearman and Kendall with percentile bootstrap intervals"}};
        (void)global;
        output::write_results_file(gpkg_tmp_, out.output, {{&r.areas, layer, "Areas compared with " + r.reference_score + " by leefbaar validate"}}, wo,
                                   console.progress("writing"));
        console.end_progress();
        nlohmann::json report;
        report["validation"] = validate::to_json(r, o);
        report["input"] = {{"result", src_.source}, {"layer", src_.layer}, {"reference", v_.reference}};
        report["output"] = {{"path", out.output}, {"layer", layer}};
        report["run_id"] = flags_.set().run_id();
        io::write_file_fully(report_tmp_, report_text(report, report_path_), report_path_);
        if (!html_tmp_.empty()) io::write_file_fully(html_tmp_, output::validation_page(r, o, "Validation against " + r.reference_score), html_);
        flags_.set().commit();
        for (const auto& n : flags_.set().notes()) console.warning(n);
    }

    void summary(const validate::ValidateResult& r, const Console& console) const {
        std::ostringstream s;
        const auto& c = r.compared.front().corr;
        s.precision(2);
        s << std::fixed << "index vs " << r.reference_score << " over " << r.matched << " of " << r.areas_total << " areas (level " << r.level << "): Spearman "
          << c.spearman << " (" << c.spearman_interval.lower << " to " << c.spearman_interval.upper << "), Kendall " << c.kendall << "\n";
        for (const auto& x : r.compared)
            if (x.kind == "domain") s << "  " << x.field << ": " << x.corr.spearman << " " << x.verdict << "\n";
        std::size_t reversed = 0;
        for (const auto& x : r.compared) reversed += x.kind == "indicator" && x.verdict.find("wrong") != std::string::npos ? 1 : 0;
        if (reversed) s << "  " << reversed << " indicator(s) correlate with the reference against their direction: see the report\n";
        s << "wrote " << flags_.options().output << " (layer with the residuals), " << report_path_;
        if (!html_.empty()) s << ", " << html_;
        console.info(s.str());
        for (const auto& w : r.warnings) console.warning(w);
    }

    steps::SourceOptions src_;
    steps::ValidateStep v_;
    std::string html_, gpkg_tmp_, report_tmp_, html_tmp_, report_path_;
    OutputFlags flags_;
};

}  // namespace

std::unique_ptr<Command> make_validate_command() { return std::make_unique<ValidateCommand>(); }

}  // namespace leefbaar::cli
