#include "steps/spatial_params.hpp"

#include "steps/weights_params.hpp"

namespace leefbaar::steps {

using params::Type;

void declare_spatial(params::ParamList& l, SpatialAnalysisOptions& o, SpatialFront front) {
    const bool project = front == SpatialFront::Project;
    auto& f = l.add("fields", Type::StringList, project ? "Fields to analyse" : "Numeric field to analyse (repeatable)")
                  .short_name('f')
                  .comma_separated()
                  .old_name("field")
                  .old_name("variables")
                  .meta("FIELD")
                  .bind(o.variables);
    if (project) f.default_text("index");
    else f.required();
    declare_weights(l, o.weights, WeightsGroup::All);
    l.begin_group("Statistics");
    l.add("global", Type::Boolean, "Global Moran's I, Geary's C and Getis-Ord G").bind(o.global);
    // Each command has its own statistic; the other is the option.
    if (front != SpatialFront::Lisa)
        l.add("lisa", Type::Boolean, "Local Moran's I clusters and outliers (LISA)").bind(o.lisa);
    if (front != SpatialFront::Hotspots)
        l.add("gistar", Type::Boolean, "Getis-Ord Gi* hot and cold spots").bind(o.gistar);
    l.add("local_geary", Type::Boolean, "Local Geary").bind(o.local_geary);
    l.add("adjust_n", Type::Boolean, "Moran's I: leave units without neighbours out of n (spdep's adjust.n = TRUE; default keeps them, as esda)")
        .bind(o.adjust_n);
    l.begin_group("Inference");
    l.add("permutations", Type::Integer, "Conditional permutations for the pseudo p-values (0: analytic inference for the global statistics only)")
        .min(0)
        .max(1000000)
        .bind(o.permutations);
    l.add("seed", Type::Integer, "Random seed of the permutations (recorded in the report)").min(0).bind(o.seed);
    l.add("alpha", Type::Number, "Significance level").min(0, false).max(1, false).bind(o.alpha);
    l.add("alternative", Type::Choice,
          "two-sided (as far from the permutation mean), doubled (spdep: twice the smaller tail; two-sided-spdep is the same), folded (GeoDa/esda), "
          "greater, less")
        .choices({"two-sided", "doubled", "two-sided-spdep", "folded", "greater", "less"})
        .bind(o.alternative);
    l.add("multiple_testing", Type::Choice, "Cut-off for many local tests: none, fdr (Benjamini-Hochberg false discovery rate), bonferroni")
        .choices({"none", "fdr", "bonferroni"})
        .old_name("fdr=fdr")
        .old_name("bonferroni=bonferroni")
        .bind(o.multiple_testing);
    l.add("draws", Type::Choice,
          "Where each unit's permutations come from: shared (one table per neighbour count, draws containing the unit replaced; exact per "
          "unit, fast) or independent (every unit its own draws)")
        .choices({"shared", "independent"})
        .bind(o.draws);
    l.begin_group("");
}

}  // namespace leefbaar::steps
