#pragma once
// The output options every writing command shares (--overwrite, --update) and the
// command's one io::OutputSet: outputs are declared in validate(), before any heavy
// work, written to their temporaries in run(), and moved into place together.
#include <optional>
#include <string>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "core/json_text.hpp"
#include "io/output_set.hpp"
#include "steps/source_params.hpp"

namespace leefbaar::cli {

class OutputFlags {
public:
    // `geopackage`: the command writes a GeoPackage, so --update is offered.
    void add(CLI::App& app, bool geopackage) {
        auto* ow = app.add_flag("--overwrite", overwrite_, "Replace existing output files as a whole");
        if (geopackage)
            app.add_flag("--update", update_,
                         "Add the layers to an existing GeoPackage (may be the input), replacing leefbaar's layers of the same name and "
                         "keeping the others")
                ->excludes(ow);
    }
    // The registry form: --output, --output-layer, --report, --overwrite, --update.
    void declare(params::ParamList& list, const steps::OutputHelp& help) {
        steps::declare_outputs(list, opts_, help);
        declared_ = true;
    }
    steps::OutputOptions& options() { return opts_; }
    const steps::OutputOptions& options() const { return opts_; }
    bool overwrite() const { return declared_ ? opts_.overwrite : overwrite_; }
    bool update() const { return declared_ ? opts_.update : update_; }

    // A fresh set for this command's outputs (call once, in validate()).
    io::OutputSet& begin() {
        if (declared_) steps::check_outputs(opts_);
        set_.emplace(update() ? io::OnExisting::Update : overwrite() ? io::OnExisting::Replace : io::OnExisting::Refuse);
        return *set_;
    }
    io::OutputSet& set() { return *set_; }

private:
    bool overwrite_ = false, update_ = false;
    bool declared_ = false;
    steps::OutputOptions opts_;
    std::optional<io::OutputSet> set_;
};

// The JSON text of a report (one definition for the engine and the commands).
inline std::string report_text(const nlohmann::json& report, const std::string& path) { return json_report_text(report, path); }

}  // namespace leefbaar::cli
