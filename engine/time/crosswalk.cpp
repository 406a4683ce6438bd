#include "time/crosswalk.hpp"

#include <cmath>
#include <cstdio>
#include <map>
#include <set>

#include "core/error.hpp"
#include "time/boundary_units.hpp"

namespace leefbaar {
namespace {

struct Row {
    std::string from, to;
    double share = 1.0;
    std::size_t row = 0;  // 1-based, for messages
};

struct Columns {
    const Column* from;
    const Column* to;
    const Column* share;  // null: every share 1
};

Columns columns(const FeatureTable& cw, const CrosswalkOptions& o) {
    Columns c{&cw.column(o.from_column), &cw.column(o.to_column), nullptr};
    if (!o.share_column.empty()) c.share = &cw.column(o.share_column);
    else if (cw.has_column("share")) c.share = &cw.column("share");
    if (c.share && !c.share->is_numeric())
        throw DataError("the share column '" + c.share->name + "' is text, not numbers", ErrorContext{cw.source_file, cw.source_layer, {}, c.share->name},
                        "shares are fractions between 0 and 1 (0.25, not 25 %)");
    return c;
}

Row read_row(const FeatureTable& cw, const Columns& c, std::size_t r, double tol) {
    Row row{c.from->as_text(r), c.to->as_text(r), 1.0, r + 1};
    const auto where = [&](const Column* col) { return ErrorContext{cw.source_file, cw.source_layer, static_cast<std::int64_t>(r + 1), col->name}; };
    if (row.from.empty()) throw DataError("the crosswalk row has no old code", where(c.from), "fill in the old unit's code or remove the row");
    if (row.to.empty()) throw DataError("the crosswalk row has no new code", where(c.to), "fill in the new unit's code or remove the row");
    if (!c.share) return row;
    row.share = c.share->as_double(r);
    if (std::isnan(row.share))
        throw DataError("the crosswalk row " + row.from + " -> " + row.to + " has no share", where(c.share), "give the share of the old unit that goes to the new one");
    if (row.share < 0 || row.share > 1 + tol)
        throw DataError("the share " + c.share->as_text(r) + " of " + row.from + " -> " + row.to + " is not between 0 and 1", where(c.share),
                        "shares are fractions of the old unit (0.25, not 25)");
    return row;
}

// Every old code's shares must sum to 1: otherwise counts would be created or lost.
void check_sums(const std::vector<Row>& rows, const FeatureTable& cw, const Columns& c, double tol) {
    std::map<std::string, std::pair<double, std::vector<std::size_t>>> sums;
    for (const auto& r : rows) {
        sums[r.from].first += r.share;
        sums[r.from].second.push_back(r.row);
    }
    for (const auto& [code, s] : sums) {
        if (std::abs(s.first - 1.0) <= tol) continue;
        std::vector<std::string> at;
        for (auto n : s.second) at.push_back(std::to_string(n));
        char sum[32];
        std::snprintf(sum, sizeof sum, "%.10g", s.first);
        throw DataError("the shares of old code '" + code + "' sum to " + sum + " (rows " + join_names(at, 10) + "), not 1",
                        ErrorContext{cw.source_file, cw.source_layer, static_cast<std::int64_t>(s.second.front()),
                                     c.share ? c.share->name : c.from->name},
                        "correct the shares so that each old code's shares sum to 1; an old code that goes wholly to one new code has one row (share 1)");
    }
}

void warn_unknown(ApportionMatrix& m, const std::set<std::string>& old_codes, const std::set<std::string>& new_codes) {
    const std::vector<std::string> o(old_codes.begin(), old_codes.end()), n(new_codes.begin(), new_codes.end());
    if (!o.empty())
        m.warnings.push_back("the crosswalk names " + std::to_string(o.size()) + " old code(s) the source table does not have (ignored): " + join_names(o));
    if (!n.empty())
        m.warnings.push_back("the crosswalk names " + std::to_string(n.size()) + " new code(s) the target table does not have: " + join_names(n) +
                             "; the shares going to them reach no target");
}

void add_links(ApportionMatrix& m, const std::vector<Row>& rows, bool identity_for_unlisted) {
    const auto src = boundary::index_of(m.source_codes), tgt = boundary::index_of(m.target_codes);
    std::set<std::string> unknown_old, unknown_new, listed;
    for (const auto& r : rows) {
        listed.insert(r.from);
        const auto i = src.find(r.from);
        const auto j = tgt.find(r.to);
        if (i == src.end()) unknown_old.insert(r.from);
        else if (j == tgt.end()) unknown_new.insert(r.to);
        else m.links.push_back({i->second, j->second, r.share, r.share});
    }
    for (std::size_t i = 0; identity_for_unlisted && i < m.source_codes.size(); ++i)
        if (!listed.count(m.source_codes[i]))
            if (const auto j = tgt.find(m.source_codes[i]); j != tgt.end()) m.links.push_back({i, j->second, 1.0, 1.0});
    warn_unknown(m, unknown_old, unknown_new);
}

}  // namespace

ApportionMatrix crosswalk_weights(const FeatureTable& crosswalk, const FeatureTable& source, const FeatureTable& target, const CrosswalkOptions& options,
                                  const Progress& progress) {
    if (!(options.tolerance >= 0 && options.tolerance < 0.5))
        throw UsageError("the crosswalk tolerance must lie in [0, 0.5), not " + std::to_string(options.tolerance));
    ApportionMatrix m;
    m.source_codes = boundary::unit_codes(source, "source");
    m.target_codes = boundary::unit_codes(target, "target");
    m.weighting = "crosswalk";
    const Columns c = columns(crosswalk, options);
    std::vector<Row> rows;
    for (std::size_t r = 0; r < crosswalk.rows(); ++r) rows.push_back(read_row(crosswalk, c, r, options.tolerance));
    check_sums(rows, crosswalk, c, options.tolerance);
    progress.report(0.5, "reading the crosswalk");
    add_links(m, rows, options.identity_for_unlisted);
    finalise(m);
    if (!options.population_field.empty()) weight_by_population(m, boundary::population(source, options.population_field));
    progress.report(1.0, "reading the crosswalk");
    return m;
}

}  // namespace leefbaar
