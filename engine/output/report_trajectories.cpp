// Trajectories of the units that changed most: their index in every year with the
// interval of the change between the compared years.
#include <algorithm>
#include <cairo.h>
#include <cmath>

#include "core/field_names.hpp"
#include "output/report_draw.hpp"
#include "output/report_time.hpp"

namespace leefbaar::output::detail {

namespace tf = time_fields;

std::vector<std::size_t> units_with_significance(const FeatureTable& change, const std::string& label) {
    std::vector<std::size_t> rows;
    if (!change.has_column(tf::significance) || !change.has_column(tf::change)) return rows;
    const Column& sig = change.column(tf::significance);
    const auto d = values(change, tf::change);
    for (std::size_t r = 0; r < change.rows(); ++r)
        if (!sig.is_null(r) && sig.as_text(r) == label && std::isfinite(d[r])) rows.push_back(r);
    const bool up = label == tf::better;
    std::stable_sort(rows.begin(), rows.end(), [&](std::size_t a, std::size_t b) { return up ? d[a] > d[b] : d[a] < d[b]; });
    return rows;
}

Trajectories select_trajectories(const FeatureTable& change, std::size_t each) {
    Trajectories s;
    s.better = units_with_significance(change, tf::better);
    s.worse = units_with_significance(change, tf::worse);
    if (s.better.empty() && s.worse.empty() && change.has_column(tf::change)) {
        s.significant = false;
        const auto d = values(change, tf::change);
        for (std::size_t r = 0; r < change.rows(); ++r)
            if (std::isfinite(d[r]) && d[r] != 0) (d[r] > 0 ? s.better : s.worse).push_back(r);
        std::stable_sort(s.better.begin(), s.better.end(), [&](std::size_t a, std::size_t b) { return d[a] > d[b]; });
        std::stable_sort(s.worse.begin(), s.worse.end(), [&](std::size_t a, std::size_t b) { return d[a] < d[b]; });
    }
    if (s.better.size() > each) s.better.resize(each);
    if (s.worse.size() > each) s.worse.resize(each);
    return s;
}

std::string unit_name(const FeatureTable& t, std::size_t row) {
    for (const char* n : {"naam", "name", "buurtnaam", "wijknaam", "region_name"})
        if (t.has_column(n) && t.column(n).type == ColumnType::Text && !t.column(n).is_null(row)) return t.column(n).as_text(row);
    if (!t.key_column().empty() && t.has_column(t.key_column())) return t.column(t.key_column()).as_text(row);
    return "unit " + std::to_string(row + 1);
}

namespace {

struct Series {
    std::vector<double> index;  // per year
    double from = NAN, low = NAN, high = NAN;
};

Series series_of(const ReportTime& tm, std::size_t unit) {
    Series s;
    const Column& idx = tm.years->column(fields::index_score);
    for (std::size_t y = 0; y < tm.year_values.size(); ++y) s.index.push_back(idx.as_double(y * tm.units + unit));
    const FeatureTable& c = *tm.change;
    s.from = c.column(tf::index_from).as_double(unit);
    if (c.has_column(tf::low) && c.has_column(tf::high)) {
        s.low = s.from + c.column(tf::low).as_double(unit);
        s.high = s.from + c.column(tf::high).as_double(unit);
    }
    return s;
}

// At most `n` bytes, cut at a UTF-8 character boundary (cairo refuses broken text).
std::string shortened(const std::string& s, std::size_t n) {
    if (s.size() <= n) return s;
    std::size_t cut = n - 3;
    while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
    return s.substr(0, cut) + "…";
}

// One unit's small chart: the index per year, a grey line at its 'from' value and the
// interval of the change as an error bar at the 'to' year.
void draw_trajectory(Canvas& cv, const Frame& fr, const ReportTime& tm, const Series& s, const std::string& name, const std::string& colour) {
    cv.rect(fr.x0, fr.y0, fr.w, fr.h, "#ffffff", "#bbbbbb");
    cv.text(fr.x0, fr.y0 - 6, shortened(name, 24), 10, Canvas::Left, true);
    for (int i = 0; i <= 2; ++i) {
        const double yv = fr.ymin + (fr.ymax - fr.ymin) * i / 2;
        cv.text(fr.x0 - 3, fr.Y(yv) + 3, fmt(yv), 8, Canvas::Right, false, "#666666");
    }
    cv.text(fr.x0, fr.y0 + fr.h + 11, std::to_string(tm.year_values.front()), 8, Canvas::Left, false, "#666666");
    cv.text(fr.x0 + fr.w, fr.y0 + fr.h + 11, std::to_string(tm.year_values.back()), 8, Canvas::Right, false, "#666666");
    if (std::isfinite(s.from)) cv.line(fr.X(tm.from), fr.Y(s.from), fr.X(tm.to), fr.Y(s.from), "#999999", 1.0);
    for (std::size_t y = 1; y < s.index.size(); ++y)
        if (std::isfinite(s.index[y - 1]) && std::isfinite(s.index[y]))
            cv.line(fr.X(tm.year_values[y - 1]), fr.Y(s.index[y - 1]), fr.X(tm.year_values[y]), fr.Y(s.index[y]), colour, 2.0);
    for (std::size_t y = 0; y < s.index.size(); ++y)
        if (std::isfinite(s.index[y])) cv.circle(fr.X(tm.year_values[y]), fr.Y(s.index[y]), 2.6, colour);
    if (std::isfinite(s.low) && std::isfinite(s.high)) {
        const double x = fr.X(tm.to) + 5;
        cv.line(x, fr.Y(s.low), x, fr.Y(s.high), "#222222", 1.5);
        for (double v : {s.low, s.high}) cv.line(x - 3, fr.Y(v), x + 3, fr.Y(v), "#222222", 1.5);
    }
}

}  // namespace

ReportFigure trajectory_figure(const ReportTime& tm, const Trajectories& sel, int width) {
    ReportFigure f{"time-trajectories", "Trajectories of the units that changed most", {}, {}, {}};
    f.section = "Over time";
    if (!tm.years->has_column(fields::index_score) || !tm.change->has_column(tf::index_from)) {
        f.note = "The years layer has no field 'index' or the change layer no field 'index_from'.";
        return f;
    }
    if (sel.better.empty() && sel.worse.empty()) {
        f.note = "No unit has a change between " + std::to_string(tm.from) + " and " + std::to_string(tm.to) + ".";
        return f;
    }
    std::vector<Series> better, worse;
    double lo = INFINITY, hi = -INFINITY;
    for (auto [rows, out] : {std::pair{&sel.better, &better}, std::pair{&sel.worse, &worse}})
        for (std::size_t u : *rows) {
            out->push_back(series_of(tm, u));
            for (double v : out->back().index) lo = std::min(lo, v), hi = std::max(hi, v);
            for (double v : {out->back().low, out->back().high}) lo = std::min(lo, v), hi = std::max(hi, v);
        }
    const double pad = std::max(1e-9, (hi - lo) * 0.06);
    const int cols = 5, pw = (width - 20) / cols, ph = 150, head = 26;
    const auto rows_of = [&](std::size_t n) { return static_cast<int>((n + cols - 1) / cols); };
    Canvas cv(width, 30 + (better.empty() ? 0 : head + rows_of(better.size()) * ph) + (worse.empty() ? 0 : head + rows_of(worse.size()) * ph));
    cv.text(12, 20, f.title, 14, Canvas::Left, true);
    double y0 = 30;
    const std::string up = sel.significant ? "Significantly improved" : "Largest improvements (none significant)";
    const std::string down = sel.significant ? "Significantly worsened" : "Largest declines (none significant)";
    for (auto [group, rows, heading, colour] : {std::tuple{&better, &sel.better, up, std::string("#2166ac")},
                                                std::tuple{&worse, &sel.worse, down, std::string("#b2182b")}}) {
        if (group->empty()) continue;
        cv.text(12, y0 + 18, heading, 12, Canvas::Left, true, colour);
        y0 += head;
        for (std::size_t i = 0; i < group->size(); ++i) {
            const double x0 = 10 + static_cast<double>(i % cols) * pw + 34, top = y0 + static_cast<double>(i / cols) * ph + 16;
            const Frame fr{x0, top, pw - 48.0, ph - 46.0, static_cast<double>(tm.year_values.front()), static_cast<double>(tm.year_values.back()),
                           lo - pad, hi + pad};
            draw_trajectory(cv, fr, tm, (*group)[i], unit_name(*tm.change, (*rows)[i]), colour);
        }
        y0 += rows_of(group->size()) * ph;
    }
    f.png = cv.png();
    const std::string pct = std::to_string(static_cast<int>(std::lround(tm.level * 100)));
    f.caption = "The index of each unit in every year (dots and line, the same scale in every year). The grey line is its index in " +
                std::to_string(tm.from) + "; the black bar at " + std::to_string(tm.to) + " spans index " + std::to_string(tm.from) +
                " + the " + pct + " % Monte Carlo interval of the change " + std::to_string(tm.from) + "-" + std::to_string(tm.to) +
                " (change_low .. change_high): the change is significant when the bar does not reach the grey line. " +
                (sel.significant ? "Shown: up to " + std::to_string(tm.trajectories_each) + " significantly improved units (largest change first) and " +
                                       "up to " + std::to_string(tm.trajectories_each) + " significantly worsened units (largest decline first)."
                                 : "No change is significant; shown are the largest changes either way.");
    return f;
}

}  // namespace leefbaar::output::detail
