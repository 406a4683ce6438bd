#pragma once
// The join step: `leefbaar join` and a project's [input] / [[input.table]], declared
// once here and bound to JoinJobOptions / TableSource (join/join_job.hpp).
//
// One table's options are declared once (declare_table_params) for both fronts; the
// command line renders three names by one rule: a [[input.table]]'s `path`, `key` and
// `layer` are --table (-t), --table-key and --table-layer there, because --key and
// --layer are the polygons', and the per-table options are repeatable.
#include <string>
#include <vector>

#include "core/param_list.hpp"
#include "join/join_job.hpp"

namespace leefbaar::steps {

enum class JoinFront { Cli, Project };

// The command line's tables: --table is repeatable; --table-key, --table-layer and
// --prefix are given once for every table or once per --table, in order; the other
// table options (common) apply to every table.
struct TableFlags {
    std::vector<std::string> tables, keys, layers, prefixes;
    TableSource common;
};

// The options of one indicator table: a project's [[input.table]].
void declare_table(params::ParamList& list, TableSource& table);
// The same options on the command line (TableFlags).
void declare_tables(params::ParamList& list, TableFlags& tables);
// One TableSource per --table, the per-table options paired up in order. Throws
// UsageError naming the parameter when the counts do not fit.
std::vector<TableSource> cli_tables(const TableFlags& tables);

// The polygons (source, layer, where, key), key matching, missing values, CRS and
// repair; on the command line also the tables (declare_tables into `tables`), which a
// project gives as [[input.table]] (declare_table).
void declare_join(params::ParamList& list, JoinJobOptions& o, JoinFront front, TableFlags* tables = nullptr);

}  // namespace leefbaar::steps
