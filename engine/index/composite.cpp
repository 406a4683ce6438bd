#include "index/composite.hpp"

#include <algorithm>
#include <cstdio>
#include <map>

#include "core/error.hpp"
#include "core/field_names.hpp"
#include "core/parallel.hpp"
#include "index/aggregate.hpp"
#include "index/normalise.hpp"
#include "index/ranking.hpp"
#include "index/stats.hpp"

namespace leefbaar::index {
namespace {

void check_weight(double w, const std::string& what) {
    if (!(w >= 0) || std::isinf(w))
        throw UsageError("the weight of " + what + " is " + std::to_string(w) + "; weights must be zero or positive", {},
                         "use a non-negative weight (0 leaves it out)");
}

std::string percent(double share) {
    char b[32];
    std::snprintf(b, sizeof b, "%.0f %%", 100.0 * share);
    return b;
}

}  // namespace

IndexModel::IndexModel(const FeatureTable& table, IndexOptions options, const SpatialWeights* weights)
    : options_(std::move(options)), weights_(weights), units_(table.rows()) {
    auto& o = options_;
    if (o.indicators.empty()) throw UsageError("the index has no indicators", {}, "add at least one [indicator.<name>] section");
    if (o.domains.empty()) throw UsageError("the index has no domains", {}, "add at least one [domain.<name>] section");
    if (!(o.min_coverage >= 0 && o.min_coverage <= 1))
        throw UsageError("min_coverage must be between 0 and 1", {}, "e.g. min_coverage = 0.5 (half of the indicators)");
    std::map<std::string, std::size_t> dom;
    for (std::size_t d = 0; d < o.domains.size(); ++d) {
        if (!dom.emplace(o.domains[d].name, d).second) throw UsageError("domain '" + o.domains[d].name + "' is defined twice");
        check_weight(o.domains[d].weight, "domain '" + o.domains[d].name + "'");
    }
    members_.assign(o.domains.size(), {});
    std::vector<std::string> domain_names;
    for (const auto& d : o.domains) domain_names.push_back(d.name);
    for (std::size_t i = 0; i < o.indicators.size(); ++i) {
        const auto& ind = o.indicators[i];
        const auto it = dom.find(ind.domain);
        if (it == dom.end()) {
            const auto near = nearest_name(ind.domain, domain_names);
            throw UsageError("indicator '" + ind.name + "' belongs to unknown domain '" + ind.domain + "'", {},
                             (near.empty() ? "" : "did you mean '" + near + "'? ") + "domains: " + join_names(domain_names));
        }
        check_weight(ind.weight, "indicator '" + ind.name + "'");
        domain_of_.push_back(it->second);
        members_[it->second].push_back(i);
    }
    for (std::size_t d = 0; d < o.domains.size(); ++d) {
        if (members_[d].empty())
            throw UsageError("domain '" + o.domains[d].name + "' has no indicators", {},
                             "give it indicators (domain = \"" + o.domains[d].name + "\") or remove it");
        if (o.weighting == Weighting::Explicit) {
            double s = 0;
            for (auto i : members_[d]) s += o.indicators[i].weight;
            if (s <= 0)
                throw UsageError("all indicator weights in domain '" + o.domains[d].name + "' are zero", {},
                                 "give at least one indicator a positive weight");
        }
    }
    double sd = 0;
    for (const auto& d : o.domains) sd += o.weighting == Weighting::Equal ? 1.0 : d.weight;
    if (sd <= 0) throw UsageError("all domain weights are zero", {}, "give at least one domain a positive weight");
    for (const auto& d : o.domains) domain_weights_.push_back((o.weighting == Weighting::Equal ? 1.0 : d.weight) / sd);

    std::vector<std::vector<std::uint8_t>> too_small;
    derive_indicators(table, too_small);
    judge_coverage(table, too_small);
}

void IndexModel::derive_indicators(const FeatureTable& table, std::vector<std::vector<std::uint8_t>>& too_small) {
    for (const auto& ind : options_.indicators) {
        TransformSpec spec = ind.source;
        if (spec.population.empty()) spec.population = options_.population;
        Derived d = derive_all(table, spec, weights_);
        if (d.zero_population > 0)
            derive_warnings_.push_back("indicator '" + ind.name + "': " + std::to_string(d.zero_population) + " unit(s) have a population ('" +
                                       spec.denominator + "') of 0: no rate and no smoothed rate for them; they count as missing");
        raw_.push_back(std::move(d.value));
        crude_.push_back(std::move(d.crude));
        too_small.push_back(std::move(d.too_small));
    }
}

namespace {
std::string number_text(double v) {
    char b[32];
    std::snprintf(b, sizeof b, "%g", v);
    return b;
}
}  // namespace

// Coverage is judged on observed data, before imputation: imputed values must not
// make a unit with almost no data look measured. A value left out for a small
// population counts as not observed, and the status says which.
void IndexModel::judge_coverage(const FeatureTable& table, const std::vector<std::vector<std::uint8_t>>& too_small) {
    const auto& o = options_;
    std::vector<double> pop;
    if (o.min_population > 0) {
        if (o.population.empty())
            throw UsageError("[index] min_population needs a population column", {}, "set [index] population = \"<column of inhabitants>\"");
        const Column& c = table.column(o.population);
        if (!c.is_numeric())
            throw DataError("population column '" + o.population + "' holds text, not numbers", ErrorContext{table.source_file, table.source_layer, {}, o.population, {}},
                            "name a numeric column of inhabitants");
        for (std::size_t u = 0; u < units_; ++u) pop.push_back(c.as_double(u));
    }
    eligible_.assign(units_, 0);
    status_.assign(units_, "ok");
    const std::size_t k = raw_.size();
    for (std::size_t u = 0; u < units_; ++u) {
        std::string small;
        for (std::size_t i = 0; i < k; ++i)
            if (!too_small[i].empty() && too_small[i][u]) small += (small.empty() ? "" : ", ") + o.indicators[i].name;
        if (!small.empty()) small = "not used (population below the indicator's min_population): " + small;
        if (!pop.empty() && !(pop[u] >= o.min_population)) {
            status_[u] = std::isnan(pop[u]) ? "population unknown ('" + o.population + "' is empty); [index] min_population is " + number_text(o.min_population)
                                             : "population " + number_text(pop[u]) + " below the minimum of " + number_text(o.min_population) +
                                                   " ([index] min_population)";
            continue;
        }
        std::size_t present = 0;
        for (const auto& r : raw_) present += std::isnan(r[u]) ? 0 : 1;
        const double share = static_cast<double>(present) / static_cast<double>(k);
        if (present > 0 && share + 1e-12 >= o.min_coverage) {
            eligible_[u] = 1;
            ++eligible_count_;
            if (!small.empty()) status_[u] = "ok; " + small;
        } else {
            status_[u] = "too little data: " + std::to_string(present) + " of " + std::to_string(k) + " indicators observed (" +
                         percent(share) + "), minimum " + percent(o.min_coverage) + (small.empty() ? "" : "; " + small);
        }
    }
    observed_.assign(k, 0);
    for (std::size_t i = 0; i < k; ++i)
        for (std::size_t u = 0; u < units_ && !observed_[i]; ++u) observed_[i] = eligible_[u] && !std::isnan(raw_[i][u]);
}

Variant IndexModel::make_variant(std::optional<Imputation> imputation, std::optional<Normalisation> normalisation,
                                 const RawPerturbation& perturb) const {
    const auto& o = options_;
    const std::size_t k = raw_.size();
    Variant v;
    v.norm.resize(k);
    v.imputed.resize(k);
    v.impute_reports.resize(k);
    v.outliers.resize(k);
    v.methods.resize(k);
    v.shift.resize(k);
    for (std::size_t i = 0; i < k; ++i) {
        const auto& ind = o.indicators[i];
        std::vector<double> x = raw_[i];
        if (perturb) perturb(i, x);
        // Units that will not be scored must not shape the distribution of the others.
        for (std::size_t u = 0; u < units_; ++u)
            if (!eligible_[u]) x[u] = NAN;
        const Imputation im = imputation ? *imputation : ind.missing.value_or(o.missing);
        auto rep = impute(x, im, weights_);
        for (std::size_t u = 0; u < units_; ++u)
            if (!eligible_[u]) rep.imputed[u] = 0;
        v.imputed[i] = std::move(rep.imputed);
        rep.imputed.clear();
        v.impute_reports[i] = rep;
        v.outliers[i] = treat_outliers(x, o.outliers);
        NormaliseParams p;
        p.method = ind.normalisation ? *ind.normalisation : normalisation.value_or(o.normalisation);
        p.direction = ind.direction;
        p.reference = ind.reference;
        p.goal_low = ind.goal_low;
        p.goal_high = ind.goal_high;
        if (p.method == Normalisation::Goalposts && (std::isnan(ind.goal_low) || std::isnan(ind.goal_high)))
            throw UsageError("indicator '" + ind.name + "' is normalised with goalposts but has none", {},
                             "set goalposts = [low, high] for it, or choose another normalisation");
        v.methods[i] = p.method;
        normalise(x, v.norm[i], p);
        v.shift[i] = column_shift(v.norm[i], Aggregation::Geometric);
    }
    v.within.assign(k, 0.0);
    v.pca.resize(members_.size());
    for (std::size_t d = 0; d < members_.size(); ++d) {
        const auto& m = members_[d];
        std::vector<double> w(m.size(), 1.0);
        if (o.weighting == Weighting::Explicit)
            for (std::size_t j = 0; j < m.size(); ++j) w[j] = o.indicators[m[j]].weight;
        std::vector<std::size_t> seen;  // positions in m of the observed indicators
        for (std::size_t j = 0; j < m.size(); ++j)
            if (observed_[m[j]]) seen.push_back(j);
        if (o.weighting == Weighting::Pca && seen.size() > 1) {
            // An unobserved indicator would leave PCA no complete rows: leave it out.
            std::vector<const std::vector<double>*> cols;
            for (auto j : seen) cols.push_back(&v.norm[m[j]]);
            v.pca[d] = principal_components(cols);
            if (!v.pca[d].weights.empty()) {
                std::vector<double> loadings(m.size(), NAN);
                for (std::size_t q = 0; q < seen.size(); ++q) {
                    w[seen[q]] = v.pca[d].weights[q];
                    loadings[seen[q]] = v.pca[d].first_loadings[q];
                }
                v.pca[d].first_loadings = std::move(loadings);
            }
        }
        for (std::size_t j = 0; j < m.size(); ++j)
            if (!observed_[m[j]]) w[j] = 0;
        double s = 0;
        for (double x : w) s += x;
        // Degenerate weights (all 0): equal weights for the observed indicators, except
        // with explicit weights, where 0 means "leave out".
        const bool equal = !(s > 0) && o.weighting != Weighting::Explicit;
        for (std::size_t j = 0; j < m.size(); ++j) {
            if (s > 0) v.within[m[j]] = w[j] / s;
            else if (equal && observed_[m[j]]) v.within[m[j]] = 1.0 / static_cast<double>(seen.size());
        }
    }
    return v;
}

void IndexModel::cache_for(Variant& v, Aggregation method) const {
    auto& cache = method == Aggregation::Geometric ? v.log_shifted : v.inv_shifted;
    if (method == Aggregation::Arithmetic || !cache.empty()) return;
    cache.resize(v.norm.size());
    for (std::size_t i = 0; i < v.norm.size(); ++i) {
        cache[i].resize(units_);
        for (std::size_t u = 0; u < units_; ++u) {
            const double x = v.norm[i][u] + v.shift[i];
            cache[i][u] = method == Aggregation::Geometric ? std::log(x) : 1.0 / x;
        }
    }
}

void IndexModel::score(const Variant& v, Aggregation domain_agg, Aggregation index_agg, const double* indicator_mult,
                       const double* domain_mult, std::vector<std::vector<double>>* domains, std::vector<double>& index,
                       unsigned threads) const {
    const std::size_t nd = members_.size();
    std::vector<std::vector<double>> local;
    auto& ds = domains ? *domains : local;
    ds.assign(nd, std::vector<double>(units_, NAN));
    index.assign(units_, NAN);
    const bool shift_ind = domain_agg != Aggregation::Arithmetic;
    // Precomputed ln(v + shift) or 1/(v + shift) when the variant has them: the
    // weighted sum below then gives the same mean as aggregate() without a log per value.
    const auto* cached = domain_agg == Aggregation::Geometric ? &v.log_shifted : domain_agg == Aggregation::Harmonic ? &v.inv_shifted : nullptr;
    if (cached && cached->empty()) cached = nullptr;
    std::vector<std::vector<double>> w(nd);
    for (std::size_t d = 0; d < nd; ++d)
        for (auto i : members_[d]) w[d].push_back(v.within[i] * (indicator_mult ? indicator_mult[i] : 1.0));
    // Column by column within blocks of units: contiguous, vectorisable loops (the
    // Monte Carlo calls this thousands of times).
    const bool fast = domain_agg == Aggregation::Arithmetic || cached;
    parallel_for(units_, threads, [&](std::size_t b, std::size_t e) {
        std::vector<double> vals, s(e - b), sw(e - b);
        for (std::size_t d = 0; d < nd; ++d) {
            const auto& m = members_[d];
            if (!fast) {
                for (std::size_t u = b; u < e; ++u) {
                    if (!eligible_[u]) continue;
                    vals.resize(m.size());
                    for (std::size_t j = 0; j < m.size(); ++j) vals[j] = v.norm[m[j]][u] + (shift_ind ? v.shift[m[j]] : 0.0);
                    ds[d][u] = aggregate(vals.data(), w[d].data(), m.size(), domain_agg);
                }
                continue;
            }
            std::fill(s.begin(), s.end(), 0.0);
            std::fill(sw.begin(), sw.end(), 0.0);
            for (std::size_t j = 0; j < m.size(); ++j) {
                const double wj = w[d][j];
                if (wj == 0) continue;
                const double* x = (cached ? (*cached)[m[j]].data() : v.norm[m[j]].data()) + b;
                for (std::size_t k = 0; k < e - b; ++k) {
                    const bool ok = !std::isnan(x[k]);
                    s[k] += ok ? wj * x[k] : 0.0;
                    sw[k] += ok ? wj : 0.0;
                }
            }
            double* out = ds[d].data() + b;
            for (std::size_t k = 0; k < e - b; ++k) {
                if (!eligible_[b + k] || sw[k] <= 0) continue;
                out[k] = domain_agg == Aggregation::Arithmetic ? s[k] / sw[k] : domain_agg == Aggregation::Geometric ? std::exp(s[k] / sw[k]) : sw[k] / s[k];
            }
        }
    }, 4096);
    std::vector<double> dshift(nd, 0.0), dw(nd);
    for (std::size_t d = 0; d < nd; ++d) {
        dshift[d] = v.domain_shift.empty() ? column_shift(ds[d], index_agg) : v.domain_shift[d];
        dw[d] = domain_weights_[d] * (domain_mult ? domain_mult[d] : 1.0);
    }
    parallel_for(units_, threads, [&](std::size_t b, std::size_t e) {
        if (index_agg == Aggregation::Arithmetic) {
            // Domain by domain over a block, as above: the same sums in the same order
            // as aggregate(), without a call per unit (the Monte Carlo's inner loop).
            std::vector<double> s(e - b, 0.0), sw(e - b, 0.0);
            for (std::size_t d = 0; d < nd; ++d) {
                const double wd = dw[d];
                if (wd == 0) continue;
                const double* x = ds[d].data() + b;
                for (std::size_t k = 0; k < e - b; ++k) {
                    const bool ok = !std::isnan(x[k]);
                    s[k] += ok ? wd * x[k] : 0.0;
                    sw[k] += ok ? wd : 0.0;
                }
            }
            for (std::size_t k = 0; k < e - b; ++k)
                if (eligible_[b + k] && sw[k] > 0) index[b + k] = s[k] / sw[k];
            return;
        }
        std::vector<double> vals(nd);
        for (std::size_t u = b; u < e; ++u) {
            if (!eligible_[u]) continue;
            for (std::size_t d = 0; d < nd; ++d) vals[d] = ds[d][u] + dshift[d];
            index[u] = aggregate(vals.data(), dw.data(), nd, index_agg);
        }
    }, 4096);
}

namespace {
// A smoothed indicator keeps both rates: the crude one is what was measured, the
// Empirical Bayes one what the index used.
void add_rate_fields(FeatureTable& table, const IndexModel& model, std::size_t i) {
    const auto& ind = model.options().indicators[i];
    const std::size_t n = table.rows();
    const char* unit = ind.source.transform == Transform::Per1000 ? "per 1,000" : "%";
    Column crude = Column::make(fields::crude_rate(ind.name), ColumnType::Float64, n);
    Column eb = Column::make(fields::smoothed_rate(ind.name), ColumnType::Float64, n);
    for (std::size_t u = 0; u < n; ++u) {
        if (!std::isnan(model.crude(i)[u])) crude.set(u, model.crude(i)[u]);
        if (!std::isnan(model.raw(i)[u])) eb.set(u, model.raw(i)[u]);
    }
    crude.title = ind.label + " (crude rate)";
    crude.description = ind.label + ": the crude rate (" + unit + ", " + ind.source.column + " / " + ind.source.denominator + ") before smoothing";
    eb.title = ind.label + " (smoothed rate)";
    eb.description = ind.label + ": " + (ind.source.smoothing == Smoothing::Eb ? "global" : "spatial") +
                     " Empirical Bayes rate (" + unit + "), the value the index uses; small populations are moved toward the " +
                     (ind.source.smoothing == Smoothing::Eb ? "overall rate" : "rate of the unit and its neighbours");
    table.add_column(std::move(crude), true);
    table.add_column(std::move(eb), true);
}
}  // namespace

IndexResult compute_index(FeatureTable& table, const IndexModel& model, const Progress& progress) {
    const auto& o = model.options();
    if (table.rows() != model.units()) throw UsageError("the table changed since the index model was built");
    IndexResult r;
    progress.report(0.0, "normalising");
    r.variant = model.make_variant();
    progress.report(0.4, "aggregating");
    model.score(r.variant, o.domain_aggregation, o.index_aggregation, nullptr, nullptr, &r.domain_scores, r.index, o.threads);
    r.ranked = competition_ranks(r.index, r.rank);
    r.percentile.assign(r.index.size(), NAN);
    for (std::size_t u = 0; u < r.index.size(); ++u)
        if (r.rank[u] > 0) r.percentile[u] = rank_percentile(r.rank[u], r.ranked);
    r.classes = classify(r.index, o.classes);
    // Effective weights as the aggregation applies them: a domain without any observed
    // indicator has no score for any unit, so the index is the mean of the others.
    r.effective_domain_weights = model.domain_weights();
    double dsum = 0;
    for (std::size_t d = 0; d < model.domain_count(); ++d) {
        double within = 0;
        for (auto i : model.members(d)) within += r.variant.within[i];
        if (!(within > 0)) r.effective_domain_weights[d] = 0;
        dsum += r.effective_domain_weights[d];
    }
    for (auto& w : r.effective_domain_weights) w = dsum > 0 ? w / dsum : 0.0;
    for (std::size_t i = 0; i < model.indicator_count(); ++i)
        r.effective_weights.push_back(r.variant.within[i] * r.effective_domain_weights[model.domain_of(i)]);
    for (const auto& wmsg : model.derive_warnings()) r.warnings.push_back(wmsg);
    for (std::size_t i = 0; i < model.indicator_count(); ++i) {
        if (model.observed(i)) continue;
        const auto& ind = o.indicators[i];
        std::string why = ind.source.denominator.empty() ? "" : " (is its denominator '" + ind.source.denominator + "' 0 or missing everywhere?)";
        r.warnings.push_back("indicator '" + ind.name + "' (column '" + ind.source.column + "') has no value for any scored unit" + why +
                             ": it is left out, its effective weight is 0 and the other indicators of domain '" + ind.domain +
                             "' share its weight");
    }
    progress.report(0.7, "writing fields");

    const std::size_t n = table.rows();
    for (std::size_t i = 0; i < model.indicator_count(); ++i) {
        const auto& ind = o.indicators[i];
        Column c = Column::make(fields::normalised(ind.name), ColumnType::Float64, n);
        for (std::size_t u = 0; u < n; ++u)
            if (!std::isnan(r.variant.norm[i][u])) c.set(u, r.variant.norm[i][u]);
        c.title = ind.label + " (normalised)";
        c.description = ind.label + ", " + to_string(r.variant.methods[i]) + " normalised, higher = more liveable (" +
                        to_string(ind.direction) + " in the source)" + (ind.why.empty() ? "" : ". " + ind.why);
        table.add_column(std::move(c), true);
        if (!model.crude(i).empty()) add_rate_fields(table, model, i);
        Column f = Column::make(fields::imputed_flag(ind.name), ColumnType::Int64, n);
        for (std::size_t u = 0; u < n; ++u) f.set(u, static_cast<std::int64_t>(r.variant.imputed[i][u]));
        f.title = ind.label + " imputed";
        f.description = "1 where the value of " + ind.name + " was missing and imputed (" +
                        to_string(ind.missing.value_or(o.missing)) + "), 0 where observed";
        table.add_column(std::move(f), true);
    }
    for (std::size_t d = 0; d < model.domain_count(); ++d) {
        const auto& dom = o.domains[d];
        Column c = Column::make(fields::domain_score(dom.name), ColumnType::Float64, n);
        for (std::size_t u = 0; u < n; ++u)
            if (!std::isnan(r.domain_scores[d][u])) c.set(u, r.domain_scores[d][u]);
        c.title = dom.label.empty() ? dom.name : dom.label;
        c.description = "Domain score (" + std::string(to_string(o.domain_aggregation)) + " mean of its normalised indicators), higher = more liveable";
        table.add_column(std::move(c), true);
    }
    {
        Column c = Column::make(fields::index_score, ColumnType::Float64, n);
        Column rk = Column::make(fields::index_rank, ColumnType::Int64, n);
        Column pc = Column::make(fields::index_percentile, ColumnType::Float64, n);
        Column cl = Column::make(fields::index_class, ColumnType::Int64, n);
        Column lb = Column::make(fields::index_class_label, ColumnType::Text, n);
        Column st = Column::make(fields::index_status, ColumnType::Text, n);
        for (std::size_t u = 0; u < n; ++u) {
            if (!std::isnan(r.index[u])) {
                c.set(u, r.index[u]);
                rk.set(u, static_cast<std::int64_t>(r.rank[u]));
                pc.set(u, r.percentile[u]);
                cl.set(u, static_cast<std::int64_t>(r.classes.cls[u]));
                lb.set(u, r.classes.labels[static_cast<std::size_t>(r.classes.cls[u] - 1)]);
            }
            st.set(u, model.eligible(u) && std::isnan(r.index[u]) ? std::string("no domain score") : model.status()[u]);
        }
        c.title = "Liveability index";
        c.description = std::string("Composite liveability index, ") + to_string(o.index_aggregation) + " mean of the domain scores; higher = more liveable";
        rk.title = "Rank";
        rk.description = "Rank of the index among the scored units, 1 = most liveable (ties share the best rank)";
        pc.title = "Percentile";
        pc.description = "100 = most liveable unit, 0 = least liveable";
        cl.title = "Class";
        cl.description = std::string("Class of the index (") + to_string(o.classes.method) + "), 1 = lowest";
        lb.title = "Class label";
        lb.description = "Name of the class";
        st.title = "Index status";
        st.description = "ok, or why the unit has no index";
        for (auto* col : {&c, &rk, &pc, &cl, &lb, &st}) table.add_column(std::move(*col), true);
    }

    progress.report(1.0);
    return r;
}

}  // namespace leefbaar::index
