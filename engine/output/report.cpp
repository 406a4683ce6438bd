#include "output/report.hpp"

#include <cctype>
#include <iterator>
#include <memory>
#include <set>
#include <sstream>

#include <cpl_conv.h>
#include <cpl_minixml.h>
#include <cpl_string.h>

#include "core/error.hpp"
#include "core/field_names.hpp"
#include "io/atomic_file.hpp"
#include "io/output_set.hpp"
#include "io/gdal_env.hpp"
#include "io/vector_reader.hpp"
#include "output/provenance.hpp"
#include "output/report_draw.hpp"
#include "io/sqlite_db.hpp"
#include "output/report_draw.hpp"
#include "output/xml_text.hpp"

namespace leefbaar::output {

using detail::base64;
using detail::xml_escape;

namespace {

// The layer holding the neighbourhood results: the one with an 'index' field, else
// the only feature layer; regions and styles tables are never it.
std::string pick_layer(const std::string& gpkg) {
    auto opened = io::sqlite::open_geopackage(gpkg, false);
    io::sqlite::Db& db = *opened;
    std::vector<std::string> layers;
    auto s = db.prepare("SELECT table_name FROM gpkg_contents WHERE data_type = 'features' ORDER BY table_name");
    while (s.step()) layers.push_back(s.text(0));
    for (const auto& l : layers) {
        auto c = db.prepare("SELECT 1 FROM pragma_table_info(?) WHERE name = ?");
        c.bind({io::sqlite::Value::of(l), io::sqlite::Value::of(fields::index_score)});
        if (c.step()) return l;
    }
    std::vector<std::string> units;
    for (const auto& l : layers)
        if (l != fields::regions_layer) units.push_back(l);
    if (units.size() == 1) return units[0];
    throw UsageError(units.empty() ? "the GeoPackage has no neighbourhood layer" : "the GeoPackage has several layers and none has an 'index' field",
                     ErrorContext{gpkg, {}, {}, {}, {}}, "name the layer with --layer (layers: " + join_names(layers) + ")");
}

// The index class labels of the GeoPackage's own default style for the layer (written
// by `leefbaar run` with every class of the classification, also empty ones), so the
// report drawn later from the file shows the classes QGIS shows. Empty when the style
// is not leefbaar's categorised index style (e.g. the user replaced it).
std::vector<std::string> index_labels_from_style(const std::string& gpkg, const std::string& layer) {
    auto opened = io::sqlite::open_geopackage(gpkg, false);
    io::sqlite::Db& db = *opened;
    if (!db.table_exists("layer_styles")) return {};
    auto s = db.prepare("SELECT styleQML FROM layer_styles WHERE lower(f_table_name) = lower(?) AND styleName = ? ORDER BY useAsDefault DESC LIMIT 1");
    s.bind({io::sqlite::Value::of(layer), io::sqlite::Value::of(fields::index_score)});
    if (!s.step()) return {};
    std::unique_ptr<CPLXMLNode, decltype(&CPLDestroyXMLNode)> doc(CPLParseXMLString(s.text(0).c_str()), CPLDestroyXMLNode);
    const CPLXMLNode* r = doc ? CPLGetXMLNode(doc.get(), "=qgis.renderer-v2") : nullptr;
    if (!r || std::string(CPLGetXMLValue(r, "type", "")) != "categorizedSymbol" || CPLGetXMLValue(r, "attr", "") != fields::index_class) return {};
    std::vector<std::string> labels;
    for (const CPLXMLNode* c = CPLGetXMLNode(r, "categories") ? CPLGetXMLNode(r, "categories")->psChild : nullptr; c; c = c->psNext) {
        if (c->eType != CXT_Element) continue;
        const std::string value = CPLGetXMLValue(c, "value", "");
        if (value.empty()) continue;  // the "no value" category
        if (value != std::to_string(labels.size() + 1)) return {};  // not classes 1..k in order
        labels.emplace_back(CPLGetXMLValue(c, "label", ""));
    }
    return labels;
}

const char* kStyle = R"(
body { font-family: "DejaVu Sans", "Segoe UI", Arial, sans-serif; margin: 0 auto; max-width: 980px; padding: 1em 2em; color: #222; }
h1 { font-size: 1.6em; margin-bottom: 0.2em; }
.meta { color: #666; font-size: 0.9em; margin-top: 0; }
nav ul { columns: 2; font-size: 0.95em; }
figure { margin: 2em 0; padding: 0; border-top: 1px solid #ddd; }
figure img { max-width: 100%; height: auto; display: block; margin: 0.6em 0; }
figcaption { color: #444; font-size: 0.92em; }
section > h2 { border-top: 3px solid #555; padding-top: 0.6em; margin-top: 2.5em; }
.panels { display: grid; grid-template-columns: repeat(3, 1fr); gap: 0.4em; }
.panels img { margin: 0; }
table.time-table { border-collapse: collapse; font-size: 0.88em; margin: 0.4em 0 1em; }
.area-cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(290px, 1fr)); gap: 0.6em; margin: 0.4em 0 1em; }
table.area-card { border-collapse: collapse; font-size: 0.82em; border: 1px solid #ccc; }
.area-card caption { font-weight: bold; text-align: left; padding: 0.2em 0.4em; background: #eee; caption-side: top; }
.area-card th, .area-card td { border-bottom: 1px solid #eee; padding: 0.15em 0.4em; text-align: left; vertical-align: top; }
.area-card th { font-weight: normal; color: #555; width: 45%; }
.time-table th, .time-table td { border-bottom: 1px solid #ddd; padding: 0.2em 0.6em; text-align: left; }
.time-table td.num { text-align: right; font-variant-numeric: tabular-nums; }
.missing { background: #f7f7f7; border-left: 4px solid #bbb; padding: 0.6em 1em; color: #555; }
)";

// A section's id from its heading: "Over time" -> "over-time".
std::string section_id(const std::string& heading) {
    std::string id;
    for (char c : heading) id += std::isalnum(static_cast<unsigned char>(c)) ? static_cast<char>(std::tolower(static_cast<unsigned char>(c))) : '-';
    return id;
}

void nav(std::ostringstream& h, const std::vector<ReportFigure>& figures) {
    h << "<nav><ul>\n";
    std::string section;
    for (const auto& f : figures) {
        if (f.section != section) {
            if (!section.empty()) h << "</ul></li>\n";
            if (!f.section.empty()) h << "<li><a href=\"#" << section_id(f.section) << "\">" << xml_escape(f.section) << "</a><ul>\n";
            section = f.section;
        }
        h << "<li><a href=\"#" << xml_escape(f.id) << "\">" << xml_escape(f.title) << "</a></li>\n";
    }
    if (!section.empty()) h << "</ul></li>\n";
    h << "</ul></nav>\n";
}

void figure(std::ostringstream& h, const ReportFigure& f, const char* heading) {
    h << "<figure id=\"" << xml_escape(f.id) << "\">\n<" << heading << ">" << xml_escape(f.title) << "</" << heading << ">\n";
    if (f.png.empty() && f.panels.empty() && f.table_html.empty()) {
        h << "<p class=\"missing\">Not drawn: " << xml_escape(f.note) << "</p>\n</figure>\n";
        return;
    }
    if (!f.panels.empty()) {
        h << "<div class=\"panels\">\n";
        for (const auto& p : f.panels)
            h << "<div class=\"panel\" data-panel=\"" << xml_escape(p.label) << "\"><img alt=\"" << xml_escape(f.title + ", " + p.label)
              << "\" src=\"data:image/png;base64," << base64(p.png) << "\"></div>\n";
        h << "</div>\n";
    }
    if (!f.png.empty()) h << "<img alt=\"" << xml_escape(f.title) << "\" src=\"data:image/png;base64," << base64(f.png) << "\">\n";
    h << f.table_html << "<figcaption>" << xml_escape(f.caption) << "</figcaption>\n</figure>\n";
}

}  // namespace

std::string report_html(const std::vector<ReportFigure>& figures, const ReportOptions& o, const std::string& source) {
    std::ostringstream h;
    h << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" << xml_escape(o.title) << "</title>\n"
      << "<meta name=\"generator\" content=\"leefbaar\">\n"
      << (o.run_id.empty() ? std::string() : "<meta name=\"leefbaar-run-id\" content=\"" + xml_escape(o.run_id) + "\">\n") << "<style>" << kStyle << "</style>\n</head>\n<body>\n"
      << "<h1>" << xml_escape(o.title) << "</h1>\n<p class=\"meta\">Source: " << xml_escape(source) << " &middot; written " << utc_now_iso()
      << " by leefbaar" << (o.run_id.empty() ? std::string() : " &middot; run " + xml_escape(o.run_id)) << "</p>\n";
    nav(h, figures);
    std::string section;
    for (const auto& f : figures) {
        if (f.section != section) {
            if (!section.empty()) h << "</section>\n";
            if (!f.section.empty()) h << "<section id=\"" << section_id(f.section) << "\">\n<h2>" << xml_escape(f.section) << "</h2>\n";
            section = f.section;
        }
        figure(h, f, section.empty() ? "h2" : "h3");
    }
    if (!section.empty()) h << "</section>\n";
    // Marks the page once every image has decoded, so an automated check (and a
    // curious reader with the inspector) can tell that nothing failed to load.
    h << "<script>\nwindow.addEventListener('load', function () {\n  var imgs = Array.prototype.slice.call(document.images);\n"
         "  document.body.setAttribute('data-images', imgs.length);\n"
         "  document.body.setAttribute('data-images-loaded', imgs.filter(function (i) { return i.complete && i.naturalWidth > 0; }).length);\n"
         "});\n</script>\n</body>\n</html>\n";
    return h.str();
}

void write_report(const FeatureTable& units, const std::string& source, const std::string& html_path, const ReportOptions& options,
                  const Progress& progress) {
    auto figures = report_figures(units, options, progress.scaled(0.0, options.time || options.areas ? 0.7 : 0.95));
    if (options.explain) {
        auto more = explain_figures(*options.explain, options);
        figures.insert(figures.end(), std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()));
    }
    if (options.time) {
        auto more = time_figures(*options.time, options);
        figures.insert(figures.end(), std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()));
        progress.report(0.85, "drew the section over time");
    }
    if (options.areas) {
        auto more = area_figures(*options.areas, options);
        figures.insert(figures.end(), std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()));
        progress.report(0.95, "drew the section on areas");
    }
    figures.insert(figures.end(), options.extra_figures.begin(), options.extra_figures.end());
    const std::string html = report_html(figures, options, source);
    if (options.write_to.empty()) io::write_text_atomic(html_path, html, options.overwrite);
    else io::write_file_fully(options.write_to, html, html_path);
    progress.report(1.0, "wrote " + html_path);
}

void write_report_from_gpkg(const std::string& gpkg, const std::string& html_path, const ReportOptions& options, const Progress& progress) {
    io::VectorReadOptions ro;
    ro.layer = options.layer.empty() ? pick_layer(gpkg) : options.layer;
    ro.require_crs = false;
    ro.repair_invalid = false;
    auto r = io::read_vector(gpkg, ro, progress.scaled(0.0, 0.3));
    r.table.source_layer = r.layer;
    // Names on the rank chart: the first text column with a distinct value per unit.
    if (r.table.key_column().empty())
        for (const auto& c : r.table.columns()) {
            if (c.type != ColumnType::Text || c.null_count() > 0) continue;
            std::set<std::string> seen(c.texts.begin(), c.texts.end());
            if (seen.size() == c.size()) {
                r.table.set_key_column(c.name);
                break;
            }
        }
    ReportOptions o = options;
    if (o.style.index_class_labels.empty()) o.style.index_class_labels = index_labels_from_style(gpkg, r.layer);
    write_report(r.table, gpkg + " layer '" + r.layer + "'", html_path, o, progress.scaled(0.3, 1.0));
}

}  // namespace leefbaar::output
