// End-to-end: the promises of docs/exit-codes.md about outputs, for every command —
// outputs are checked before the work, never replace an input or each other, never
// replace a device, pipe or directory, are replaced only with --overwrite (also under a
// race), are written all or nothing (disk full, Ctrl-C), and carry one run id.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <regex>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "support/test_support.hpp"

using leefbaar::test::run_leefbaar;
using leefbaar::test::TempDir;
namespace fs = std::filesystem;
namespace test = leefbaar::test;

namespace {

std::string q(const fs::path& p) { return "'" + p.string() + "'"; }
const fs::path kProject = test::sample_data("heerlen/liveability.toml");
const fs::path kBuurten = test::sample_data("heerlen/heerlen_buurten.gpkg");
const fs::path kCsv = test::sample_data("heerlen/kwb_heerlen_2019.csv");

std::vector<std::string> files_in(const fs::path& dir) {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(dir)) out.push_back(e.path().filename().string());
    std::sort(out.begin(), out.end());
    return out;
}

// Runs a shell script with $L set to the binary; returns the script's exit status.
int shell(const std::string& script) {
    const std::string cmd = "L='" + std::string(LEEFBAAR_BINARY) + "'; " + script;
    const int status = std::system(("bash -c " + q(cmd)).c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string run_id_of_gpkg(const fs::path& gpkg) {
    auto r = run_leefbaar("info " + q(gpkg) + " --no-scan");
    std::smatch m;
    static const std::regex re("written by leefbaar run (\\S+)");
    return std::regex_search(r.out, m, re) ? m[1].str() : std::string();
}

std::string run_id_of_html(const fs::path& html) {
    const std::string text = test::read_file(html);
    std::smatch m;
    static const std::regex re("<meta name=\"leefbaar-run-id\" content=\"([^\"]+)\">");
    return std::regex_search(text, m, re) ? m[1].str() : std::string();
}

// The Heerlen project with absolute paths, written into `dir` (optionally without [cluster]).
fs::path project_copy(const fs::path& dir, bool with_cluster) {
    std::ifstream in(kProject);
    std::ostringstream out;
    std::string line;
    bool skipping = false;
    while (std::getline(in, line)) {
        if (!line.empty() && line[0] == '[') skipping = !with_cluster && line == "[cluster]";
        if (skipping) continue;
        if (line == "polygons = \"heerlen_buurten.gpkg\"") line = "polygons = " + std::string("\"") + kBuurten.string() + "\"";
        if (line == "path = \"kwb_heerlen_2019.csv\"") line = "path = \"" + kCsv.string() + "\"";
        if (line.rfind("reference = \"../", 0) == 0)  // [validate]
            line = "reference = \"" + (kProject.parent_path() / line.substr(13, line.size() - 14)).string() + "\"";
        if (line.rfind("table = \"", 0) == 0 && line.find("\"", 9) != std::string::npos)  // [[areas.level]] tables
            line = "table = \"" + (kProject.parent_path() / line.substr(9, line.find('"', 9) - 9)).string() + "\"" + line.substr(line.find('"', 9) + 1);
        out << line << '\n';
    }
    const fs::path p = dir / (with_cluster ? "with_cluster.toml" : "without_cluster.toml");
    test::write_file(p, out.str());
    return p;
}

}  // namespace

TEST(OutputSafety, TwoOutputsOfOneRunMayNotBeTheSameFile) {
    TempDir d;
    auto r = run_leefbaar("run " + q(kProject) + " -o " + q(d / "x.gpkg") + " --report " + q(d / "x.gpkg") + " --overwrite --runs 0");
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find("two outputs are the same file (--output and --report)"), std::string::npos) << r.err;
    EXPECT_TRUE(files_in(d.path()).empty());
}

TEST(OutputSafety, NoCommandWritesOverItsInput) {
    TempDir d;
    const auto in = d / "in.gpkg";
    fs::copy_file(kBuurten, in);
    fs::create_hard_link(in, d / "in.html");
    const std::string before = test::read_file(in);
    for (const std::string& cmd : {"lisa " + q(in) + " -f Bevolking_Aantal_inwoners -o " + q(d / "l.gpkg") + " --report " + q(in),
                                   "hotspots " + q(in) + " -f Bevolking_Aantal_inwoners -o " + q(in),
                                   "join " + q(in) + " -k buurtcode --table " + q(kCsv) + " --table-key code -o " + q(in),
                                   "cluster " + q(in) + " --fields Bevolking_Aantal_inwoners --clusters 3 -o " + q(in),
                                   "weights " + q(in) + " -o " + q(d / "w.gal") + " --report " + q(in),
                                   // Another name of the same file (a hard link): compared by inode.
                                   "report " + q(in) + " -o " + q(d / "in.html")}) {
        auto r = run_leefbaar(cmd + " --overwrite");
        EXPECT_EQ(r.exit_code, 2) << cmd << "\n" << r.err;
        EXPECT_NE(r.err.find("is an input of this command"), std::string::npos) << cmd << "\n" << r.err;
    }
    EXPECT_EQ(test::read_file(in), before);
    EXPECT_EQ(files_in(d.path()), (std::vector<std::string>{"in.gpkg", "in.html"}));
}

TEST(OutputSafety, UpdateAddsLayersToTheInputAndKeepsTheOthers) {
    TempDir d;
    const auto in = d / "in.gpkg";
    fs::copy_file(kBuurten, in);
    auto r = run_leefbaar("join " + q(in) + " -k buurtcode --table " + q(kCsv) + " --table-key code -o " + q(in) +
                          " --output-layer joined --update");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    auto info = run_leefbaar("info " + q(in) + " --no-scan");
    EXPECT_NE(info.out.find("layer buurten: 57 features"), std::string::npos) << info.out;
    EXPECT_NE(info.out.find("layer joined: 57 features"), std::string::npos) << info.out;
    EXPECT_TRUE(test::conforming_gpkg(in));
    auto both = run_leefbaar("join " + q(in) + " -k buurtcode --table " + q(kCsv) + " --table-key code -o " + q(in) + " --update --overwrite");
    EXPECT_EQ(both.exit_code, 2) << both.err;  // one or the other
}

TEST(OutputSafety, DevicesPipesAndDirectoriesAreNeverReplaced) {
    TempDir d;
    ASSERT_EQ(::mkfifo((d / "pipe.json").c_str(), 0600), 0);
    fs::create_directory(d / "dir.gpkg");
    for (const std::string& report : {std::string("/dev/null"), (d / "pipe.json").string()}) {
        auto r = run_leefbaar("run " + q(kProject) + " -o " + q(d / "x.gpkg") + " --report " + q(report) + " --overwrite --runs 0");
        EXPECT_EQ(r.exit_code, 2) << r.err;
        EXPECT_NE(r.err.find("not a regular file"), std::string::npos) << r.err;
    }
    auto r = run_leefbaar("join " + q(kBuurten) + " -k buurtcode -o " + q(d / "dir.gpkg") + " --overwrite");
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find("is a directory"), std::string::npos) << r.err;
    struct stat st {};
    ASSERT_EQ(::stat("/dev/null", &st), 0);
    EXPECT_TRUE(S_ISCHR(st.st_mode));
    EXPECT_TRUE(fs::is_directory(d / "dir.gpkg"));
    EXPECT_EQ(files_in(d.path()), (std::vector<std::string>{"dir.gpkg", "pipe.json"}));
}

TEST(OutputSafety, ATooLongOutputNameIsAUsageError) {
    TempDir d;
    auto r = run_leefbaar("join " + q(kBuurten) + " -k buurtcode -o " + q(d / (std::string(300, 'n') + ".gpkg")));
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find("too long"), std::string::npos) << r.err;
}

TEST(OutputSafety, OverwriteReplacesTheWholeFileAndKeepsItsMode) {
    TempDir d;
    const auto out = d / "a.gpkg";
    ASSERT_EQ(run_leefbaar("run " + q(project_copy(d.path(), true)) + " -o " + q(out) + " --runs 0").exit_code, 0);
    ::chmod(out.c_str(), 0600);
    // The project no longer has [cluster]: its stale 'regions' layer must go with --overwrite.
    auto r = run_leefbaar("run " + q(project_copy(d.path(), false)) + " -o " + q(out) + " --runs 0 --overwrite");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    auto info = run_leefbaar("info " + q(out) + " --no-scan");
    EXPECT_NE(info.out.find("layer buurten:"), std::string::npos) << info.out;
    EXPECT_EQ(info.out.find("layer regions:"), std::string::npos) << info.out;
    EXPECT_TRUE(test::conforming_gpkg(out));
    struct stat st {};
    ASSERT_EQ(::stat(out.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 07777, 0600u);
}

TEST(OutputSafety, OneRunIdInEveryOutputOfARun) {
    TempDir d;
    auto r = run_leefbaar("run " + q(kProject) + " -o " + q(d / "h.gpkg") + " --html " + q(d / "h.html") + " --runs 0");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const std::string id = run_id_of_gpkg(d / "h.gpkg");
    ASSERT_FALSE(id.empty());
    EXPECT_EQ(nlohmann::json::parse(test::read_file(d / "h-report.json"))["run_id"], id);
    EXPECT_EQ(run_id_of_html(d / "h.html"), id);
    // A second run gets another id; `leefbaar report` of the first run's GeoPackage shows the first's.
    ASSERT_EQ(run_leefbaar("run " + q(kProject) + " -o " + q(d / "i.gpkg") + " --runs 0").exit_code, 0);
    EXPECT_NE(run_id_of_gpkg(d / "i.gpkg"), id);
    ASSERT_EQ(run_leefbaar("report " + q(d / "h.gpkg") + " -o " + q(d / "again.html")).exit_code, 0);
    EXPECT_EQ(run_id_of_html(d / "again.html"), id);
}

TEST(OutputSafety, ConcurrentRunsNeverMixTheirOutputs) {
    TempDir d;
    const auto out = d / "same.gpkg";
    // Two runs without --overwrite at the same time: exactly one wins, the other writes nothing.
    const std::string one = "\"$L\" run " + q(kProject) + " -o " + q(out) + " --html " + q(d / "same.html") + " --runs 300";
    const int status = shell("cd " + q(d.path()) + "; (" + one + " >a.out 2>a.err; echo $? >a.rc) & (" + one +
                             " >b.out 2>b.err; echo $? >b.rc) & wait");
    ASSERT_EQ(status, 0);
    const int a = std::stoi(test::read_file(d / "a.rc")), b = std::stoi(test::read_file(d / "b.rc"));
    EXPECT_EQ(std::min(a, b), 0) << test::read_file(d / "a.err") << test::read_file(d / "b.err");
    EXPECT_EQ(std::max(a, b), 2) << test::read_file(d / "a.err") << test::read_file(d / "b.err");
    const std::string id = run_id_of_gpkg(out);
    ASSERT_FALSE(id.empty());
    EXPECT_EQ(nlohmann::json::parse(test::read_file(d / "same-report.json"))["run_id"], id);
    EXPECT_EQ(run_id_of_html(d / "same.html"), id);
    EXPECT_TRUE(test::conforming_gpkg(out));
    EXPECT_EQ(files_in(d.path()), (std::vector<std::string>{"a.err", "a.out", "a.rc", "b.err", "b.out", "b.rc", "same-report.json",
                                                            "same.gpkg", "same.html"}));
}

TEST(OutputSafety, DiskFullLeavesNoFileAtAll) {
    // A file size limit stands in for a full disk (no root needed); SIGXFSZ is ignored,
    // as leefbaar itself does, so the write fails with EFBIG. With 300 KiB the GeoPackage
    // (~1,140 KiB with the area layers) does not fit; with 1,220 KiB it does but the HTML
    // (~1,300 KiB) does not, which used to leave the finished GeoPackage behind.
    for (const int kib : {300, 1220}) {
        TempDir d;
        const int rc = shell("cd " + q(d.path()) + "; ulimit -f " + std::to_string(kib) + "; trap '' XFSZ; \"$L\" run " + q(kProject) +
                             " -o out.gpkg --html out.html --runs 0 2>err.txt; echo $? >rc.txt");
        ASSERT_EQ(rc, 0);
        const std::string err = test::read_file(d / "err.txt");
        EXPECT_EQ(test::read_file(d / "rc.txt"), "3\n") << kib << ": " << err;
        EXPECT_NE(err.find(kib == 1220 ? "out.html" : "out.gpkg"), std::string::npos) << err;
        EXPECT_EQ(files_in(d.path()), (std::vector<std::string>{"err.txt", "rc.txt"})) << kib << ": " << err;
    }
}

TEST(OutputSafety, InterruptExitsWithFourAndLeavesNothing) {
    for (const char* sig : {"INT", "TERM"}) {
        TempDir d;
        // A long Monte Carlo keeps the run busy; the signal arrives mid-run.
        const int rc = shell("cd " + q(d.path()) + "; \"$L\" run " + q(kProject) +
                             " -o out.gpkg --runs 200000 >out.txt 2>err.txt & pid=$!; sleep 1.5; kill -" + sig +
                             " $pid; wait $pid; echo $? >rc.txt");
        ASSERT_EQ(rc, 0);
        const std::string err = test::read_file(d / "err.txt");
        EXPECT_EQ(test::read_file(d / "rc.txt"), "4\n") << sig << ": " << err;
        EXPECT_NE(err.find("cancelled"), std::string::npos) << err;
        EXPECT_EQ(files_in(d.path()), (std::vector<std::string>{"err.txt", "out.txt", "rc.txt"})) << sig;
    }
}

TEST(OutputSafety, StaleTemporariesOfAKilledRunAreRemoved) {
    TempDir d;
    // What a run killed with SIGKILL left behind under an earlier naming, and under the current one.
    test::write_file(d / ".out.gpkg.tmp-999999999.gpkg", "x");
    test::write_file(d / ".out.gpkg.tmp-999999999.gpkg-journal", "x");
    test::write_file(d / ".out.gpkg.tmp-999999998-12345-0badcafe.gpkg", "x");
    auto r = run_leefbaar("join " + q(kBuurten) + " -k buurtcode -o " + q(d / "out.gpkg"));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("left by an interrupted run"), std::string::npos) << r.err;
    EXPECT_EQ(files_in(d.path()), std::vector<std::string>{"out.gpkg"});
}

TEST(OutputSafety, ScoringTheRunsOwnOutputIntoItIsRefused) {
    TempDir d;
    const auto r_gpkg = d / "r.gpkg";
    ASSERT_EQ(run_leefbaar("run " + q(kProject) + " -o " + q(r_gpkg) + " --runs 0").exit_code, 0);
    const std::string before = test::read_file(r_gpkg);
    auto r = run_leefbaar("score " + q(r_gpkg) + " -l buurten -p " + q(kProject) + " -o " + q(r_gpkg) + " --overwrite --runs 0");
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find("is an input of this command"), std::string::npos) << r.err;
    EXPECT_EQ(test::read_file(r_gpkg), before);
}
