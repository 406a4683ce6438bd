#pragma once
// The visual report: one self-contained HTML page with static PNG figures drawn with
// cairo (choropleths of the index and domains with legends, LISA cluster map, Moran
// scatter plot with its regression line, indicator histograms, correlation heatmap,
// ranks with uncertainty intervals). A figure whose fields are missing is replaced by
// a note saying which fields it needs, so a partial analysis still gets a report.
// A run that follows the units over the years adds the section "Over time".
#include <cmath>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/feature_table.hpp"
#include "core/progress.hpp"
#include "output/style_spec.hpp"

namespace leefbaar::output {

// The monitor's layers (monitor/monitor_tables.hpp), for the section "Over time". Plain
// tables, so the report does not depend on the monitor's engine.
struct ReportTime {
    const FeatureTable* years = nullptr;   // every unit in every year: row = year_index * units + unit; index, index_class
    const FeatureTable* change = nullptr;  // one row per unit: index_from, index_to, index_change, change_low/high, change_sig, development
    std::vector<int> year_values;          // ascending
    std::size_t units = 0;
    int from = 0, to = 0;                       // the pair of years compared
    double level = 0.90;                        // of the change interval
    std::vector<std::string> index_class_labels;  // the pooled classes of the years layer
    std::size_t trajectories_each = 5;          // units drawn per direction of change
};

// The areas' layers (project/area_step.hpp), for the section "Areas". Plain tables and
// numbers, so the report does not depend on the areas' engine.
struct ReportAreaLevel {
    const FeatureTable* table = nullptr;  // fields code, name, index, index_class, d_*, pct_low_residents(_p05/_p95), ...
    std::string label;
    std::vector<std::vector<double>> resident_share;  // [area][class - 1], 0..1
    std::vector<std::int64_t> parent_row;             // per area: row in the parent level's table, -1 without
    int parent_level = -1;                            // index into ReportAreas::levels
};

struct ReportAreas {
    std::vector<ReportAreaLevel> levels;
    std::vector<std::string> domain_fields, domain_labels;  // d_<domain> and its label
    std::string reference_name;                              // the first reference row; empty: none
    std::vector<double> reference_domains;                   // its domain scores (the units' model)
    std::vector<std::string> index_class_labels;
    std::string low_label;                                   // "onvoldoende or lower"
    std::size_t max_cards = 30;                              // profile cards only for levels with at most this many areas
};

// Explanations per unit (index/explain.hpp), for the section "Why each buurt scores as
// it does": a card per unit chosen by the pipeline. Plain numbers and texts, so the
// report does not depend on the index's engine.
struct ReportExplainCard {
    std::string key, name;
    double index = NAN, distance = NAN;
    int rank = 0;
    std::string class_label;
    std::vector<double> domains;        // contribution per domain (index points)
    std::string strongest, weakest;     // "Mean WOZ value (k EUR): +4.2"
    std::string next_class;             // the next-class sentence
};

struct ReportExplain {
    std::vector<std::string> domain_labels;
    std::string method;                 // how the contributions are computed, in words
    double mean_index = NAN;            // the index of the mean unit (no missing indicators)
    std::size_t scored = 0;             // units with an index
    bool all = true;                    // a card for every scored unit; else `each` lowest and `each` highest
    std::size_t each = 20;
    std::string unit_word = "unit";     // "buurt"
    std::vector<ReportExplainCard> cards;  // lowest index first
};

// One small picture of a figure drawn as several (small multiples).
struct ReportPanel {
    std::string label;  // shown under it and as data-panel in the page
    std::string png;
};

struct ReportFigure {
    // A constructor rather than an aggregate, so that figures made from id, title and
    // note alone do not trip -Wmissing-field-initializers on the fields below.
    ReportFigure() = default;
    ReportFigure(std::string id_, std::string title_, std::string caption_ = {}, std::string png_ = {}, std::string note_ = {}, std::string section_ = {})
        : id(std::move(id_)), title(std::move(title_)), caption(std::move(caption_)), png(std::move(png_)), note(std::move(note_)), section(std::move(section_)) {}
    std::string id;       // html anchor
    std::string title;
    std::string caption;
    std::string png;      // PNG bytes; empty: not drawn, see note
    std::string note;     // why the figure is missing
    std::string section;  // heading of the section it belongs to; empty: none
    std::vector<ReportPanel> panels;  // small multiples, drawn before png (then a shared legend)
    std::string table_html;           // an HTML table (escaped), drawn after the pictures
};

struct ReportOptions {
    std::string title = "Liveability report";
    std::string layer;                    // units layer in the GeoPackage; empty: the one with an 'index' field
    std::vector<std::string> indicators;  // histogram/correlation fields; empty: the n_* fields
    int map_width = 820;                  // pixels
    unsigned threads = 0;                 // the maps are drawn in parallel (0 = all cores)
    StyleOptions style;                   // as for the GeoPackage's styles, so the maps match QGIS
    bool overwrite = false;
    std::string run_id;    // shown in the page and as <meta name="leefbaar-run-id">
    std::string write_to;  // an OutputSet's temporary to write instead of html_path; empty: an output of its own
    std::optional<ReportTime> time;  // the section "Over time"; none: a report of one year
    std::optional<ReportAreas> areas;  // the section "Areas"
    std::optional<ReportExplain> explain;  // the section "Why each buurt scores as it does"
    std::vector<ReportFigure> extra_figures;  // sections drawn by the caller (validation), appended
};


std::vector<ReportFigure> report_figures(const FeatureTable& units, const ReportOptions& options, const Progress& progress = {});
// The section "Over time": small multiples of the index per year, trajectories of the
// units that changed most with the interval of their change, the maps of significant
// change and of development, the table of significantly improved and worsened units.
std::vector<ReportFigure> time_figures(const ReportTime& time, const ReportOptions& options);
// The section "Areas": a map of the index per area level, a profile card per area,
// domain scores against the parent area and the reference, and the share of residents
// per class.
std::vector<ReportFigure> area_figures(const ReportAreas& areas, const ReportOptions& options);
// The section on explanations: how to read them, and a card per unit (score, class,
// distance from the mean unit, a bar per domain contribution, strongest and weakest
// indicator, what reaches the next class), with a look-up box.
std::vector<ReportFigure> explain_figures(const ReportExplain& explain, const ReportOptions& options);
std::string report_html(const std::vector<ReportFigure>& figures, const ReportOptions& options, const std::string& source);

// For the project pipeline: the report of a table in memory.
void write_report(const FeatureTable& units, const std::string& source, const std::string& html_path, const ReportOptions& options,
                  const Progress& progress = {});
// For `leefbaar report`: reads the units layer from a result GeoPackage.
void write_report_from_gpkg(const std::string& gpkg, const std::string& html_path, const ReportOptions& options,
                            const Progress& progress = {});

}  // namespace leefbaar::output
