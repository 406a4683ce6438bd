// `leefbaar cluster POLYGONS --fields a,b --method skater --clusters 8 -o OUT.gpkg`:
// clusters neighbourhoods on indicator fields (k-means, hierarchical) or forms
// contiguous regions (SKATER, REDCAP, max-p, AZP) and writes the units with their
// cluster id plus a layer of dissolved regions.
#include <filesystem>
#include <sstream>

#include <nlohmann/json.hpp>

#include "cluster/cluster_job.hpp"
#include "commands/command.hpp"
#include "steps/cluster_params.hpp"
#include "steps/source_params.hpp"
#include "steps/weights_params.hpp"
#include "core/error.hpp"
#include "core/field_names.hpp"
#include "commands/output_flags.hpp"
#include "io/gpkg_writer.hpp"
#include "io/vector_reader.hpp"

namespace leefbaar::cli {
namespace {

class ClusterCommand final : public Command {
public:
    std::string name() const override { return "cluster"; }
    std::string summary() const override { return "Cluster neighbourhoods or build contiguous regions (k-means, Ward, SKATER, REDCAP, max-p, AZP)"; }
    std::string category() const override { return "Clusters and regions"; }

    std::vector<std::string> sections() const override { return {"cluster"}; }

    void declare(params::ParamList& list) override {
        steps::SourceHelp h;
        h.source = "Polygon source with the clustering fields (e.g. the output of `leefbaar join`)";
        h.key = "Key column (names islands in messages; required with a .gal/.gwt weights file)";
        steps::declare_source(list, src_, h);
        steps::declare_cluster(list, opt_, steps::ClusterFront::Command);
        steps::OutputHelp out;
        out.output = "Output GeoPackage (units layer + regions layer)";
        out.report = "Write the summary as JSON to this file";
        flags_.declare(list, out);
    }

    steps::StepIo io() const override {
        steps::StepIo io;
        io.inputs.push_back({"polygons", "vector", "units with the clustering fields", {}});
        io.inputs.push_back({"weights", "gal/gwt", "a contiguity file, when --weights names one", {}});
        io.outputs.push_back({"output", "geopackage", "the units with their cluster, and the dissolved regions",
                              {{"the input layer's name (--output-layer)", "one feature per unit",
                                {{"cluster", "integer", "1..k; null when the unit was excluded"},
                                 {"cluster_status", "text", "ok, or why the unit was excluded (a missing value)"}}},
                               {"regions (--regions-layer)", "one feature per cluster or region (unless --no-regions)",
                                {{"cluster", "integer", "the cluster"},
                                 {"n_units", "integer", "units in it"},
                                 {"<floor_field>_sum", "real", "sum of the floor field"},
                                 {"mean_<field>", "real", "mean of each clustering variable"}}}}});
        io.outputs.push_back({"report", "json", "the clustering summary: sizes, within/between SS, pseudo-F, contiguity, k table", {}});
        return io;
    }

    void check() override {
        steps::finish_weights(opt_.weights);
        steps::check_cluster(opt_, steps::ClusterFront::Command);
        const auto& out = flags_.options();
        if (opt_.regions_layer.empty() || opt_.regions_layer == out.output_layer)
            throw UsageError("the regions layer needs a name of its own", ErrorContext{{}, {}, {}, {}, {}, "regions_layer"}, "choose another {{regions_layer}}");
        auto& outputs = flags_.begin();
        outputs.add_input(src_.source);
        if (opt_.weights.type == "file") outputs.add_input(opt_.weights.file);
        gpkg_tmp_ = outputs.add(out.output, "--output", true);
        if (!out.report.empty()) report_tmp_ = outputs.add(out.report, "--report");
        if (cluster::is_spatial(opt_.cluster.method) && opt_.weights.type == "file") {
            if (!std::filesystem::exists(opt_.weights.file))
                throw UsageError("weights '" + opt_.weights.file + "' is neither queen, rook nor an existing file", ErrorContext{opt_.weights.file, {}, {}, {}, {}},
                                 "use {{weights queen}}, {{weights rook}} or the path of a .gal/.gwt file");
            if (src_.key.empty()) throw UsageError("a weights file needs {{key}} to match its ids to the polygons", {}, "add {{key}} with the id field of the file");
        }
    }

    int run(const GlobalOptions& global, const Console& console) override {
        const auto& out = flags_.options();
        io::VectorReadOptions ro;
        ro.layer = src_.layer;
        ro.where = src_.where;
        ro.key_column = src_.key;
        ro.threads = global.threads;
        auto in = io::read_vector(src_.source, ro, console.progress("reading"));
        console.end_progress();
        FeatureTable& table = in.table;

        // The same weights builder as `leefbaar weights` / `lisa` (snap 0.01 m for projected
        // data) and the same dissolve as `leefbaar run`: cluster/cluster_job.hpp.
        cluster::ClusterJobOptions job;
        job.cluster = opt_.cluster;
        job.weights = opt_.weights;  // a file's ids: the --key values
        job.regions = opt_.regions && table.has_geometry();
        job.threads = global.threads;
        auto jr = cluster::run_cluster_job(table, job, console.progress("clustering"));
        console.end_progress();
        const auto& result = jr.cluster;
        const bool spatial = jr.weights.has_value();

        const std::string layer = out.output_layer.empty() ? (in.layer.empty() ? "units" : in.layer) : out.output_layer;
        if (layer == opt_.regions_layer)
            throw UsageError("the units layer cannot be called '" + layer + "'", {}, "choose another --output-layer");
        std::vector<io::LayerToWrite> layers{{&table, layer, table.has_geometry(), "Units clustered by leefbaar (" + std::string(cluster::to_string(opt_.cluster.method)) + ")", {}}};
        if (jr.has_regions) layers.push_back({&jr.regions, opt_.regions_layer, true, "Dissolved clusters/regions with size and mean values, by leefbaar", {}});
        io::GpkgWriteOptions wo;
        wo.run_id = flags_.set().run_id();
        io::write_gpkg_file(gpkg_tmp_, out.output, layers, wo, console.progress("writing"));
        console.end_progress();

        nlohmann::json report = jr.to_json();
        report["input"] = {{"source", src_.source}, {"layer", in.layer}};
        report["output"] = {{"path", out.output}, {"layer", layer}, {"regions_layer", opt_.regions ? opt_.regions_layer : ""}};
        report["run_id"] = flags_.set().run_id();
        if (!out.report.empty()) io::write_file_fully(report_tmp_, report_text(report, out.report), out.report);
        flags_.set().commit();
        for (const auto& n : flags_.set().notes()) console.warning(n);

        std::ostringstream s;
        s << "wrote " << out.output << ": layer '" << layer << "' (" << table.rows() << " units, " << result.clustered << " clustered)";
        if (layers.size() > 1) s << ", layer '" << opt_.regions_layer << "' (" << result.k << " regions)";
        s << "\n" << cluster::to_string(opt_.cluster.method) << ": " << result.k << " clusters; between/total SS " << result.quality.ratio
          << ", pseudo-F " << result.quality.pseudo_f;
        if (spatial) s << "; every region contiguous: " << (result.quality.all_contiguous ? "yes" : "no");
        if (!out.report.empty()) s << "\nreport: " << out.report;
        console.info(s.str());
        for (const auto& warn : jr.warnings) console.warning(warn);
        return 0;
    }

private:
    steps::SourceOptions src_;
    steps::ClusterStepOptions opt_;
    std::string gpkg_tmp_, report_tmp_;
    OutputFlags flags_;
};

}  // namespace

std::unique_ptr<Command> make_cluster_command() { return std::make_unique<ClusterCommand>(); }

}  // namespace leefbaar::cli
