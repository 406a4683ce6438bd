#include "io/atomic_file.hpp"

#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "core/error.hpp"
#include "io/gpkg_writer.hpp"

namespace fs = std::filesystem;

namespace leefbaar::io {

void write_text_atomic(const std::string& path, const std::string& content, bool overwrite) {
    check_output_path(path, overwrite);
    const fs::path target(path);
    const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
    const fs::path tmp = dir / ("." + target.filename().string() + ".tmp-" + std::to_string(::getpid()));
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        out << content;
        out.flush();
        if (!out) {
            std::error_code ec;
            fs::remove(tmp, ec);
            throw SystemError("cannot write the file", ErrorContext{path, {}, {}, {}, {}}, "check free disk space and permissions");
        }
    }
    std::error_code ec;
    fs::rename(tmp, target, ec);
    if (ec) {
        fs::remove(tmp, ec);
        throw SystemError("cannot move the finished file into place: " + ec.message(), ErrorContext{path, {}, {}, {}, {}});
    }
}

}  // namespace leefbaar::io
