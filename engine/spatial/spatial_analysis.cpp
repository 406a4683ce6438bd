#include "spatial/spatial_analysis.hpp"

#include <algorithm>
#include <cmath>

#include "core/error.hpp"
#include "core/field_names.hpp"
#include "spatial/contiguity.hpp"

namespace leefbaar {
namespace {

Column real_column(const std::string& name, std::size_t rows, const std::vector<std::size_t>& keep, const std::vector<double>& v,
                   const std::string& title) {
    Column c = Column::make(name, ColumnType::Float64, rows);
    for (std::size_t k = 0; k < keep.size(); ++k)
        if (std::isfinite(v[k])) c.set(keep[k], v[k]);
    c.title = title;
    return c;
}

void add(FeatureTable& t, Column c, SpatialAnalysisResult& res) {
    res.fields_added.push_back(c.name);
    t.add_column(std::move(c), true);
}

// Runs one statistic of a variable. The statistics see only numbers, so their data
// errors ("the variable is constant", "the weights have no links") get the source
// and the field added here, where they are known.
template <class F>
auto for_field(const FeatureTable& table, const std::string& field, F&& compute) -> decltype(compute()) {
    try {
        return compute();
    } catch (const DataError& e) {
        ErrorContext ctx = e.context();
        if (ctx.file.empty()) {
            ctx.file = table.source_file;
            ctx.layer = table.source_layer;
        }
        if (ctx.field.empty()) ctx.field = field;
        throw DataError(e.message(), ctx, e.hint());
    }
}

}  // namespace

nlohmann::json to_json(const WeightsSummary& s) {
    return {{"units", s.units},
            {"links", s.links},
            {"neighbours", {{"min", s.min_neighbours}, {"mean", s.mean_neighbours}, {"max", s.max_neighbours}}},
            {"histogram", s.histogram},
            {"islands", s.islands},
            {"components", s.components},
            {"symmetric", s.symmetric},
            {"density_percent", s.density_percent}};
}

void validate_spatial_options(const FeatureTable& table, const SpatialAnalysisOptions& o) {
    if (o.variables.empty()) throw UsageError("no variable to analyse", {}, "name at least one numeric field");
    if (o.permutations < 1 && (o.lisa || o.gistar || o.local_geary))
        throw UsageError("local statistics need at least 1 permutation", {}, "use e.g. {{permutations 999}}");
    if (!(o.alpha > 0 && o.alpha < 1)) throw UsageError("alpha must lie between 0 and 1", {}, "use e.g. {{alpha 0.05}}");
    parse_alternative(o.alternative);
    parse_multiple_testing(o.multiple_testing);
    parse_draws(o.draws);
    parse_transform(o.weights.transform);
    for (const auto& v : o.variables) {
        const auto& c = table.column(v);  // DataError naming near matches
        if (!c.is_numeric())
            throw DataError("field '" + v + "' is text, not numeric", ErrorContext{table.source_file, table.source_layer, {}, v, {}},
                            "choose a numeric field; if numbers were read as text, fix the source or re-join it");
    }
}

SpatialAnalysisResult run_spatial_analysis(FeatureTable& table, const SpatialAnalysisOptions& options, const Progress& progress) {
    validate_spatial_options(table, options);
    WeightsSpec spec = options.weights;
    if (spec.threads == 0) spec.threads = options.threads;
    Stopwatch clock;
    const auto raw = build_weights(table, spec, progress.scaled(0.0, 0.2));
    const double weights_s = clock.seconds();
    auto res = run_spatial_analysis(table, raw, options, progress.scaled(0.2, 1.0));
    res.timings.insert(res.timings.begin(), PhaseTime{"weights: " + spec.type, weights_s, {}});
    return res;
}

namespace {

// The statistics never read the ids; leaving them out saves 32 MB a copy at 10^6 units.
SpatialWeights links_copy(const SpatialWeights& w) {
    SpatialWeights out;
    out.neighbours = w.neighbours;
    out.weights = w.weights;
    out.transform = w.transform;
    out.kind = w.kind;
    return out;
}

// One variable's units (rows with a value; islands out when dropped) and the weights
// among them. A copy of the weights costs about 170 MB at 10^6 units, so the raw
// weights are restricted only when a unit is left out, and binary weights (G, Gi*)
// are made once, for both, only when asked for.
struct VariableUnits {
    std::vector<std::size_t> keep;
    std::vector<double> x;
    std::size_t missing = 0;
    SpatialWeights subset_storage;  // empty when every unit is kept
    const SpatialWeights* raw = nullptr;  // the raw weights among the kept units
    SpatialWeights w;  // transformed
};

VariableUnits variable_units(const FeatureTable& table, const std::string& name, const SpatialWeights& raw, WeightsTransform transform,
                             bool drop_islands) {
    VariableUnits u;
    const auto& col = table.column(name);
    for (std::size_t i = 0; i < table.rows(); ++i) {
        const double val = col.as_double(i);
        if (!std::isfinite(val)) {
            ++u.missing;
            continue;
        }
        if (drop_islands && raw.is_island(i)) continue;
        u.keep.push_back(i);
        u.x.push_back(val);
    }
    if (u.keep.size() < 4)
        throw DataError("field '" + name + "' has a value for only " + std::to_string(u.keep.size()) + " units",
                        ErrorContext{table.source_file, table.source_layer, {}, name, {}}, "spatial statistics need at least 4 units with a value");
    u.raw = &raw;
    if (u.keep.size() != raw.size()) {
        u.subset_storage = subset_weights(raw, u.keep);
        u.subset_storage.ids.clear();
        u.raw = &u.subset_storage;
    }
    u.w = links_copy(*u.raw);
    apply_transform(u.w, transform);
    return u;
}

SpatialWeights binary_copy(const SpatialWeights& raw) {
    auto wb = links_copy(raw);
    binarise(wb);
    return wb;
}

void add_moran_scatter(FeatureTable& t, const std::string& name, const VariableUnits& u, SpatialAnalysisResult& res) {
    // Standardised value (population sd) and its spatial lag.
    const auto& x = u.x;
    double mean = 0;
    for (double a : x) mean += a;
    mean /= static_cast<double>(x.size());
    double ss = 0;
    for (double a : x) ss += (a - mean) * (a - mean);
    const double sd = std::sqrt(ss / static_cast<double>(x.size()));
    std::vector<double> z(x.size(), std::nan(""));
    if (sd > 0)
        for (std::size_t k = 0; k < x.size(); ++k) z[k] = (x[k] - mean) / sd;
    auto lag = spatial_lag(u.w, z);
    for (std::size_t k = 0; k < lag.size(); ++k)
        if (u.w.is_island(k)) lag[k] = std::nan("");
    add(t, real_column(fields::moran_std(name), t.rows(), u.keep, z, "Standardised " + name + " (Moran scatter x)"), res);
    add(t, real_column(fields::moran_lag(name), t.rows(), u.keep, lag, "Spatial lag of standardised " + name + " (Moran scatter y)"), res);
}

void add_categories(FeatureTable& t, const LocalResult& r, const VariableUnits& u, const SpatialWeights& raw, bool drop_islands,
                    const std::string& field, const std::string& title, SpatialAnalysisResult& res) {
    Column c = Column::make(field, ColumnType::Text, t.rows());
    for (std::size_t i = 0; i < t.rows(); ++i) c.set(i, category::undefined);
    std::vector<std::uint8_t> kept(t.rows(), 0);
    for (std::size_t k = 0; k < u.keep.size(); ++k) {
        c.set(u.keep[k], r.category[k]);
        kept[u.keep[k]] = 1;
    }
    if (drop_islands)
        for (std::size_t i = 0; i < t.rows(); ++i)
            if (!kept[i] && raw.is_island(i)) c.set(i, category::no_neighbours);
    c.title = title;
    add(t, std::move(c), res);
}

struct AnalysisSetup {
    const SpatialAnalysisOptions& options;
    const SpatialWeights& raw;
    WeightsTransform transform;
    LocalInferenceOptions local;
    PermutationOptions global;
    bool drop_islands;
};

AnalysisSetup analysis_setup(const SpatialAnalysisOptions& options, const SpatialWeights& raw) {
    AnalysisSetup s{options, raw, parse_transform(options.weights.transform), {}, {}, options.weights.islands == "drop"};
    s.local.permutations = options.permutations;
    s.local.seed = options.seed;
    s.local.alternative = parse_alternative(options.alternative);
    s.local.adjust = parse_multiple_testing(options.multiple_testing);
    s.local.alpha = options.alpha;
    s.local.threads = options.threads;
    s.local.draws = parse_draws(options.draws);
    s.global.permutations = options.global ? options.permutations : 0;
    s.global.seed = options.seed;
    s.global.threads = options.threads;
    return s;
}

// Moran's I (permutations), Geary's C and G (analytic). `binary` is made here when
// G needs it and kept for Gi*.
void global_statistics(const FeatureTable& table, const AnalysisSetup& s, const VariableUnits& u, VariableResult& vr,
                       std::optional<SpatialWeights>& binary) {
    const auto& name = vr.name;
    vr.moran = for_field(table, name, [&] { return moran_i(u.x, u.w, s.global, s.options.adjust_n); });
    // Permutations only for Moran's I: Geary's C and G have analytic moments, and
    // 999 whole-map permutations each would triple the cost at 10^6 units.
    PermutationOptions none = s.global;
    none.permutations = 0;
    vr.geary = for_field(table, name, [&] { return geary_c(u.x, u.w, none); });
    if (*std::min_element(u.x.begin(), u.x.end()) < 0) {
        vr.getis_ord_note = "not computed: G needs non-negative values";
        return;
    }
    if (!binary) binary = binary_copy(*u.raw);
    vr.getis_ord = for_field(table, name, [&] { return getis_ord_g(u.x, *binary, none); });
    vr.getis_ord_note = "binary weights";
}

void add_local_fields(FeatureTable& table, const AnalysisSetup& s, const VariableUnits& u, const VariableResult& vr, SpatialAnalysisResult& res) {
    const auto& name = vr.name;
    const auto rows = table.rows();
    if (vr.lisa) {
        add(table, real_column(fields::lisa_i(name), rows, u.keep, vr.lisa->value, "Local Moran's I of " + name + " (spdep/GeoDa scaling)"), res);
        add(table, real_column(fields::lisa_z(name), rows, u.keep, vr.lisa->z, "z of local Moran's I (conditional randomisation)"), res);
        add(table, real_column(fields::lisa_p(name), rows, u.keep, vr.lisa->p, "Pseudo p of local Moran's I (conditional permutation)"), res);
        add_categories(table, *vr.lisa, u, s.raw, s.drop_islands, fields::lisa_cluster(name), "LISA cluster of " + name, res);
    }
    if (vr.gistar) {
        add(table, real_column(fields::gistar_z(name), rows, u.keep, vr.gistar->z, "Getis-Ord Gi* z of " + name), res);
        add(table, real_column(fields::gistar_p(name), rows, u.keep, vr.gistar->p, "Pseudo p of Gi* (conditional permutation)"), res);
        const auto bins = confidence_bins(*vr.gistar);
        Column c = Column::make(fields::gistar_bin(name), ColumnType::Int64, rows);
        for (std::size_t k = 0; k < u.keep.size(); ++k)
            if (std::isfinite(vr.gistar->z[k])) c.set(u.keep[k], static_cast<std::int64_t>(bins[k]));
        c.title = "Gi* hot (+) / cold (-) spot confidence: 3 = 99 %, 2 = 95 %, 1 = 90 %";
        add(table, std::move(c), res);
    }
}

// LISA and Gi* (one pass over the permutations when both: the same draws, identical results).
void local_statistics(const FeatureTable& table, const AnalysisSetup& s, const VariableUnits& u, std::optional<SpatialWeights> binary,
                      VariableResult& vr, const Progress& lp) {
    const auto& o = s.options;
    SpatialWeights wstar;  // Gi*: binary, each unit its own neighbour
    if (o.gistar) wstar = include_self(binary ? std::move(*binary) : binary_copy(*u.raw));
    binary.reset();
    const auto& name = vr.name;
    if (o.lisa && o.gistar) {
        auto both = for_field(table, name, [&] { return local_moran_and_gistar(u.x, u.w, wstar, s.local, lp); });
        vr.lisa = std::move(both.lisa);
        vr.gistar = std::move(both.gistar);
    } else if (o.lisa) {
        vr.lisa = for_field(table, name, [&] { return local_moran(u.x, u.w, s.local, lp); });
    } else if (o.gistar) {
        vr.gistar = for_field(table, name, [&] { return local_g(u.x, wstar, true, s.local, lp); });
    }
}

}  // namespace

SpatialAnalysisResult run_spatial_analysis(FeatureTable& table, const SpatialWeights& raw, const SpatialAnalysisOptions& options, const Progress& progress) {
    validate_spatial_options(table, options);
    if (raw.size() != table.rows())
        throw UsageError("the weights have " + std::to_string(raw.size()) + " units but the table has " + std::to_string(table.rows()) + " rows");
    Stopwatch clock;
    SpatialAnalysisResult res;
    res.options = options;
    const auto s = analysis_setup(options, raw);
    res.weights = {raw.kind, s.transform};
    res.summary = summarise(raw);
    if (!res.summary.islands.empty())
        res.warnings.push_back(std::to_string(res.summary.islands.size()) + " unit(s) without neighbours (" + options.weights.islands +
                               "): their local statistics are undefined");
    if (res.summary.components > 1)
        res.warnings.push_back("the weights graph has " + std::to_string(res.summary.components) + " connected components");
    res.timings.push_back({"weights summary", clock.lap(), {}});

    const std::size_t nvar = options.variables.size();
    for (std::size_t v = 0; v < nvar; ++v) {
        const auto& name = options.variables[v];
        const Progress vp = progress.scaled(static_cast<double>(v) / static_cast<double>(nvar), static_cast<double>(v + 1) / static_cast<double>(nvar));
        VariableResult vr;
        vr.name = name;
        const auto u = variable_units(table, name, raw, s.transform, s.drop_islands);
        vr.units_used = u.keep.size();
        vr.units_missing = u.missing;
        if (vr.units_missing) res.warnings.push_back("'" + name + "': " + std::to_string(vr.units_missing) + " unit(s) without a value are left out (category Undefined)");
        for (std::size_t k = 0; k < u.w.size(); ++k) vr.units_without_neighbours += u.w.is_island(k) ? 1 : 0;
        std::optional<SpatialWeights> binary;
        if (options.global) {
            global_statistics(table, s, u, vr, binary);
            res.timings.push_back({"global statistics of " + name, clock.lap(), {}});
        }
        vp.report(0.2, "global statistics of " + name);
        add_moran_scatter(table, name, u, res);
        local_statistics(table, s, u, std::move(binary), vr, vp.scaled(0.2, 0.85));
        add_local_fields(table, s, u, vr, res);
        vp.report(0.85, "local statistics of " + name);
        if (options.local_geary) {
            vr.local_geary = for_field(table, name, [&] { return local_geary({u.x}, u.w, s.local, vp.scaled(0.85, 1.0)); });
            add(table, real_column(fields::local_geary(name), table.rows(), u.keep, vr.local_geary->value, "Local Geary c of " + name), res);
        }
        res.timings.push_back({"local statistics of " + name, clock.lap(), {}});
        res.variables.push_back(std::move(vr));
    }
    progress.report(1.0, "spatial statistics done");
    return res;
}

nlohmann::json SpatialAnalysisResult::to_json() const {
    nlohmann::json j;
    j["weights"] = {{"kind", weights.kind},
                    {"transform", weights.transform == WeightsTransform::Row ? "row-standardised" : "binary"},
                    {"islands_policy", options.weights.islands},
                    {"summary", leefbaar::to_json(summary)}};
    j["inference"] = {{"permutations", options.permutations},
                      {"seed", options.seed},
                      {"alternative", options.alternative},
                      {"alpha", options.alpha},
                      {"multiple_testing", options.multiple_testing},
                      {"draws", options.draws},
                      {"pseudo_p", "(extreme + 1) / (permutations + 1), conditional permutation"},
                      {"random_generator", options.draws == "independent"
                                               ? "PCG32 (pcg-cpp) keyed by (seed, unit); all local statistics of a unit share its permutations"
                                               : "PCG32 (pcg-cpp): one table of draws per neighbour count keyed by (seed, count), shared by the units "
                                                 "with that count; a draw containing the unit is replaced from a stream keyed by (seed, unit); all "
                                                 "local statistics of a unit share its permutations"}};
    j["conventions"] = {{"local_moran", "I_i = z_i (Wz)_i / (sum z^2 / n): spdep/GeoDa scaling (PySAL/esda: (n-1)/n times this)"},
                        {"gi_star", "spdep localG z with self included (binary weights; identical for row-standardised)"},
                        {"moran_i_n", options.adjust_n ? "islands excluded from n (spdep moran.test adjust.n = TRUE)"
                                                       : "islands included in n (esda; spdep moran.test adjust.n = FALSE)"},
                        {"alternatives", "two-sided: |S - E(S)| >= |I - E(S)|, E(S) the exact permutation mean; doubled: 2 min(P(S >= I), P(S <= I)) as spdep localmoran_perm; folded: min(P(S >= I), P(S < I)) as esda and GeoDa"},
                        {"moran_scatter", "x standardised with the population sd; y its spatial lag"}};
    nlohmann::json vars = nlohmann::json::array();
    for (const auto& v : variables) {
        nlohmann::json o = {{"name", v.name}, {"units_used", v.units_used}, {"units_missing", v.units_missing},
                            {"units_without_neighbours", v.units_without_neighbours}};
        if (v.moran) o["moran_i"] = leefbaar::to_json(*v.moran);
        if (v.geary) o["geary_c"] = leefbaar::to_json(*v.geary);
        if (v.getis_ord) o["getis_ord_g"] = leefbaar::to_json(*v.getis_ord);
        if (!v.getis_ord_note.empty()) o["getis_ord_g_note"] = v.getis_ord_note;
        if (v.lisa) o["lisa"] = summary_json(*v.lisa);
        if (v.gistar) o["gi_star"] = summary_json(*v.gistar);
        if (v.local_geary) o["local_geary"] = summary_json(*v.local_geary);
        vars.push_back(o);
    }
    j["variables"] = vars;
    j["fields_added"] = fields_added;
    j["warnings"] = warnings;
    return j;
}

}  // namespace leefbaar
