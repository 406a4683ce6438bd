#pragma once
// The text of a JSON report. Text that is not UTF-8 (which readers refuse, but a
// value could still slip through) is a data error naming the report, not a crash.
#include <string>

#include <nlohmann/json.hpp>

#include "core/error.hpp"

namespace leefbaar {

inline std::string json_report_text(const nlohmann::json& report, const std::string& path) {
    try {
        return report.dump(2) + "\n";
    } catch (const nlohmann::json::type_error&) {
        throw DataError("the report would hold text that is not valid UTF-8", ErrorContext{path, {}, {}, {}, {}},
                        "convert the inputs to UTF-8 (e.g. iconv -f latin1 -t utf-8)");
    }
}

}  // namespace leefbaar
