#include "fixtures.hpp"

#include <cstdio>

#include <cpl_vsi.h>
#include <gdal_priv.h>

#include "core/field_names.hpp"
#include "io/vector_reader.hpp"
#include "support/test_support.hpp"

namespace leefbaar::test {

std::string heerlen_gpkg() { return test_data("output/heerlen_buurten.gpkg").string(); }

FeatureTable heerlen_units() {
    io::VectorReadOptions o;
    o.key_column = "buurtcode";
    FeatureTable t = io::read_vector(heerlen_gpkg(), o).table;
    const std::size_t n = t.rows();
    t.add_column(fields::index_score, ColumnType::Float64);
    t.add_column("d_wonen", ColumnType::Float64);
    t.add_column("d_veiligheid", ColumnType::Float64);
    t.add_column(fields::index_class, ColumnType::Int64);
    t.add_column(fields::lisa_cluster("index"), ColumnType::Text);
    t.add_column(fields::gistar_bin("index"), ColumnType::Int64);
    t.add_column(fields::cluster_id, ColumnType::Int64);
    static const char* labels[] = {"High-High", "Low-Low", "Low-High", "High-Low", "Not significant", "No neighbours", "Undefined"};
    for (std::size_t r = 0; r < n; ++r) {
        const auto idx = static_cast<std::int64_t>((r * 37) % 57);
        t.column(fields::index_score).set(r, static_cast<double>(idx));
        t.column("d_wonen").set(r, static_cast<double>(r));
        t.column("d_veiligheid").set(r, static_cast<double>(56 - r));
        t.column(fields::index_class).set(r, std::int64_t{1 + idx / 19});
        t.column(fields::lisa_cluster("index")).set(r, std::string(labels[r % 7]));
        t.column(fields::gistar_bin("index")).set(r, static_cast<std::int64_t>(r % 7) - 3);
        t.column(fields::cluster_id).set(r, static_cast<std::int64_t>(1 + r % 4));
    }
    t.column("d_wonen").title = "Housing";
    t.column("d_wonen").description = "Domain score for housing; higher = better.";
    return t;
}

FeatureTable heerlen_regions() {
    FeatureTable all = heerlen_units();
    FeatureTable t;
    t.enable_geometry(true);
    t.set_crs(all.crs());
    t.resize(8);
    t.add_column(fields::cluster_id, ColumnType::Int64);
    t.add_column("n_units", ColumnType::Int64);
    for (std::size_t r = 0; r < 8; ++r) {
        t.geometries()[r] = all.geometries()[r];
        t.column(fields::cluster_id).set(r, static_cast<std::int64_t>(r + 1));
        t.column("n_units").set(r, std::int64_t{1});
    }
    return t;
}

// Every colour ("#rrggbb") in a PNG, decoded by GDAL's PNG driver.
std::map<std::string, std::size_t> png_colour_counts(const std::string& png) {
    const std::string mem = "/vsimem/fixtures_colours.png";
    VSIFCloseL(VSIFileFromMemBuffer(mem.c_str(), reinterpret_cast<GByte*>(const_cast<char*>(png.data())), png.size(), FALSE));
    std::map<std::string, std::size_t> out;
    if (auto* ds = static_cast<GDALDataset*>(GDALOpen(mem.c_str(), GA_ReadOnly))) {
        const int w = ds->GetRasterXSize(), h = ds->GetRasterYSize();
        std::vector<GByte> rgb(static_cast<std::size_t>(w) * h * 3);
        int bands[] = {1, 2, 3};
        if (ds->RasterIO(GF_Read, 0, 0, w, h, rgb.data(), w, h, GDT_Byte, 3, bands, 3, 3 * w, 1, nullptr) == CE_None)
            for (std::size_t i = 0; i < rgb.size(); i += 3) {
                char hex[8];
                std::snprintf(hex, sizeof hex, "#%02x%02x%02x", rgb[i], rgb[i + 1], rgb[i + 2]);
                ++out[hex];
            }
        GDALClose(ds);
    }
    VSIUnlink(mem.c_str());
    return out;
}
std::set<std::string> png_colours(const std::string& png) {
    std::set<std::string> out;
    for (const auto& [c, n] : png_colour_counts(png)) out.insert(c);
    return out;
}

}  // namespace leefbaar::test
