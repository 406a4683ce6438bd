#include "validate/validate_job.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "areas/aggregate.hpp"
#include "areas/levels.hpp"
#include "core/error.hpp"
#include "core/field_names.hpp"
#include "io/dissolve.hpp"
#include "io/table_reader.hpp"

namespace leefbaar::validate {
namespace {

std::string source_of(const FeatureTable& t) { return t.source_file.empty() ? std::string("the reference") : t.source_file; }

const Column& need_column(const FeatureTable& t, const std::string& name, const std::string& what, const std::string& param) {
    if (!t.has_column(name)) {
        const std::string near = nearest_name(name, t.column_names());
        ErrorContext ctx{t.source_file, t.source_layer, {}, name, {}, param};
        throw DataError(what + " column '" + name + "' is not in " + source_of(t), ctx,
                        (near.empty() ? std::string() : "did you mean '" + near + "'? ") + "columns: " + join_names(t.column_names()));
    }
    return t.column(name);
}

std::vector<std::string> keys_of(const FeatureTable& units) {
    if (units.key_column().empty())
        throw UsageError("the units need a key (their codes) to be matched with the reference", ErrorContext{{}, {}, {}, {}, {}, "key"},
                         "set {{key}} to the units' code field, e.g. buurtcode");
    std::vector<std::string> keys;
    const Column& k = units.column(units.key_column());
    for (std::size_t i = 0; i < units.rows(); ++i) keys.push_back(k.as_text(i));
    return keys;
}

// The areas of the reference's level and the units in each.
areas::AreaLevel level_of(const std::vector<std::string>& keys, const std::string& level) {
    if (level == "wijk" || level == "gemeente") return areas::level_from_codes(level, keys, areas::parse_code_rule(level));
    if (level != "units")
        throw UsageError("unknown level '" + level + "'", ErrorContext{{}, {}, {}, {}, {}, "level"},
                         "choose units, wijk or gemeente (in a project also the name of an [[areas.level]])");
    areas::AreaLevel l;
    l.name = "units";
    std::map<std::string, std::size_t> seen;
    for (std::size_t u = 0; u < keys.size(); ++u) {
        if (!seen.emplace(keys[u], u).second)
            throw DataError("unit key '" + keys[u] + "' occurs twice", ErrorContext{{}, {}, static_cast<std::int64_t>(u + 1)},
                            "the units' key must be unique to match a reference at the units' level");
        l.codes.push_back(keys[u]);
        l.names.push_back(keys[u]);
        l.members.push_back({{u, 1.0}});
        l.main_area.push_back(static_cast<std::int64_t>(u));
    }
    return l;
}

// Reference key -> score; a duplicate key or a text score is a data error naming the row.
std::map<std::string, double> reference_scores(const FeatureTable& ref, const ValidateOptions& o) {
    const Column& k = need_column(ref, o.reference_key, "reference key", "reference_key");
    const Column& s = need_column(ref, o.reference_score, "reference score", "reference_score");
    if (!s.is_numeric())
        throw DataError("reference score column '" + o.reference_score + "' holds text, not numbers",
                        ErrorContext{ref.source_file, ref.source_layer, {}, o.reference_score, {}, "reference_score"}, "name a numeric column");
    std::map<std::string, double> out;
    for (std::size_t r = 0; r < ref.rows(); ++r) {
        const std::string key = k.as_text(r);
        if (key.empty() || s.is_null(r)) continue;
        const double v = s.as_double(r) * (o.reference_lower_is_better ? -1.0 : 1.0);
        if (!out.emplace(key, v).second)
            throw DataError("reference key '" + key + "' occurs twice", ErrorContext{ref.source_file, ref.source_layer, static_cast<std::int64_t>(r + 1), o.reference_key},
                            "keep one row per area (e.g. filter the reference to one year)");
    }
    return out;
}

struct Field {
    std::string name, label, kind;
};

// The scored layer's result fields that are compared: index, d_*, n_*.
std::vector<Field> compared_fields(const FeatureTable& units) {
    if (!units.has_column(fields::index_score) || !units.column(fields::index_score).is_numeric())
        throw DataError("'" + units.source_file + "' has no field 'index': it is not a layer scored by leefbaar", ErrorContext{units.source_file, units.source_layer},
                        "validate the output of `leefbaar run` or `leefbaar score` (its units layer, or an areas_<level> layer)");
    std::vector<Field> out{{fields::index_score, "Liveability index", "index"}};
    for (const char* kind : {"domain", "indicator"}) {
        const std::string prefix = std::string(kind) == "domain" ? "d_" : "n_";
        for (const auto& c : units.columns())
            if (c.is_numeric() && c.name.size() > prefix.size() && c.name.compare(0, prefix.size(), prefix) == 0)
                out.push_back({c.name, c.title.empty() ? c.name.substr(prefix.size()) : c.title, kind});
    }
    return out;
}

// Ranks 1 = best among the areas with a value (competition ranking of ties), by one
// sort: at the units' level there are as many areas as units.
std::vector<long> ranks_of(const std::vector<double>& x) {
    std::vector<std::size_t> order;
    for (std::size_t i = 0; i < x.size(); ++i)
        if (!std::isnan(x[i])) order.push_back(i);
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return x[a] > x[b] || (x[a] == x[b] && a < b); });
    std::vector<long> r(x.size(), 0);
    for (std::size_t k = 0; k < order.size(); ++k)
        r[order[k]] = k > 0 && x[order[k]] == x[order[k - 1]] ? r[order[k - 1]] : static_cast<long>(k + 1);
    return r;
}

// The sign verdict from the Spearman interval correlate() gave (indicator_signs would
// bootstrap the same resamples again): the reference is oriented higher = better.
std::string verdict_of(const index::Correlation& c) {
    if (c.status != index::SeriesStatus::ok) return index::verdict_text(index::SignVerdict::undefined);
    return index::verdict_text(index::verdict_of(c.spearman_interval, index::Direction::HigherIsBetter));
}

void put(FeatureTable& t, const std::string& name, const std::vector<double>& v, const std::string& title, const std::string& description) {
    Column c = Column::make(name, ColumnType::Float64, t.rows());
    for (std::size_t i = 0; i < v.size(); ++i)
        if (!std::isnan(v[i])) c.set(i, v[i]);
    c.title = title;
    c.description = description;
    t.add_column(std::move(c), true);
}

void put_ranks(FeatureTable& t, const std::string& name, const std::vector<long>& r, const std::string& title) {
    Column c = Column::make(name, ColumnType::Int64, t.rows());
    for (std::size_t i = 0; i < r.size(); ++i)
        if (r[i] > 0) c.set(i, static_cast<std::int64_t>(r[i]));
    c.title = title;
    c.description = title + " among the areas with both scores, 1 = best";
    t.add_column(std::move(c), true);
}

struct Matched {
    std::vector<double> reference;  // per area, NaN without a reference score (oriented: higher = better)
    std::size_t matched = 0;
};

Matched match(const areas::AreaLevel& level, const std::map<std::string, double>& ref, const std::vector<double>& index, ValidateResult& r) {
    Matched m;
    m.reference.assign(level.areas(), NAN);
    std::map<std::string, bool> used;
    for (std::size_t a = 0; a < level.areas(); ++a) {
        const auto it = ref.find(level.codes[a]);
        if (it == ref.end()) continue;
        used[it->first] = true;
        m.reference[a] = it->second;
        m.matched += std::isnan(index[a]) ? 0 : 1;
    }
    r.reference_rows = ref.size();
    for (const auto& [k, v] : ref)
        if (!used.count(k)) {
            ++r.reference_unmatched;
            if (r.unmatched_examples.size() < 5) r.unmatched_examples.push_back(k);
        }
    return m;
}

void check_match(const ValidateOptions& o, const areas::AreaLevel& level, const Matched& m, const FeatureTable& ref, ValidateResult& r) {
    const std::string what = std::to_string(m.matched) + " of the " + std::to_string(level.areas()) + " areas (level " + o.level + ") with an index";
    if (m.matched < 3)
        throw DataError("only " + what + " have a score in the reference (" + std::to_string(r.reference_rows) + " rows with a score" +
                            (r.unmatched_examples.empty() ? std::string() : ", e.g. '" + r.unmatched_examples.front() + "'") + ")",
                        ErrorContext{ref.source_file, ref.source_layer, {}, o.reference_key, {}, "reference_key"},
                        "check that the reference's keys are codes of the same level as {{level}} (units, wijk or gemeente), e.g. WK091710 for level wijk");
    if (static_cast<double>(m.matched) < o.min_matched * static_cast<double>(level.areas()))
        r.warnings.push_back("only " + what + " have a reference score: the comparison covers part of the areas");
}

// The area table: code, n_units, the rolled-up fields, the reference and the residuals.
FeatureTable area_table(const FeatureTable& units, const areas::AreaLevel& level, const std::vector<Field>& fs,
                        const std::vector<std::vector<double>>& rolled, const ValidateOptions& o, unsigned threads, const Progress& progress) {
    FeatureTable t;
    t.resize(level.areas());
    t.add_column("code", ColumnType::Text);
    t.add_column("naam", ColumnType::Text);
    t.add_column("n_units", ColumnType::Int64);
    for (std::size_t a = 0; a < level.areas(); ++a) {
        t.column("code").set(a, level.codes[a]);
        t.column("naam").set(a, a < level.names.size() ? level.names[a] : level.codes[a]);
        t.column("n_units").set(a, static_cast<std::int64_t>(level.members[a].size()));
    }
    t.column("code").title = "Area code";
    t.column("naam").title = "Area name";
    t.column("n_units").title = "Units in the area";
    t.set_key_column("code");
    for (std::size_t f = 0; f < fs.size(); ++f)
        put(t, fs[f].name, rolled[f], fs[f].label, std::string(o.weight.empty() ? "Mean" : "Weighted mean (" + o.weight + ")") + " of the units' " + fs[f].name);
    if (units.has_geometry() && !units.points()) {
        std::vector<std::int64_t> group(units.rows(), 0);
        for (std::size_t a = 0; a < level.areas(); ++a)
            for (const auto& m : level.members[a]) group[m.unit] = static_cast<std::int64_t>(a + 1);
        t.enable_geometry();
        t.geometries() = io::dissolve_groups(units.geometries(), group, level.areas(), threads, progress);
        t.set_crs(units.crs());
    }
    return t;
}

// z-scores, residuals and ranks of the index against the reference, as fields and
// as the list of the largest disagreements.
void add_residuals(ValidateResult& r, const std::vector<double>& ref, const std::vector<double>& index, const ValidateOptions& o) {
    std::vector<double> own(index.size(), NAN), theirs(index.size(), NAN);
    for (std::size_t a = 0; a < index.size(); ++a)
        if (!std::isnan(index[a]) && !std::isnan(ref[a])) own[a] = index[a], theirs[a] = ref[a];
    const auto res = index::standardised_residuals(own, theirs);
    const auto z = [](const std::vector<double>& x) {
        double s = 0, ss = 0, n = 0;
        for (double v : x)
            if (!std::isnan(v)) s += v, ss += v * v, n += 1;
        const double mean = s / n, sd = std::sqrt((ss - n * mean * mean) / (n - 1));
        std::vector<double> out(x.size(), NAN);
        for (std::size_t i = 0; i < x.size(); ++i)
            if (!std::isnan(x[i]) && sd > 0) out[i] = (x[i] - mean) / sd;
        return out;
    };
    const auto rank_own = ranks_of(own), rank_ref = ranks_of(theirs);
    put(r.areas, fields::validation_reference, theirs, "Reference score", r.reference_score + (o.reference_lower_is_better ? " (sign reversed: higher = better)" : "") + ", where the area has an index");
    put(r.areas, fields::validation_z_own, z(own), "Index (z-score)", "The index standardised over the areas with both scores");
    put(r.areas, fields::validation_z_ref, z(theirs), "Reference (z-score)", "The reference score standardised over the areas with both scores");
    put(r.areas, fields::validation_residual, res.residual, "Index minus reference (sd)", "Standardised residual z_own - z_ref: positive where the index rates the area better than the reference does");
    put_ranks(r.areas, fields::validation_rank_own, rank_own, "Rank by the index");
    put_ranks(r.areas, fields::validation_rank_ref, rank_ref, "Rank by the reference");
    for (std::size_t k = 0; k < res.largest.size() && k < o.top; ++k) {
        const std::size_t a = res.largest[k];
        r.largest.push_back({r.areas.column("code").as_text(a), r.areas.column("naam").as_text(a), own[a], theirs[a] * (o.reference_lower_is_better ? -1.0 : 1.0), res.residual[a], rank_own[a], rank_ref[a]});
    }
}

// The domain weights a regression of the reference on the domain scores would give
// (non-negative, cross-validated): evidence for or against the chosen weights, not a
// replacement for them.
void calibrate(ValidateResult& r, const std::vector<Field>& fs, const std::vector<std::vector<double>>& rolled, const std::vector<double>& ref,
               const ValidateOptions& o) {
    std::vector<const std::vector<double>*> cols;
    index::CalibrationOptions co;
    co.folds = static_cast<std::size_t>(o.folds);
    co.seed = o.stats.seed;
    for (std::size_t f = 0; f < fs.size(); ++f)
        if (fs[f].kind == "domain") {
            cols.push_back(&rolled[f]);
            co.names.push_back(fs[f].name);
            r.domain_fields.push_back(fs[f].name);
        }
    if (cols.empty()) return;
    try {
        r.calibration = index::calibrate_weights(cols, ref, co);
        if (!r.calibration.warning.empty()) r.warnings.push_back("calibrated domain weights: " + r.calibration.warning);
    } catch (const UsageError& e) {
        r.calibration_error = e.what();
        r.warnings.push_back(std::string("no calibrated domain weights: ") + e.what());
    }
}

}  // namespace

ValidateOptions options_of(const steps::ValidateStep& v, unsigned threads) {
    ValidateOptions o;
    o.level = v.level;
    o.weight = v.weight;
    o.reference_key = v.reference_key;
    o.reference_score = v.score;
    o.reference_lower_is_better = v.lower_is_better;
    o.top = static_cast<std::size_t>(v.top);
    o.min_matched = v.min_matched;
    o.folds = v.folds;
    o.note = v.note;
    o.stats.seed = v.seed;
    o.stats.replicates = static_cast<std::size_t>(v.replicates);
    o.stats.level = v.confidence;
    o.stats.threads = o.threads = threads;
    return o;
}

FeatureTable read_reference(const steps::ValidateStep& v) {
    io::TableReadOptions to;
    to.layer = v.reference_layer;
    to.key_column = v.reference_key;
    to.text_columns = {v.reference_key};
    return io::read_table(v.reference, to).table;
}

ValidateResult run_validation(const FeatureTable& units, const FeatureTable& reference, const ValidateOptions& o, const Progress& progress,
                              const areas::AreaLevel* given) {
    ValidateResult r;
    r.level = o.level;
    r.reference_score = o.reference_score;
    const auto fs = compared_fields(units);
    const auto level = given ? *given : level_of(keys_of(units), o.level);
    const auto ref = reference_scores(reference, o);
    std::vector<double> w;
    if (!o.weight.empty()) w = areas::numeric_column(units, o.weight, "weight");
    std::vector<std::vector<double>> rolled;
    for (const auto& f : fs) rolled.push_back(areas::area_mean(level, areas::numeric_column(units, f.name, f.name), w));
    const Matched m = match(level, ref, rolled[0], r);
    check_match(o, level, m, reference, r);
    r.areas_total = level.areas();
    r.matched = m.matched;
    progress.report(0.05, "correlating");
    for (std::size_t f = 0; f < fs.size(); ++f) {
        Compared c{fs[f].name, fs[f].label, fs[f].kind, {}, {}};
        c.corr = index::correlate(rolled[f], m.reference, o.stats);
        if (f > 0) c.verdict = verdict_of(c.corr);
        r.compared.push_back(std::move(c));
        progress.report(0.05 + 0.6 * static_cast<double>(f + 1) / static_cast<double>(fs.size()), "correlating");
    }
    r.areas = area_table(units, level, fs, rolled, o, o.threads, progress.scaled(0.7, 0.95));
    add_residuals(r, m.reference, rolled[0], o);
    calibrate(r, fs, rolled, m.reference, o);
    progress.report(1.0);
    return r;
}

}  // namespace leefbaar::validate
