#include "steps/validate_params.hpp"

namespace leefbaar::steps {

using params::ParamList;
using params::Type;

// The keys of [validate] and the flags of `leefbaar validate`: one declaration.
void declare_validate(ParamList& l, ValidateStep& v) {
    l.begin_group("Reference");
    l.add("reference", Type::InputPath, "Table or layer with the reference score per area (CSV, XLSX, GeoPackage...), e.g. the Leefbaarometer's wijk scores")
        .required()
        .bind(v.reference);
    l.add("reference_layer", Type::String, "Layer or sheet of the reference").default_text("the only/first").bind(v.reference_layer);
    l.add("reference_key", Type::String, "Key column of the reference: the areas' codes (e.g. GBD, WK091710)").required().bind(v.reference_key);
    l.add("score", Type::String, "Score column of the reference (e.g. RLBRMTR)").required().bind(v.score);
    l.add("lower_is_better", Type::Boolean, "The reference score is better when lower (e.g. a share of dissatisfied residents)").bind(v.lower_is_better);
    l.begin_group("Level");
    l.add("level", Type::String,
          "The reference's level: units (keys match the units), wijk or gemeente (the CBS code rule), or in a project the name of an [[areas.level]]")
        .bind(v.level);
    l.add("weight", Type::String, "Units' column weighting the area means (e.g. inhabitants)").default_text("unweighted").bind(v.weight);
    l.add("min_matched", Type::Number, "Warn when fewer than this share of the areas have a reference score").min(0).max(1).bind(v.min_matched);
    l.begin_group("Statistics");
    l.add("replicates", Type::Integer, "Bootstrap replicates of the correlation intervals").min(2).max(1000000).bind(v.replicates);
    l.add("confidence", Type::Number, "Level of the bootstrap intervals").min(0.5).max(1, false).bind(v.confidence);
    l.add("seed", Type::Integer, "Seed of the bootstrap and of the calibration's folds").min(0).bind(v.seed);
    l.add("top", Type::Integer, "Largest disagreements listed").min(0).max(1000).bind(v.top);
    l.add("folds", Type::Integer, "Folds of the cross-validated calibration of the domain weights").min(2).max(100).bind(v.folds);
    l.add("note", Type::String, "A note shown in the report's validation section, e.g. the agreement of an earlier version of the index").bind(v.note);
    l.begin_group("");
}

}  // namespace leefbaar::steps
