#include "io/atomic_file.hpp"

#include "io/output_set.hpp"

namespace leefbaar::io {

void write_text_atomic(const std::string& path, const std::string& content, bool overwrite) {
    OutputSet outputs(overwrite ? OnExisting::Replace : OnExisting::Refuse);
    const std::string tmp = outputs.add(path, "output");
    write_file_fully(tmp, content, path);
    outputs.commit();
}

}  // namespace leefbaar::io
