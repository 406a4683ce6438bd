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
    bool overwrite() const { return overwrite_; }
    bool update() const { return update_; }

    // A fresh set for this command's outputs (call once, in validate()).
    io::OutputSet& begin() {
        set_.emplace(update_ ? io::OnExisting::Update : overwrite_ ? io::OnExisting::Replace : io::OnExisting::Refuse);
        return *set_;
    }
    io::OutputSet& set() { return *set_; }

private:
    bool overwrite_ = false, update_ = false;
    std::optional<io::OutputSet> set_;
};

// The JSON text of a report (one definition for the engine and the commands).
inline std::string report_text(const nlohmann::json& report, const std::string& path) { return json_report_text(report, path); }

}  // namespace leefbaar::cli
