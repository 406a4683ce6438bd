#pragma once
// Helpers shared by all test suites: paths to test data, temporary directories
// that clean up after themselves, and running the `leefbaar` command.
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace leefbaar::test {

std::filesystem::path source_dir();
std::filesystem::path test_data(const std::string& relative);    // tests/data/<relative>
std::filesystem::path sample_data(const std::string& relative);  // sample-data/<relative>

// A fresh directory under the system temp dir, removed on destruction.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return path_; }
    std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

private:
    std::filesystem::path path_;
};

struct CommandResult {
    int exit_code = -1;
    std::string out;
    std::string err;
};

// Runs the built `leefbaar` binary with the given argument string (shell-quoted by
// the caller) and captures stdout and stderr.
CommandResult run_leefbaar(const std::string& args);

// GeoPackage conformance of a file leefbaar wrote: PRAGMA integrity_check,
// PRAGMA foreign_key_check and GDAL's validate_gpkg, via tests/e2e/gpkg_conformance.py
// (which says what counts as a failure). Fails, never skips, when python3-gdal is
// missing. Use after every command that writes a GeoPackage:
//     EXPECT_TRUE(test::conforming_gpkg(out));
::testing::AssertionResult conforming_gpkg(const std::filesystem::path& gpkg);

// A plain comma-separated file without quotes (the sample CSVs), read independently of
// leefbaar's reader to check its outputs: one record per row, column -> text ("" = missing).
using CsvRecord = std::map<std::string, std::string>;
std::vector<CsvRecord> read_plain_csv(const std::filesystem::path& p);
// The same, by the value of the first column (e.g. the CBS code).
std::map<std::string, CsvRecord> read_plain_csv_by_key(const std::filesystem::path& p);

std::string read_file(const std::filesystem::path& p);
// How often `what` occurs in `text` (overlapping occurrences too).
std::size_t count_of(const std::string& text, const std::string& what);
void write_file(const std::filesystem::path& p, const std::string& content);

}  // namespace leefbaar::test
