#include "time/apportion_table.hpp"

#include <cmath>

#include "core/error.hpp"
#include "time/boundary_units.hpp"

namespace leefbaar {
namespace {

Column to_column(const std::string& name, const std::vector<double>& v) {
    Column c = Column::make(name, ColumnType::Float64, v.size());
    for (std::size_t i = 0; i < v.size(); ++i) c.set(i, v[i]);
    return c;
}

// Targets a source reaches that are missing because of missing sources (a target
// no source reaches was reported when the matrix was made).
void warn_missing(const ApportionMatrix& m, const std::string& name, const ApportionedValues& r, double max_missing, std::vector<std::string>& warnings) {
    std::vector<std::string> codes;
    for (std::size_t j = 0; j < r.values.size(); ++j)
        if (std::isnan(r.values[j]) && r.missing_share[j] > max_missing) codes.push_back(m.target_codes[j]);
    if (!codes.empty())
        warnings.push_back("'" + name + "': " + std::to_string(codes.size()) +
                           " target unit(s) are missing because sources without a value carry too much of them: " + join_names(codes));
}

}  // namespace

ApportionedColumns apportion_columns(const ApportionMatrix& m, const FeatureTable& source, const std::vector<ApportionVariable>& variables,
                                     const ApportionOptions& options, const Progress& progress) {
    if (source.rows() != m.source_codes.size())
        throw UsageError("the source table has " + std::to_string(source.rows()) + " rows but the apportion matrix " +
                         std::to_string(m.source_codes.size()) + " source units");
    ApportionedColumns out;
    for (std::size_t v = 0; v < variables.size(); ++v) {
        const auto& var = variables[v];
        const auto r = apportion(m, boundary::numeric_column(source, var.name, "column", "apportion only counts and rates; carry codes and names over from the target edition"), var.kind, options);
        warn_missing(m, var.name, r, options.max_missing_share, out.warnings);
        out.columns.push_back(to_column(var.name, r.values));
        Column share = to_column(var.name + "_interp_share", r.interp_share);
        share.description = "Share of " + var.name + " that came through interpolation (" + m.weighting +
                            "): 0 carried over unchanged, 1 wholly interpolated (docs/methods/boundary-changes.md)";
        out.columns.push_back(std::move(share));
        progress.report(static_cast<double>(v + 1) / static_cast<double>(variables.size()), "apportioning " + var.name);
    }
    return out;
}

}  // namespace leefbaar
