// `leefbaar join POLYGONS --key K --table T.csv ... -o OUT.gpkg`: joins indicator
// tables to neighbourhood polygons and writes one GeoPackage layer, with a report
// of what matched and what did not.
#include <filesystem>
#include <sstream>

#include <nlohmann/json.hpp>

#include "commands/command.hpp"
#include "commands/option_checks.hpp"
#include "core/error.hpp"
#include "commands/output_flags.hpp"
#include "io/gpkg_writer.hpp"
#include "join/join_job.hpp"

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

// Options given once apply to every table; given per table they pair up in order.
std::string pick(const std::vector<std::string>& values, std::size_t i, const std::string& what, std::size_t tables) {
    if (values.empty()) return {};
    if (values.size() == 1) return values[0];
    if (values.size() != tables)
        throw UsageError(std::to_string(values.size()) + " values for " + what + " but " + std::to_string(tables) + " tables", {},
                         "give " + what + " once (for every table) or once per --table, in the same order");
    return values[i];
}

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

    void declare(params::ParamList&) override {}
    void legacy_options(CLI::App& app) override {
        app.add_option("polygons", job_.polygons, "Polygon source (GeoPackage, Shapefile, GeoJSON, FlatGeobuf, PG:...)")->required();
        app.add_option("-l,--layer", job_.layer, "Polygon layer (needed when the source has several)");
        app.add_option("-w,--where", job_.where, "Attribute filter on the polygons (OGR SQL), e.g. \"gemeentecode = 'GM0917'\"");
        app.add_option("-k,--key", job_.key, "Key column of the polygons, e.g. buurtcode")->required();
        app.add_option("-t,--table", tables_, "Indicator table: CSV, XLSX, ODS, DBF, GeoPackage table (repeatable)");
        app.add_option("--table-key", table_keys_, "Key column of the table(s) (default: same name as --key)");
        app.add_option("--table-layer", table_layers_, "Sheet or layer of the table(s)");
        app.add_option("--prefix", prefixes_, "Prefix for the joined columns of each table, e.g. y2018_");
        app.add_option("--columns", columns_, "Comma-separated columns to join (default: all)");
        app.add_option("--text-column", text_columns_, "Read this table column as text (codes with leading zeros)");
        app.add_option("--numeric-column", numeric_columns_, "Read this table column as numbers, even with leading zeros (\"007\" is 7)");
        app.add_option("--separator", separator_, "CSV separator: ',', ';' or 'tab' (default: detected)");
        app.add_option("--decimal-comma", decimal_comma_, "CSV decimal comma: auto (on with ';'), yes, no")
            ->check(CLI::IsMember({"auto", "yes", "no"}));
        app.add_flag("--case-fold", job_.join.keys.case_fold, "Match keys case-insensitively");
        app.add_option("--zero-pad", job_.join.keys.zero_pad, "Pad numeric keys with zeros to this width (e.g. 4: 917 -> 0917)")
            ->check(CLI::Range(0, 64));
        app.add_option("--duplicates", duplicates_, "Duplicate keys in a table: error, first, last, mean, sum")
            ->check(CLI::IsMember({"error", "first", "last", "mean", "sum"}));
        app.add_option("--missing", job_.extra_missing_markers, "Extra text read as missing (repeatable), besides '', '.', '-', 'x', '?', NA");
        app.add_option("--sentinel", job_.extra_sentinels, "Extra numeric code read as missing (repeatable), besides -99999999, -99997, -99995")
            ->check(finite_number());
        app.add_option("--s-srs", job_.assign_srs, "CRS of the polygons' coordinates, e.g. EPSG:28992 (needed when the source has none; overrides the source's)");
        app.add_option("--t-srs", job_.target_srs, "Reproject the output, e.g. EPSG:28992");
        app.add_flag("--no-repair", no_repair_, "Do not repair invalid geometries (they are still reported)");
        app.add_option("-o,--output", output_, "Output GeoPackage")->required();
        app.add_option("--output-layer", output_layer_, "Output layer name (default: the polygon layer's name)");
        app.add_option("--report", report_, "Write the diagnostics as JSON to this file");
        flags_.add(app, true);
    }

    void check() override {
        if (!std::filesystem::path(output_).has_extension() || std::filesystem::path(output_).extension() != ".gpkg")
            throw UsageError("the output must be a GeoPackage file ending in .gpkg", ErrorContext{output_, {}, {}, {}, {}});
        auto& outputs = flags_.begin();
        outputs.add_input(job_.polygons);
        for (const auto& t : tables_) outputs.add_input(t);
        gpkg_tmp_ = outputs.add(output_, "--output", true);
        if (!report_.empty()) report_tmp_ = outputs.add(report_, "--report");
        job_.join.duplicates = parse_duplicate_policy(duplicates_);
        job_.repair = !no_repair_;
        char sep = 0;
        if (separator_ == "tab" || separator_ == "\\t") sep = '\t';
        else if (separator_ == "," || separator_ == ";") sep = separator_[0];
        else if (!separator_.empty())
            throw UsageError("unknown separator '" + separator_ + "'", {}, "use ',', ';' or tab");
        const int dc = decimal_comma_ == "yes" ? 1 : decimal_comma_ == "no" ? 0 : -1;
        for (std::size_t i = 0; i < tables_.size(); ++i) {
            TableSource ts;
            ts.path = tables_[i];
            ts.key = pick(table_keys_, i, "--table-key", tables_.size());
            ts.layer = pick(table_layers_, i, "--table-layer", tables_.size());
            if (prefixes_.size() > 1 || (prefixes_.size() == 1 && tables_.size() == 1)) ts.prefix = pick(prefixes_, i, "--prefix", tables_.size());
            else if (prefixes_.size() == 1 && tables_.size() > 1)
                throw UsageError("one --prefix for " + std::to_string(tables_.size()) + " tables would make their columns clash", {},
                                 "give one --prefix per --table (use '' for none)");
            ts.columns = split_commas(columns_);
            ts.text_columns = text_columns_;
            ts.numeric_columns = numeric_columns_;
            ts.separator = sep;
            ts.decimal_comma = dc;
            job_.tables.push_back(ts);
        }
        validate_join_job(job_);
    }

    int run(const GlobalOptions& global, const Console& console) override {
        job_.threads = global.threads;
        JoinJobResult result = run_join_job(job_, console.progress("joining"));
        console.end_progress();

        const std::string layer = output_layer_.empty() ? result.polygon_layer : output_layer_;
        io::LayerToWrite spec{&result.table, layer, true, "Polygons from " + job_.polygons + " joined with indicator tables by leefbaar"};
        io::GpkgWriteOptions wo;
        wo.run_id = flags_.set().run_id();
        io::write_gpkg_file(gpkg_tmp_, output_, {spec}, wo, console.progress("writing"));
        console.end_progress();

        nlohmann::json report = result.report_json();
        report["output"] = {{"path", output_}, {"layer", layer}, {"features", result.table.rows()},
                            {"fields", result.table.columns().size()}, {"crs", result.table.crs().label()}};
        report["run_id"] = flags_.set().run_id();
        if (!report_.empty()) io::write_file_fully(report_tmp_, report_text(report, report_), report_);
        flags_.set().commit();
        for (const auto& n : flags_.set().notes()) console.warning(n);

        print_summary(result, layer, console);
        return 0;
    }

private:
    void print_summary(const JoinJobResult& r, const std::string& layer, const Console& console) const {
        std::ostringstream s;
        s << "wrote " << output_ << " layer '" << layer << "': " << r.table.rows() << " polygons, " << r.table.columns().size()
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
        if (!report_.empty()) s << "\nreport: " << report_;
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
    std::vector<std::string> tables_, table_keys_, table_layers_, prefixes_, text_columns_, numeric_columns_;
    std::string columns_, separator_, decimal_comma_ = "auto", duplicates_ = "error";
    std::string output_, output_layer_, report_, gpkg_tmp_, report_tmp_;
    bool no_repair_ = false;
    OutputFlags flags_;
};

}  // namespace

std::unique_ptr<Command> make_join_command() { return std::make_unique<JoinCommand>(); }

}  // namespace leefbaar::cli
