#pragma once
// The shared body of `leefbaar lisa` and `leefbaar hotspots`: read polygons, build
// or read weights, run the spatial statistics on the named fields, write the
// polygons with the new fields to a GeoPackage and the global results to JSON.
#include <filesystem>
#include <map>
#include <sstream>

#include <nlohmann/json.hpp>

#include "commands/command.hpp"
#include "commands/spatial_cli.hpp"
#include "commands/output_flags.hpp"
#include "io/gpkg_writer.hpp"

namespace leefbaar::cli {

class SpatialLocalCommand : public Command {
public:
    SpatialLocalCommand(std::string verb, std::string summary, bool lisa) : verb_(std::move(verb)), summary_(std::move(summary)), lisa_(lisa) {}
    std::string name() const override { return verb_; }
    std::string summary() const override { return summary_; }

    void configure(CLI::App& app) override {
        src_.add_source(app, true);
        app.add_option("-f,--field", opt_.variables, "Numeric field to analyse (repeatable)")->required();
        src_.add_weights(app);
        app.add_option("--permutations", opt_.permutations, "Conditional permutations for the pseudo p-values")->check(CLI::Range(1, 1000000));
        app.add_option("--seed", opt_.seed, "Random seed (recorded in the report)")
            ->check(CLI::NonNegativeNumber);  // CLI11 would wrap -1 to 2^64 - 1
        app.add_option("--alpha", opt_.alpha, "Significance level")->check(finite_number(0.0, 1.0, true, true));
        app.add_option("--alternative", opt_.alternative,
                       "two-sided (default: as far from the permutation mean), doubled (spdep: twice the smaller tail), folded (GeoDa/esda), greater, less")
            ->check(CLI::IsMember({"two-sided", "doubled", "two-sided-spdep", "folded", "greater", "less"}));
        app.add_flag("--adjust-n", opt_.adjust_n, "Moran's I: leave units without neighbours out of n (spdep's adjust.n = TRUE; default keeps them, as esda)");
        auto* fdr = app.add_flag("--fdr", fdr_, "Benjamini-Hochberg false discovery rate cut-off");
        app.add_flag("--bonferroni", bonferroni_, "Bonferroni cut-off")->excludes(fdr);
        if (lisa_) {
            app.add_flag("--local-geary", opt_.local_geary, "Also compute Local Geary");
            app.add_flag("--gistar", also_, "Also compute Getis-Ord Gi* hot and cold spots (as `leefbaar hotspots`)");
        } else {
            app.add_flag("--lisa", also_, "Also compute Local Moran's I clusters (as `leefbaar lisa`)");
        }
        app.add_option("-o,--output", output_, "Output GeoPackage")->required();
        app.add_option("--output-layer", output_layer_, "Output layer name (default: the input layer's name)");
        app.add_option("--report", report_, "JSON report (default: next to --output, .json)");
        flags_.add(app, true);
    }

    void validate() override {
        src_.resolve();
        opt_.weights = src_.spec;
        opt_.lisa = lisa_ || also_;
        opt_.gistar = !lisa_ || also_;
        opt_.multiple_testing = fdr_ ? "fdr" : bonferroni_ ? "bonferroni" : "none";
        if (!(opt_.alpha > 0 && opt_.alpha < 1)) throw UsageError("--alpha must lie strictly between 0 and 1");
        if (std::filesystem::path(output_).extension() != ".gpkg")
            throw UsageError("the output must be a GeoPackage file ending in .gpkg", ErrorContext{output_, {}, {}, {}, {}});
        if (report_.empty()) report_ = std::filesystem::path(output_).replace_extension(".json").string();
        auto& outputs = flags_.begin();
        outputs.add_input(src_.polygons);
        if (src_.weights_is_file()) outputs.add_input(src_.weights);
        gpkg_tmp_ = outputs.add(output_, "--output", true);
        report_tmp_ = outputs.add(report_, "--report");
    }

    int run(const GlobalOptions& global, const Console& console) override {
        opt_.threads = global.threads;
        opt_.weights.threads = global.threads;
        auto vr = src_.read(global.threads, console.progress("reading"));
        console.end_progress();
        auto& table = vr.table;
        validate_spatial_options(table, opt_);  // field checks before building weights
        auto result = run_spatial_analysis(table, opt_, console.progress(verb_));
        console.end_progress();

        const std::string layer = output_layer_.empty() ? (vr.layer.empty() ? verb_ : vr.layer) : output_layer_;
        io::LayerToWrite spec{&table, layer, true, "leefbaar " + verb_ + " of " + src_.polygons};
        io::GpkgWriteOptions wo;
        wo.run_id = flags_.set().run_id();
        io::write_gpkg_file(gpkg_tmp_, output_, {spec}, wo, console.progress("writing"));
        console.end_progress();
        nlohmann::json report = result.to_json();
        report["input"] = {{"path", src_.polygons}, {"layer", vr.layer}, {"features", table.rows()}, {"crs", table.crs().label()}};
        report["output"] = {{"path", output_}, {"layer", layer}};
        report["run_id"] = flags_.set().run_id();
        io::write_file_fully(report_tmp_, report_text(report, report_), report_);
        flags_.set().commit();
        for (const auto& n : flags_.set().notes()) console.warning(n);
        print(result, layer, console);
        return 0;
    }

private:
    void print(const SpatialAnalysisResult& r, const std::string& layer, const Console& console) const {
        std::ostringstream s;
        s << "weights: " << r.weights.kind << " (" << (r.weights.transform == WeightsTransform::Row ? "row-standardised" : "binary") << "), "
          << r.summary.units << " units, " << r.summary.links << " links, " << r.summary.islands.size() << " islands\n";
        for (const auto& v : r.variables) {
            s << v.name << ": ";
            if (v.moran)
                s << "Moran's I = " << v.moran->statistic << " (z = " << v.moran->z_rand << ", pseudo p = " << v.moran->p_sim << ")";
            s << '\n';
            for (const auto& [label, lr] : {std::pair{"LISA", v.lisa ? &*v.lisa : nullptr}, std::pair{"Gi*", v.gistar ? &*v.gistar : nullptr}}) {
                if (!lr) continue;
                std::map<std::string, std::size_t> counts;
                for (const auto& c : lr->category) ++counts[c];
                s << "  " << label << " (" << lr->inference.permutations << " permutations, seed " << lr->inference.seed << ", "
                  << to_string(lr->inference.adjust) << ", p <= " << lr->cutoff << "):";
                for (const auto& [k, n] : counts) s << ' ' << k << ' ' << n << ';';
                s << '\n';
            }
        }
        s << "wrote " << output_ << " layer '" << layer << "'\nreport: " << report_;
        console.info(s.str());
        for (const auto& w : r.warnings) console.warning(w);
    }

    std::string verb_, summary_;
    bool lisa_;
    SpatialSource src_;
    SpatialAnalysisOptions opt_;
    bool fdr_ = false, bonferroni_ = false, also_ = false;
    std::string output_, output_layer_, report_, gpkg_tmp_, report_tmp_;
    OutputFlags flags_;
};

}  // namespace leefbaar::cli
