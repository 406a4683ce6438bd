// `leefbaar info SOURCE`: layers, feature counts, CRS, fields and candidate keys.
#include <iomanip>
#include <iostream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "commands/command.hpp"
#include "io/source_info.hpp"

namespace leefbaar::cli {
namespace {

class InfoCommand final : public Command {
public:
    std::string name() const override { return "info"; }
    std::string summary() const override { return "Describe a data source: layers, features, CRS, fields, candidate keys"; }
    std::string category() const override { return "Data"; }

    // Command-line only: no project section describes a source.
    steps::StepIo io() const override {
        steps::StepIo io;
        io.inputs.push_back({"source", "vector", "any file or connection GDAL reads (vector or table)", {}});
        return io;
    }

    void declare(params::ParamList& l) override {
        using params::Scope;
        using params::Type;
        l.add("source", Type::InputPath, "File or connection string (GeoPackage, Shapefile, GeoJSON, CSV, XLSX, PG:...)")
            .positional()
            .required()
            .scope(Scope::CliOnly)
            .bind(source_);
        l.add("layer", Type::String, "Only this layer").short_name('l').scope(Scope::CliOnly).bind(options_.layer);
        l.add("json", Type::Boolean, "Print JSON instead of text").scope(Scope::CliOnly).bind(json_);
        // Default true: --no-scan on the command line.
        l.add("scan", Type::Boolean, "Read the features: null and distinct counts, candidate keys").scope(Scope::CliOnly).bind(options_.scan_values);
    }

    int run(const GlobalOptions&, const Console& console) override {
        const io::SourceInfo info = io::inspect_source(source_, options_);
        if (json_) {
            nlohmann::json j = info;
            std::cout << j.dump(2) << '\n';
            return 0;
        }
        std::ostringstream out;
        out << info.source << "  (" << info.driver << ")\n";
        if (!info.run_id.empty()) out << "written by leefbaar run " << info.run_id << "\n";
        for (const auto& l : info.layers) {
            out << "\nlayer " << l.name << ": " << l.features << " features, " << l.geometry_type << ", " << l.crs.label() << '\n';
            if (l.extent)
                out << "  extent: " << std::fixed << std::setprecision(3) << (*l.extent)[0] << ", " << (*l.extent)[1] << " - "
                    << (*l.extent)[2] << ", " << (*l.extent)[3] << '\n' << std::defaultfloat;
            for (const auto& n : l.notes) out << "  note: " << n << '\n';
            out << "  fields:\n";
            for (const auto& f : l.fields) {
                out << "    " << std::left << std::setw(40) << f.name << std::setw(12) << f.type;
                if (options_.scan_values) out << " nulls " << std::setw(6) << f.nulls << " distinct " << std::setw(7) << f.distinct;
                if (!f.example.empty()) out << " e.g. " << f.example.substr(0, 30);
                out << '\n';
            }
            if (options_.scan_values) {
                out << "  candidate keys (unique, never null): ";
                if (l.candidate_keys.empty()) out << "none";
                for (std::size_t i = 0; i < l.candidate_keys.size(); ++i) out << (i ? ", " : "") << l.candidate_keys[i];
                out << '\n';
            }
        }
        console.info(out.str());
        return 0;
    }

private:
    std::string source_;
    io::InfoOptions options_;
    bool json_ = false;
};

}  // namespace

std::unique_ptr<Command> make_info_command() { return std::make_unique<InfoCommand>(); }

}  // namespace leefbaar::cli
