#include "output/results_writer.hpp"

#include <algorithm>
#include <filesystem>
#include <memory>
#include <system_error>

#include "core/error.hpp"
#include "io/gpkg_writer.hpp"
#include "io/output_set.hpp"
#include "io/vector_reader.hpp"
#include "io/sqlite_db.hpp"

namespace fs = std::filesystem;

namespace leefbaar::output {

namespace {

std::string lower(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

bool reserved(const std::string& name) {
    const std::string n = lower(name);
    for (const char* p : {"gpkg_", "gpkgext_", "rtree_", "sqlite_"})
        if (n.rfind(p, 0) == 0) return true;
    return n == "layer_styles" || n == "qgis_projects";
}

// Table names in the file, as written (for messages), keyed by lower case.
std::vector<std::string> existing_tables(const std::string& path, const std::string& shown_as) {
    std::unique_ptr<io::sqlite::Db> opened;
    try {
        opened = io::sqlite::open_geopackage(path, false);
    } catch (const DataError&) {
        throw UsageError("the output exists but is not a GeoPackage", ErrorContext{shown_as, {}, {}, {}, {}},
                         "choose another output path; leefbaar adds layers only to GeoPackage files");
    }
    io::sqlite::Db& db = *opened;
    std::vector<std::string> out;
    auto s = db.prepare("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')");
    while (s.step()) out.push_back(s.text(0));
    return out;
}

}  // namespace

void check_result_layers(const std::string& path, const std::vector<std::string>& names, bool overwrite, const std::string& shown_as_arg) {
    const std::string& shown_as = shown_as_arg.empty() ? path : shown_as_arg;
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (names[i].empty()) throw UsageError("an output layer has no name", ErrorContext{path, {}, {}, {}, {}}, "give every output layer a name");
        if (reserved(names[i]))
            throw UsageError("the output layer name '" + names[i] + "' is reserved for GeoPackage or QGIS system tables",
                             ErrorContext{shown_as, names[i], {}, {}, {}}, "choose another layer name");
        for (std::size_t j = 0; j < i; ++j)
            if (lower(names[i]) == lower(names[j]))
                throw UsageError("two output layers would be named '" + names[i] + "' (GeoPackage layer names ignore case)",
                                 ErrorContext{shown_as, names[i], {}, {}, {}}, "give each output layer its own name");
    }
    if (!fs::exists(path)) return;
    const auto tables = existing_tables(path, shown_as);
    for (const auto& n : names)
        for (const auto& t : tables)
            if (lower(n) == lower(t) && !overwrite)
                throw UsageError("the GeoPackage has a layer '" + t + "' already", ErrorContext{shown_as, t, {}, {}, {}},
                                 "add --overwrite to replace leefbaar's layers (other layers are kept), or choose another output layer name");
}

OutputDocument make_document(const std::vector<ResultLayer>& layers, const ResultsOptions& options) {
    OutputDocument doc;
    doc.project_name = options.project_name;
    doc.project_title = options.project_title;
    doc.project_description = options.project_description;
    doc.project_source = options.project_source;
    doc.time_start = options.time_start;
    doc.time_end = options.time_end;
    doc.provenance = options.provenance;
    if (doc.provenance.date.empty()) doc.provenance.date = utc_now_iso();
    for (const auto& l : layers) {
        LayerDoc ld{l.name, l.description, default_styles(*l.table, l.name, l.style ? *l.style : options.style)};
        std::vector<std::pair<std::string, std::string>> aliases;
        for (const auto& c : l.table->columns()) {
            FieldDoc d = describe_field(l.name, c.name);
            if (!c.title.empty()) d.title = c.title;
            if (!c.description.empty()) d.description = c.description;
            if (!d.title.empty()) aliases.emplace_back(c.name, d.title);
            doc.fields.push_back(d);
        }
        for (auto& s : ld.styles) s.field_aliases = aliases;
        doc.layers.push_back(std::move(ld));
    }
    return doc;
}

void write_results_file(const std::string& file, const std::string& shown_as, const std::vector<ResultLayer>& layers,
                        const ResultsOptions& options, const Progress& progress) {
    std::vector<std::string> names;
    for (const auto& l : layers) names.push_back(l.name);
    check_result_layers(file, names, true, shown_as);
    const OutputDocument doc = make_document(layers, options);
    std::vector<io::LayerToWrite> specs;
    for (const auto& l : layers) specs.push_back({l.table, l.name, l.table->has_geometry(), l.description, l.date_columns});
    io::GpkgWriteOptions wo;
    wo.spatial_index = options.spatial_index;
    wo.run_id = options.provenance.run_id;
    const std::string final_name = fs::path(shown_as).filename().string();
    wo.finalise = [&](const std::string& tmp) { finalise_gpkg(tmp, final_name, doc); };
    io::write_gpkg_file(file, shown_as, specs, wo, progress);
}

void write_results(const std::string& path, const std::vector<ResultLayer>& layers, const ResultsOptions& options, const Progress& progress) {
    std::vector<std::string> names;
    for (const auto& l : layers) names.push_back(l.name);
    check_result_layers(path, names, options.overwrite);
    io::OutputSet outputs(io::OnExisting::Update);
    const std::string tmp = outputs.add(path, "output", true);
    ResultsOptions o = options;
    if (o.provenance.run_id.empty()) o.provenance.run_id = outputs.run_id();
    write_results_file(tmp, path, layers, o, progress);
    outputs.commit();
}

std::vector<std::string> style_gpkg(const std::string& path, const StyleGpkgOptions& options, const Progress& progress) {
    std::vector<std::string> candidates = options.layers;
    if (candidates.empty()) {
        auto db = io::sqlite::open_geopackage(path, false);
        auto s = db->prepare("SELECT table_name FROM gpkg_contents WHERE data_type = 'features' ORDER BY table_name");
        while (s.step()) candidates.push_back(s.text(0));
    }
    std::vector<FeatureTable> tables;
    std::vector<std::string> names;
    for (std::size_t i = 0; i < candidates.size(); ++i) {
        io::VectorReadOptions ro;
        ro.layer = candidates[i];
        ro.require_crs = false;
        ro.repair_invalid = false;
        auto r = io::read_vector(path, ro, progress.scaled(0.8 * i / candidates.size(), 0.8 * (i + 1) / candidates.size()));
        // Without an explicit list only layers we know how to style are taken.
        if (!options.layers.empty() || !default_styles(r.table, candidates[i], options.style).empty()) {
            tables.push_back(std::move(r.table));
            names.push_back(candidates[i]);
        }
    }
    if (names.empty())
        throw DataError("no layer in the GeoPackage has fields leefbaar knows how to style", ErrorContext{path, {}, {}, {}, {}},
                        "style a GeoPackage written by leefbaar (fields such as index, d_<domain>, lisa_<x>_cl, gi_<x>_bin, cluster)");
    std::vector<ResultLayer> layers;
    for (std::size_t i = 0; i < names.size(); ++i) layers.push_back({&tables[i], names[i], {}, {}, {}});
    ResultsOptions ro;
    ro.style = options.style;
    ro.provenance = options.provenance;
    ro.project_name = options.project_name;
    ro.project_title = options.project_title;
    const OutputDocument doc = make_document(layers, ro);

    // Styling is an update of the file in place, as one transaction: a styled copy replaces it.
    io::OutputSet outputs(io::OnExisting::Update);
    const std::string tmp = outputs.add(path, "FILE", true);
    finalise_gpkg(tmp, fs::path(path).filename().string(), doc);
    outputs.commit();
    progress.report(1.0, "styled " + std::to_string(names.size()) + " layer(s)");
    return names;
}

}  // namespace leefbaar::output
