#include "project/summary.hpp"

#include <cmath>
#include <cstdio>
#include <map>
#include <sstream>

#include "cluster/options.hpp"
#include "core/field_names.hpp"
#include "project/area_step.hpp"

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

// The change between the compared years in a few lines: development classes, and how
// many changes are significant.
std::string monitor_summary(const monitor::MonitorJobResult& m) {
    std::ostringstream s;
    std::size_t dev[8] = {};
    for (int d : m.change.development) ++dev[d];
    s << "change " << m.change.from << "-" << m.change.to << " (development classes, thresholds " << fmt(m.thresholds[0], "%.2f") << "/"
      << fmt(m.thresholds[1], "%.2f") << "/" << fmt(m.thresholds[2], "%.2f") << " index points):";
    for (int d = 1; d <= 7; ++d)
        if (dev[d]) s << " " << monitor::development_labels()[static_cast<std::size_t>(d - 1)] << " " << dev[d] << ";";
    s << "\n";
    if (m.interval) {
        std::size_t better = 0, worse = 0;
        for (int g : m.interval->significant) (g > 0 ? better : g < 0 ? worse : better) += g != 0 ? 1 : 0;
        s << "significant at " << fmt(100 * m.level, "%.0f") << " %: " << better << " unit(s) better, " << worse << " worse\n";
    }
    if (m.emerging) {
        std::map<std::string, std::size_t> cats;
        for (auto c : m.emerging->category)
            if (c != EmergingCategory::NoPattern) ++cats[to_string(c)];
        s << "emerging hot spots:";
        if (cats.empty()) s << " no pattern detected";
        for (const auto& [name, n] : cats) s << " " << name << " " << n << ";";
        s << "\n";
    }
    return s.str();
}

// The profile of one area ([areas] profile): score, rank, class, the comparison with
// its parent and the reference, the share of residents in low-scoring units, and its
// strengths and weaknesses.
std::string area_profile(const Project& p, const PipelineResult& r) {
    const auto& want = p.areas.profile;
    for (std::size_t li = 0; li < r.area_levels.size(); ++li) {
        const auto& l = r.area_levels[li];
        const auto& lr = r.areas->levels[li];
        for (std::size_t a = 0; a < l.areas(); ++a) {
            if (l.codes[a] != want && l.names[a] != want) continue;
            std::ostringstream s;
            s << "profile of " << l.names[a] << " (" << l.label << "): " << fmt(lr.units[a], "%.0f") << " units";
            if (!lr.population.empty()) s << ", " << fmt(lr.population[a], "%.0f") << " inhabitants";
            s << "\n  index " << fmt(lr.index_mean[a]) << " (mean of its units)";
            if (!lr.model.index.empty()) s << ", " << fmt(lr.model.index[a]) << " (as a whole)";
            s << "; rank " << lr.rank[a] << " of " << l.areas();
            if (!lr.rank_p05.empty() && !std::isnan(lr.rank_p05[a])) s << " (90 % interval " << fmt(lr.rank_p05[a], "%.0f") << "-" << fmt(lr.rank_p95[a], "%.0f") << ")";
            if (lr.cls[a] > 0 && static_cast<std::size_t>(lr.cls[a]) <= r.index_class_labels.size()) s << "; class " << r.index_class_labels[static_cast<std::size_t>(lr.cls[a] - 1)];
            s << "\n";
            if (!std::isnan(lr.parent_index[a])) s << "  parent area: index " << fmt(lr.parent_index[a]) << " (difference " << fmt(lr.index_mean[a] - lr.parent_index[a], "%+.1f") << ")\n";
            if (!r.areas->reference_scores.index.empty() && !lr.model.index.empty())
                s << "  reference " << r.areas->references[0].name << ": index " << fmt(r.areas->reference_scores.index[0]) << " (difference "
                  << fmt(lr.model.index[a] - r.areas->reference_scores.index[0], "%+.1f") << ")\n";
            const auto& low = r.areas->options.low_label;
            if (!lr.low_residents.empty() && !std::isnan(lr.low_residents[a])) {
                s << "  " << fmt(100 * lr.low_residents[a], "%.0f") << " % of its residents";
                if (!lr.low_households.empty() && !std::isnan(lr.low_households[a])) s << " (" << fmt(100 * lr.low_households[a], "%.0f") << " % of its households)";
                s << " live in buurten scoring " << low;
                if (!lr.low_p05.empty() && !std::isnan(lr.low_p05[a])) s << " (90 % interval " << fmt(100 * lr.low_p05[a], "%.0f") << "-" << fmt(100 * lr.low_p95[a], "%.0f") << " %)";
                s << "\n";
            }
            auto list = [&](const std::vector<areas::IndicatorDeviation>& d) {
                std::string out;
                for (const auto& x : d) out += (out.empty() ? "" : "; ") + p.index.indicators[x.indicator].label + " " + fmt(x.deviation, "%+.1f") + " sd";
                return out.empty() ? std::string("none") : out;
            };
            if (li < r.area_trajectories.size() && r.monitor) {
                const auto& years = r.monitor->long_table.years;
                s << "  index over the years (the monitor's one scale):";
                for (std::size_t y = 0; y < years.size(); ++y) s << " " << years[y] << " " << fmt(r.area_trajectories[li][y][a]) << (y + 1 < years.size() ? "," : "");
                s << "\n";
            }
            s << "  strengths (against " << lr.compared_with[a] << "): " << list(lr.strengths[a]) << "\n";
            s << "  weaknesses: " << list(lr.weaknesses[a]) << "\n";
            return s.str();
        }
    }
    return "[areas] profile: no area has the code or name '" + want + "'\n";
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
        if (r.monitor) {
            const auto& m = *r.monitor;
            s << "  layer '" << p.monitor.years_layer << "': " << m.long_table.table.rows() << " rows, every unit in every year " << m.long_table.years.front()
              << "-" << m.long_table.years.back() << " on one scale (field date for QGIS's temporal controller; f_* say which values were filled)\n";
            s << "  layer '" << p.monitor.change_layer << "': change " << m.change.from << "-" << m.change.to
              << " per unit (index_change, change_low/_high, change_sig, development, rank and class change"
              << (m.emerging ? ", ehsa, lisa_change_cl" : "") << ")\n";
            s << "  layer '" << p.monitor.coverage_layer << "': what is observed per indicator and year\n";
        }
        for (std::size_t l = 0; l < r.area_tables.size(); ++l)
            s << "  layer '" << p.areas.levels[l].output_layer << "': " << r.area_tables[l].rows() << " areas of level " << r.area_levels[l].label
              << " (dissolved units): index (mean of the units), index_model (the area as a whole), rank, class, parent and reference comparison, "
              << "pct_low_residents, strengths, weaknesses, a_*/n_*/cov_* per indicator\n";
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
    if (r.monitor) s << monitor_summary(*r.monitor);
    if (r.validation) {
        const auto& v = *r.validation;
        const auto& c = v.compared.front().corr;
        s << "validation against " << v.reference_score << " (level " << v.level << ", " << v.matched << " of " << v.areas_total << " areas): Spearman "
          << fmt(c.spearman, "%.2f") << " (" << fmt(c.spearman_interval.lower, "%.2f") << " to " << fmt(c.spearman_interval.upper, "%.2f") << "), Kendall "
          << fmt(c.kendall, "%.2f") << "\n";
    }
    if (r.areas) {
        s << "areas:";
        for (const auto& l : r.area_levels) s << " " << l.label << " " << l.areas() << (l.split_units.empty() ? "" : " (" + std::to_string(l.split_units.size()) + " units split)") << ";";
        s << "\n";
        if (!p.areas.profile.empty()) s << area_profile(p, r);
    }
    return s.str();
}

}  // namespace leefbaar::project
