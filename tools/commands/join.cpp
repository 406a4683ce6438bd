// `leefbaar join POLYGONS --key K --table T.csv ... -o OUT.gpkg`: joins indicator
// tables to neighbourhood polygons and writes one GeoPackage layer, with a report
// of what matched and what did not.
#include <filesystem>
#include <sstream>

#include <nlohmann/json.hpp>

#include "commands/command.hpp"
#include "commands/output_flags.hpp"
#include "core/error.hpp"
#include "io/gpkg_writer.hpp"
#include "join/join_job.hpp"
#include "steps/join_params.hpp"

namespace leefbaar::cli {
namespace {

std::string preview(const std::vector<std::string>& keys, std::size_t n = 8) {
    std::string out;
    for (std::size_t i = 0; i < keys.size() && i < n; ++i) out += (i ? ", " : "") + keys[i];
    if (keys.size() > n) out += ", ...";
    return out;
}

class JoinCommand final : public Command {
public:
    std::string name() const override { return "join"; }
    std::string summary() const override { return "Join indicator tables to neighbourhood polygons and write a GeoPackage"; }
    std::string category() const override { return "Data"; }

    void declare(params::ParamList& list) override {
        steps::declare_join(list, job_, steps::JoinFront::Cli, &tables_);
        steps::OutputHelp h;
        h.report = "Write the diagnostics as JSON to this file";
        flags_.declare(list, h);
    }

    std::vector<std::string> sections() const override { return {"input", "input.table"}; }

    steps::StepIo io() const override {
        steps::StepIo io;
        io.inputs.push_back({"polygons", "vector", "neighbourhood polygons (GeoPackage, Shapefile, GeoJSON, FlatGeobuf, PostGIS ...)", {}});
        io.inputs.push_back({"table", "table", "indicator tables (CSV, XLSX, ODS, DBF, a GeoPackage table), repeatable", {}});
        io.outputs.push_back({"output", "geopackage", "the polygons with the joined columns (prefixed per table)",
                              {{"the polygon layer's name (--output-layer)", "one feature per polygon, with the polygon and joined columns", {}}}});
        io.outputs.push_back({"report", "json", "the join diagnostics: matches, unmatched keys, duplicates, column types, geometry repairs", {}});
        return io;
    }

    void check() override {
        const auto& out = flags_.options();
        auto& outputs = flags_.begin();
        outputs.add_input(job_.polygons);
        for (const auto& t : tables_.tables) outputs.add_input(t);
        gpkg_tmp_ = outputs.add(out.output, "--output", true);
        if (!out.report.empty()) report_tmp_ = outputs.add(out.report, "--report");
        job_.tables = steps::cli_tables(tables_);
        validate_join_job(job_);
    }

    int run(const GlobalOptions& global, const Console& console) override {
        job_.threads = global.threads;
        JoinJobResult result = run_join_job(job_, console.progress("joining"));
        console.end_progress();

        const std::string& output = flags_.options().output;
        const std::string& report_path = flags_.options().report;
        const std::string& output_layer = flags_.options().output_layer;
        const std::string layer = output_layer.empty() ? result.polygon_layer : output_layer;
        io::LayerToWrite spec{&result.table, layer, true, "Polygons from " + job_.polygons + " joined with indicator tables by leefbaar", {}};
        io::GpkgWriteOptions wo;
        wo.run_id = flags_.set().run_id();
        io::write_gpkg_file(gpkg_tmp_, output, {spec}, wo, console.progress("writing"));
        console.end_progress();

        nlohmann::json report = result.report_json();
        report["output"] = {{"path", output}, {"layer", layer}, {"features", result.table.rows()},
                            {"fields", result.table.columns().size()}, {"crs", result.table.crs().label()}};
        report["run_id"] = flags_.set().run_id();
        if (!report_path.empty()) io::write_file_fully(report_tmp_, report_text(report, report_path), report_path);
        flags_.set().commit();
        for (const auto& n : flags_.set().notes()) console.warning(n);

        print_summary(result, layer, console);
        return 0;
    }

private:
    void print_summary(const JoinJobResult& r, const std::string& layer, const Console& console) const {
        std::ostringstream s;
        s << "wrote " << flags_.options().output << " layer '" << layer << "': " << r.table.rows() << " polygons, " << r.table.columns().size()
          << " fields, " << r.table.crs().label() << '\n';
        s << "polygons: " << r.geometry.features << " read from " << job_.polygons;
        if (r.geometry.invalid) s << "; " << r.geometry.invalid << " invalid geometries, " << r.geometry.repaired << " repaired";
        if (r.geometry.empty) s << "; " << r.geometry.empty << " empty";
        s << '\n';
        for (const auto& t : r.join.tables) {
            s << "table " << t.label << " [" << t.format << "]: " << t.rows << " rows, " << t.rows_matched << " matched, "
              << t.rows_without_polygon.size() << " without polygon";
            if (!t.rows_without_polygon.empty()) s << " (" << preview(t.rows_without_polygon) << ")";
            if (!t.duplicate_keys.empty()) s << ", " << t.duplicate_keys.size() << " duplicate keys (" << to_string(job_.join.duplicates) << ")";
            s << ", " << t.columns.size() << " columns joined";
            if (!t.skipped_footer.empty()) s << ", " << t.skipped_footer.size() << " footer line(s) skipped";
            s << '\n';
        }
        s << "matched in every table: " << r.join.polygons_matched_all << " of " << r.join.polygons << " polygons";
        if (!flags_.options().report.empty()) s << "\nreport: " << flags_.options().report;
        console.info(s.str());
        if (!r.join.polygons_unmatched.empty())
            console.warning(std::to_string(r.join.polygons_unmatched.size()) + " polygon(s) have no row in at least one table; their values are null: " +
                            preview(r.join.polygons_unmatched));
        if (r.geometry.invalid)
            console.warning(std::to_string(r.geometry.invalid) + " invalid geometries (" + preview(r.geometry.invalid_keys) + ")" +
                            (job_.repair ? " were repaired with GEOS MakeValid" : " were kept as they are (--no-repair)"));
        for (const auto& w : r.warnings) console.warning(w);
    }

    JoinJobOptions job_;
    steps::TableFlags tables_;
    std::string gpkg_tmp_, report_tmp_;
    OutputFlags flags_;
};

}  // namespace

std::unique_ptr<Command> make_join_command() { return std::make_unique<JoinCommand>(); }

}  // namespace leefbaar::cli
