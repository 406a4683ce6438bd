#pragma once
// Apportioning columns of a source edition's table to the target edition's units:
// per variable the values and `<name>_interp_share` as columns, ready to be added
// to the target table (time/apportion.hpp gives the rules).
#include <string>
#include <vector>

#include "core/feature_table.hpp"
#include "core/progress.hpp"
#include "time/apportion.hpp"

namespace leefbaar {

struct ApportionVariable {
    std::string name;  // a numeric column of the source table
    VariableKind kind = VariableKind::Extensive;
};

struct ApportionedColumns {
    // Per variable, in order: its values (named as the variable) and
    // `<name>_interp_share`, each with a row per target unit (m.target_codes order).
    std::vector<Column> columns;
    // Per variable, the targets left missing because sources without a value carry
    // more than options.max_missing_share of them.
    std::vector<std::string> warnings;
};

// `source` has the rows of m.source_codes (the table the matrix was built from):
// UsageError otherwise; DataError naming the file and field for a text column.
ApportionedColumns apportion_columns(const ApportionMatrix& m, const FeatureTable& source, const std::vector<ApportionVariable>& variables,
                                     const ApportionOptions& options = {}, const Progress& progress = {});

}  // namespace leefbaar
