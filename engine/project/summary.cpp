#include "project/summary.hpp"

#include <cmath>
#include <cstdio>
#include <sstream>

#include "cluster/options.hpp"
#include "core/field_names.hpp"

namespace leefbaar::project {
namespace {

std::string fmt(double v, const char* f = "%.1f") {
    char b[64];
    std::snprintf(b, sizeof b, f, v);
    return b;
}

std::string unit_name(const FeatureTable& t, std::size_t u) {
    std::string s = t.key_column().empty() ? "#" + std::to_string(u + 1) : t.column(t.key_column()).as_text(u);
    for (const char* n : {"naam", "buurtnaam", "name"})
        if (t.has_column(n) && !t.column(n).is_null(u)) return s + " " + t.column(n).as_text(u);
    return s;
}

std::size_t first_ranked(const FeatureTable& t) {
    const auto& rank = t.column(fields::index_rank);
    for (std::size_t u = 0; u < t.rows(); ++u)
        if (!rank.is_null(u)) return u;
    return 0;
}

}  // namespace

std::string summarise(const Project& p, const PipelineResult& r, bool written) {
    const FeatureTable& t = r.units;
    std::ostringstream s;
    std::size_t ni = p.index.indicators.size(), nd = p.index.domains.size();
    if (written) {
        s << "wrote " << r.gpkg_path << "\n";
        s << "  layer '" << p.units_layer << "': " << t.rows() << " units; per unit " << ni << " normalised indicators (n_*) with imputation flags (imp_*), "
          << nd << " domain scores (d_*), index, index_rank, index_pct, index_class, index_class_label, index_status";
        if (r.uncertainty_runs) s << ", rank_median, rank_p05, rank_p95";
        s << "\n  layer '" << p.audit_layer << "': statistical audit, " << r.audit.table.rows() << " rows (indicators and domains)\n";
        if (r.has_regions)
            s << "  layer '" << p.cluster_step.regions_layer << "': " << r.regions.rows() << " dissolved regions of the clustering\n";
        if (p.spatial_enabled)
            for (const auto& v : p.spatial.variables)
                s << "  spatial statistics of '" << v << "': Moran scatter (ms_" << v << "_z/_lag), LISA (lisa_" << v << "_i/_z/_p/_cl), Gi* (gi_" << v
                  << "_z/_p/_bin)\n";
        if (p.cluster_enabled) s << "  clusters: field 'cluster' (1..k) and 'cluster_status'\n";
        s << "report: " << r.report_path << "\n";
        if (!r.html_path.empty()) s << "visual report: " << r.html_path << "\n";
    }
    s << "scored " << r.scored << " of " << t.rows() << " units";
    const auto& status = t.column(fields::index_status);
    std::size_t shown = 0;
    for (std::size_t u = 0; u < t.rows(); ++u)
        if (t.column(fields::index_rank).is_null(u)) {
            s << (shown == 0 ? "; without score: " : "; ") << unit_name(t, u) << " (" << status.as_text(u) << ")";
            if (++shown == 5) {
                s << "; ...";
                break;
            }
        }
    s << "\n";
    const auto& rank = t.column(fields::index_rank);
    const bool mc = t.has_column(fields::rank_p05);
    auto describe = [&](std::int64_t want) {
        for (std::size_t u = 0; u < t.rows(); ++u)
            if (!rank.is_null(u) && rank.ints[u] == want) {
                std::string out = unit_name(t, u) + " (index " + fmt(t.column(fields::index_score).reals[u]) + ", " +
                                  t.column(fields::index_class_label).as_text(u);
                if (mc && !t.column(fields::rank_p05).is_null(u))
                    out += ", rank " + std::to_string(want) + ", 90 % interval " + fmt(t.column(fields::rank_p05).reals[u], "%.0f") + "-" +
                           fmt(t.column(fields::rank_p95).reals[u], "%.0f");
                return out + ")";
            }
        return std::string("?");
    };
    // Ties share the best rank: name one unit and say how many share its rank, and
    // name none when every scored unit ties (e.g. all indicators constant).
    auto sharing = [&](std::int64_t want) {
        std::size_t n = 0;
        for (std::size_t u = 0; u < t.rows(); ++u) n += !rank.is_null(u) && rank.ints[u] == want ? 1 : 0;
        return n;
    };
    auto tied = [](std::size_t n) { return n > 1 ? " and " + std::to_string(n - 1) + " other unit(s) with the same index" : std::string(); };
    const std::size_t top = r.scored > 0 ? sharing(1) : 0;
    if (r.scored > 1 && top == r.scored) {
        s << "all " << r.scored << " scored units have the same index (" << fmt(t.column(fields::index_score).reals[first_ranked(t)])
          << "): none is more or less liveable than another; check that the indicators vary between the units\n";
    } else if (r.scored > 0) {
        s << "most liveable: " << describe(1) << tied(top) << "\n";
        std::int64_t worst = 0;
        for (std::size_t u = 0; u < t.rows(); ++u)
            if (!rank.is_null(u)) worst = std::max(worst, rank.ints[u]);
        s << "least liveable: " << describe(worst) << tied(sharing(worst)) << "\n";
    }
    if (r.spatial)
        for (const auto& v : r.spatial->variables) {
            if (!v.moran || !std::isfinite(v.moran->statistic)) continue;
            s << "Moran's I of " << v.name << ": " << fmt(v.moran->statistic, "%.3f");
            if (v.moran->permutations > 0 && std::isfinite(v.moran->p_sim)) s << " (pseudo p " << fmt(v.moran->p_sim, "%.3f") << ")";
            s << "\n";
        }
    if (r.cluster) s << "clustering: " << cluster::to_string(p.cluster_step.cluster.method) << ", " << r.cluster->cluster.k << " clusters\n";
    if (r.uncertainty) {
        const auto& u = *r.uncertainty;
        s << "Monte Carlo: " << r.uncertainty_runs << " runs (" << u.evaluations << " evaluations), seed " << r.uncertainty_seed;
        if (!u.total.empty()) {
            s << "; total sensitivity of the mean rank shift:";
            for (std::size_t f = 0; f < u.factors.size() && f < u.total.size(); ++f) s << " " << u.factors[f] << " " << fmt(u.total[f], "%.2f");
        }
        s << "\n";
    }
    return s.str();
}

}  // namespace leefbaar::project
