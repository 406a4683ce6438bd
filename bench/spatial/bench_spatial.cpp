// Benchmark of the spatial statistics (not a test): times each phase of a
// weights + Moran + LISA + Gi* run separately, so the LISA phase can be compared
// with spdep's localmoran_perm (which also starts from weights already built).
//   bench_spatial GPKG FIELD [permutations=999] [threads=0]
// Prints one line per phase: phase, units, seconds, peak resident memory (MB), CPU seconds
// of the process in the phase (user + system, all threads: the work, whatever else runs).
// BENCH_PHASES=queen stops after the queen phase (read and weights only), so the
// weights can be timed at 10^6 without the minute of statistics after them.
// BENCH_SEPARATE=1 adds the phases `lisa` (Local Moran alone) and `gistar` (Gi* alone)
// before the shared pass `lisa+gi*`; BENCH_ALTERNATIVE=folded (or any name
// parse_alternative takes) sets the local tests' p (GeoDa's and esda's p is folded).
#include <sys/resource.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "io/gdal_env.hpp"
#include "io/vector_reader.hpp"
#include "spatial/global_stats.hpp"
#include "spatial/local_inference.hpp"
#include "spatial/local_stats.hpp"
#include "spatial/spatial_analysis.hpp"
#include "spatial/weights_ops.hpp"

using namespace leefbaar;
using Clock = std::chrono::steady_clock;

namespace {
double peak_mb() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return static_cast<double>(u.ru_maxrss) / 1024.0;
}
double cpu_seconds() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    const auto s = [](const timeval& t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) * 1e-6; };
    return s(u.ru_utime) + s(u.ru_stime);
}
struct Timer {
    Clock::time_point t = Clock::now();
    std::size_t n;
    double cpu = cpu_seconds();
    void lap(const char* phase) {
        const auto now = Clock::now();
        const double c = cpu_seconds();
        std::printf("%-8s %9zu %8.3f %8.0f %8.3f\n", phase, n, std::chrono::duration<double>(now - t).count(), peak_mb(),
                    c - cpu);
        std::fflush(stdout);
        cpu = cpu_seconds();
        t = Clock::now();
    }
};
}  // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: bench_spatial GPKG FIELD [permutations=999] [threads=0]\n");
        return 2;
    }
    const int perms = argc > 3 ? std::atoi(argv[3]) : 999;
    const unsigned threads = argc > 4 ? static_cast<unsigned>(std::atoi(argv[4])) : 0;
    io::ensure_gdal();
    const auto start = Clock::now();
    Timer t{Clock::now(), 0, cpu_seconds()};
    io::VectorReadOptions ro;
    ro.require_crs = false;
    ro.threads = threads;
    auto vr = io::read_vector(argv[1], ro);
    auto& table = vr.table;
    t.n = table.rows();
    t.lap("read");
    WeightsSpec spec;
    spec.threads = threads;
    const auto raw = build_weights(table, spec);
    t.lap("queen");
    if (const char* only = std::getenv("BENCH_PHASES"); only && std::string(only) == "queen") return 0;
    std::vector<double> x(table.rows());
    const auto& col = table.column(argv[2]);
    for (std::size_t i = 0; i < x.size(); ++i) x[i] = col.as_double(i);
    auto w = raw;
    row_standardise(w);
    t.lap("prepare");
    PermutationOptions po;
    po.permutations = perms;
    po.threads = threads;
    const auto m = moran_i(x, w, po);
    t.lap("moran");
    LocalInferenceOptions lo;
    lo.permutations = perms;
    lo.threads = threads;
    if (const char* a = std::getenv("BENCH_ALTERNATIVE")) lo.alternative = parse_alternative(a);
    auto wb = raw;
    binarise(wb);
    const auto wstar = include_self(wb);
    t.lap("prepare");
    if (std::getenv("BENCH_SEPARATE")) {  // each statistic on its own pass
        local_moran(x, w, lo);
        t.lap("lisa");
        local_g(x, wstar, true, lo);
        t.lap("gistar");
    }
    const auto both = local_moran_and_gistar(x, w, wstar, lo);
    const auto& lisa = both.lisa;
    const auto& gs = both.gistar;
    t.lap("lisa+gi*");
    std::size_t sig_l = 0, sig_g = 0;
    for (auto s : lisa.significant) sig_l += s;
    for (auto s : gs.significant) sig_g += s;
    std::printf("total    %9zu %8.3f %8.0f %8.3f   I=%.6f p_sim=%.4f lisa_sig=%zu gistar_sig=%zu\n", t.n,
                std::chrono::duration<double>(Clock::now() - start).count(), peak_mb(), cpu_seconds(), m.statistic,
                m.p_sim, sig_l, sig_g);
    return 0;
}
