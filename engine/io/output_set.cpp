#include "io/output_set.hpp"

#include <atomic>
#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <optional>
#include <random>
#include <signal.h>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

#include "core/cancel.hpp"
#include "core/error.hpp"

namespace fs = std::filesystem;

namespace leefbaar::io {

namespace {

// ---- Temporaries the signal handler may have to remove. Fixed storage: the handler
// may not allocate or lock.
constexpr int kSlots = 64;
constexpr int kPathMax = 4096;
char g_temp[kSlots][kPathMax];
std::atomic<bool> g_used[kSlots];
std::atomic<int> g_committing{0};

void register_temp(const std::string& path) {
    if (path.size() + 16 >= static_cast<std::size_t>(kPathMax)) return;  // add() refuses such paths anyway
    for (int i = 0; i < kSlots; ++i) {
        if (g_used[i].load(std::memory_order_acquire)) continue;
        std::memcpy(g_temp[i], path.c_str(), path.size() + 1);
        g_used[i].store(true, std::memory_order_release);
        return;
    }
}

void unregister_temp(const std::string& path) {
    for (int i = 0; i < kSlots; ++i)
        if (g_used[i].load(std::memory_order_acquire) && path == g_temp[i]) g_used[i].store(false, std::memory_order_release);
}

const char* const kSidecars[] = {"", "-journal", "-wal", "-shm"};

void remove_with_sidecars(const std::string& path) {
    for (const char* s : kSidecars) ::unlink((path + s).c_str());
}

// Blocks SIGINT/SIGTERM/SIGHUP on this thread while the outputs are moved into place.
class SignalBlock {
public:
    SignalBlock() {
        sigset_t set;
        sigemptyset(&set);
        sigaddset(&set, SIGINT);
        sigaddset(&set, SIGTERM);
        sigaddset(&set, SIGHUP);
        pthread_sigmask(SIG_BLOCK, &set, &old_);
        g_committing.fetch_add(1);
    }
    ~SignalBlock() {
        g_committing.fetch_sub(1);
        pthread_sigmask(SIG_SETMASK, &old_, nullptr);
    }

private:
    sigset_t old_;
};

// The start time of a process in clock ticks since boot (/proc/PID/stat, field 22);
// nullopt when the process does not exist.
std::optional<unsigned long long> process_start(long pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
    std::string line;
    if (!in || !std::getline(in, line)) return std::nullopt;
    const auto close = line.rfind(')');
    if (close == std::string::npos) return std::nullopt;
    std::istringstream rest(line.substr(close + 2));
    std::string field;
    for (int i = 3; i <= 22 && (rest >> field); ++i)
        if (i == 22) return std::strtoull(field.c_str(), nullptr, 10);
    return std::nullopt;
}

const unsigned long long kOwnStart = process_start(::getpid()).value_or(0);

bool proc_available() {
    static const bool available = fs::exists("/proc/self/stat");
    return available;
}

// Parses "PID-START-RANDOM..." (or the older "PID..."): is its writer gone?
bool writer_is_dead(const std::string& tail) {
    char* end = nullptr;
    const long pid = std::strtol(tail.c_str(), &end, 10);
    if (end == tail.c_str() || pid <= 0 || !proc_available()) return false;
    const auto start = process_start(pid);
    if (!start) return true;
    if (*end != '-') return false;  // an old-style name: the PID is alive, so it may be writing
    const unsigned long long recorded = std::strtoull(end + 1, nullptr, 10);
    return recorded != *start;
}

void remove_stale(const fs::path& dir, const std::string& name, std::vector<std::string>& notes) {
    const std::string prefix = "." + name + ".tmp-";
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string f = it->path().filename().string();
        if (f.rfind(prefix, 0) != 0 || !writer_is_dead(f.substr(prefix.size()))) continue;
        std::error_code rm;
        fs::remove(it->path(), rm);
        const bool sidecar = f.size() > 4 && (f.find("-journal") != std::string::npos || f.find("-wal") != std::string::npos ||
                                              f.find("-shm") != std::string::npos);
        if (!rm && !sidecar) notes.push_back("removed '" + it->path().string() + "', left by an interrupted run");
    }
}

std::string random_hex(int bytes) {
    static thread_local std::random_device rd;
    std::string out;
    char buf[3];
    for (int i = 0; i < bytes; ++i) {
        std::snprintf(buf, sizeof buf, "%02x", static_cast<unsigned>(rd() & 0xffu));
        out += buf;
    }
    return out;
}

std::string temp_name(const fs::path& dir, const fs::path& target_name) {
    const std::string ext = target_name.extension().string();
    return (dir / ("." + target_name.string() + ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(kOwnStart) + "-" +
                   random_hex(4) + ext))
        .string();
}

// The longest temporary name beyond the file name itself, plus SQLite's "-journal".
std::size_t temp_overhead(const std::string& ext) { return 1 + 5 + 10 + 1 + 20 + 1 + 8 + ext.size() + 8; }

int rename_noreplace(const char* from, const char* to) {
    if (::renameat2(AT_FDCWD, from, AT_FDCWD, to, RENAME_NOREPLACE) == 0) return 0;
    if (errno != EINVAL && errno != ENOSYS) return -1;
    // File systems without RENAME_NOREPLACE: link() fails with EEXIST just the same.
    if (::link(from, to) != 0) return -1;
    ::unlink(from);
    return 0;
}

std::string errno_hint(int err) {
    if (err == ENOSPC) return "free disk space on the output's file system, then run again";
    if (err == EFBIG) return "the file size limit was reached (ulimit -f); raise it, or write to another file system";
    if (err == EDQUOT) return "the disk quota is exhausted; free space, then run again";
    return "check that the directory is writable and has free space";
}

}  // namespace

OutputSet::OutputSet(OnExisting mode) : mode_(mode), run_id_(new_run_id()) {}

OutputSet::~OutputSet() {
    for (const auto& o : outputs_) {
        if (committed_) continue;
        remove_with_sidecars(o.temp);
        unregister_temp(o.temp);
    }
}

void OutputSet::add_input(const std::string& path) {
    struct stat st {};
    if (path.empty() || ::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return;
    inputs_.push_back({path, Identity{static_cast<std::uint64_t>(st.st_dev), static_cast<std::uint64_t>(st.st_ino), {}}});
}

OutputSet::Identity OutputSet::identity_of(const Output& o) const {
    if (o.existed) return {o.dev, o.ino, {}};
    return {o.dev, o.ino, fs::path(o.target).filename().string()};
}

std::string OutputSet::add(const std::string& path, const std::string& option, bool geopackage) {
    const ErrorContext ctx{path, {}, {}, {}, {}};
    if (path.empty()) throw UsageError("an output path is empty (" + option + ")", ctx, "give a file name");
    Output o;
    o.requested = path;
    o.option = option;
    fs::path target(path);
    struct stat ls {};
    if (::lstat(path.c_str(), &ls) == 0 && S_ISLNK(ls.st_mode)) {
        // A link is written through: its target is replaced, the link stays.
        std::error_code ec;
        target = fs::canonical(target, ec);
        if (ec)
            throw UsageError("the output is a symbolic link to a missing file", ctx,
                             "point the link at an existing file or remove it; leefbaar writes through a link to its target");
    }
    const std::string name = target.filename().string();
    if (name.empty() || name == "." || name == "..")
        throw UsageError("the output path names a directory, not a file (" + option + ")", ctx, "give a file name");
    if (name.size() + temp_overhead(target.extension().string()) > NAME_MAX || path.size() + 100 > kPathMax)
        throw UsageError("the output file name is too long (" + std::to_string(name.size()) + " characters; at most " +
                             std::to_string(NAME_MAX - temp_overhead(target.extension().string())) + " are possible)",
                         ctx, "choose a shorter file name");
    const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
    struct stat ds {};
    if (::stat(dir.c_str(), &ds) != 0 || !S_ISDIR(ds.st_mode))
        throw UsageError("the output directory does not exist", ctx,
                         "create it first (mkdir -p '" + dir.string() + "') or choose another output path");
    struct stat st {};
    if (::stat(target.c_str(), &st) == 0) {
        if (S_ISDIR(st.st_mode))
            throw UsageError("the output path is a directory (" + option + ")", ctx,
                             "give a file name, e.g. '" + (fs::path(path) / ("result" + std::string(geopackage ? ".gpkg" : ".json"))).string() + "'");
        if (!S_ISREG(st.st_mode))
            throw UsageError("the output is not a regular file but a device, FIFO or socket (" + option + ")", ctx,
                             "choose a regular file; leefbaar never replaces devices or pipes");
        if (mode_ == OnExisting::Refuse)
            throw UsageError("the output exists already (" + option + ")", ctx,
                             std::string("add --overwrite to replace it") + (geopackage ? ", or --update to add the layers to it," : "") +
                                 " or choose another output path");
        o.existed = true;
        o.mode = st.st_mode & 07777;
        o.dev = static_cast<std::uint64_t>(st.st_dev);
        o.ino = static_cast<std::uint64_t>(st.st_ino);
    } else if (errno != ENOENT) {
        throw UsageError(std::string("cannot use the output path: ") + std::strerror(errno), ctx, "choose another output path");
    } else {
        o.dev = static_cast<std::uint64_t>(ds.st_dev);
        o.ino = static_cast<std::uint64_t>(ds.st_ino);
    }
    o.target = target.string();
    const Identity id = identity_of(o);
    const bool update_gpkg = mode_ == OnExisting::Update && geopackage;
    for (const auto& [input, in_id] : inputs_)
        if (in_id == id && !update_gpkg)
            throw UsageError("the output (" + option + ") is an input of this command ('" + input + "')", ctx,
                             std::string("write to another file") +
                                 (geopackage ? "; to add the layers to this GeoPackage and keep its other layers, use --update" : ""));
    for (const auto& other : outputs_)
        if (identity_of(other) == id)
            throw UsageError("two outputs are the same file (" + other.option + " and " + option + ")", ctx,
                             "give each output its own file name");
    o.replace = o.existed;
    remove_stale(dir, name, notes_);
    o.temp = temp_name(dir, target.filename());
    register_temp(o.temp);
    outputs_.push_back(o);
    if (update_gpkg && o.existed) {
        std::error_code ec;
        fs::copy_file(o.target, o.temp, fs::copy_options::overwrite_existing, ec);
        if (ec)
            throw SystemError("cannot copy the GeoPackage to update it: " + ec.message(), ctx, errno_hint(ec.value()));
    }
    return o.temp;
}

namespace {

void flush_to_disk(const std::string& path, const std::string& shown_as) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    const int rc = fd < 0 ? -1 : ::fsync(fd);
    const int err = errno;
    if (fd >= 0) ::close(fd);
    // EINVAL: a file system without fsync (some FUSE mounts); nothing more can be done there.
    if (rc != 0 && err != EINVAL)
        throw SystemError(std::string("cannot write the output to disk: ") + std::strerror(err), ErrorContext{shown_as, {}, {}, {}, {}},
                          errno_hint(err));
}

}  // namespace

void start_writeback(const std::string& path) noexcept {
#ifdef __linux__
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return;
    ::sync_file_range(fd, 0, 0, SYNC_FILE_RANGE_WRITE);
    ::close(fd);
#else
    (void)path;
#endif
}

void OutputSet::commit() {
    if (cancel_requested()) throw Cancelled("interrupted");
    for (const auto& o : outputs_)
        if (!fs::exists(o.temp))
            throw SystemError("an output was not written (" + o.option + ")", ErrorContext{o.requested, {}, {}, {}, {}},
                              "please report this with the command you ran");
    for (const auto& o : outputs_) flush_to_disk(o.temp, o.requested);
    SignalBlock block;
    std::vector<const Output*> moved;
    for (const auto& o : outputs_) {
        if (o.existed) ::chmod(o.temp.c_str(), o.mode);  // a replaced file keeps its permissions
        const int rc = o.replace ? ::rename(o.temp.c_str(), o.target.c_str()) : rename_noreplace(o.temp.c_str(), o.target.c_str());
        if (rc != 0) {
            const int err = errno;
            for (const Output* m : moved)
                if (!m->replace) ::unlink(m->target.c_str());  // only files this run created
            const ErrorContext ctx{o.requested, {}, {}, {}, {}};
            if (err == EEXIST)
                throw UsageError("the output appeared while this command ran (another run writing the same file?); nothing was written", ctx,
                                 "run again with --overwrite to replace it, or choose another output path");
            throw SystemError(std::string("cannot move the finished output into place: ") + std::strerror(err), ctx, errno_hint(err));
        }
        moved.push_back(&o);
    }
    for (const auto& o : outputs_) unregister_temp(o.temp);
    committed_ = true;
}

void write_file_fully(const std::string& path, const std::string& content, const std::string& shown_as) {
    const ErrorContext ctx{shown_as, {}, {}, {}, {}};
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (fd < 0) throw SystemError(std::string("cannot create the file: ") + std::strerror(errno), ctx, errno_hint(errno));
    const char* p = content.data();
    std::size_t left = content.size();
    while (left > 0) {
        const ssize_t n = ::write(fd, p, left);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            const int err = n < 0 ? errno : ENOSPC;
            ::close(fd);
            throw SystemError(std::string("cannot write the file: ") + std::strerror(err), ctx, errno_hint(err));
        }
        p += n;
        left -= static_cast<std::size_t>(n);
    }
    // No fsync here: the file is an OutputSet temporary, and OutputSet::commit flushes
    // every output before it renames them.
    if (::close(fd) != 0) throw SystemError(std::string("cannot write the file: ") + std::strerror(errno), ctx, errno_hint(errno));
}

std::string new_run_id() {
    const std::time_t now = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&now, &utc);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &utc);
    return std::string(stamp) + "-" + random_hex(4);
}

bool remove_temporaries_now() noexcept {
    if (g_committing.load() > 0) return false;
    char buf[kPathMax + 16];
    for (int i = 0; i < kSlots; ++i) {
        if (!g_used[i].load(std::memory_order_acquire)) continue;
        for (const char* s : kSidecars) {
            const std::size_t a = std::strlen(g_temp[i]), b = std::strlen(s);
            std::memcpy(buf, g_temp[i], a);
            std::memcpy(buf + a, s, b + 1);
            ::unlink(buf);
        }
    }
    return true;
}

}  // namespace leefbaar::io
