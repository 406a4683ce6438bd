// io::OutputSet: every output of a command checked before the work, written to its own
// temporary, and moved into place together; no-replace renames; nothing left behind.
#include <gtest/gtest.h>

#include <csignal>
#include <filesystem>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/cancel.hpp"
#include "core/error.hpp"
#include "core/progress.hpp"
#include "io/output_set.hpp"
#include "support/test_support.hpp"

using namespace leefbaar;
using leefbaar::io::OnExisting;
using leefbaar::io::OutputSet;
namespace fs = std::filesystem;

namespace {

std::size_t entries(const fs::path& dir) {
    std::size_t n = 0;
    for (auto it = fs::directory_iterator(dir); it != fs::directory_iterator(); ++it) ++n;
    return n;
}

template <class F>
std::string usage_error(F&& f) {
    try {
        f();
    } catch (const UsageError& e) {
        return e.message();
    }
    return "(no UsageError)";
}

}  // namespace

TEST(OutputSet, WritesEveryOutputOnlyAtCommit) {
    test::TempDir d;
    OutputSet set;
    const auto a = set.add((d / "a.json").string(), "--report");
    const auto b = set.add((d / "b.html").string(), "--html");
    EXPECT_EQ(fs::path(a).parent_path(), d.path());
    EXPECT_EQ(fs::path(a).filename().string().rfind(".a.json.tmp-", 0), 0u) << a;
    io::write_file_fully(a, "{}", (d / "a.json").string());
    io::write_file_fully(b, "<html/>", (d / "b.html").string());
    EXPECT_FALSE(fs::exists(d / "a.json"));  // nothing is visible before the commit
    set.commit();
    EXPECT_EQ(test::read_file(d / "a.json"), "{}");
    EXPECT_EQ(test::read_file(d / "b.html"), "<html/>");
    EXPECT_EQ(entries(d.path()), 2u);
    EXPECT_EQ(set.run_id().size(), std::string("20261202T101500Z-3f9a1c2b").size());
}

TEST(OutputSet, AFailureBeforeTheCommitLeavesNothing) {
    test::TempDir d;
    {
        OutputSet set;
        const auto a = set.add((d / "a.gpkg").string(), "--output", true);
        const auto b = set.add((d / "a.json").string(), "--report");
        io::write_file_fully(a, "data", "a.gpkg");
        io::write_file_fully(a + "-journal", "j", "a.gpkg");
        (void)b;  // the second output is never written: commit refuses, nothing moves
        EXPECT_THROW(set.commit(), SystemError);
        EXPECT_FALSE(fs::exists(d / "a.gpkg"));
    }
    EXPECT_EQ(entries(d.path()), 0u);  // temporaries and SQLite's journal removed
}

TEST(OutputSet, ExistingOutputsNeedOverwrite) {
    test::TempDir d;
    test::write_file(d / "r.json", "old");
    EXPECT_NE(usage_error([&] { OutputSet s; s.add((d / "r.json").string(), "--report"); }).find("exists already"), std::string::npos);
    OutputSet set(OnExisting::Replace);
    io::write_file_fully(set.add((d / "r.json").string(), "--report"), "new", "r.json");
    set.commit();
    EXPECT_EQ(test::read_file(d / "r.json"), "new");
}

TEST(OutputSet, TwoOutputsOfTheSameFileAreRefused) {
    test::TempDir d;
    fs::create_directory(d / "sub");
    OutputSet set(OnExisting::Replace);
    set.add((d / "x.gpkg").string(), "--output", true);
    // Another spelling of the same, not yet existing, file.
    const std::string msg = usage_error([&] { set.add((d / "sub" / ".." / "x.gpkg").string(), "--report"); });
    EXPECT_NE(msg.find("two outputs are the same file (--output and --report)"), std::string::npos) << msg;
    // An existing file under two names (a hard link): compared by device and inode.
    test::write_file(d / "y.json", "y");
    fs::create_hard_link(d / "y.json", d / "z.json");
    OutputSet s2(OnExisting::Replace);
    s2.add((d / "y.json").string(), "--report");
    EXPECT_NE(usage_error([&] { s2.add((d / "z.json").string(), "--html"); }).find("same file"), std::string::npos);
}

TEST(OutputSet, AnInputIsNeverAnOutputUnlessUpdatingAGeoPackage) {
    test::TempDir d;
    test::write_file(d / "in.gpkg", "input");
    fs::create_hard_link(d / "in.gpkg", d / "alias.gpkg");
    OutputSet set(OnExisting::Replace);
    set.add_input((d / "in.gpkg").string());
    set.add_input("PG:dbname=x");  // not a file: ignored
    EXPECT_NE(usage_error([&] { set.add((d / "alias.gpkg").string(), "--report"); }).find("is an input of this command"), std::string::npos);
    const std::string msg = usage_error([&] { set.add((d / "in.gpkg").string(), "--output", true); });
    EXPECT_NE(msg.find("is an input"), std::string::npos);
    // --update: the GeoPackage starts as a copy of the input, which stays untouched until the commit.
    OutputSet upd(OnExisting::Update);
    upd.add_input((d / "in.gpkg").string());
    const auto tmp = upd.add((d / "in.gpkg").string(), "--output", true);
    EXPECT_EQ(test::read_file(tmp), "input");
    EXPECT_THROW(upd.add((d / "in.gpkg").string(), "--report"), UsageError);  // but never as JSON
    io::write_file_fully(tmp, "input+layers", "in.gpkg");
    EXPECT_EQ(test::read_file(d / "in.gpkg"), "input");
    upd.commit();
    EXPECT_EQ(test::read_file(d / "in.gpkg"), "input+layers");
}

TEST(OutputSet, DevicesPipesAndDirectoriesAreRefused) {
    test::TempDir d;
    OutputSet set(OnExisting::Replace);
    EXPECT_NE(usage_error([&] { set.add("/dev/null", "--report"); }).find("not a regular file"), std::string::npos);
    ASSERT_EQ(::mkfifo((d / "fifo").c_str(), 0600), 0);
    EXPECT_NE(usage_error([&] { set.add((d / "fifo").string(), "--report"); }).find("not a regular file"), std::string::npos);
    fs::create_directory(d / "dir.gpkg");
    EXPECT_NE(usage_error([&] { set.add((d / "dir.gpkg").string(), "--output", true); }).find("is a directory"), std::string::npos);
    EXPECT_NE(usage_error([&] { set.add((d / "missing" / "x.json").string(), "--report"); }).find("directory does not exist"),
              std::string::npos);
    const std::string long_name(250, 'a');
    EXPECT_NE(usage_error([&] { set.add((d / (long_name + ".gpkg")).string(), "--output", true); }).find("too long"), std::string::npos);
    struct stat st {};
    ASSERT_EQ(::stat("/dev/null", &st), 0);
    EXPECT_TRUE(S_ISCHR(st.st_mode));  // still the device
}

TEST(OutputSet, SymlinksAreWrittenThroughAndModesKept) {
    test::TempDir d;
    test::write_file(d / "target.json", "old");
    ::chmod((d / "target.json").c_str(), 0640);
    fs::create_symlink(d / "target.json", d / "link.json");
    OutputSet set(OnExisting::Replace);
    io::write_file_fully(set.add((d / "link.json").string(), "--report"), "new", "link.json");
    set.commit();
    EXPECT_TRUE(fs::is_symlink(d / "link.json"));
    EXPECT_EQ(test::read_file(d / "target.json"), "new");
    struct stat st {};
    ASSERT_EQ(::stat((d / "target.json").c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 07777, 0640u);
    // A link to nothing is refused rather than replaced by a file.
    fs::create_symlink(d / "nowhere.json", d / "dangling.json");
    EXPECT_NE(usage_error([&] { set.add((d / "dangling.json").string(), "--html"); }).find("symbolic link to a missing file"),
              std::string::npos);
}

TEST(OutputSet, AnOutputThatAppearsMeanwhileIsNeverReplaced) {
    test::TempDir d;
    OutputSet set;  // no --overwrite
    const auto a = set.add((d / "a.gpkg").string(), "--output", true);
    const auto b = set.add((d / "a.json").string(), "--report");
    io::write_file_fully(a, "mine", "a.gpkg");
    io::write_file_fully(b, "mine", "a.json");
    test::write_file(d / "a.json", "another run's");  // a concurrent run finished first
    const std::string msg = usage_error([&] { set.commit(); });
    EXPECT_NE(msg.find("appeared while this command ran"), std::string::npos) << msg;
    EXPECT_EQ(test::read_file(d / "a.json"), "another run's");
    EXPECT_FALSE(fs::exists(d / "a.gpkg"));  // moved first, then taken back: no mixed set
}

TEST(OutputSet, StaleTemporariesOfDeadProcessesAreRemoved) {
    test::TempDir d;
    // A dead PID (old-style name), and our own PID with another start time (a reused PID).
    const std::string dead = ".r.json.tmp-999999999.json";
    const std::string reused = ".r.json.tmp-" + std::to_string(::getpid()) + "-1-00000000.json";
    test::write_file(d / dead, "x");
    test::write_file(d / (dead + "-journal"), "x");
    test::write_file(d / reused, "x");
    OutputSet set;
    const auto mine = set.add((d / "r.json").string(), "--report");
    EXPECT_FALSE(fs::exists(d / dead));
    EXPECT_FALSE(fs::exists(d / (dead + "-journal")));
    EXPECT_FALSE(fs::exists(d / reused));
    EXPECT_EQ(set.notes().size(), 2u);
    // A temporary of a live writer (this process, right start time) is left alone.
    io::write_file_fully(mine, "x", "r.json");
    OutputSet other(OnExisting::Replace);
    other.add((d / "r.json").string(), "--report");
    EXPECT_TRUE(fs::exists(mine));
}

TEST(OutputSet, FileSizeLimitIsASystemErrorNamingTheOutput) {
    test::TempDir d;
    // Without root: a file size limit (ulimit -f) stands in for a full disk.
    auto old_handler = std::signal(SIGXFSZ, SIG_IGN);
    rlimit old{};
    ::getrlimit(RLIMIT_FSIZE, &old);
    rlimit small = old;
    small.rlim_cur = 4096;
    ASSERT_EQ(::setrlimit(RLIMIT_FSIZE, &small), 0);
    std::string what;
    {
        OutputSet set;
        const auto tmp = set.add((d / "big.json").string(), "--report");
        try {
            io::write_file_fully(tmp, std::string(100000, 'x'), (d / "big.json").string());
        } catch (const SystemError& e) {
            what = e.describe();
        }
    }
    ::setrlimit(RLIMIT_FSIZE, &old);
    std::signal(SIGXFSZ, old_handler);
    EXPECT_NE(what.find("big.json"), std::string::npos) << what;
    EXPECT_NE(what.find("ulimit -f"), std::string::npos) << what;
    EXPECT_EQ(entries(d.path()), 0u);
}

TEST(OutputSet, CancelStopsProgressAndTheCommit) {
    test::TempDir d;
    OutputSet set;
    io::write_file_fully(set.add((d / "a.json").string(), "--report"), "{}", "a.json");
    request_cancel();
    EXPECT_THROW(Progress().report(0.5), Cancelled);  // even without a callback
    EXPECT_THROW(set.commit(), Cancelled);
    reset_cancel();
    EXPECT_FALSE(fs::exists(d / "a.json"));
}
