// Recognising the result fields of an earlier run (`score` on a scored layer replaces
// them as a whole): every name the stages write, and none of a user's own columns.
#include <gtest/gtest.h>

#include "core/field_names.hpp"

using namespace leefbaar;

TEST(FieldNames, EveryResultFieldIsRecognised) {
    for (const std::string& f : {fields::index_score, fields::index_rank, fields::index_percentile, fields::index_class, fields::index_class_label,
                                 fields::index_status, fields::rank_median, fields::rank_p05, fields::rank_p95, fields::cluster_id,
                                 fields::cluster_status, fields::moran_std("index"), fields::moran_lag("d_income"), fields::lisa_i("index"),
                                 fields::lisa_z("index"), fields::lisa_p("index"), fields::lisa_cluster("d_income"), fields::gistar_z("index"),
                                 fields::gistar_p("index"), fields::gistar_bin("index")})
        EXPECT_TRUE(fields::is_result_field(f, false)) << f;
    // The bare prefixes: only on a layer leefbaar scored.
    for (const std::string& f : {fields::normalised("woz"), fields::imputed_flag("woz"), fields::domain_score("income"), fields::local_geary("index"),
                                 fields::dist_mean, fields::top_plus, fields::top_minus, fields::next_class, fields::next_class_indicator,
                                 fields::next_class_change, fields::next_class_domain, fields::next_class_domain_change}) {
        EXPECT_TRUE(fields::is_result_field(f, true)) << f;
        EXPECT_FALSE(fields::is_result_field(f, false)) << f;
    }
}

TEST(FieldNames, UsersColumnsAreNotResults) {
    // CBS kerncijfers names, and near misses of the result names.
    for (const char* f : {"buurtcode", "Bevolking_Aantal_inwoners", "area_km2", "index_2018", "indexed", "clusters", "n_", "d_", "lisa_cl",
                          "lisa__", "gi_bin", "ms_z", "gi_index", "lisa_index", "ms_index"})
        for (bool scored : {false, true}) EXPECT_FALSE(fields::is_result_field(f, scored)) << f << " scored=" << scored;
}
