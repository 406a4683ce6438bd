// `leefbaar cluster POLYGONS --fields a,b --method skater -k 8 -o OUT.gpkg`:
// clusters neighbourhoods on indicator fields (k-means, hierarchical) or forms
// contiguous regions (SKATER, REDCAP, max-p, AZP) and writes the units with their
// cluster id plus a layer of dissolved regions.
#include <filesystem>
#include <sstream>

#include <nlohmann/json.hpp>

#include "cluster/cluster_job.hpp"
#include "commands/command.hpp"
#include "commands/option_checks.hpp"
#include "core/error.hpp"
#include "core/field_names.hpp"
#include "commands/output_flags.hpp"
#include "io/gpkg_writer.hpp"
#include "io/vector_reader.hpp"

namespace leefbaar::cli {
namespace {

std::vector<std::string> split_commas(const std::string& s) {
    std::vector<std::string> out;
    std::stringstream ss(s);
    std::string item;
    while (std::getline(ss, item, ','))
        if (!item.empty()) out.push_back(item);
    return out;
}

// All of the text must be the number: std::stoi alone reads "2.5" as 2.
int whole_number(const std::string& s) {
    std::size_t used = 0;
    const int v = std::stoi(s, &used);
    if (used != s.size()) throw std::invalid_argument("trailing text");
    return v;
}

class ClusterCommand final : public Command {
public:
    std::string name() const override { return "cluster"; }
    std::string summary() const override { return "Cluster neighbourhoods or build contiguous regions (k-means, Ward, SKATER, REDCAP, max-p, AZP)"; }

    void declare(params::ParamList&) override {}
    void legacy_options(CLI::App& app) override {
        app.add_option("polygons", polygons_, "Polygon source with the clustering fields (e.g. the output of `leefbaar join`)")->required();
        app.add_option("-l,--layer", layer_, "Polygon layer (needed when the source has several)");
        app.add_option("-w,--where", where_, "Attribute filter on the polygons (OGR SQL)");
        app.add_option("--key", key_, "Key column (names islands in messages; required with a .gal/.gwt weights file)");
        app.add_option("-f,--fields", fields_, "Comma-separated clustering variables")->required();
        app.add_option("-m,--method", method_, "kmeans, ward, average, complete, single, skater, redcap, maxp, azp (default ward)");
        app.add_option("-k,--clusters", opt_.k, "Number of clusters or regions (not for maxp)")->check(CLI::PositiveNumber);
        app.add_option("--scale", scale_, "Transformation of the variables: none, demean, zscore (default), mad, range");
        app.add_option("--distance", distance_, "euclidean (default) or manhattan");
        app.add_option("--missing", missing_, "Units with missing values: exclude (default; reason in cluster_status) or mean (impute)");
        app.add_option("--weights", weights_, "Contiguity for spatial methods: queen (default), rook, or a .gal/.gwt file keyed by --key");
        app.add_option("--floor-field", opt_.floor_field, "Field whose sum every region must reach, e.g. a population count");
        app.add_option("--floor", floor_, "Minimum sum of --floor-field per region")->check(finite_positive());
        app.add_option("--min-size", opt_.min_size, "Minimum number of units per region (spatial methods)")->check(CLI::NonNegativeNumber);
        app.add_option("--seed", opt_.seed, "Random seed (k-means, max-p, AZP); same seed, same result")
            ->check(CLI::NonNegativeNumber);  // CLI11 would wrap -1 to 2^64 - 1
        app.add_option("--restarts", opt_.restarts, "k-means restarts (default 10)")->check(CLI::PositiveNumber);
        app.add_option("--tree-cost", tree_cost_, "SKATER/REDCAP cut criterion: ssd (default) or distance (spdep/spopt)");
        app.add_option("--linkage", linkage_, "REDCAP linkage: ward (default) or average");
        app.add_option("--search", search_, "max-p/AZP local search: greedy (default), annealing, tabu");
        app.add_option("--iterations", opt_.construction_iterations, "max-p constructions to try (default 100)")->check(CLI::PositiveNumber);
        app.add_option("--k-table", k_table_, "Also report within SS and pseudo-F for k in a range, e.g. 2..10");
        app.add_option("-o,--output", output_, "Output GeoPackage (units layer + 'regions' layer)")->required();
        app.add_option("--output-layer", output_layer_, "Name of the units layer (default: the input layer's name)");
        app.add_flag("--no-regions", no_regions_, "Do not write the dissolved regions layer");
        app.add_option("--report", report_, "Write the summary as JSON to this file");
        flags_.add(app, true);
    }

    void check() override {
        if (std::filesystem::path(output_).extension() != ".gpkg")
            throw UsageError("the output must be a GeoPackage file ending in .gpkg", ErrorContext{output_, {}, {}, {}, {}});
        auto& outputs = flags_.begin();
        outputs.add_input(polygons_);
        if (weights_ != "queen" && weights_ != "rook") outputs.add_input(weights_);
        gpkg_tmp_ = outputs.add(output_, "--output", true);
        if (!report_.empty()) report_tmp_ = outputs.add(report_, "--report");
        opt_.fields = split_commas(fields_);
        opt_.method = cluster::parse_method(method_);
        opt_.scaling = cluster::parse_scaling(scale_);
        opt_.distance = cluster::parse_distance(distance_);
        opt_.missing = cluster::parse_missing(missing_);
        opt_.tree_cost = cluster::parse_tree_cost(tree_cost_);
        opt_.redcap_linkage = cluster::parse_redcap_linkage(linkage_);
        opt_.local_search = cluster::parse_azp_search(search_);
        if (floor_) opt_.floor = *floor_;
        if (!k_table_.empty()) {
            const auto dots = k_table_.find("..");
            try {
                if (dots == std::string::npos) throw std::invalid_argument("no ..");
                opt_.table_k_min = whole_number(k_table_.substr(0, dots));
                opt_.table_k_max = whole_number(k_table_.substr(dots + 2));
            } catch (const std::exception&) {
                throw UsageError("cannot read the k range '" + k_table_ + "'", {}, "write it as MIN..MAX, e.g. --k-table 2..10");
            }
        }
        cluster::validate_options(opt_, true);
        const bool file_weights = weights_ != "queen" && weights_ != "rook";
        if (cluster::is_spatial(opt_.method) && file_weights) {
            if (!std::filesystem::exists(weights_))
                throw UsageError("weights '" + weights_ + "' is neither queen, rook nor an existing file", ErrorContext{weights_, {}, {}, {}, {}},
                                 "use --weights queen, --weights rook or the path of a .gal/.gwt file");
            if (key_.empty()) throw UsageError("a weights file needs --key to match its ids to the polygons", {}, "add --key with the id field of the file");
        }
    }

    int run(const GlobalOptions& global, const Console& console) override {
        io::VectorReadOptions ro;
        ro.layer = layer_;
        ro.where = where_;
        ro.key_column = key_;
        ro.threads = global.threads;
        auto in = io::read_vector(polygons_, ro, console.progress("reading"));
        console.end_progress();
        FeatureTable& table = in.table;

        // The same weights builder as `leefbaar weights` / `lisa` (snap 0.01 m for projected
        // data) and the same dissolve as `leefbaar run`: cluster/cluster_job.hpp.
        cluster::ClusterJobOptions job;
        job.cluster = opt_;
        job.weights.type = weights_ == "queen" || weights_ == "rook" ? weights_ : "file";
        if (job.weights.type == "file") job.weights.file = weights_;  // ids: the --key values
        job.regions = !no_regions_ && table.has_geometry();
        job.threads = global.threads;
        auto jr = cluster::run_cluster_job(table, job, console.progress("clustering"));
        console.end_progress();
        const auto& result = jr.cluster;
        const bool spatial = jr.weights.has_value();

        const std::string layer = output_layer_.empty() ? (in.layer.empty() ? "units" : in.layer) : output_layer_;
        if (layer == fields::regions_layer)
            throw UsageError("the units layer cannot be called '" + layer + "'", {}, "choose another --output-layer");
        std::vector<io::LayerToWrite> layers{{&table, layer, table.has_geometry(), "Units clustered by leefbaar (" + std::string(cluster::to_string(opt_.method)) + ")"}};
        if (jr.has_regions) layers.push_back({&jr.regions, fields::regions_layer, true, "Dissolved clusters/regions with size and mean values, by leefbaar"});
        io::GpkgWriteOptions wo;
        wo.run_id = flags_.set().run_id();
        io::write_gpkg_file(gpkg_tmp_, output_, layers, wo, console.progress("writing"));
        console.end_progress();

        nlohmann::json report = jr.to_json();
        report["input"] = {{"source", polygons_}, {"layer", in.layer}};
        report["output"] = {{"path", output_}, {"layer", layer}, {"regions_layer", no_regions_ ? "" : fields::regions_layer}};
        report["run_id"] = flags_.set().run_id();
        if (!report_.empty()) io::write_file_fully(report_tmp_, report_text(report, report_), report_);
        flags_.set().commit();
        for (const auto& n : flags_.set().notes()) console.warning(n);

        std::ostringstream s;
        s << "wrote " << output_ << ": layer '" << layer << "' (" << table.rows() << " units, " << result.clustered << " clustered)";
        if (layers.size() > 1) s << ", layer '" << fields::regions_layer << "' (" << result.k << " regions)";
        s << "\n" << cluster::to_string(opt_.method) << ": " << result.k << " clusters; between/total SS " << result.quality.ratio
          << ", pseudo-F " << result.quality.pseudo_f;
        if (spatial) s << "; every region contiguous: " << (result.quality.all_contiguous ? "yes" : "no");
        if (!report_.empty()) s << "\nreport: " << report_;
        console.info(s.str());
        for (const auto& warn : jr.warnings) console.warning(warn);
        return 0;
    }

private:
    cluster::ClusterOptions opt_;
    std::string polygons_, layer_, where_, key_, fields_, method_ = "ward", scale_ = "zscore", distance_ = "euclidean", missing_ = "exclude";
    std::string weights_ = "queen", tree_cost_ = "ssd", linkage_ = "ward", search_ = "greedy", k_table_;
    std::optional<double> floor_;
    std::string output_, output_layer_, report_, gpkg_tmp_, report_tmp_;
    bool no_regions_ = false;
    OutputFlags flags_;
};

}  // namespace

std::unique_ptr<Command> make_cluster_command() { return std::make_unique<ClusterCommand>(); }

}  // namespace leefbaar::cli
