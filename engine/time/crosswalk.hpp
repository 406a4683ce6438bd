#pragma once
// A crosswalk between two editions' unit codes (old code -> new code, with the share
// of the old unit's quantity that goes to the new one) as an apportion matrix
// (time/apportion.hpp). The table is any table leefbaar reads (io/table_reader.hpp).
#include <string>

#include "core/feature_table.hpp"
#include "core/progress.hpp"
#include "time/apportion.hpp"

namespace leefbaar {

struct CrosswalkOptions {
    std::string from_column = "from";
    std::string to_column = "to";
    // Empty: "share" when the table has such a column, otherwise every row has share 1.
    std::string share_column;
    // The shares of each old code must sum to 1 within this tolerance.
    double tolerance = 1e-6;
    // A source code the crosswalk does not list goes wholly to the target unit with
    // the same code when there is one (a crosswalk needs list only what changed).
    bool identity_for_unlisted = true;
    // A field of the source table; empty: the intensive weights are the shares.
    std::string population_field;
};

// The source and target tables give the unit codes (their key columns) in row
// order, and the source table the population field. DataError (naming the file,
// the row or code, and what to do) on a missing column, an empty code, a share
// that is missing, negative or above 1, and an old code whose shares do not sum to
// 1; codes of the crosswalk that neither table has are warnings
// (docs/methods/boundary-changes.md).
ApportionMatrix crosswalk_weights(const FeatureTable& crosswalk, const FeatureTable& source, const FeatureTable& target,
                                  const CrosswalkOptions& options = {}, const Progress& progress = {});

}  // namespace leefbaar
