#pragma once
// Our own CSV reader rather than GDAL's CSV driver: users' tables come as StatLine
// exports (';', quoted and space-padded cells, BOM), Excel saves with decimal
// commas and hand-made files; we need the exact file line of every bad value, the
// detected dialect for the report, and typing that never turns a bad value into 0.
// GDAL's driver types columns on its own and loses the line numbers. Private to io.
#include <string>
#include <vector>

#include "io/table_reader.hpp"

namespace leefbaar::io::detail {

TableReadResult read_csv(const std::string& path, const TableReadOptions& options, const Progress& progress);

// Separator detected from the header line (the most frequent of ',', ';', tab outside quotes).
char detect_separator(const std::string& header_line);

}  // namespace leefbaar::io::detail
