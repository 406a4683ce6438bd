#pragma once
// All outputs of one command as one transaction. Every output (GeoPackage, JSON report,
// HTML, GAL/GWT) is declared before any heavy work, checked there (directory, kind of
// file, --overwrite, not an input, not another output), written to its own temporary
// file beside the target, and moved into place only when every output is complete.
// Without --overwrite the final rename is no-replace (renameat2), so an output that
// appears while the command runs is never replaced. A failure or Ctrl-C before the
// renames leaves no new file at all; the destructor removes the temporaries.
//
// Temporary names are `.NAME.tmp-PID-START-RANDOM.EXT`: START (the process's start
// time) and RANDOM keep them unique when a PID is reused (containers), and let a later
// run tell a stale temporary of a dead process from one that is still being written.
#include <cstdint>
#include <string>
#include <vector>

namespace leefbaar::io {

// What a command does with an output that exists already.
enum class OnExisting {
    Refuse,   // the default: stop with a usage error (exit 2), before any work and again at the rename
    Replace,  // --overwrite: the file is replaced as a whole (no layer of the old file survives)
    Update,   // --update: a GeoPackage output starts as a copy of the existing file, so the layers
              // not written by this run are kept; its other outputs (JSON, HTML) are replaced
};

class OutputSet {
public:
    explicit OutputSet(OnExisting mode = OnExisting::Refuse);
    ~OutputSet();
    OutputSet(const OutputSet&) = delete;
    OutputSet& operator=(const OutputSet&) = delete;

    // An input of the command. No output may be the same file (compared by device and
    // inode, so other spellings and hard links count). Connection strings and paths
    // that are not local files are ignored.
    void add_input(const std::string& path);

    // Declares an output and checks it; `option` names it for messages ("--report",
    // "[output] gpkg"). Returns the temporary path the output must be written to.
    // With OnExisting::Update and `geopackage`, the temporary starts as a copy of the
    // existing file, and the output may be one of the inputs.
    std::string add(const std::string& path, const std::string& option, bool geopackage = false);

    // Moves every output into place. Nothing is moved unless every temporary exists and
    // has reached the disk (fsync): a rename that survives a power cut must not point to
    // a file whose pages were still in the page cache.
    // On a clash with a file that appeared meanwhile (no --overwrite), the outputs
    // already moved by this call are removed again and UsageError is thrown.
    void commit();

    // One id per run, for every output of the run (GeoPackage metadata, JSON, HTML).
    const std::string& run_id() const { return run_id_; }
    // Stale temporaries of earlier, interrupted runs that were removed (for warnings).
    const std::vector<std::string>& notes() const { return notes_; }
    bool committed() const { return committed_; }

private:
    struct Output {
        std::string requested;  // as the user gave it
        std::string target;     // where it goes (a symlink resolved to its target)
        std::string temp;
        std::string option;
        bool existed = false;
        bool replace = false;   // the rename may replace an existing file
        unsigned mode = 0;      // permission bits of the replaced file, kept
        std::uint64_t dev = 0, ino = 0;  // the existing file's, or its directory's
    };
    struct Identity {
        std::uint64_t dev = 0, ino = 0;
        std::string name;  // empty: (dev, ino) is the file itself
        bool operator==(const Identity& o) const { return dev == o.dev && ino == o.ino && name == o.name; }
    };
    Identity identity_of(const Output& o) const;

    OnExisting mode_;
    std::string run_id_;
    std::vector<std::pair<std::string, Identity>> inputs_;
    std::vector<Output> outputs_;
    std::vector<std::string> notes_;
    bool committed_ = false;
};

// Writes `content` to `path` (an OutputSet temporary) completely, throwing SystemError
// that names `shown_as` (the final output) with the system's reason (disk full, file too
// large). OutputSet::commit flushes it to disk.
void write_file_fully(const std::string& path, const std::string& content, const std::string& shown_as);

// Asks the kernel to start writing `path`'s dirty pages to disk now, without waiting
// (Linux sync_file_range; elsewhere nothing). Called after a large write, so that the
// fsync in OutputSet::commit has less left to wait for. Errors are ignored: commit's
// fsync reports them.
void start_writeback(const std::string& path) noexcept;

// A new run id: UTC time and 32 random bits, e.g. "20261202T101500Z-3f9a1c2b".
std::string new_run_id();

// For a second Ctrl-C, from the signal handler: removes every temporary that is being
// written now, without unwinding. Async-signal-safe. Returns false (and removes nothing)
// while outputs are being moved into place: the process must then finish the renames.
bool remove_temporaries_now() noexcept;

}  // namespace leefbaar::io
