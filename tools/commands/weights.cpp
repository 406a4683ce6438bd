// `leefbaar weights POLYGONS --key K [--weights queen|rook|knn|...] -o W.gal`: builds
// spatial weights, prints a summary (neighbour counts, histogram, islands,
// components, symmetry) and writes GAL (contiguity) or GWT (weighted) files that
// GeoDa and PySAL read. `leefbaar weights --weights W.gal` summarises a file.
#include <filesystem>
#include <sstream>

#include <nlohmann/json.hpp>

#include "commands/command.hpp"
#include "commands/spatial_cli.hpp"
#include "commands/output_flags.hpp"
#include "io/gpkg_writer.hpp"
#include "spatial/weights_io.hpp"
#include "spatial/weights_ops.hpp"

namespace leefbaar::cli {
namespace {

std::string extension(const std::string& p) {
    std::string e = std::filesystem::path(p).extension().string();
    for (auto& c : e) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return e;
}

class WeightsCommand final : public Command {
public:
    std::string name() const override { return "weights"; }
    std::string summary() const override { return "Build, summarise and write spatial weights (GAL/GWT)"; }
    std::string category() const override { return "Spatial statistics"; }

    void declare(params::ParamList& list) override {
        src_.declare(list, false);
        steps::declare_weights(list, spec_, steps::WeightsGroup::All);
        steps::OutputHelp h;
        h.output = "Write the weights: .gal (neighbours) or .gwt (with weights)";
        h.output_required = false;
        h.geopackage = false;
        h.report = "Write the summary as JSON";
        flags_.declare(list, h);
    }

    std::vector<std::string> sections() const override { return {"spatial"}; }

    steps::StepIo io() const override {
        steps::StepIo io;
        io.inputs.push_back({"polygons", "vector", "polygons (or points for distance-based weights) to build the weights from", {}});
        io.inputs.push_back({"weights", "gal/gwt", "a weights file to summarise, when --weights names one", {}});
        io.outputs.push_back({"output", "gal/gwt", "the weights: GAL (neighbours) or GWT (with the weight of each link)", {}});
        io.outputs.push_back({"report", "json", "the summary: neighbour counts, histogram, islands, components, symmetry", {}});
        return io;
    }

    void check() override {
        steps::finish_weights(spec_);
        const std::string& output = flags_.options().output;
        const std::string& report = flags_.options().report;
        if (src_.src.source.empty() && spec_.type != "file")
            throw UsageError("give a polygon source to build weights from, or --weights FILE.gal to summarise a file");
        if (!output.empty()) {
            const auto e = extension(output);
            if (e != ".gal" && e != ".gwt") throw UsageError("the output must end in .gal or .gwt", ErrorContext{output, {}, {}, {}, {}});
        }
        auto& outputs = flags_.begin();
        outputs.add_input(src_.src.source);
        if (spec_.type == "file") outputs.add_input(spec_.file);
        if (!output.empty()) out_tmp_ = outputs.add(output, "--output");
        if (!report.empty()) report_tmp_ = outputs.add(report, "--report");
    }

    int run(const GlobalOptions& global, const Console& console) override {
        const std::string& output = flags_.options().output;
        const std::string& report = flags_.options().report;
        spec_.threads = global.threads;
        SpatialWeights w;
        std::string id_field = src_.src.key;
        std::string source_name;
        if (src_.src.source.empty()) {
            w = read_weights_file(spec_.file);
            source_name = std::filesystem::path(spec_.file).stem().string();
        } else {
            auto vr = src_.read(global.threads, console.progress("reading"));
            console.end_progress();
            w = build_weights(vr.table, spec_, console.progress("weights"));
            console.end_progress();
            source_name = vr.layer.empty() ? std::filesystem::path(src_.src.source).stem().string() : vr.layer;
            if (id_field.empty()) id_field = "row";
        }
        const auto s = summarise(w);
        if (!output.empty()) {
            auto out = w;
            std::string text;
            if (extension(output) == ".gal") {
                text = format_gal(out, source_name, id_field);
            } else {
                apply_transform(out, parse_transform(spec_.transform));
                text = format_gwt(out, source_name, id_field);
            }
            io::write_file_fully(out_tmp_, text, output);
        }
        nlohmann::json j = {{"kind", w.kind}, {"summary", to_json(s)}};
        if (!output.empty()) j["output"] = output;
        j["run_id"] = flags_.set().run_id();
        if (!report.empty()) io::write_file_fully(report_tmp_, report_text(j, report), report);
        flags_.set().commit();
        for (const auto& n : flags_.set().notes()) console.warning(n);

        std::ostringstream o;
        o << "weights: " << w.kind << '\n'
          << "units: " << s.units << ", links: " << s.links << ", neighbours min/mean/max: " << s.min_neighbours << " / " << s.mean_neighbours << " / "
          << s.max_neighbours << '\n'
          << "histogram (neighbours: units):";
        for (std::size_t k = 0; k < s.histogram.size(); ++k)
            if (s.histogram[k]) o << ' ' << k << ':' << s.histogram[k];
        o << "\nislands: " << s.islands.size();
        for (std::size_t i = 0; i < s.islands.size() && i < 10; ++i) o << (i ? ", " : " (") << s.islands[i];
        if (!s.islands.empty()) o << (s.islands.size() > 10 ? ", ...)" : ")");
        o << "\nconnected components: " << s.components << "\nsymmetric: " << (s.symmetric ? "yes" : "no");
        if (!output.empty()) o << "\nwrote " << output;
        console.info(o.str());
        if (!s.islands.empty()) console.warning(std::to_string(s.islands.size()) + " unit(s) without neighbours; see --islands");
        return 0;
    }

private:
    SpatialSource src_;
    WeightsSpec spec_;
    std::string out_tmp_, report_tmp_;
    OutputFlags flags_;
};

}  // namespace

std::unique_ptr<Command> make_weights_command() { return std::make_unique<WeightsCommand>(); }

}  // namespace leefbaar::cli
