#pragma once
// The layers and fields the index steps write, for `describe` (core/step_info.hpp):
// one description for `score`, `run` and `join`.
#include "core/field_names.hpp"
#include "core/step_info.hpp"

namespace leefbaar::cli {

inline steps::LayerInfo units_layer_info(const std::string& name) {
    namespace f = fields;
    return {name,
            "one feature per unit, with the joined columns and",
            {{f::normalised("<indicator>"), "real", "normalised indicator, higher = better"},
             {f::imputed_flag("<indicator>"), "integer", "1 when the indicator was imputed"},
             {f::domain_score("<domain>"), "real", "domain score"},
             {f::index_score, "real", "composite index, higher = more liveable"},
             {f::index_rank, "integer", "1 = most liveable"},
             {f::index_percentile, "real", "0..100"},
             {f::index_class, "integer", "class number, 1 = lowest"},
             {f::index_class_label, "text", "label of the class"},
             {f::index_status, "text", "ok, or why the unit has no score"},
             {f::rank_median, "real", "Monte Carlo median rank (with runs > 0)"},
             {f::rank_p05, "real", "5th percentile of the rank"},
             {f::rank_p95, "real", "95th percentile of the rank"},
             {f::dist_mean, "real", "[explain]: index minus the mean unit's index"},
             {f::top_plus, "text", "[explain]: indicators raising the index most, with their contributions"},
             {f::top_minus, "text", "[explain]: indicators lowering the index most"},
             {f::next_class, "text", "[explain]: the least change of one indicator that reaches the next class, or why none does"},
             {f::next_class_indicator, "text", "[explain]: that indicator"},
             {f::next_class_change, "real", "[explain]: its raw change"},
             {f::next_class_domain, "text", "[explain]: the domain whose score reaches the next class with the least change"},
             {f::next_class_domain_change, "real", "[explain]: that change, in score points"}}};
}

inline steps::StepIo index_step_io(bool from_project) {
    steps::StepIo io;
    if (from_project) {
        io.inputs.push_back({"project", "toml", "the project file; its [input] names the polygons and tables", {}});
    } else {
        io.inputs.push_back({"units", "vector", "units that hold the indicator columns (e.g. the output of `leefbaar join`)", {}});
        io.inputs.push_back({"project", "toml", "the project file with [index], [domain.*], [indicator.*]", {}});
    }
    // run names its GeoPackage gpkg ([output] gpkg given again), score output.
    io.outputs.push_back({from_project ? "gpkg" : "output", "geopackage", "the scored units, the audit table and (with [cluster]) the regions",
                          {units_layer_info("[output] layer (default units)"),
                           {"[output] audit_layer (default index_audit)", "one row per indicator and domain: statistical audit", {}},
                           {"[cluster] regions_layer (with [cluster])", "dissolved regions", {}},
                           {"[monitor] years_layer (with [monitor], default units_years)", "every unit in every year on one scale; temporal", {}},
                           {"[monitor] change_layer (default units_change)", "change, its interval, development class, emerging hot spot", {}},
                           {"[monitor] coverage_layer (default monitor_coverage)", "what is observed per indicator and year", {}}}});
    io.outputs.push_back({"report", "json", "the join, index, uncertainty, audit, spatial and cluster results, run id", {}});
    if (from_project) io.outputs.push_back({"html", "html", "the visual report (with [report] or --html)", {}});
    return io;
}

}  // namespace leefbaar::cli
