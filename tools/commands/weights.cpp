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

    void configure(CLI::App& app) override {
        src_.add_source(app, false);
        src_.add_weights(app);
        app.add_option("-o,--output", output_, "Write the weights: .gal (neighbours) or .gwt (with weights)");
        app.add_option("--report", report_, "Write the summary as JSON");
        flags_.add(app, false);
    }

    void validate() override {
        src_.resolve();
        if (src_.polygons.empty() && src_.spec.type != "file")
            throw UsageError("give a polygon source to build weights from, or --weights FILE.gal to summarise a file");
        if (!output_.empty()) {
            const auto e = extension(output_);
            if (e != ".gal" && e != ".gwt") throw UsageError("the output must end in .gal or .gwt", ErrorContext{output_, {}, {}, {}, {}});
        }
        auto& outputs = flags_.begin();
        outputs.add_input(src_.polygons);
        if (src_.spec.type == "file") outputs.add_input(src_.spec.file);
        if (!output_.empty()) out_tmp_ = outputs.add(output_, "--output");
        if (!report_.empty()) report_tmp_ = outputs.add(report_, "--report");
    }

    int run(const GlobalOptions& global, const Console& console) override {
        src_.spec.threads = global.threads;
        SpatialWeights w;
        std::string id_field = src_.key;
        std::string source_name;
        if (src_.polygons.empty()) {
            w = read_weights_file(src_.spec.file);
            source_name = std::filesystem::path(src_.spec.file).stem().string();
        } else {
            auto vr = src_.read(global.threads, console.progress("reading"));
            console.end_progress();
            w = build_weights(vr.table, src_.spec, console.progress("weights"));
            console.end_progress();
            source_name = vr.layer.empty() ? std::filesystem::path(src_.polygons).stem().string() : vr.layer;
            if (id_field.empty()) id_field = "row";
        }
        const auto s = summarise(w);
        if (!output_.empty()) {
            auto out = w;
            std::string text;
            if (extension(output_) == ".gal") {
                text = format_gal(out, source_name, id_field);
            } else {
                apply_transform(out, parse_transform(src_.spec.transform));
                text = format_gwt(out, source_name, id_field);
            }
            io::write_file_fully(out_tmp_, text, output_);
        }
        nlohmann::json j = {{"kind", w.kind}, {"summary", to_json(s)}};
        if (!output_.empty()) j["output"] = output_;
        j["run_id"] = flags_.set().run_id();
        if (!report_.empty()) io::write_file_fully(report_tmp_, report_text(j, report_), report_);
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
        if (!output_.empty()) o << "\nwrote " << output_;
        console.info(o.str());
        if (!s.islands.empty()) console.warning(std::to_string(s.islands.size()) + " unit(s) without neighbours; see --islands");
        return 0;
    }

private:
    SpatialSource src_;
    std::string output_, report_, out_tmp_, report_tmp_;
    OutputFlags flags_;
};

}  // namespace

std::unique_ptr<Command> make_weights_command() { return std::make_unique<WeightsCommand>(); }

}  // namespace leefbaar::cli
