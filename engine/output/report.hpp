#pragma once
// The visual report: one self-contained HTML page with static PNG figures drawn with
// cairo (choropleths of the index and domains with legends, LISA cluster map, Moran
// scatter plot with its regression line, indicator histograms, correlation heatmap,
// ranks with uncertainty intervals). A figure whose fields are missing is replaced by
// a note saying which fields it needs, so a partial analysis still gets a report.
#include <string>
#include <vector>

#include "core/feature_table.hpp"
#include "core/progress.hpp"
#include "output/style_spec.hpp"

namespace leefbaar::output {

struct ReportOptions {
    std::string title = "Liveability report";
    std::string layer;                    // units layer in the GeoPackage; empty: the one with an 'index' field
    std::vector<std::string> indicators;  // histogram/correlation fields; empty: the n_* fields
    int map_width = 820;                  // pixels
    StyleOptions style;                   // as for the GeoPackage's styles, so the maps match QGIS
    bool overwrite = false;
    std::string run_id;    // shown in the page and as <meta name="leefbaar-run-id">
    std::string write_to;  // an OutputSet's temporary to write instead of html_path; empty: an output of its own
};

struct ReportFigure {
    std::string id;       // html anchor
    std::string title;
    std::string caption;
    std::string png;      // PNG bytes; empty: not drawn, see note
    std::string note;     // why the figure is missing
};

std::vector<ReportFigure> report_figures(const FeatureTable& units, const ReportOptions& options, const Progress& progress = {});
std::string report_html(const std::vector<ReportFigure>& figures, const ReportOptions& options, const std::string& source);

// For the project pipeline: the report of a table in memory.
void write_report(const FeatureTable& units, const std::string& source, const std::string& html_path, const ReportOptions& options,
                  const Progress& progress = {});
// For `leefbaar report`: reads the units layer from a result GeoPackage.
void write_report_from_gpkg(const std::string& gpkg, const std::string& html_path, const ReportOptions& options,
                            const Progress& progress = {});

}  // namespace leefbaar::output
