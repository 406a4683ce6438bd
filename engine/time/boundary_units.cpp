#include "time/boundary_units.hpp"

#include <cmath>

#include "core/error.hpp"

namespace leefbaar::boundary {

std::vector<std::string> unit_codes(const FeatureTable& table, const std::string& role) {
    if (table.key_column().empty())
        throw UsageError("the " + role + " table has no key column", ErrorContext{table.source_file, table.source_layer},
                         "name the column with the unit codes (e.g. the buurtcode) as the key");
    const Column& key = table.column(table.key_column());
    std::vector<std::string> codes(table.rows());
    std::unordered_map<std::string, std::size_t> seen;
    for (std::size_t r = 0; r < codes.size(); ++r) {
        const ErrorContext where{table.source_file, table.source_layer, static_cast<std::int64_t>(r + 1), key.name};
        if (key.is_null(r) || (codes[r] = key.as_text(r)).empty())
            throw DataError("the " + role + " unit in this row has no code", where, "every unit needs a code to be matched across editions");
        if (auto [it, fresh] = seen.emplace(codes[r], r); !fresh)
            throw DataError("the " + role + " code '" + codes[r] + "' occurs twice (rows " + std::to_string(it->second + 1) + " and " +
                                std::to_string(r + 1) + ")",
                            where, "each unit must occur once in an edition; dissolve or remove the duplicate");
    }
    return codes;
}

std::unordered_map<std::string, std::size_t> index_of(const std::vector<std::string>& codes) {
    std::unordered_map<std::string, std::size_t> idx;
    for (std::size_t i = 0; i < codes.size(); ++i) idx.emplace(codes[i], i);
    return idx;
}

std::vector<double> numeric_column(const FeatureTable& table, const std::string& field, const std::string& what, const std::string& hint) {
    const Column& col = table.column(field);
    if (!col.is_numeric())
        throw DataError("the " + what + " '" + field + "' is text, not numbers", ErrorContext{table.source_file, table.source_layer, {}, field}, hint);
    std::vector<double> x(col.size());
    for (std::size_t r = 0; r < x.size(); ++r) x[r] = col.as_double(r);
    return x;
}

std::vector<double> population(const FeatureTable& source, const std::string& field) {
    auto pop = numeric_column(source, field, "population field", "choose a numeric field (e.g. Bevolking_Aantal_inwoners)");
    for (std::size_t r = 0; r < pop.size(); ++r)
        if (!(pop[r] >= 0) || !std::isfinite(pop[r]))
            throw DataError("the population of this source unit is " + (std::isnan(pop[r]) ? std::string("missing") : source.column(field).as_text(r)),
                            ErrorContext{source.source_file, source.source_layer, static_cast<std::int64_t>(r + 1), field},
                            "population weights must be known and not negative: fill the value, or weight by area alone");
    return pop;
}

}  // namespace leefbaar::boundary
