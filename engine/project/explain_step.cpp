#include "project/explain_step.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>

#include "core/field_names.hpp"

namespace leefbaar::project {
namespace {

using index::NextClass;

// A raw value as people read it: whole numbers from 100, else one or two decimals.
std::string plain(double v) {
    const double a = std::abs(v);
    char b[48];
    std::snprintf(b, sizeof b, a >= 100 ? "%.0f" : a >= 10 ? "%.1f" : "%.2f", v);
    return b;
}

std::string signed_points(double v) {
    char b[48];
    std::snprintf(b, sizeof b, "%+.1f", v);
    return b;
}

// The unit of an indicator's raw value from its transform.
std::string unit_suffix(const index::IndicatorSpec& s) {
    switch (s.source.transform) {
    case index::Transform::Per1000: return " per 1,000";
    case index::Transform::PerKm2: return " per km2";
    case index::Transform::Share: return " %";
    default: return "";
    }
}

std::string label_of(const index::IndicatorSpec& s) { return s.label.empty() ? s.name : s.label; }
std::string label_of(const index::DomainSpec& s) { return s.label.empty() ? s.name : s.label; }

std::string key_of(const FeatureTable& t, std::size_t u) {
    return t.key_column().empty() ? std::to_string(u + 1) : t.column(t.key_column()).as_text(u);
}

// Indicators by contribution: the `n` largest positive (sign > 0) or most negative.
std::vector<std::size_t> top_indicators(const index::UnitExplanation& e, int sign, std::size_t n) {
    std::vector<std::size_t> idx;
    for (std::size_t i = 0; i < e.indicator.size(); ++i)
        if (sign * e.indicator[i] > 0) idx.push_back(i);
    std::stable_sort(idx.begin(), idx.end(), [&](std::size_t a, std::size_t b) { return sign * e.indicator[a] > sign * e.indicator[b]; });
    if (idx.size() > n) idx.resize(n);
    return idx;
}

// The class a unit reaches, "class 4 (voldoende)".
std::string class_text(const index::IndexResult& r, int cls) {
    std::string s = "class " + std::to_string(cls);
    if (cls >= 1 && static_cast<std::size_t>(cls) <= r.classes.labels.size()) s += " (" + r.classes.labels[static_cast<std::size_t>(cls) - 1] + ")";
    return s;
}

// "bijstand from 62.0 to 41.3 per 1,000 reaches class 4 (voldoende)", or why none does.
std::string next_sentence(const ExplainView& v, std::size_t u) {
    const auto& e = v.explanation.units[u];
    if (e.next != NextClass::OneIndicator) return index::to_string(e.next);
    const auto& s = v.model.options().indicators[e.best_indicator];
    return s.name + " from " + plain(v.model.raw(e.best_indicator)[u]) + " to " + plain(e.raw_new) + unit_suffix(s) + " reaches " +
           class_text(v.result, e.cls + 1);
}

nlohmann::json num_or_null(double x) { return std::isnan(x) ? nlohmann::json(nullptr) : nlohmann::json(x); }

}  // namespace

std::string explain_method_text(const index::Explanation& e, const index::IndexModel& m, const index::ExplainOptions& o) {
    if (e.method == index::ContributionMethod::Linear)
        return "Contributions are exact: with arithmetic means at both levels the index is linear in the normalised indicators, and each "
               "indicator contributes its effective weight times its difference from the mean unit.";
    std::size_t most = m.domain_count();
    for (std::size_t d = 0; d < m.domain_count(); ++d) most = std::max(most, m.members(d).size());
    return "Domain contributions are Shapley values with the domains as players (exact over all coalitions); indicator contributions are an "
           "approximation: the Shapley values of the indicators for their domain score, scaled to sum to the domain's contribution." +
           (most > o.max_exact_players ? " Above " + std::to_string(o.max_exact_players) + " players the values are estimated from " +
                                             std::to_string(o.permutations) + " random orders."
                                       : std::string());
}

void add_explain_fields(FeatureTable& t, const ExplainView& v, std::size_t top) {
    const std::size_t n = t.rows();
    const auto& inds = v.model.options().indicators;
    const auto& doms = v.model.options().domains;
    Column dist = Column::make(fields::dist_mean, ColumnType::Float64, n);
    Column plus = Column::make(fields::top_plus, ColumnType::Text, n);
    Column minus = Column::make(fields::top_minus, ColumnType::Text, n);
    Column next = Column::make(fields::next_class, ColumnType::Text, n);
    Column ind = Column::make(fields::next_class_indicator, ColumnType::Text, n);
    Column change = Column::make(fields::next_class_change, ColumnType::Float64, n);
    Column dom = Column::make(fields::next_class_domain, ColumnType::Text, n);
    Column dchange = Column::make(fields::next_class_domain_change, ColumnType::Float64, n);
    auto listed = [&](const index::UnitExplanation& e, int sign) {
        std::string s;
        for (std::size_t i : top_indicators(e, sign, top)) s += (s.empty() ? "" : "; ") + inds[i].name + " " + signed_points(e.indicator[i]);
        return s;
    };
    for (std::size_t u = 0; u < n; ++u) {
        const auto& e = v.explanation.units[u];
        if (std::isnan(e.distance)) continue;
        dist.set(u, e.distance);
        plus.set(u, listed(e, +1));
        minus.set(u, listed(e, -1));
        next.set(u, next_sentence(v, u));
        if (e.best_indicator != index::kNoIndicator) {
            ind.set(u, inds[e.best_indicator].name);
            change.set(u, e.raw_change);
        }
        if (e.best_domain != index::kNoIndicator) {
            dom.set(u, doms[e.best_domain].name);
            dchange.set(u, e.domain_change);
        }
    }
    t.add_column(std::move(dist), true);
    if (top > 0) {
        t.add_column(std::move(plus), true);
        t.add_column(std::move(minus), true);
    }
    for (auto* c : {&next, &ind, &change, &dom, &dchange}) t.add_column(std::move(*c), true);
}

nlohmann::json explain_json(const ExplainView& v, const index::ExplainOptions& o) {
    const auto& ex = v.explanation;
    const auto& inds = v.model.options().indicators;
    const auto& doms = v.model.options().domains;
    nlohmann::json j;
    j["method"] = ex.method == index::ContributionMethod::Linear ? "linear" : "shapley";
    j["statement"] = explain_method_text(ex, v.model, o);
    j["options"] = {{"seed", o.seed}, {"max_exact", o.max_exact_players}, {"permutations", o.permutations}};
    j["next_class_rule"] =
        "the least change of one raw indicator value (or one domain score), everything else and the fitted normalisation fixed, that puts the "
        "index exactly on the upper bound of the unit's class; bounds are inclusive, so any more moves the unit up one class";
    auto& base = j["baseline"];
    base["description"] = "the mean unit: every normalised indicator at its mean over the scored units, aggregated with each unit's own missing indicators";
    for (std::size_t i = 0; i < inds.size(); ++i) {
        base["normalised"][inds[i].name] = num_or_null(ex.baseline_norm[i]);
        base["raw_sd"][inds[i].name] = num_or_null(ex.raw_sd[i]);
    }
    auto& units = j["units"] = nlohmann::json::object();
    for (std::size_t u = 0; u < ex.units.size(); ++u) {
        const auto& e = ex.units[u];
        nlohmann::json ju;
        if (std::isnan(e.distance)) {
            ju["status"] = e.status;
            units[key_of(v.units, u)] = std::move(ju);
            continue;
        }
        ju["index"] = e.index;
        ju["baseline"] = e.baseline;
        ju["distance"] = e.distance;
        for (std::size_t d = 0; d < doms.size(); ++d) ju["domains"][doms[d].name] = e.domain[d];
        for (std::size_t i = 0; i < inds.size(); ++i) ju["indicators"][inds[i].name] = e.indicator[i];
        ju["strongest"] = e.strongest == index::kNoIndicator ? nlohmann::json(nullptr) : nlohmann::json(inds[e.strongest].name);
        ju["weakest"] = e.weakest == index::kNoIndicator ? nlohmann::json(nullptr) : nlohmann::json(inds[e.weakest].name);
        nlohmann::json nc;
        nc["class"] = e.cls;
        nc["outcome"] = index::to_string(e.next);
        nc["text"] = next_sentence(v, u);
        nc["target"] = num_or_null(e.target);
        if (e.best_indicator != index::kNoIndicator)
            nc["indicator"] = {{"name", inds[e.best_indicator].name},
                               {"raw", v.model.raw(e.best_indicator)[u]},
                               {"raw_new", e.raw_new},
                               {"raw_change", e.raw_change},
                               {"normalised_new", e.moves[e.best_indicator].norm_new}};
        if (e.best_domain != index::kNoIndicator)
            nc["domain"] = {{"name", doms[e.best_domain].name}, {"score_new", e.domain_moves[e.best_domain].score_new}, {"change", e.domain_change}};
        // Every indicator that alone reaches the target: its raw change (one number, so
        // that the block stays small for many units).
        nlohmann::json reach = nlohmann::json::object();
        for (std::size_t i = 0; i < e.moves.size(); ++i)
            if (e.moves[i].status == index::MoveStatus::Reaches) reach[inds[i].name] = e.moves[i].raw_change;
        if (!reach.empty()) nc["reaching"] = std::move(reach);
        ju["next_class"] = std::move(nc);
        units[key_of(v.units, u)] = std::move(ju);
    }
    return j;
}

output::ReportExplain report_explain(const ExplainView& v, const index::ExplainOptions& o, std::size_t all_up_to, std::size_t each) {
    const auto& ex = v.explanation;
    const auto& inds = v.model.options().indicators;
    const auto& doms = v.model.options().domains;
    output::ReportExplain x;
    for (const auto& d : doms) x.domain_labels.push_back(label_of(d));
    x.method = explain_method_text(ex, v.model, o);
    x.unit_word = "buurt";
    std::vector<std::size_t> scored;
    for (std::size_t u = 0; u < ex.units.size(); ++u)
        if (!std::isnan(ex.units[u].distance)) scored.push_back(u);
    x.scored = scored.size();
    // The mean unit's index for a unit with every indicator (the baselines differ only by missing patterns).
    for (std::size_t u : scored) {
        const auto& e = ex.units[u];
        bool complete = true;
        for (std::size_t i = 0; i < inds.size() && complete; ++i) complete = !std::isnan(v.result.variant.norm[i][u]);
        if (complete) {
            x.mean_index = e.baseline;
            break;
        }
    }
    std::stable_sort(scored.begin(), scored.end(), [&](std::size_t a, std::size_t b) { return v.result.index[a] < v.result.index[b]; });
    x.all = scored.size() <= all_up_to;
    x.each = each;
    std::vector<std::size_t> chosen = scored;
    if (!x.all) {
        chosen.assign(scored.begin(), scored.begin() + static_cast<std::ptrdiff_t>(each));
        chosen.insert(chosen.end(), scored.end() - static_cast<std::ptrdiff_t>(each), scored.end());
    }
    const FeatureTable& t = v.units;
    std::string name_field;
    for (const char* f : {"naam", "name", "buurtnaam", "statnaam"})
        if (t.has_column(f) && t.column(f).type == ColumnType::Text) {
            name_field = f;
            break;
        }
    for (std::size_t u : chosen) {
        const auto& e = ex.units[u];
        output::ReportExplainCard c;
        c.key = key_of(t, u);
        if (!name_field.empty()) c.name = t.column(name_field).as_text(u);
        c.index = v.result.index[u];
        c.distance = e.distance;
        c.rank = v.result.rank[u];
        if (e.cls >= 1 && static_cast<std::size_t>(e.cls) <= v.result.classes.labels.size())
            c.class_label = v.result.classes.labels[static_cast<std::size_t>(e.cls) - 1];
        c.domains = e.domain;
        if (e.strongest != index::kNoIndicator) c.strongest = label_of(inds[e.strongest]) + ": " + signed_points(e.indicator[e.strongest]) + " points";
        if (e.weakest != index::kNoIndicator) c.weakest = label_of(inds[e.weakest]) + ": " + signed_points(e.indicator[e.weakest]) + " points";
        c.next_class = next_sentence(v, u);
        if (e.best_domain != index::kNoIndicator)
            c.next_class += (e.next == NextClass::OneIndicator ? "; or the domain " : "; the domain ") + label_of(doms[e.best_domain]) + " " +
                            signed_points(e.domain_change) + " points";
        x.cards.push_back(std::move(c));
    }
    return x;
}

}  // namespace leefbaar::project
