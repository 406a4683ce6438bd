#include "project/pipeline.hpp"

#include <algorithm>
#include <cmath>

#include <memory>
#include <optional>
#include <set>

#include "core/error.hpp"
#include "core/field_names.hpp"
#include "core/json_text.hpp"
#include "core/parallel.hpp"
#include "monitor/monitor_report.hpp"
#include "index/calibrate.hpp"
#include "output/report_validation.hpp"
#include "project/area_step.hpp"
#include "project/explain_step.hpp"
#include "project/monitor_editions.hpp"
#include "index/index_report.hpp"
#include "index/audit.hpp"
#include "index/composite.hpp"
#include "index/uncertainty.hpp"
#include "io/atomic_file.hpp"
#include "io/gpkg_writer.hpp"
#include "io/output_set.hpp"
#include "io/vector_reader.hpp"
#include "join/join_job.hpp"
#include "cluster/cluster_job.hpp"
#include "output/report.hpp"
#include "output/results_writer.hpp"
#include "spatial/contiguity.hpp"
#include "spatial/spatial_analysis.hpp"

namespace leefbaar::project {
namespace {

// A column named in the project file that the joined table lacks: name the line of
// the project file and the closest column the data do have.
void check_columns(const Project& p, const FeatureTable& t) {
    const auto names = t.column_names();
    auto need = [&](const std::string& column, const std::string& line_key, const std::string& what) {
        if (t.has_column(column)) {
            if (!t.column(column).is_numeric())
                throw DataError(what + " column '" + column + "' holds text, not numbers",
                                ErrorContext{p.file, {}, {}, column, p.line_of(line_key)},
                                "choose a numeric column, or set the table's decimal_comma / text_columns in [[input.table]]");
            return;
        }
        const std::string near = nearest_name(column, names);
        ErrorContext ctx{p.file, {}, {}, column, {}};
        if (const int l = p.line_of(line_key)) ctx.line = l;
        throw DataError(what + " column '" + column + "' is not in the joined data", ctx,
                        (near.empty() ? std::string() : "did you mean '" + near + "'? ") +
                            "check the column name and the table's prefix; `leefbaar info` lists the columns of a source");
    };
    for (const auto& ind : p.index.indicators) {
        need(ind.source.column, "indicator." + ind.name + ".column", "indicator '" + ind.name + "':");
        if (!ind.source.denominator.empty()) need(ind.source.denominator, "indicator." + ind.name + ".denominator", "indicator '" + ind.name + "': denominator");
        if (ind.source.transform == index::Transform::PerKm2) need(ind.source.area_column, "indicator." + ind.name + ".column", "indicator '" + ind.name + "': area");
    }
    if (!p.index.population.empty()) need(p.index.population, "index.population", "[index] population:");
}

bool needs_neighbours(const Project& p) {
    if (p.index.missing == index::Imputation::NeighbourMean) return true;
    for (const auto& i : p.index.indicators)
        if (i.missing == index::Imputation::NeighbourMean) return true;
    for (auto m : p.uncertainty.imputations)
        if (m == index::Imputation::NeighbourMean) return true;
    for (const auto& i : p.index.indicators)
        if (i.source.smoothing == index::Smoothing::SpatialEb) return true;
    return false;
}

// A field named in [spatial] or [cluster] that the units lack after the index:
// name the project line and the fields that do exist.
void check_step_fields(const Project& p, const FeatureTable& t, const std::vector<std::string>& wanted, const std::string& line_key,
                       const std::string& what) {
    const auto names = t.column_names();
    for (const auto& f : wanted) {
        if (t.has_column(f) && t.column(f).is_numeric()) continue;
        const std::string near = nearest_name(f, names);
        ErrorContext ctx{p.file, {}, {}, f, {}};
        if (const int l = p.line_of(line_key)) ctx.line = l;
        if (t.has_column(f))
            throw DataError(what + " field '" + f + "' holds text, not numbers", ctx, "name a numeric field: an indicator, a domain score (d_<domain>) or index");
        throw DataError(what + " field '" + f + "' is neither a joined column nor a result of the index", ctx,
                        (near.empty() ? std::string() : "did you mean '" + near + "'? ") +
                            "the index adds index, d_<domain> and n_<indicator> fields");
    }
}

// The spatial statistics of the project's variables. A data error about one of them
// (e.g. a constant index) names the [spatial] line of the project file that asked
// for it: the field may be a result of the index, not a column of the input.
SpatialAnalysisResult spatial_step(const Project& p, FeatureTable& t, const SpatialAnalysisOptions& so, const Progress& progress) {
    try {
        return run_spatial_analysis(t, so, progress);
    } catch (const DataError& e) {
        const std::string& field = e.context().field;
        const int line = field.empty() ? 0 : p.line_of("spatial.variable." + field);
        if (line == 0 || e.context().line) throw;
        ErrorContext ctx{p.file, {}, {}, field, line};
        throw DataError(e.message(), ctx, e.hint() + (e.hint().empty() ? "" : "; ") + "leave '" + field + "' out of [spatial] variables, or set enabled = false in [spatial]");
    }
}

// `score` on a layer that holds the results of an earlier run: those fields are
// dropped as a whole, so that every result field is this run's. (Kept, they counted as
// source columns: the output step dropped the new index with them, and fields this run
// does not compute, e.g. an old cluster, stayed next to the new index.) Columns the
// project reads stay. Returns the dropped names.
std::vector<std::string> drop_earlier_results(const Project& p, FeatureTable& t) {
    std::set<std::string> reads(p.keep_columns.begin(), p.keep_columns.end());
    reads.insert(t.key_column());
    reads.insert(p.input.area_column);
    std::set<std::string> ours;  // fields this project writes, whatever the layer
    for (const auto& c : area_columns(p)) reads.insert(c);
    for (const auto& ind : p.index.indicators) {
        reads.insert(ind.source.column);
        reads.insert(ind.source.denominator);
        ours.insert(fields::normalised(ind.name));
        ours.insert(fields::imputed_flag(ind.name));
    }
    for (const auto& d : p.index.domains) ours.insert(fields::domain_score(d.name));
    const bool scored = t.has_column(fields::index_status);
    std::vector<std::string> dropped;
    for (const auto& name : t.column_names())
        if (!reads.count(name) && (ours.count(name) || fields::is_result_field(name, scored))) dropped.push_back(name);
    for (const auto& name : dropped) t.remove_column(name);
    return dropped;
}

std::string first_names(const std::vector<std::string>& names, std::size_t n) {
    std::string out;
    for (std::size_t i = 0; i < names.size() && i < n; ++i) out += (i ? ", " : "") + names[i];
    return names.size() > n ? out + ", ..." : out;
}

std::vector<std::string> input_files(const Project& p) {
    std::vector<std::string> files;
    auto add = [&](const std::string& f) {
        if (!f.empty() && std::filesystem::is_regular_file(f)) files.push_back(f);  // connection strings are not files
    };
    add(p.input.polygons);
    for (const auto& tb : p.input.tables) add(tb.path);
    if (p.validate_enabled) add(p.validate.reference);
    return files;
}

// The monitor's layers: every unit in every year (one scale, one set of classes; the
// QGIS temporal controller animates it), the change per unit, and the coverage.
void add_monitor_layers(const Project& p, const monitor::MonitorJobResult& m, const std::string& title, std::vector<output::ResultLayer>& layers) {
    const auto& years = m.long_table.years;
    const std::string span = std::to_string(m.change.from) + "-" + std::to_string(m.change.to);
    output::ResultLayer y{&m.long_table.table, p.monitor.years_layer,
                          title + ": the index of every unit in every year " + std::to_string(years.front()) + "-" + std::to_string(years.back()) +
                              ", on one scale with the same classes (QGIS temporal controller: field date)",
                          {monitor::kDateColumn},
                          {}};
    output::StyleOptions so;
    so.index_class_labels = m.index.classes.labels;
    so.temporal_field = monitor::kDateColumn;
    so.group = output::kGroupTime;
    so.title_suffix = " per year";
    y.style = so;
    layers.push_back(std::move(y));
    output::StyleOptions change;
    change.group = output::kGroupTime;
    layers.push_back({&m.change_table, p.monitor.change_layer,
                      title + ": change " + span + " per unit: score, rank and class change, interval, development class, emerging hot spot", {}, change});
    layers.push_back({&m.coverage_table, p.monitor.coverage_layer, title + ": what is observed per indicator and year", {}, {}});
}

// The areas' layers and numbers for the report's section "Areas".
output::ReportAreas report_areas(const Project& p, const PipelineResult& res) {
    output::ReportAreas a;
    for (std::size_t l = 0; l < res.area_levels.size(); ++l) {
        const auto& lv = res.area_levels[l];
        output::ReportAreaLevel rl{&res.area_tables[l], lv.label, res.areas->levels[l].resident_share, lv.parent_area, -1};
        for (std::size_t q = 0; q < res.area_levels.size(); ++q)
            if (res.area_levels[q].name == lv.parent) rl.parent_level = static_cast<int>(q);
        a.levels.push_back(std::move(rl));
    }
    for (std::size_t d = 0; d < p.index.domains.size(); ++d) {
        a.domain_fields.push_back(fields::domain_score(p.index.domains[d].name));
        a.domain_labels.push_back(p.index.domains[d].label.empty() ? p.index.domains[d].name : p.index.domains[d].label);
        if (!res.areas->reference_scores.domain.empty()) a.reference_domains.push_back(res.areas->reference_scores.domain[d][0]);
    }
    if (!res.areas->references.empty() && !res.areas->reference_scores.index.empty()) a.reference_name = res.areas->references[0].name;
    a.index_class_labels = res.index_class_labels;
    a.low_label = res.areas->options.low_label;
    return a;
}

// The GeoPackage and the HTML report, into the run's temporaries.
// Returns the seconds of its parts: the GeoPackage (with styles and project) and the HTML.
std::vector<PhaseTime> write_outputs(const Project& p, const RunOptions& o, PipelineResult& res, FeatureTable& t, const std::string& gpkg_tmp,
                                     const std::string& html_tmp, const Progress& progress) {
    Stopwatch clock;
    std::vector<PhaseTime> parts;
    const std::string title = p.name.empty() ? std::string("Liveability index") : p.name;
    std::vector<output::ResultLayer> layers{{&t, p.units_layer, title + ": domain scores, index, rank, class and rank interval per unit", {}, {}},
                                           {&res.audit.table, p.audit_layer, title + ": statistical audit of the index (one row per indicator and domain)", {}, {}}};
    if (res.has_regions)
        layers.push_back({&res.regions, p.cluster_step.regions_layer, title + ": dissolved regions of the clustering, with size and mean values", {}, {}});
    if (res.monitor) add_monitor_layers(p, *res.monitor, title, layers);
    for (std::size_t l = 0; l < res.area_tables.size(); ++l) {
        const auto& lv = res.area_levels[l];
        output::StyleOptions so;
        so.index_class_labels = res.index_class_labels;
        if (!res.index_breaks.empty()) so.breaks[fields::index_score] = res.index_breaks;
        so.group = output::kGroupAreas;
        so.title_suffix = " (" + lv.label + ")";
        so.only = {fields::index_score};
        layers.push_back({&res.area_tables[l], p.areas.levels[l].output_layer,
                          title + ": the " + lv.label + " areas: index (mean of the units and the area as a whole), rank, class, share of residents " +
                              "in low-scoring units, strengths and weaknesses",
                          {}, so});
        if (l < res.area_year_tables.size()) {
            output::StyleOptions sy = so;
            sy.index_class_labels = res.monitor->index.classes.labels;
            sy.breaks[fields::index_score] = res.monitor->index.classes.upper;
            sy.temporal_field = monitor::kDateColumn;
            sy.title_suffix = " (" + lv.label + ") per year";
            layers.push_back({&res.area_year_tables[l], p.areas.levels[l].output_layer + "_years",
                              title + ": the " + lv.label + " areas in every year of the monitor, on its one scale (QGIS temporal controller: field date)",
                              {monitor::kDateColumn}, sy});
        }
    }
    if (res.validation) {
        output::StyleOptions sv;
        sv.only = {fields::validation_residual};
        layers.push_back({&res.validation->areas, "validation",
                          title + ": the index rolled up to the areas of " + p.validate.score + " and compared with it (standardised residuals)", {}, sv});
    }
    if (p.style_output) {
        output::ResultsOptions ro;
        ro.overwrite = true;
        ro.project_name = p.name.empty() ? std::string("leefbaar") : p.name;
        ro.project_title = title;
        if (!res.index_breaks.empty()) ro.style.breaks[fields::index_score] = res.index_breaks;
        ro.style.index_class_labels = res.index_class_labels;
        ro.project_description = p.description;
        ro.project_source = p.source;
        ro.provenance.software = o.software;
        ro.provenance.run_id = res.run_id;
        ro.provenance.project_file = p.file;
        ro.provenance.inputs = input_files(p);
        if (p.uncertainty.runs > 0 || o.runs) ro.provenance.seed = o.seed ? *o.seed : p.uncertainty.seed;
        ro.provenance.methods = res.methods;
        if (res.monitor) {
            ro.time_start = std::to_string(res.monitor->long_table.years.front()) + "-01-01T00:00:00Z";
            ro.time_end = std::to_string(res.monitor->long_table.years.back() + 1) + "-01-01T00:00:00Z";
        }
        output::write_results_file(gpkg_tmp, res.gpkg_path, layers, ro, progress.scaled(0.95, 0.98));
        parts.push_back({"GeoPackage: layers, styles, QGIS project, metadata", clock.lap(), {}});
    } else {
        std::vector<io::LayerToWrite> plain;
        for (const auto& l : layers) plain.push_back({l.table, l.name, l.table->has_geometry(), l.description, l.date_columns});
        io::GpkgWriteOptions wo;
        wo.run_id = res.run_id;
        io::write_gpkg_file(gpkg_tmp, res.gpkg_path, plain, wo, progress.scaled(0.95, 0.98));
        parts.push_back({"GeoPackage: layers", clock.lap(), {}});
    }
    if (!html_tmp.empty()) {
        output::ReportOptions rep;
        rep.title = p.report_title.empty() ? title : p.report_title;
        rep.run_id = res.run_id;
        rep.threads = o.threads;
        rep.write_to = html_tmp;
        rep.style.index_class_labels = res.index_class_labels;  // the same classes as the QGIS style
        if (res.monitor) {
            const auto& m = *res.monitor;
            rep.time = output::ReportTime{&m.long_table.table, &m.change_table, m.long_table.years, m.long_table.units,
                                          m.change.from, m.change.to, m.level, m.index.classes.labels, 5};
        }
        if (res.areas) rep.areas = report_areas(p, res);
        if (res.validation) rep.extra_figures = output::validation_figures(*res.validation, res.validation_options);
        if (res.explanation) rep.explain = report_explain({t, *res.model, res.index, *res.explanation}, p.explain.options);
        output::write_report(t, res.gpkg_path, res.html_path, rep, progress.scaled(0.98, 0.995));
        parts.push_back({"HTML report", clock.lap(), {}});
    }
    return parts;
}


}  // namespace

std::string output_html_path(const Project& p, const RunOptions& o) {
    if (!o.output_html.empty()) return o.output_html;
    if (!p.report_enabled) return {};
    if (!p.report_html.empty() && o.output_gpkg.empty()) return p.report_html;
    std::filesystem::path r(output_gpkg_path(p, o));
    r.replace_extension(".html");
    return r.string();
}

std::string output_gpkg_path(const Project& p, const RunOptions& o) { return o.output_gpkg.empty() ? p.output_gpkg : o.output_gpkg; }
std::string output_report_path(const Project& p, const RunOptions& o) {
    if (!o.output_report.empty()) return o.output_report;
    if (!o.output_gpkg.empty()) {  // a report next to an overridden GeoPackage, not next to the project's
        std::filesystem::path r(o.output_gpkg);
        r.replace_extension();
        return r.string() + "-report.json";
    }
    return p.output_report;
}

namespace {

// What the steps of one run share. `p` is the project with the run's overrides
// applied (effective()), so every step reads its seed, runs and threads from one place.
struct Run {
    const Project& p;
    const RunOptions& o;
    PipelineResult& res;
    FeatureTable& t;
    std::vector<std::string> source_columns;
    std::optional<io::OutputSet> outputs;
    std::string gpkg_tmp, report_tmp, html_tmp;
    std::vector<areas::ReferenceRow> area_refs;
    areas::AreaJobOptions area_options;          // checked before the Monte Carlo, run after it
    std::unique_ptr<areas::AreaRuns> area_runs;  // the Monte Carlo's area scores, per run
    Stopwatch clock;                 // since the run began
    std::vector<PhaseTime> parts;    // the parts the running step times, if any
};

// The one place where the command line overrides the project: --seed is the seed of
// every random step (Monte Carlo, permutations, clustering, Shapley estimates), --runs
// the Monte Carlo runs, --threads the threads of every step.
Project effective(const Project& p, const RunOptions& o) {
    Project e = p;
    if (o.seed) e.uncertainty.seed = e.spatial.seed = e.cluster_step.cluster.seed = e.explain.options.seed = *o.seed;
    if (o.runs) e.uncertainty.runs = *o.runs;
    e.input.threads = e.index.threads = e.uncertainty.threads = e.spatial.threads = e.spatial.weights.threads = o.threads;
    e.cluster_step.cluster.threads = e.cluster_step.weights.threads = o.threads;
    e.explain.options.threads = o.threads;
    if (o.areas_only) e.spatial_enabled = e.cluster_enabled = e.monitor_enabled = false;
    return e;
}

// Every output is declared and checked before the work, and written to a temporary
// of its own; they are moved into place together at the end (io/output_set.hpp).
void declare_outputs(Run& r) {
    const Project& p = r.p;
    const RunOptions& o = r.o;
    auto& res = r.res;
    r.outputs.emplace(o.update ? io::OnExisting::Update : o.overwrite ? io::OnExisting::Replace : io::OnExisting::Refuse);
    r.outputs->add_input(p.file);
    for (const auto& f : input_files(p)) r.outputs->add_input(f);
    r.outputs->add_input(o.units_source);
    r.gpkg_tmp = r.outputs->add(res.gpkg_path, o.output_gpkg.empty() ? "[output] gpkg" : "--output", true);
    r.report_tmp = r.outputs->add(res.report_path, o.output_report.empty() ? "[output] report" : "--report");
    res.html_path = output_html_path(p, o);
    if (!res.html_path.empty()) r.html_tmp = r.outputs->add(res.html_path, o.output_html.empty() ? "[report] html" : "--html");
    std::vector<std::string> layers{p.units_layer, p.audit_layer};
    if (p.cluster_enabled && p.cluster_step.regions) layers.push_back(p.cluster_step.regions_layer);
    if (p.monitor_enabled && o.units_source.empty())
        for (const auto* n : {&p.monitor.years_layer, &p.monitor.change_layer, &p.monitor.coverage_layer}) layers.push_back(*n);
    if (p.areas_enabled)
        for (const auto& l : p.areas.levels) {
            layers.push_back(l.output_layer);
            if (p.monitor_enabled && o.units_source.empty()) layers.push_back(l.output_layer + "_years");
        }
    if (p.validate_enabled) layers.push_back("validation");
    output::check_result_layers(r.gpkg_tmp, layers, true, res.gpkg_path);
    res.run_id = r.outputs->run_id();
    for (const auto& n : r.outputs->notes()) res.warnings.push_back(n);
}

// 1. Units: the join of [input], or an existing layer (`leefbaar score`).
void step_units(Run& r, const Progress& progress) {
    const Project& p = r.p;
    auto& res = r.res;
    if (r.o.units_source.empty()) {
        JoinJobResult jr = run_join_job(p.input, progress);
        r.t = std::move(jr.table);
        res.warnings.insert(res.warnings.end(), jr.warnings.begin(), jr.warnings.end());
        if (!jr.join.polygons_unmatched.empty())
            res.warnings.push_back(std::to_string(jr.join.polygons_unmatched.size()) +
                                   " polygon(s) have no row in at least one table; their indicators are missing");
        res.join = std::move(jr);
    } else {
        io::VectorReadOptions vo;
        vo.layer = r.o.units_layer;
        vo.key_column = r.o.units_key.empty() ? p.input.key : r.o.units_key;
        vo.threads = r.o.threads;
        auto vr = io::read_vector(r.o.units_source, vo, progress);
        r.t = std::move(vr.table);
        res.warnings.insert(res.warnings.end(), vr.warnings.begin(), vr.warnings.end());
        const auto dropped = drop_earlier_results(p, r.t);
        res.units_source = UnitsSource{r.o.units_source, vr.layer, r.t.rows(), dropped};
        if (!dropped.empty())
            res.warnings.push_back("layer '" + vr.layer + "' holds " + std::to_string(dropped.size()) + " result field(s) of an earlier run (" +
                                   first_names(dropped, 4) + "): they are replaced as a whole by this run's results");
    }
    check_columns(p, r.t);
    r.source_columns = r.t.column_names();
    for (const auto& k : p.keep_columns)
        if (!r.t.has_column(k))
            throw DataError("column '" + k + "' listed in [output] keep is not in the joined data", ErrorContext{p.file, {}, {}, k, {}},
                            "check the name; `leefbaar info` lists the columns of a source");
}

// 2. Neighbours, only when an imputation needs them.
void step_neighbours(Run& r, const Progress& progress) {
    if (!r.t.has_geometry()) throw UsageError("missing = \"neighbours\" and smoothing = \"spatial_eb\" need polygons", ErrorContext{r.p.file, {}, {}, {}, {}},
                                                 "give [input] polygons, or use missing = \"mean\" and smoothing = \"eb\"");
    ContiguityOptions co;
    co.threads = r.o.threads;
    r.res.neighbours = contiguity_weights(r.t, co, progress);
}

// weighting = "calibrated" | "optimised": the domain weights from a first pass with
// equal weights — a regression of the [validate] reference on the domain scores at its
// level (cross-validated), or the weights that give every domain the same correlation
// with the index (COINr's get_opt_weights) — then the index with those weights.
index::IndexOptions fitted_weights(Run& r, const Progress& progress) {
    index::IndexOptions o = r.p.index;
    if (o.weighting != index::Weighting::Calibrated && o.weighting != index::Weighting::Optimised) return o;
    index::IndexOptions first = o;
    first.weighting = index::Weighting::Equal;
    FeatureTable scratch = r.t;
    const index::IndexModel m(scratch, first, r.res.neighbours ? &*r.res.neighbours : nullptr);
    const auto pass = index::compute_index(scratch, m);
    std::vector<double> w;
    auto& res = r.res;
    if (o.weighting == index::Weighting::Optimised) {
        std::vector<const std::vector<double>*> cols;
        for (const auto& d : pass.domain_scores) cols.push_back(&d);
        const auto ow = index::optimise_weights(cols);
        w = ow.weights;
        res.weight_fit_method = std::string("optimised: every domain the same correlation with the index (COINr get_opt_weights)") +
                                (ow.converged ? "" : "; did not converge, objective " + std::to_string(ow.objective));
    } else {
        const auto& v = r.p.validate;
        // The [[areas.level]] named by [validate] level, built here: the areas step comes later.
        std::vector<areas::AreaLevel> levels;
        std::vector<std::string> ignored;  // the areas step reports them
        for (const auto& l : r.p.areas.levels)
            if (r.p.areas_enabled && l.name == v.level) levels = build_area_levels(r.p, r.t, ignored, {});
        const areas::AreaLevel* level = nullptr;
        for (const auto& l : levels)
            if (l.name == v.level) level = &l;
        const auto val = validate::run_validation(scratch, validate::read_reference(v), validate::options_of(v, r.o.threads), progress, level);
        if (!val.calibration_error.empty() || val.calibration.weights.empty())
            throw DataError("weighting = \"calibrated\": " + (val.calibration_error.empty() ? std::string("no domain weights") : val.calibration_error),
                            ErrorContext{r.p.file, {}, {}, {}, r.p.line_of("index.weighting")}, "choose another weighting, or a reference with more areas");
        w = val.calibration.weights;
        res.weight_fit_rho_in_sample = val.calibration.rho_in_sample;
        res.weight_fit_rho_cross_validated = val.calibration.rho_cross_validated;
        res.weight_fit_method = "calibrated: non-negative least squares of " + v.score + " on the domain scores at level " + v.level + ", " +
                                std::to_string(val.calibration.fold_weights.size()) + "-fold cross-validated";
        if (!val.calibration.warning.empty()) res.warnings.push_back("weighting = \"calibrated\": " + val.calibration.warning);
        res.warnings.push_back("weighting = \"calibrated\": the weights are fitted on " + v.score +
                               ", so [validate]'s agreement with it is in-sample; the cross-validated rho is " +
                               std::to_string(val.calibration.rho_cross_validated).substr(0, 4));
    }
    for (std::size_t d = 0; d < o.domains.size() && d < w.size(); ++d) {
        o.domains[d].weight = w[d];
        res.fitted_domain_weights.push_back({o.domains[d].name, w[d]});
    }
    return o;
}

// 3. The index.
void step_index(Run& r, const Progress& progress) {
    const Project& p = r.p;
    auto& res = r.res;
    const index::IndexOptions options = fitted_weights(r, progress.scaled(0.0, 0.3));
    r.res.model.emplace(r.t, options, res.neighbours ? &*res.neighbours : nullptr);
    res.index = index::compute_index(r.t, *r.res.model, progress);
    res.scored = res.index.ranked;
    for (const auto& wmsg : res.index.warnings) res.warnings.push_back(wmsg);
    res.index_breaks = res.index.classes.upper;
    res.index_class_labels = res.index.classes.labels;
    res.methods = {{"imputation", index::to_string(p.index.missing)},
                   {"normalisation", index::to_string(p.index.normalisation)},
                   {"weighting", index::to_string(p.index.weighting)},
                   {"aggregation (indicators to domains)", index::to_string(p.index.domain_aggregation)},
                   {"aggregation (domains to index)", index::to_string(p.index.index_aggregation)},
                   {"classification", res.index.classes.method}};
    if (p.spatial_enabled)
        res.methods.push_back({"spatial statistics", p.spatial.weights.type + " weights (" + p.spatial.weights.transform + "), " +
                                                         std::to_string(p.spatial.permutations) + " permutations, " + p.spatial.multiple_testing});
    if (p.cluster_enabled)
        res.methods.push_back({"clustering", std::string(cluster::to_string(p.cluster_step.cluster.method)) + ", k = " + std::to_string(p.cluster_step.cluster.k)});
}

// 3b. Area levels ([areas]), before the Monte Carlo, which scores the areas in every run.
void step_area_levels(Run& r, const Progress& progress) {
    const Project& p = r.p;
    r.res.area_levels = build_area_levels(p, r.t, r.res.warnings, progress.scaled(0.0, 0.9));
    r.area_refs = area_references(p);
    r.area_options = area_job_options(p, r.res.index_class_labels);
    if (p.uncertainty.runs == 0) return;
    std::vector<const areas::AreaLevel*> ls;
    for (const auto& l : r.res.area_levels) ls.push_back(&l);
    const auto& o = r.area_options;
    auto col = [&](const std::string& c, const char* what) { return c.empty() ? std::vector<double>{} : areas::numeric_column(r.t, c, what); };
    r.area_runs = std::make_unique<areas::AreaRuns>(ls, col(o.population, "[areas] population"), col(o.households, "[areas] households"),
                                                    p.index.classes, o.low_class, p.uncertainty.runs);
}

// 4. Uncertainty and sensitivity.
void step_uncertainty(Run& r, const Progress& progress) {
    index::UncertaintyOptions uo = r.p.uncertainty;
    if (r.area_runs) uo.on_run = [&r](std::size_t run, const std::vector<double>& index) { r.area_runs->add(run, index); };
    auto ur = index::run_uncertainty(*r.res.model, r.res.index, uo, progress);
    index::add_uncertainty_fields(r.t, ur);
    r.parts = ur.timings;
    r.res.uncertainty = std::move(ur);
    r.res.uncertainty_runs = r.p.uncertainty.runs;
    r.res.uncertainty_seed = r.p.uncertainty.seed;
}

// 5. Audit.
void step_audit(Run& r, const Progress&) {
    r.res.audit = index::audit_index(*r.res.model, r.res.index);
}

// 5b. Explanations per unit: the distance from the mean unit, contributions, and what
// reaches the next class, as fields; the JSON and HTML read res.explanation.
void step_explain(Run& r, const Progress& progress) {
    r.res.explanation = index::explain_index(*r.res.model, r.res.index, r.p.explain.options, progress);
    add_explain_fields(r.t, {r.t, *r.res.model, r.res.index, *r.res.explanation}, r.p.explain.top);
    r.res.methods.push_back({"explanations", r.res.explanation->method == index::ContributionMethod::Linear ? "linear (exact)" : "Shapley over domains"});
}

// 6. Spatial statistics of the named fields (default: the index).
void step_spatial(Run& r, const Progress& progress) {
    check_step_fields(r.p, r.t, r.p.spatial.variables, "spatial", "[spatial] fields:");
    auto sr = spatial_step(r.p, r.t, r.p.spatial, progress);
    for (const auto& wmsg : sr.warnings) r.res.warnings.push_back(wmsg);
    r.parts = sr.timings;
    r.res.spatial = std::move(sr);
}

// 7. Clustering / regionalisation (default fields: the domain scores).
void step_cluster(Run& r, const Progress& progress) {
    const Project& p = r.p;
    cluster::ClusterJobOptions job;
    job.cluster = p.cluster_step.cluster;
    if (job.cluster.fields.empty())
        for (const auto& d : p.index.domains) job.cluster.fields.push_back(fields::domain_score(d.name));
    check_step_fields(p, r.t, job.cluster.fields, "cluster.fields", "[cluster] fields:");
    if (!job.cluster.floor_field.empty()) check_step_fields(p, r.t, {job.cluster.floor_field}, "cluster.floor_field", "[cluster] floor_field:");
    job.weights = p.cluster_step.weights;
    job.regions = p.cluster_step.regions;
    job.threads = r.o.threads;
    auto cj = cluster::run_cluster_job(r.t, job, progress);
    for (const auto& wmsg : cj.warnings) r.res.warnings.push_back(wmsg);
    r.parts = cj.timings;
    if (cj.has_regions) {
        r.res.regions = std::move(cj.regions);
        r.res.has_regions = true;
    }
    r.res.cluster = std::move(cj);
}

// 8. The monitor: each year's table joined to the same polygons (or mapped onto them
// across a boundary change, project/monitor_editions.hpp), then the long table, one
// index over all years, the change and its spatial pattern (monitor/monitor_job.hpp).
monitor::MonitorJobOptions monitor_options(const Run& r, const std::vector<YearEdition>& editions) {
    const Project& p = r.p;
    const auto& m = p.monitor;
    monitor::MonitorJobOptions o;
    for (const auto& e : editions) o.editions.push_back({e.year, &e.table, e.file, e.mapping});
    o.table.fill = m.fill;
    o.table.keep = p.keep_columns;
    for (const auto& ind : p.index.indicators) {
        monitor::YearlyIndicator y{ind.name, ind.source, {}, {}, {}};
        const auto it = p.monitoring.find(ind.name);
        if (it != p.monitoring.end()) {
            for (const auto& [year, col] : steps::year_pairs(it->second.year_columns)) y.column_in[year] = col;
            for (const auto& [year, col] : steps::year_pairs(it->second.year_denominators)) y.denominator_in[year] = col;
            y.fill = it->second.fill;
            o.errors.push_back(it->second.error);
        } else {
            o.errors.emplace_back();
        }
        o.table.indicators.push_back(std::move(y));
    }
    o.index = p.index;
    o.basis = m.basis;
    o.reference_year = m.reference_year;
    o.uncertainty = p.uncertainty;
    if (m.compare.size() == 2) {
        o.from = static_cast<int>(m.compare[0]);
        o.to = static_cast<int>(m.compare[1]);
    }
    o.level = m.level;
    if (m.development_thresholds.size() == 3)
        o.thresholds = monitor::Thresholds{m.development_thresholds[0], m.development_thresholds[1], m.development_thresholds[2]};
    o.emerging.alpha = m.alpha;
    o.emerging.permutations = m.permutations;
    o.emerging.seed = p.spatial.seed;
    o.emerging.alternative = p.spatial.alternative;
    o.emerging.multiple_testing = p.spatial.multiple_testing;
    o.emerging.draws = p.spatial.draws;
    o.transform = parse_transform(p.spatial.weights.transform);
    o.threads = r.o.threads;
    return o;
}

void step_monitor(Run& r, const Progress& progress) {
    if (!r.o.units_source.empty()) {
        r.res.warnings.push_back("[monitor] is left out: `leefbaar score` scores one layer; `leefbaar run` follows the years");
        return;
    }
    const auto joined = year_editions(r.p, r.t, r.res.warnings, progress.scaled(0.0, 0.3));
    auto o = monitor_options(r, joined);
    if (r.res.neighbours) o.neighbours = o.table.neighbours = &*r.res.neighbours;
    o.table.population = r.p.index.population;
    std::optional<SpatialWeights> w;
    if (r.p.monitor.emerging && joined[0].table.has_geometry() && !joined[0].table.points()) {
        w = build_weights(joined[0].table, r.p.spatial.weights, progress.scaled(0.3, 0.35));
        o.weights = &*w;
    }
    r.res.monitor = monitor::run_monitor_job(o, progress.scaled(0.35, 1.0));
    add_interp_fields(r.res.monitor->long_table, joined, o.table.indicators);
    for (const auto& msg : r.res.monitor->warnings) r.res.warnings.push_back("[monitor] " + msg);
}

// The areas followed over the monitor's years: the same units in the same order (both
// are the [input] polygons), else a warning and no trajectories.
void area_trajectory_step(Run& r) {
    auto& res = r.res;
    const auto& lt = res.monitor->long_table;
    bool same = lt.units == r.t.rows() && !r.t.key_column().empty() && lt.table.has_column(r.t.key_column());
    for (std::size_t u = 0; same && u < lt.units; ++u) same = lt.table.column(r.t.key_column()).as_text(lt.row(0, u)) == r.t.column(r.t.key_column()).as_text(u);
    if (!same) {
        res.warnings.push_back("[areas] the areas are not followed over the years: the monitor's units are not the project's units in the same order");
        return;
    }
    for (std::size_t l = 0; l < res.area_levels.size(); ++l) {
        res.area_trajectories.push_back(area_trajectories(r.t, res.area_levels[l], lt, r.p.areas.population));
        res.area_year_tables.push_back(area_years_layer(res.area_tables[l], res.area_levels[l], lt.years, res.area_trajectories.back()));
    }
}

// 9. Areas: the levels' scores, profiles and layers.
void step_areas(Run& r, const Progress& progress) {
    const Project& p = r.p;
    auto& res = r.res;
    const auto& labels = res.index_class_labels;
    res.areas = areas::run_area_job(r.t, *res.model, res.index, res.area_levels, r.area_refs, r.area_options, r.area_runs.get(),
                                    progress.scaled(0.0, 0.5));
    for (const auto& w : res.areas->warnings) res.warnings.push_back("[areas] " + w);
    for (std::size_t l = 0; l < res.area_levels.size(); ++l)
        res.area_tables.push_back(area_layer(p, r.t, res.area_levels, l, *res.areas, labels, r.o.threads,
                                             progress.scaled(0.5 + 0.5 * static_cast<double>(l) / static_cast<double>(res.area_levels.size()),
                                                             0.5 + 0.5 * static_cast<double>(l + 1) / static_cast<double>(res.area_levels.size()))));
    if (res.monitor) area_trajectory_step(r);
}

// 10. Output. Source columns the user did not ask for are dropped only now, after
// every step that might read them.
void step_output(Run& r, const Progress& progress) {
    const Project& p = r.p;
    if (!p.keep_all_source_columns) {
        std::set<std::string> keep(p.keep_columns.begin(), p.keep_columns.end());
        keep.insert(r.t.key_column());
        keep.insert(p.input.area_column);
        for (const auto& ind : p.index.indicators) {
            keep.insert(ind.source.column);
            if (!ind.source.denominator.empty()) keep.insert(ind.source.denominator);
        }
        for (const auto& c : area_columns(p)) keep.insert(c);
        std::set<std::string> source(r.source_columns.begin(), r.source_columns.end());
        for (const auto& name : r.t.column_names())
            if (source.count(name) && !keep.count(name)) r.t.remove_column(name);
    }
    if (r.o.write) r.parts = write_outputs(p, r.o, r.res, r.t, r.gpkg_tmp, r.html_tmp, progress);
}

// 11. The JSON report, last, so that its "timings" hold every step before it, and
// then the outputs moved into place together. The report's own entry there counts
// the building of the report, not its writing (which follows it).
void step_report(Run& r, const Progress&) {
    Stopwatch clock;
    r.res.report = report_json(r.p, r.res);
    auto steps = r.res.timings;
    steps.push_back({"report", clock.seconds(), {}});
    r.res.report["timings"] = {{"seconds", r.clock.seconds()}, {"threads", resolve_threads(r.o.threads)}, {"steps", timings_json(steps)}};
    if (!r.o.write) return;
    io::write_file_fully(r.report_tmp, json_report_text(r.res.report, r.res.report_path), r.res.report_path);
    r.outputs->commit();
}

// [validate]: the index against a reference score, at an [[areas.level]] of the
// project when the level names one, else by the CBS code rule.
void step_validate(Run& r, const Progress& progress) {
    const auto& v = r.p.validate;
    const areas::AreaLevel* level = nullptr;
    for (const auto& l : r.res.area_levels)
        if (l.name == v.level) level = &l;
    r.res.validation_options = validate::options_of(v, r.o.threads);
    const auto ref = validate::read_reference(v);
    r.res.validation = validate::run_validation(r.t, ref, r.res.validation_options, progress, level);
    for (const auto& w : r.res.validation->warnings) r.res.warnings.push_back("[validate] " + w);
    const auto& c = r.res.validation->compared.front().corr;
    r.res.methods.push_back({"validation", "against " + v.score + " at level " + v.level + ": Spearman " + std::to_string(c.spearman).substr(0, 5) + " over " +
                                               std::to_string(c.n) + " areas"});
}

// The steps of a project run, in order, with their share of the progress bar (of the
// steps that run) and whether the project asks for them.
struct Step {
    const char* name;
    const char* section;  // whose keys its messages name (prefer_param_section)
    double share;
    bool (*enabled)(const Project&);
    void (*run)(Run&, const Progress&);
};

bool always(const Project&) { return true; }
const Step kSteps[] = {
    {"units", "input", 0.30, always, step_units},
    {"neighbours", "index", 0.05, needs_neighbours, step_neighbours},
    {"index", "index", 0.10, always, step_index},
    {"area levels", "areas", 0.02, [](const Project& p) { return p.areas_enabled; }, step_area_levels},
    {"uncertainty", "uncertainty", 0.40, [](const Project& p) { return p.uncertainty.runs > 0; }, step_uncertainty},
    {"audit", "index", 0.01, always, step_audit},
    {"explain", "explain", 0.02, [](const Project& p) { return p.explain.enabled; }, step_explain},
    {"spatial", "spatial", 0.05, [](const Project& p) { return p.spatial_enabled; }, step_spatial},
    {"cluster", "cluster", 0.05, [](const Project& p) { return p.cluster_enabled; }, step_cluster},
    {"monitor", "monitor", 0.30, [](const Project& p) { return p.monitor_enabled; }, step_monitor},
    {"areas", "areas", 0.05, [](const Project& p) { return p.areas_enabled; }, step_areas},
    {"validate", "validate", 0.03, [](const Project& p) { return p.validate_enabled; }, step_validate},
    {"output", "output", 0.05, always, step_output},
    {"report", "output", 0.0, always, step_report},
};

}  // namespace

PipelineResult run_project(const Project& project, const RunOptions& o, const Progress& progress) {
    const Project p = effective(project, o);
    PipelineResult res;
    res.gpkg_path = output_gpkg_path(p, o);
    res.report_path = output_report_path(p, o);
    Run run{p, o, res, res.units, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}};
    if (o.write) {
        // A report next to an overridden GeoPackage, an HTML only when asked: checked
        // before any heavy work.
        declare_outputs(run);
    }
    double total = 0;
    for (const auto& s : kSteps) total += s.enabled(p) ? s.share : 0.0;
    double done = 0;
    for (const auto& s : kSteps) {
        if (!s.enabled(p)) continue;
        prefer_param_section(s.section);
        Stopwatch clock;
        s.run(run, progress.scaled(done / total, (done + s.share) / total));
        res.timings.push_back({s.name, clock.seconds(), std::move(run.parts)});
        run.parts.clear();
        done += s.share;
    }
    progress.report(1.0);
    return res;
}

// The JSON report, written once from the typed results of the steps.
nlohmann::json report_json(const Project& p, const PipelineResult& res) {
    nlohmann::json report;
    report["project"] = {{"file", p.file}, {"name", p.name}, {"description", p.description}, {"source", p.source}};
    if (res.join) report["join"] = res.join->report_json();
    if (res.units_source)
        report["units_source"] = {{"path", res.units_source->path},
                                  {"layer", res.units_source->layer},
                                  {"features", res.units_source->features},
                                  {"replaced_result_fields", res.units_source->replaced_result_fields}};
    if (res.neighbours) {
        std::size_t islands = 0;
        for (std::size_t i = 0; i < res.neighbours->size(); ++i) islands += res.neighbours->is_island(i) ? 1 : 0;
        report["neighbours"] = {{"kind", res.neighbours->kind}, {"links", res.neighbours->links()}, {"islands", islands}};
    }
    report["index"] = index::index_json(res.units, *res.model, res.index);
    if (res.uncertainty) report["uncertainty"] = index::uncertainty_json(*res.uncertainty);
    if (res.explanation) report["explanations"] = explain_json({res.units, *res.model, res.index, *res.explanation}, p.explain.options);
    report["audit"] = index::audit_json(*res.model, res.audit);
    if (res.spatial) report["spatial"] = res.spatial->to_json();
    if (res.cluster) report["cluster"] = res.cluster->cluster.to_json();  // without the "weights" block of `leefbaar cluster`
    if (res.validation) report["validation"] = validate::to_json(*res.validation, res.validation_options);
    if (!res.fitted_domain_weights.empty()) {
        nlohmann::json w = nlohmann::json::object();
        for (const auto& [d, v] : res.fitted_domain_weights) w[d] = v;
        report["fitted_weights"] = {{"method", res.weight_fit_method}, {"domains", w}};
        if (!std::isnan(res.weight_fit_rho_cross_validated))
            report["fitted_weights"]["rho"] = {{"in_sample", res.weight_fit_rho_in_sample}, {"cross_validated", res.weight_fit_rho_cross_validated}};
    }
    if (res.monitor) {
        std::vector<std::string> keys;
        const FeatureTable& u = res.monitor->change_table;
        for (std::size_t i = 0; i < u.rows(); ++i) keys.push_back(u.key_column().empty() ? std::to_string(i + 1) : u.column(u.key_column()).as_text(i));
        report["monitor"] = monitor::monitor_json(*res.monitor, keys);
        report["monitor"]["layers"] = {{"years", p.monitor.years_layer}, {"change", p.monitor.change_layer}, {"coverage", p.monitor.coverage_layer}};
    }
    if (res.areas) {
        report["areas"] = areas_json(p, res.area_levels, *res.areas, res.index_class_labels);
        for (std::size_t l = 0; l < res.area_trajectories.size(); ++l)
            for (std::size_t a = 0; a < res.area_levels[l].areas(); ++a) {
                auto tr = nlohmann::json::array();
                for (std::size_t y = 0; y < res.area_trajectories[l].size(); ++y) {
                    const double v = res.area_trajectories[l][y][a];
                    tr.push_back({{"year", res.monitor->long_table.years[y]}, {"index", std::isnan(v) ? nlohmann::json(nullptr) : nlohmann::json(v)}});
                }
                report["areas"]["levels"][l]["profiles"][a]["trajectory"] = tr;
            }
    }
    const FeatureTable& t = res.units;
    report["output"] = {{"gpkg", res.gpkg_path},
                        {"html", res.html_path},
                        {"regions_layer", res.has_regions ? p.cluster_step.regions_layer : std::string()},
                        {"units_layer", p.units_layer},
                        {"audit_layer", p.audit_layer},
                        {"features", t.rows()},
                        {"fields", t.columns().size()},
                        {"crs", t.crs().label()}};
    if (!res.warnings.empty()) report["warnings"] = res.warnings;
    if (!res.run_id.empty()) report["run_id"] = res.run_id;
    return report;
}

}  // namespace leefbaar::project
