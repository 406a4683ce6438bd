// Benchmark of the defensible index (not a test): explanations (index/explain.hpp) and
// validation against a reference score (validate/validate_job.hpp) on N synthetic
// buurten, no I/O and no geometry (so no dissolve in the validation).
//   bench_defensible [N=100000] [threads=2] [sampled_units=2000] [full]   (full: also the unit reference with B = 2,000)
// Data: N units with CBS buurt codes BUggggwwbb (gemeenten 0001.., 10 wijken each, ~33
// buurten per wijk: ~3,000 wijken WKggggww at N = 100,000 by the CBS code rule), an
// inhabitants column, 20 indicators in 5 domains of 4 (a latent per wijk plus noise,
// 3 % missing, a quarter skewed), no imputation (weights renormalise per unit).
// Phases (each timed alone with a steady clock):
//   explain arithmetic      linear decomposition (arithmetic at both levels)
//   explain geometric       exact Shapley over the 5 domains (32 coalitions), within each
//                           domain exact Shapley of its 4 indicators (16 coalitions) scaled
//                           to the domain's value: the approximation explain.hpp states
//   explain sampled         geometric, max_exact_players = 3, so every domain (4 players)
//                           and the index (5 players) use 2,000 random orders per unit: the
//                           sampled estimate for > max_exact_players; on `sampled_units`
//                           units (~200x the exact cost per unit), extrapolated to N
//   validate wijk           reference per wijk, level "wijk", 2,000 replicates, weight inwoners
//   validate units          reference per unit (N pairs), level "units", 2,000 and 200
//                           replicates, and 2 replicates (the fixed cost without bootstrap)
// Every correlation (index, 5 domain scores, 20 indicators) has a bootstrap interval,
// and every domain and indicator a second one for its sign: 51 bootstraps per validation.
// Prints one line per phase: seconds, units or areas, threads, cores; peak memory.
#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "core/random.hpp"
#include "index/composite.hpp"
#include "index/explain.hpp"
#include "validate/validate_job.hpp"

using namespace leefbaar;
using Clock = std::chrono::steady_clock;

namespace {

constexpr int kDomains = 5, kPerDomain = 4, kWijkenPerGemeente = 10;

double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }
double peak_mb() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return static_cast<double>(u.ru_maxrss) / 1024.0;
}

unsigned g_threads = 2;
long g_cores = 1;

void row(const char* phase, double s, std::size_t size, const char* what, const std::string& note = {}) {
    std::printf("%-34s %8.2f s  %8zu %-6s threads %u  cores %ld  peak %5.0f MB  %s\n", phase, s, size, what, g_threads, g_cores, peak_mb(),
                note.c_str());
    std::fflush(stdout);
}

std::string code(const char* prefix, std::size_t g, std::size_t w, int b = -1) {
    char buf[48];
    if (b < 0)
        std::snprintf(buf, sizeof buf, "%s%04zu%02zu", prefix, g, w);
    else
        std::snprintf(buf, sizeof buf, "%s%04zu%02zu%02d", prefix, g, w, b);
    return buf;
}

struct Data {
    FeatureTable units;
    std::vector<double> wijk_latent;  // per wijk (index g * 10 + w)
    std::vector<double> unit_latent;
    std::size_t wijken = 0;
};

// Buurt u lies in wijk u / per_wijk; wijk k is WK(k / 10 + 1)(k % 10).
Data make_units(std::size_t n, int indicators) {
    Data d;
    const std::size_t wijken = std::max<std::size_t>(1, (n * 3 + 50) / 100);  // ~3,000 at 100,000
    const std::size_t per_wijk = (n + wijken - 1) / wijken;
    d.wijken = (n + per_wijk - 1) / per_wijk;
    auto& t = d.units;
    t.resize(n);
    t.add_column("buurtcode", ColumnType::Text);
    t.add_column("inwoners", ColumnType::Float64);  // add_column may move the columns: look them up after
    auto& key = t.column("buurtcode");
    auto& inw = t.column("inwoners");
    auto rl = stream_for(11, 0, 1);
    d.wijk_latent.resize(d.wijken);
    for (auto& v : d.wijk_latent) v = uniform01(rl);
    d.unit_latent.resize(n);
    for (std::size_t u = 0; u < n; ++u) {
        const std::size_t k = u / per_wijk;
        key.set(u, code("BU", k / kWijkenPerGemeente + 1, k % kWijkenPerGemeente, static_cast<int>(u % per_wijk)));
        inw.set(u, std::floor(50 + 3000 * uniform01(rl) * uniform01(rl)));
        d.unit_latent[u] = 0.6 * d.wijk_latent[k] + 0.4 * uniform01(rl);
    }
    t.set_key_column("buurtcode");
    for (int i = 0; i < indicators; ++i) {
        auto& c = t.add_column("x" + std::to_string(i), ColumnType::Float64);
        auto rng = stream_for(11, static_cast<std::uint64_t>(i) + 1, 2);
        for (std::size_t u = 0; u < n; ++u) {
            const double noise = uniform01(rng);
            if (uniform01(rng) < 0.03) continue;  // missing
            double v = 0.6 * d.unit_latent[u] + 0.4 * noise;
            if (i % 4 == 3) v = std::exp(4 * v);  // skewed
            if (i % 3 == 0) v = -v;               // lower is better (stored with the sign of the data)
            c.set(u, v);
        }
    }
    return d;
}

// `indicators` indicators spread over `domains` domains in blocks (indicator i in domain
// i / (indicators / domains)).
index::IndexOptions make_options(int indicators, int domains, index::Aggregation agg) {
    index::IndexOptions o;
    for (int i = 0; i < domains; ++i) o.domains.push_back({"d" + std::to_string(i), "", 1.0});
    const int per = indicators / domains;
    for (int i = 0; i < indicators; ++i) {
        index::IndicatorSpec s;
        s.name = "x" + std::to_string(i);
        s.source.column = s.name;
        s.domain = "d" + std::to_string(std::min(i / per, domains - 1));
        s.direction = i % 3 == 0 ? index::Direction::LowerIsBetter : index::Direction::HigherIsBetter;
        o.indicators.push_back(s);
    }
    o.missing = index::Imputation::None;
    o.domain_aggregation = o.index_aggregation = agg;
    o.classes.method = index::ClassMethod::Quantiles;
    o.threads = g_threads;
    return o;
}

double digest(const index::Explanation& e) {
    double s = 0;
    for (const auto& u : e.units)
        for (double c : u.indicator) s += std::isnan(c) ? 0 : c;
    return s;
}

// Explains `t` scored with `o`; the table gets the result fields (index, d_*, n_*).
index::Explanation run_explain(const char* phase, FeatureTable& t, const index::IndexOptions& o, const index::ExplainOptions& eo, double scale = 1) {
    const index::IndexModel m(t, o);
    const auto r = index::compute_index(t, m);
    const auto t0 = Clock::now();
    auto e = index::explain_index(m, r, eo);
    const double s = seconds_since(t0);
    std::string note = std::string(e.method == index::ContributionMethod::Linear ? "linear" : "Shapley") + ", ranked " + std::to_string(r.ranked);
    if (scale != 1) {
        char buf[96];
        std::snprintf(buf, sizeof buf, "; x%.0f = %.1f s for %.0f units", scale, s * scale, static_cast<double>(t.rows()) * scale);
        note += buf;
    }
    row(phase, s, t.rows(), "units", note);
    std::printf("  check: sum of indicator contributions %.6f\n", digest(e));
    return e;
}

FeatureTable reference_table(std::vector<std::string> keys, const std::vector<double>& latent, std::uint64_t purpose) {
    FeatureTable ref;
    ref.resize(keys.size());
    ref.add_column("code", ColumnType::Text);
    ref.add_column("score", ColumnType::Float64);
    auto& k = ref.column("code");
    auto& s = ref.column("score");
    auto rng = stream_for(11, 0, purpose);
    for (std::size_t i = 0; i < keys.size(); ++i) {
        k.set(i, keys[i]);
        s.set(i, latent[i] + 0.3 * (uniform01(rng) - 0.5));
    }
    return ref;
}

void run_validate(const char* phase, const FeatureTable& units, const FeatureTable& ref, const std::string& level, std::size_t replicates) {
    validate::ValidateOptions o;
    o.level = level;
    o.weight = level == "units" ? "" : "inwoners";
    o.reference_key = "code";
    o.reference_score = "score";
    o.stats.replicates = replicates;
    o.stats.threads = o.threads = g_threads;
    const auto t0 = Clock::now();
    const auto r = validate::run_validation(units, ref, o);
    const double s = seconds_since(t0);
    char note[160];
    std::snprintf(note, sizeof note, "B=%zu, %zu correlations, matched %zu; index rho %.3f [%.3f, %.3f]", replicates, r.compared.size(), r.matched,
                  r.compared[0].corr.spearman, r.compared[0].corr.spearman_interval.lower, r.compared[0].corr.spearman_interval.upper);
    row(phase, s, r.areas_total, "areas", note);
}

}  // namespace

int main(int argc, char** argv) {
    const std::size_t n = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 100000;
    g_threads = argc > 2 ? static_cast<unsigned>(std::atoi(argv[2])) : 2;
    const std::size_t sampled_units = std::min<std::size_t>(n, argc > 3 ? std::strtoull(argv[3], nullptr, 10) : 2000);
    g_cores = sysconf(_SC_NPROCESSORS_ONLN);
    if (n < 100 || g_threads == 0) {
        std::fprintf(stderr, "usage: bench_defensible [N>=100] [threads>=1] [sampled_units]\n");
        return 2;
    }
    auto t0 = Clock::now();
    Data d = make_units(n, kDomains * kPerDomain);
    std::printf("defensible units=%zu wijken=%zu indicators=%d domains=%d threads=%u cores=%ld; data %.2f s\n", n, d.wijken, kDomains * kPerDomain,
                kDomains, g_threads, g_cores, seconds_since(t0));
    std::printf("%-34s %10s  %8s\n", "phase", "wall", "size");

    index::ExplainOptions eo;
    eo.threads = g_threads;
    FeatureTable arith = d.units;
    run_explain("explain arithmetic", arith, make_options(20, kDomains, index::Aggregation::Arithmetic), eo);
    // The geometric table is the one validated: its result fields are the scored layer's.
    FeatureTable& units = d.units;
    run_explain("explain geometric (exact Shapley)", units, make_options(20, kDomains, index::Aggregation::Geometric), eo);
    {
        Data small = make_units(sampled_units, kDomains * kPerDomain);
        index::ExplainOptions so = eo;
        so.max_exact_players = 3;
        run_explain("explain geometric (sampled)", small.units, make_options(20, kDomains, index::Aggregation::Geometric), so,
                static_cast<double>(n) / static_cast<double>(sampled_units));
    }

    // Wijk reference: one score per wijk (the wijk's latent plus noise).
    std::vector<std::string> wk;
    for (std::size_t k = 0; k < d.wijken; ++k) wk.push_back(code("WK", k / kWijkenPerGemeente + 1, k % kWijkenPerGemeente));
    const FeatureTable ref_wijk = reference_table(wk, d.wijk_latent, 3);
    run_validate("validate wijk (B=2000)", units, ref_wijk, "wijk", 2000);

    std::vector<std::string> bu;
    const Column& key = units.column("buurtcode");
    for (std::size_t u = 0; u < n; ++u) bu.push_back(key.as_text(u));
    const FeatureTable ref_units = reference_table(bu, d.unit_latent, 4);
    run_validate("validate units (B=2, fixed cost)", units, ref_units, "units", 2);
    run_validate("validate units (B=200)", units, ref_units, "units", 200);
    // The unit-level reference with the default 2,000 replicates takes minutes: only on request.
    if (argc > 4 && std::string(argv[4]) == "full") run_validate("validate units (B=2000)", units, ref_units, "units", 2000);
    std::printf("total %.2f s\npeak_mb=%.0f\n", seconds_since(t0), peak_mb());
    return 0;
}
