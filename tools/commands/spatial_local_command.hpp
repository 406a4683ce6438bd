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
#include "core/parallel.hpp"
#include "core/timings.hpp"
#include "io/gpkg_writer.hpp"
#include "steps/spatial_params.hpp"

namespace leefbaar::cli {

class SpatialLocalCommand : public Command {
public:
    SpatialLocalCommand(std::string verb, std::string summary, bool lisa) : verb_(std::move(verb)), summary_(std::move(summary)), lisa_(lisa) {}
    std::string name() const override { return verb_; }
    std::string summary() const override { return summary_; }
    std::string category() const override { return "Spatial statistics"; }

    void declare(params::ParamList& list) override {
        // Each command computes its own statistic; the other one is an option.
        opt_.lisa = lisa_;
        opt_.gistar = !lisa_;
        src_.declare(list, true);
        steps::declare_spatial(list, opt_, lisa_ ? steps::SpatialFront::Lisa : steps::SpatialFront::Hotspots);
        flags_.declare(list, steps::OutputHelp{});
    }

    std::vector<std::string> sections() const override { return {"spatial"}; }

    steps::StepIo io() const override {
        using steps::FieldInfo;
        std::vector<FieldInfo> f;
        const auto lisa = std::vector<FieldInfo>{
            {"lisa_<field>_i", "real", "Local Moran's I (spdep/GeoDa scaling)"},
            {"lisa_<field>_z", "real", "analytic z (conditional randomisation)"},
            {"lisa_<field>_p", "real", "pseudo p-value from the conditional permutations"},
            {"lisa_<field>_cl", "text", "High-High, Low-Low, Low-High, High-Low, Not significant, No neighbours, Undefined"},
            {"ms_<field>_z", "real", "standardised value (Moran scatter)"},
            {"ms_<field>_lag", "real", "spatial lag of the standardised value"}};
        const auto gi = std::vector<FieldInfo>{{"gi_<field>_z", "real", "Gi* z-score"},
                                               {"gi_<field>_p", "real", "pseudo p-value"},
                                               {"gi_<field>_bin", "integer", "-3..3: 99/95/90 % confidence cold (-) or hot (+) spot; 0 = not significant"}};
        const auto& first = lisa_ ? lisa : gi;
        const auto& second = lisa_ ? gi : lisa;
        f.insert(f.end(), first.begin(), first.end());
        for (auto x : second) {
            x.description += lisa_ ? " (with --gistar)" : " (with --lisa)";
            f.push_back(x);
        }
        f.push_back({"lg_<field>", "real", "Local Geary (with --local-geary)"});
        steps::StepIo io;
        io.inputs.push_back({"polygons", "vector", "polygons (or points, for distance-based weights) with the numeric fields", {}});
        io.inputs.push_back({"weights", "gal/gwt", "a weights file, when --weights names one", {}});
        io.outputs.push_back({"output", "geopackage", "the input features with the statistics' fields added",
                              {{"the input layer's name (--output-layer)", "one feature per input feature", f}}});
        io.outputs.push_back({"report", "json", "the global statistics (Moran's I, Geary's C, Getis-Ord G), weights summary, run id", {}});
        return io;
    }

    void check() override {
        steps::finish_weights(opt_.weights);
        const auto& out = flags_.options();
        report_ = out.report.empty() ? std::filesystem::path(out.output).replace_extension(".json").string() : out.report;
        auto& outputs = flags_.begin();
        outputs.add_input(src_.src.source);
        if (opt_.weights.type == "file") outputs.add_input(opt_.weights.file);
        gpkg_tmp_ = outputs.add(out.output, "--output", true);
        report_tmp_ = outputs.add(report_, "--report");
    }

    int run(const GlobalOptions& global, const Console& console) override {
        const std::string& output = flags_.options().output;
        const std::string& output_layer = flags_.options().output_layer;
        opt_.threads = global.threads;
        opt_.weights.threads = global.threads;
        Stopwatch clock, total;
        auto vr = src_.read(global.threads, console.progress("reading"));
        console.end_progress();
        std::vector<PhaseTime> timings{{"read " + src_.src.source, clock.lap(), {}}};
        auto& table = vr.table;
        validate_spatial_options(table, opt_);  // field checks before building weights
        auto result = run_spatial_analysis(table, opt_, console.progress(verb_));
        console.end_progress();
        clock.lap();
        timings.insert(timings.end(), result.timings.begin(), result.timings.end());

        const std::string layer = output_layer.empty() ? (vr.layer.empty() ? verb_ : vr.layer) : output_layer;
        io::LayerToWrite spec{&table, layer, true, "leefbaar " + verb_ + " of " + src_.src.source, {}};
        io::GpkgWriteOptions wo;
        wo.run_id = flags_.set().run_id();
        io::write_gpkg_file(gpkg_tmp_, output, {spec}, wo, console.progress("writing"));
        console.end_progress();
        timings.push_back({"write " + output, clock.lap(), {}});
        nlohmann::json report = result.to_json();
        // Every phase but the report's own writing (docs/benchmarks.md).
        report["timings"] = {{"seconds", total.seconds()}, {"threads", resolve_threads(global.threads)}, {"steps", timings_json(timings)}};
        report["input"] = {{"path", src_.src.source}, {"layer", vr.layer}, {"features", table.rows()}, {"crs", table.crs().label()}};
        report["output"] = {{"path", output}, {"layer", layer}};
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
        s << "wrote " << flags_.options().output << " layer '" << layer << "'\nreport: " << report_;
        console.info(s.str());
        for (const auto& w : r.warnings) console.warning(w);
    }

    std::string verb_, summary_;
    bool lisa_;
    SpatialSource src_;
    SpatialAnalysisOptions opt_;
    std::string report_, gpkg_tmp_, report_tmp_;
    OutputFlags flags_;
};

}  // namespace leefbaar::cli
