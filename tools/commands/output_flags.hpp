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
    // The registry form: --output, --output-layer, --report, --overwrite, --update.
    void declare(params::ParamList& list, const steps::OutputHelp& help) {
        steps::declare_outputs(list, opts_, help);
    }
    steps::OutputOptions& options() { return opts_; }
    const steps::OutputOptions& options() const { return opts_; }
    bool overwrite() const { return opts_.overwrite; }
    bool update() const { return opts_.update; }

    // A fresh set for this command's outputs (call once, in validate()).
    io::OutputSet& begin() {
        steps::check_outputs(opts_);
        set_.emplace(update() ? io::OnExisting::Update : overwrite() ? io::OnExisting::Replace : io::OnExisting::Refuse);
        return *set_;
    }
    io::OutputSet& set() { return *set_; }

private:
    steps::OutputOptions opts_;
    std::optional<io::OutputSet> set_;
};

// The JSON text of a report (one definition for the engine and the commands).
inline std::string report_text(const nlohmann::json& report, const std::string& path) { return json_report_text(report, path); }

}  // namespace leefbaar::cli
