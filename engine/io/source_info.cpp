#include "io/source_info.hpp"

#include "io/gpkg_writer.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <unordered_set>

#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "io/crs_convert.hpp"
#include "io/gdal_env.hpp"
#include "io/gdal_handles.hpp"
#include "io/table_reader.hpp"

namespace leefbaar::io {

using namespace detail;

namespace {

void fill_key_candidates(LayerInfo& li) {
    for (auto& f : li.fields) {
        f.candidate_key = li.features > 0 && f.nulls == 0 && f.distinct == li.features &&
                          (f.type.find("String") != std::string::npos || f.type.find("Integer") != std::string::npos ||
                           f.type == "text" || f.type == "int64");
        if (f.candidate_key) li.candidate_keys.push_back(f.name);
    }
}

SourceInfo inspect_csv(const std::string& path) {
    TableReadOptions opts;
    TableReadResult t = read_table(path, opts);
    SourceInfo info;
    info.source = path;
    info.driver = t.format;
    LayerInfo li;
    li.name = std::filesystem::path(path).stem().string();
    li.geometry_type = "None";
    li.features = t.table.rows();
    for (const auto& c : t.table.columns()) {
        FieldInfo f;
        f.name = c.name;
        f.type = to_string(c.type);
        f.nulls = c.null_count();
        std::unordered_set<std::string> seen;
        for (std::size_t r = 0; r < c.size(); ++r)
            if (!c.is_null(r)) {
                seen.insert(c.as_text(r));
                if (f.example.empty()) f.example = c.as_text(r);
            }
        f.distinct = seen.size();
        li.fields.push_back(f);
    }
    fill_key_candidates(li);
    info.layers.push_back(std::move(li));
    return info;
}

}  // namespace

SourceInfo inspect_source(const std::string& source, const InfoOptions& options) {
    ensure_gdal();
    std::string ext = std::filesystem::path(source).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (ext == ".csv" || ext == ".tsv" || ext == ".txt") return inspect_csv(source);

    DatasetPtr ds = open_vector(source);
    SourceInfo info;
    info.source = source;
    info.driver = ds->GetDriver() ? ds->GetDriver()->GetDescription() : "";
    if (const char* id = ds->GetMetadataItem(kRunIdItem)) info.run_id = id;
    bool found = options.layer.empty();
    std::vector<std::string> names;
    for (auto* layer : ds->GetLayers()) {
        names.emplace_back(layer->GetName());
        if (!options.layer.empty() && options.layer != layer->GetName()) continue;
        found = true;
        LayerInfo li;
        li.name = layer->GetName();
        li.geometry_type = OGRGeometryTypeToName(layer->GetGeomType());
        if (layer->GetLayerDefn()->GetGeomFieldCount() == 0) li.geometry_type = "None (attribute table)";
        li.features = static_cast<std::size_t>(std::max<GIntBig>(0, layer->GetFeatureCount(TRUE)));
        if (const auto* srs = layer->GetSpatialRef()) {
            if (is_undefined_srs(*srs))
                li.notes.push_back(std::string("the CRS is undefined ('") + srs->GetName() + "'): " +
                                   render_param_refs("give the coordinates' CRS with {{s_srs}} when joining (e.g. EPSG:28992)"));
            else
                li.crs = from_ogr(*srs);
        }
        OGREnvelope env;
        if (layer->GetLayerDefn()->GetGeomFieldCount() > 0 && layer->GetExtent(&env, TRUE) == OGRERR_NONE) {
            li.extent = std::array<double, 4>{env.MinX, env.MinY, env.MaxX, env.MaxY};
            if (li.crs.geographic && !(std::abs(env.MinX) <= 180 && std::abs(env.MaxX) <= 180 && std::abs(env.MinY) <= 90 && std::abs(env.MaxY) <= 90))
                li.notes.push_back(render_param_refs("the extent is not longitude/latitude although the CRS is geographic (a GeoJSON without \"crs\" "
                                                     "is WGS84): give the coordinates' CRS with {{s_srs}} when joining (RD New: EPSG:28992)"));
        }
        OGRFeatureDefn* defn = layer->GetLayerDefn();
        const int nf = defn->GetFieldCount();
        std::vector<std::unordered_set<std::string>> distinct(static_cast<std::size_t>(nf));
        for (int i = 0; i < nf; ++i) {
            FieldInfo f;
            f.name = defn->GetFieldDefn(i)->GetNameRef();
            f.type = OGRFieldDefn::GetFieldTypeName(defn->GetFieldDefn(i)->GetType());
            li.fields.push_back(f);
        }
        if (options.scan_values) {
            layer->ResetReading();
            for (;;) {
                FeaturePtr feat(layer->GetNextFeature());
                if (!feat) break;
                for (int i = 0; i < nf; ++i) {
                    auto& f = li.fields[static_cast<std::size_t>(i)];
                    if (!feat->IsFieldSetAndNotNull(i)) {
                        ++f.nulls;
                        continue;
                    }
                    const char* v = feat->GetFieldAsString(i);
                    if (f.example.empty()) f.example = v;
                    distinct[static_cast<std::size_t>(i)].insert(v);
                }
            }
            for (int i = 0; i < nf; ++i) li.fields[static_cast<std::size_t>(i)].distinct = distinct[static_cast<std::size_t>(i)].size();
            fill_key_candidates(li);
        }
        info.layers.push_back(std::move(li));
    }
    if (!found) {
        const std::string near = nearest_name(options.layer, names);
        throw DataError("no layer named '" + options.layer + "'", ErrorContext{source, options.layer, {}, {}, {}},
                        (near.empty() ? std::string() : "did you mean '" + near + "'? ") + "layers: " + join_names(names));
    }
    return info;
}

void to_json(nlohmann::json& j, const SourceInfo& info) {
    j = {{"source", info.source}, {"driver", info.driver}, {"layers", nlohmann::json::array()}};
    if (!info.run_id.empty()) j["run_id"] = info.run_id;
    for (const auto& l : info.layers) {
        nlohmann::json jl = {{"name", l.name}, {"geometry_type", l.geometry_type}, {"features", l.features},
                             {"crs", l.crs.label()}, {"candidate_keys", l.candidate_keys}, {"notes", l.notes}};
        if (l.crs.epsg) jl["epsg"] = *l.crs.epsg;
        if (l.extent) jl["extent"] = *l.extent;
        for (const auto& f : l.fields)
            jl["fields"].push_back({{"name", f.name}, {"type", f.type}, {"nulls", f.nulls}, {"distinct", f.distinct},
                                    {"candidate_key", f.candidate_key}, {"example", f.example}});
        j["layers"].push_back(std::move(jl));
    }
}

}  // namespace leefbaar::io
