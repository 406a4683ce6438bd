// The report's figures, each from fields named as in core/field_names.hpp.
#include <algorithm>
#include <cairo.h>
#include <cmath>
#include <cstdio>
#include <limits>
#include <iterator>
#include <map>
#include <mutex>

#include "core/field_names.hpp"
#include "core/parallel.hpp"
#include "output/plot.hpp"
#include "output/report_draw.hpp"
#include "output/report.hpp"
#include "output/style_spec.hpp"

namespace leefbaar::output {

using namespace detail;

namespace {

bool starts_with(const std::string& s, const std::string& p) { return s.rfind(p, 0) == 0; }

ReportFigure moran_figure(const FeatureTable& t, const std::string& x) {
    const std::string zf = fields::moran_std(x), lf = fields::moran_lag(x);
    ReportFigure f{"moran-" + x, "Moran scatter plot of " + x, {}, {}, {}};
    const auto z = values(t, zf), lag = values(t, lf);
    std::vector<std::pair<double, double>> pts;
    for (std::size_t r = 0; r < z.size(); ++r)
        if (std::isfinite(z[r]) && std::isfinite(lag[r])) pts.emplace_back(z[r], lag[r]);
    if (pts.size() < 3) {
        f.note = "Fewer than 3 units have both '" + zf + "' and '" + lf + "'.";
        return f;
    }
    // OLS slope of the lag on z: with row-standardised weights this is Moran's I (Anselin 1996).
    double mx = 0, my = 0;
    for (auto [a, b] : pts) mx += a, my += b;
    mx /= pts.size();
    my /= pts.size();
    double sxy = 0, sxx = 0;
    for (auto [a, b] : pts) sxy += (a - mx) * (b - my), sxx += (a - mx) * (a - mx);
    const double slope = sxx > 0 ? sxy / sxx : 0, icpt = my - slope * mx;
    double lim = 1;
    for (auto [a, b] : pts) lim = std::max({lim, std::abs(a), std::abs(b)});
    lim *= 1.08;
    Canvas cv(560, 500);
    cv.text(12, 20, f.title, 14, Canvas::Left, true);
    Frame fr{70, 40, 460, 400, -lim, lim, -lim, lim};
    axes(cv, fr, x + " (standardised)", "spatial lag");
    cv.line(fr.X(0), fr.y0, fr.X(0), fr.y0 + fr.h, "#bbbbbb");
    cv.line(fr.x0, fr.Y(0), fr.x0 + fr.w, fr.Y(0), "#bbbbbb");
    for (auto [a, b] : pts) cv.circle(fr.X(a), fr.Y(b), 3.2, "#2c7bb6", 0.75);
    const double ya = icpt + slope * -lim, yb = icpt + slope * lim;
    cairo_save(cv.cr());
    cairo_rectangle(cv.cr(), fr.x0, fr.y0, fr.w, fr.h);
    cairo_clip(cv.cr());
    cv.line(fr.X(-lim), fr.Y(ya), fr.X(lim), fr.Y(yb), "#d7191c", 2.0);
    cairo_restore(cv.cr());
    cv.text(fr.x0 + 8, fr.y0 + 18, "slope (Moran's I) = " + fmt(slope, "%.4f"), 12, Canvas::Left, true, "#d7191c");
    f.png = cv.png();
    f.caption = "Each dot is a neighbourhood: its standardised value against the mean of its neighbours. The red line is the least-squares fit; "
                "its slope is Moran's I = " + fmt(slope, "%.4f") + " (" + std::to_string(pts.size()) + " units).";
    return f;
}

ReportFigure histograms(const FeatureTable& t, const std::vector<std::string>& vars) {
    ReportFigure f{"histograms", "Indicator distributions", {}, {}, {}};
    const int cols = 3, cw = 280, ch = 190;
    const int rows = static_cast<int>((vars.size() + cols - 1) / cols);
    Canvas cv(cols * cw, rows * ch);
    for (std::size_t i = 0; i < vars.size(); ++i) {
        const double ox = static_cast<double>(i % cols) * cw, oy = static_cast<double>(i / cols) * ch;
        std::vector<double> v;
        for (double x : values(t, vars[i]))
            if (std::isfinite(x)) v.push_back(x);
        cv.text(ox + cw / 2.0, oy + 16, vars[i], 11, Canvas::Centre, true);
        if (v.empty()) {
            cv.text(ox + cw / 2.0, oy + ch / 2.0, "no values", 11, Canvas::Centre);
            continue;
        }
        const auto [lo_it, hi_it] = std::minmax_element(v.begin(), v.end());
        double lo = *lo_it, hi = *hi_it;
        if (hi <= lo) hi = lo + 1;
        constexpr int bins = 15;
        std::vector<int> n(bins, 0);
        for (double x : v) n[std::min(bins - 1, static_cast<int>((x - lo) / (hi - lo) * bins))]++;
        const int top = *std::max_element(n.begin(), n.end());
        Frame fr{ox + 40, oy + 26, cw - 56.0, ch - 60.0, lo, hi, 0, static_cast<double>(top)};
        axes(cv, fr, "", "");
        for (int b = 0; b < bins; ++b) {
            const double x0 = fr.X(lo + (hi - lo) * b / bins), x1 = fr.X(lo + (hi - lo) * (b + 1) / bins);
            cv.rect(x0, fr.Y(n[static_cast<std::size_t>(b)]), x1 - x0, fr.Y(0) - fr.Y(n[static_cast<std::size_t>(b)]), "#74add1", "#ffffff");
        }
    }
    f.png = cv.png();
    f.caption = "Histograms (15 equal-width bins) of " + std::to_string(vars.size()) + " fields; missing values are left out.";
    return f;
}

ReportFigure correlation(const FeatureTable& t, const std::vector<std::string>& vars) {
    ReportFigure f{"correlation", "Correlation heatmap", {}, {}, {}};
    const std::size_t k = vars.size();
    std::vector<std::vector<double>> v;
    for (const auto& name : vars) v.push_back(values(t, name));
    auto pearson = [&](std::size_t a, std::size_t b) {
        // Pairwise complete observations, as R's cor(use = "pairwise.complete.obs").
        double sa = 0, sb = 0, n = 0;
        for (std::size_t r = 0; r < t.rows(); ++r)
            if (std::isfinite(v[a][r]) && std::isfinite(v[b][r])) sa += v[a][r], sb += v[b][r], n += 1;
        if (n < 3) return std::numeric_limits<double>::quiet_NaN();
        sa /= n;
        sb /= n;
        double sab = 0, saa = 0, sbb = 0;
        for (std::size_t r = 0; r < t.rows(); ++r)
            if (std::isfinite(v[a][r]) && std::isfinite(v[b][r]))
                sab += (v[a][r] - sa) * (v[b][r] - sb), saa += (v[a][r] - sa) * (v[a][r] - sa), sbb += (v[b][r] - sb) * (v[b][r] - sb);
        return saa > 0 && sbb > 0 ? sab / std::sqrt(saa * sbb) : std::numeric_limits<double>::quiet_NaN();
    };
    const int cell = k > 14 ? 28 : 46, left = 170, top = 40;
    const int size = static_cast<int>(k) * cell;
    Canvas cv(left + size + 100, top + std::max(size, 180) + 110);
    cv.text(12, 20, f.title, 14, Canvas::Left, true);
    // ColorBrewer RdBu 11 (blue = positive), the usual diverging scale for r in [-1, 1].
    static const char* rdbu[] = {"#67001f", "#b2182b", "#d6604d", "#f4a582", "#fddbc7", "#f7f7f7",
                                 "#d1e5f0", "#92c5de", "#4393c3", "#2166ac", "#053061"};
    auto colour = [&](double r) { return std::isfinite(r) ? std::string(rdbu[std::lround((std::clamp(r, -1.0, 1.0) + 1) * 5)]) : std::string("#d9d9d9"); };
    for (std::size_t i = 0; i < k; ++i) {
        cv.text(left - 6, top + cell * (i + 0.5) + 4, vars[i], 10, Canvas::Right);
        cv.text(left + cell * (i + 0.5) + 4, top + size + 6, vars[i], 10, Canvas::Right, false, "#222222", true);
        for (std::size_t j = 0; j < k; ++j) {
            const double r = i == j ? 1.0 : pearson(i, j);
            cv.rect(left + cell * j, top + cell * i, cell, cell, colour(r), "#ffffff");
            if (cell >= 40 && std::isfinite(r))
                cv.text(left + cell * (j + 0.5), top + cell * (i + 0.5) + 4, fmt(r, "%.2f"), 10, Canvas::Centre, false,
                        std::abs(r) > 0.6 ? "#ffffff" : "#222222");
        }
    }
    for (int s = 0; s <= 10; ++s) cv.rect(left + size + 30, top + (10 - s) * 16, 20, 16, rdbu[s]);
    cv.text(left + size + 56, top + 12, "+1", 10);
    cv.text(left + size + 56, top + 92, "0", 10);
    cv.text(left + size + 56, top + 172, "-1", 10);
    f.png = cv.png();
    f.caption = "Pearson correlation between " + std::to_string(k) + " fields (pairwise complete observations).";
    return f;
}

// Above this many units the ranks figure draws an evenly spaced sample of them: one row
// per unit would make an image taller than cairo can draw (32,767 px, about 8,000 units
// at 4 px a row) and than anyone reads.
constexpr std::size_t kMaxRankRows = 1000;

ReportFigure ranks(const FeatureTable& t) {
    ReportFigure f{"ranks", "Ranks with uncertainty intervals", {}, {}, {}};
    const auto med = values(t, fields::rank_median), lo = values(t, fields::rank_p05), hi = values(t, fields::rank_p95);
    std::vector<std::size_t> rows;
    for (std::size_t r = 0; r < t.rows(); ++r)
        if (std::isfinite(med[r]) && std::isfinite(lo[r]) && std::isfinite(hi[r])) rows.push_back(r);
    if (rows.empty()) {
        f.note = "No unit has rank_median, rank_p05 and rank_p95.";
        return f;
    }
    std::stable_sort(rows.begin(), rows.end(), [&](std::size_t a, std::size_t b) { return med[a] < med[b]; });
    double maxr = 1;  // over all units, drawn or not
    for (auto r : rows) maxr = std::max(maxr, hi[r]);
    const std::size_t units = rows.size();
    if (units > kMaxRankRows) {  // the first, the last and evenly spaced between, in order
        std::vector<std::size_t> sample(kMaxRankRows);
        for (std::size_t i = 0; i < kMaxRankRows; ++i) sample[i] = rows[i * (units - 1) / (kMaxRankRows - 1)];
        rows = std::move(sample);
    }
    const Column* key = t.key_column().empty() || !t.has_column(t.key_column()) ? nullptr : &t.column(t.key_column());
    const int row_h = rows.size() > 120 ? 4 : 12, left = key && row_h >= 12 ? 130 : 60;
    const int h = static_cast<int>(rows.size()) * row_h + 90;
    Canvas cv(760, h);
    cv.text(12, 20, f.title, 14, Canvas::Left, true);
    Frame fr{static_cast<double>(left), 36, 740.0 - left, static_cast<double>(rows.size() * row_h), 0.5, maxr + 0.5,
             0, static_cast<double>(rows.size())};
    cv.rect(fr.x0, fr.y0, fr.w, fr.h, "#ffffff", "#888888");
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const std::size_t r = rows[i];
        const double y = fr.y0 + row_h * (i + 0.5);
        cv.line(fr.X(lo[r]), y, fr.X(hi[r]), y, "#74add1", row_h >= 12 ? 3 : 1.5);
        cv.circle(fr.X(med[r]), y, row_h >= 12 ? 3.5 : 1.8, "#d7191c");
        if (key && row_h >= 12) cv.text(left - 6, y + 4, key->as_text(r), 9, Canvas::Right);
    }
    for (int i = 0; i <= 4; ++i) {
        const double xv = 1 + (maxr - 1) * i / 4;
        cv.text(fr.X(xv), fr.y0 + fr.h + 16, fmt(std::round(xv), "%.0f"), 10, Canvas::Centre);
    }
    cv.text(fr.x0 + fr.w / 2, fr.y0 + fr.h + 34, "rank (1 = most liveable): median (dot) and 5-95 % interval", 11, Canvas::Centre);
    f.png = cv.png();
    f.caption = "Units sorted by median rank over the uncertainty runs; the bar spans the 5th to 95th percentile rank.";
    if (units > rows.size())
        f.caption += " " + std::to_string(rows.size()) + " of the " + std::to_string(units) +
                     " units are drawn, evenly spaced in that order (the first and the last included).";
    return f;
}

}  // namespace

std::vector<ReportFigure> report_figures(const FeatureTable& t, const ReportOptions& o, const Progress& progress) {
    std::vector<ReportFigure> out;
    const auto styles = default_styles(t, t.source_layer, o.style);
    auto has_style = [&](auto pred) { return std::any_of(styles.begin(), styles.end(), pred); };
    if (!has_style([](const LayerStyle& s) { return s.name == fields::index_score; }))
        out.push_back({"map-index", "Liveability index", {}, {}, "No field 'index' in the layer: run the index stage (leefbaar score) first."});
    if (!has_style([](const LayerStyle& s) { return starts_with(s.field, "lisa_"); }))
        out.push_back({"map-lisa", "LISA cluster map", {}, {}, "No field lisa_<x>_cl in the layer: run leefbaar lisa first."});
    // One map per style, each on a canvas of its own: drawn in parallel (the same
    // pixels), in the order of the styles.
    std::vector<ReportFigure> maps(t.has_geometry() ? styles.size() : 0);
    std::mutex progress_mutex;
    std::size_t drawn = 0;
    parallel_for(maps.size(), o.threads, [&](std::size_t b, std::size_t e) {
        for (std::size_t i = b; i < e; ++i) {
            maps[i] = map_figure(t, styles[i], o.map_width);
            std::lock_guard<std::mutex> lock(progress_mutex);
            progress.report(0.6 * static_cast<double>(++drawn) / static_cast<double>(maps.size()), "drew " + styles[i].name);
        }
    }, 1);
    out.insert(out.end(), std::make_move_iterator(maps.begin()), std::make_move_iterator(maps.end()));
    // Moran scatter for every variable with both standardised value and lag.
    bool moran = false;
    for (const auto& c : t.columns()) {
        const std::string& n = c.name;
        if (starts_with(n, "ms_") && n.size() > 5 && n.compare(n.size() - 2, 2, "_z") == 0) {
            const std::string x = n.substr(3, n.size() - 5);
            if (t.has_column(fields::moran_lag(x))) {
                out.push_back(moran_figure(t, x));
                moran = true;
            }
        }
    }
    if (!moran) out.push_back({"moran", "Moran scatter plot", {}, {}, "No fields ms_<x>_z and ms_<x>_lag in the layer: run leefbaar lisa first."});
    std::vector<std::string> vars = o.indicators;
    if (vars.empty())
        for (const auto& c : t.columns())
            if (starts_with(c.name, "n_") && c.is_numeric()) vars.push_back(c.name);
    for (const auto& v : vars)
        if (!t.has_column(v)) t.column(v);  // throws DataError naming the field and the nearest match
    if (vars.empty()) out.push_back({"histograms", "Indicator distributions", {}, {}, "No normalised indicators (n_<indicator>) in the layer."});
    else out.push_back(histograms(t, vars));
    std::vector<std::string> corr = vars;
    if (t.has_column(fields::index_score)) corr.push_back(fields::index_score);
    for (const auto& c : t.columns())
        if (starts_with(c.name, "d_") && c.is_numeric()) corr.push_back(c.name);
    if (corr.size() < 2) out.push_back({"correlation", "Correlation heatmap", {}, {}, "Fewer than two indicator, domain or index fields."});
    else out.push_back(correlation(t, corr));
    progress.report(0.9, "drew charts");
    if (t.has_column(fields::rank_median) && t.has_column(fields::rank_p05) && t.has_column(fields::rank_p95)) out.push_back(ranks(t));
    else out.push_back({"ranks", "Ranks with uncertainty intervals", {}, {}, "No fields rank_median, rank_p05, rank_p95: run the index with uncertainty analysis."});
    progress.report(1.0, "figures done");
    return out;
}

}  // namespace leefbaar::output
