#include "support/test_support.hpp"

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <unistd.h>
#include <sys/wait.h>

namespace fs = std::filesystem;

namespace leefbaar::test {

fs::path source_dir() { return LEEFBAAR_SOURCE_DIR; }
fs::path test_data(const std::string& relative) { return fs::path(LEEFBAAR_TEST_DATA) / relative; }
fs::path sample_data(const std::string& relative) { return fs::path(LEEFBAAR_SAMPLE_DATA) / relative; }

TempDir::TempDir() {
    static std::atomic<int> counter{0};
    std::random_device rd;
    path_ = fs::temp_directory_path() /
            ("leefbaar-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + "-" + std::to_string(rd()));
    fs::create_directories(path_);
}

TempDir::~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
}

std::string read_file(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + p.string());
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::size_t count_of(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
}

void write_file(const fs::path& p, const std::string& content) {
    std::ofstream out(p, std::ios::binary);
    out << content;
    if (!out) throw std::runtime_error("cannot write " + p.string());
}

CommandResult run_leefbaar(const std::string& args) {
    TempDir tmp;
    const fs::path out = tmp / "stdout", err = tmp / "stderr";
    const std::string cmd = std::string("'") + LEEFBAAR_BINARY + "' " + args + " >'" + out.string() + "' 2>'" +
                            err.string() + "' </dev/null";
    const int status = std::system(cmd.c_str());
    CommandResult r;
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = read_file(out);
    r.err = read_file(err);
    return r;
}

::testing::AssertionResult conforming_gpkg(const fs::path& gpkg) {
    // Debian's python3-gdal is built for the system Python, not for a pyenv or venv one.
    const std::string python = fs::exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
    TempDir tmp;
    const fs::path out = tmp / "out";
    const std::string cmd = python + " '" + (source_dir() / "tests/e2e/gpkg_conformance.py").string() + "' '" + gpkg.string() + "' >'" +
                            out.string() + "' 2>&1 </dev/null";
    const int status = std::system(cmd.c_str());
    const int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    if (code == 0) return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure() << gpkg.string() << " is not a conforming GeoPackage (gpkg_conformance.py exit " << code << "):\n"
                                         << read_file(out);
}

std::vector<CsvRecord> read_plain_csv(const fs::path& p) {
    std::ifstream in(p);
    if (!in) throw std::runtime_error("cannot open " + p.string());
    auto split = [](const std::string& s) {
        std::vector<std::string> out;
        std::stringstream ss(s);
        std::string item;
        while (std::getline(ss, item, ',')) out.push_back(item);
        if (!s.empty() && s.back() == ',') out.emplace_back();
        return out;
    };
    std::string line;
    std::getline(in, line);
    const auto header = split(line);
    std::vector<CsvRecord> rows;
    while (std::getline(in, line)) {
        auto f = split(line);
        f.resize(header.size());
        CsvRecord r;
        for (std::size_t i = 0; i < header.size(); ++i) r[header[i]] = f[i];
        rows.push_back(std::move(r));
    }
    return rows;
}

std::map<std::string, CsvRecord> read_plain_csv_by_key(const fs::path& p) {
    std::map<std::string, CsvRecord> out;
    std::ifstream in(p);
    std::string first;
    std::getline(in, first);
    const std::string key = first.substr(0, first.find(','));
    for (auto& r : read_plain_csv(p)) out[r[key]] = std::move(r);
    return out;
}

}  // namespace leefbaar::test
