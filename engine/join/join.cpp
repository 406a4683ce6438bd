#include "join/join.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <unordered_map>
#include <unordered_set>

#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "io/output_columns.hpp"

namespace leefbaar {

DuplicatePolicy parse_duplicate_policy(const std::string& name) {
    if (name == "error") return DuplicatePolicy::Error;
    if (name == "first") return DuplicatePolicy::First;
    if (name == "last") return DuplicatePolicy::Last;
    if (name == "mean") return DuplicatePolicy::Mean;
    if (name == "sum") return DuplicatePolicy::Sum;
    throw UsageError("unknown duplicate-key policy '" + name + "'", {}, "use one of: error, first, last, mean, sum");
}

const char* to_string(DuplicatePolicy p) {
    switch (p) {
        case DuplicatePolicy::Error: return "error";
        case DuplicatePolicy::First: return "first";
        case DuplicatePolicy::Last: return "last";
        case DuplicatePolicy::Mean: return "mean";
        case DuplicatePolicy::Sum: return "sum";
    }
    return "?";
}

namespace {

using RowIndex = std::unordered_map<std::string, std::vector<std::size_t>>;

RowIndex index_rows(const Column& key, const KeyOptions& options, std::size_t& null_keys) {
    RowIndex idx;
    idx.reserve(key.size() * 2);
    for (std::size_t r = 0; r < key.size(); ++r) {
        std::string k = key_at(key, r, options);
        if (k.empty()) {
            ++null_keys;
            continue;
        }
        idx[std::move(k)].push_back(r);
    }
    return idx;
}

// Copies one table column onto the polygons through the match list; duplicate
// rows are combined by the policy (mean/sum for numbers; text takes the first).
Column join_column(const Column& src, const std::string& out_name, const std::vector<const std::vector<std::size_t>*>& match,
                   DuplicatePolicy policy) {
    const bool aggregate = policy == DuplicatePolicy::Mean || policy == DuplicatePolicy::Sum;
    const ColumnType type = (aggregate && policy == DuplicatePolicy::Mean && src.type == ColumnType::Int64) ? ColumnType::Float64 : src.type;
    Column out = Column::make(out_name, type, match.size());
    out.title = src.title;
    out.description = src.description;
    for (std::size_t p = 0; p < match.size(); ++p) {
        const auto* rows = match[p];
        if (!rows || rows->empty()) continue;
        if (!aggregate || src.type == ColumnType::Text || rows->size() == 1) {
            const std::size_t r = policy == DuplicatePolicy::Last ? rows->back() : rows->front();
            if (src.is_null(r)) continue;
            switch (src.type) {
                case ColumnType::Int64:
                    if (type == ColumnType::Int64) out.set(p, src.ints[r]);
                    else out.set(p, static_cast<double>(src.ints[r]));
                    break;
                case ColumnType::Float64: out.set(p, src.reals[r]); break;
                case ColumnType::Text: out.set(p, src.texts[r]); break;
            }
            continue;
        }
        double sum = 0.0;
        std::size_t n = 0;
        for (std::size_t r : *rows) {
            if (src.is_null(r)) continue;
            sum += src.as_double(r);
            ++n;
        }
        if (n == 0) continue;
        const double v = policy == DuplicatePolicy::Mean ? sum / static_cast<double>(n) : sum;
        if (type == ColumnType::Int64) out.set(p, static_cast<std::int64_t>(std::llround(v)));
        else out.set(p, v);
    }
    return out;
}

// Output names as a GeoPackage compares them (case folded) -> the name and its origin.
struct TakenName {
    std::string name;
    std::string origin;        // "the polygon key 'buurtcode'", ...
    std::size_t table = SIZE_MAX;  // index of the joined table it came from, if any
};
using TakenNames = std::unordered_map<std::string, TakenName>;

// How many of the unmatched table keys equal a polygon key once case is folded.
std::size_t count_case_folded_matches(const std::vector<std::string>& unmatched, const std::vector<std::string>& polygon_keys,
                                      const KeyOptions& keys) {
    KeyOptions folded = keys;
    folded.case_fold = true;
    std::unordered_set<std::string> polygons;
    polygons.reserve(polygon_keys.size() * 2);
    for (const auto& k : polygon_keys) polygons.insert(normalise_key(k, folded));
    std::size_t n = 0;
    for (const auto& k : unmatched) n += polygons.count(normalise_key(k, folded));
    return n;
}

// Refuses a joined column name the output layer cannot hold, naming the column,
// what it clashes with and what to do; records the name as taken.
void check_output_name(const std::string& out_name, const std::string& name, const JoinTable& jt, std::size_t t, TakenNames& taken) {
    const ErrorContext where{jt.label, jt.table.source_layer, {}, name, {}};
    const std::string column = "the table column '" + name + "'" + (out_name == name ? "" : " (output name '" + out_name + "')");
    const std::string remedy = "give this table a prefix ({{prefix}}, e.g. t_; prefix in [[input.table]]), leave the column out "
                               "({{columns}}), or rename it in the table";
    if (io::is_reserved_column(out_name)) {
        const bool fid = io::same_column_name(out_name, io::kFidColumn);
        throw DataError(column + " takes a name the GeoPackage reserves for the " +
                            (fid ? "feature id (fid): its values would become the feature ids" : "geometry (geom)"),
                        where, remedy);
    }
    const auto [it, fresh] = taken.emplace(io::fold_column_name(out_name), TakenName{out_name, "the column '" + out_name + "' of " + jt.label, t});
    if (fresh) return;
    const TakenName& other = it->second;
    throw DataError(column + " clashes with " + other.origin + (other.name == out_name ? "" : " (GeoPackage column names ignore case)"),
                    where, other.table == t ? "rename one of the two in the table's header, or leave one out with {{columns}}" : remedy);
}

}  // namespace

JoinReport join_tables(FeatureTable& polygons, const std::string& polygon_key, std::vector<JoinTable>& tables,
                       const JoinOptions& options, const Progress& progress) {
    JoinReport report;
    report.polygon_key = polygon_key;
    report.polygons = polygons.rows();
    const Column& pkey = polygons.column(polygon_key);
    // Normalised once: adding columns below may move the key column in memory.
    std::vector<std::string> pkeys(polygons.rows());
    for (std::size_t p = 0; p < polygons.rows(); ++p) pkeys[p] = key_at(pkey, p, options.keys);

    // Polygon keys must be unique: a join onto two polygons with the same key would
    // duplicate the table's values without anyone noticing.
    std::size_t polygon_null_keys = 0;
    const RowIndex polygon_index = index_rows(pkey, options.keys, polygon_null_keys);
    std::vector<std::string> dup;
    for (const auto& [k, rows] : polygon_index)
        if (rows.size() > 1) dup.push_back(k + " (" + std::to_string(rows.size()) + "x)");
    if (!dup.empty()) {
        std::sort(dup.begin(), dup.end());
        throw DataError(std::to_string(dup.size()) + " key(s) occur more than once among the polygons: " + join_names(dup, 10),
                        ErrorContext{polygons.source_file, polygons.source_layer, {}, polygon_key, {}},
                        "each polygon needs its own key; filter the layer with {{where}} or dissolve the duplicates first");
    }
    if (polygon_null_keys > 0) {
        for (std::size_t r = 0; r < pkey.size(); ++r)
            if (pkey.is_null(r) || key_at(pkey, r, options.keys).empty())
                throw DataError(std::to_string(polygon_null_keys) + " polygon(s) have an empty key",
                                ErrorContext{polygons.source_file, polygons.source_layer, static_cast<std::int64_t>(r + 1), polygon_key, {}},
                                "give every polygon a key, or filter them out with {{where}}");
    }

    // Output names as a GeoPackage compares them (case folded) -> where each came from.
    TakenNames taken;
    for (const auto& c : polygons.columns())
        taken.emplace(io::fold_column_name(c.name),
                      TakenName{c.name, (c.name == polygon_key ? "the polygon key '" : "the polygon field '") + c.name + "'"});
    for (const auto& a : options.added_columns)
        taken.emplace(io::fold_column_name(a), TakenName{a, "the column '" + a + "' that leefbaar adds after the join"});

    std::vector<std::uint8_t> matched_all(polygons.rows(), 1);
    for (std::size_t t = 0; t < tables.size(); ++t) {
        JoinTable& jt = tables[t];
        JoinTableReport tr;
        tr.label = jt.label;
        tr.key = jt.key;
        tr.format = jt.format;
        tr.rows = jt.table.rows();
        tr.skipped_footer = jt.skipped_footer;
        const Column& tkey = jt.table.column(jt.key);
        const RowIndex tindex = index_rows(tkey, options.keys, tr.null_keys);

        for (const auto& [k, rows] : tindex)
            if (rows.size() > 1) tr.duplicate_keys.emplace_back(k, rows.size());
        std::sort(tr.duplicate_keys.begin(), tr.duplicate_keys.end());
        if (!tr.duplicate_keys.empty() && options.duplicates == DuplicatePolicy::Error) {
            std::vector<std::string> shown;
            for (const auto& [k, c] : tr.duplicate_keys) shown.push_back(k + " (" + std::to_string(c) + "x)");
            const std::size_t first_row = tindex.at(tr.duplicate_keys.front().first)[1];
            throw DataError(std::to_string(tr.duplicate_keys.size()) + " key(s) occur more than once in the table: " + join_names(shown, 10),
                            ErrorContext{jt.label, jt.table.source_layer, static_cast<std::int64_t>(first_row + 1), jt.key, {}},
                            "remove the duplicates, or choose how to combine them with {{duplicates first|last|mean|sum}}");
        }

        std::vector<const std::vector<std::size_t>*> match(polygons.rows(), nullptr);
        for (std::size_t p = 0; p < polygons.rows(); ++p) {
            auto it = tindex.find(pkeys[p]);
            if (it != tindex.end()) match[p] = &it->second;
            else matched_all[p] = 0;
        }
        for (const auto& [k, rows] : tindex) {
            if (polygon_index.count(k)) tr.rows_matched += rows.size();
            else tr.rows_without_polygon.push_back(k);
        }
        std::sort(tr.rows_without_polygon.begin(), tr.rows_without_polygon.end());
        if (!options.keys.case_fold && !tr.rows_without_polygon.empty()) {
            tr.would_match_case_folded = count_case_folded_matches(tr.rows_without_polygon, pkeys, options.keys);
            if (tr.would_match_case_folded > 0)
                report.warnings.push_back(jt.label + ": " + std::to_string(tr.rows_matched) + " of " + std::to_string(tr.rows) +
                                          " rows match a polygon on '" + jt.key + "' = '" + polygon_key + "', but " +
                                          std::to_string(tr.would_match_case_folded) +
                                          " more key(s) would if upper and lower case were not told apart (e.g. '" + tr.rows_without_polygon.front() +
                                          "'); " + render_param_refs("use {{case_fold}} (case_fold = true in a project's [input]) if they are the same keys"));
        }

        std::vector<std::string> names = jt.columns;
        if (names.empty())
            for (const auto& c : jt.table.columns())
                if (c.name != jt.key) names.push_back(c.name);
        for (const auto& name : names) {
            const Column& src = jt.table.column(name);
            const std::string out_name = jt.prefix + name;
            check_output_name(out_name, name, jt, t, taken);
            Column joined = join_column(src, out_name, match, options.duplicates);
            JoinTableReport::ColumnInfo info;
            info.source_name = name;
            info.output_name = out_name;
            info.type = joined.type;
            info.missing_in_table = src.null_count();
            for (const auto& s : jt.read_stats)
                if (s.name == name) info.sentinels = s.sentinels;
            info.missing_after_join = joined.null_count();
            tr.columns.push_back(info);
            polygons.add_column(std::move(joined));
        }
        report.tables.push_back(std::move(tr));
        progress.report(static_cast<double>(t + 1) / static_cast<double>(tables.size()), "joined " + jt.label);
    }
    for (std::size_t p = 0; p < polygons.rows(); ++p) {
        if (matched_all[p]) ++report.polygons_matched_all;
        else report.polygons_unmatched.push_back(pkeys[p]);
    }
    return report;
}

void to_json(nlohmann::json& j, const JoinReport& r) {
    j = nlohmann::json::object();
    j["polygon_key"] = r.polygon_key;
    j["polygons"] = r.polygons;
    j["polygons_matched_in_every_table"] = r.polygons_matched_all;
    j["polygons_unmatched"] = r.polygons_unmatched;
    j["warnings"] = r.warnings;
    auto& tables = j["tables"] = nlohmann::json::array();
    for (const auto& t : r.tables) {
        nlohmann::json jt;
        jt["source"] = t.label;
        jt["format"] = t.format;
        jt["key"] = t.key;
        jt["rows"] = t.rows;
        jt["rows_matched"] = t.rows_matched;
        jt["rows_without_polygon"] = t.rows_without_polygon;
        jt["rows_with_empty_key"] = t.null_keys;
        jt["skipped_footer_lines"] = t.skipped_footer;
        jt["rows_matching_if_case_folded"] = t.would_match_case_folded;
        auto& dups = jt["duplicate_keys"] = nlohmann::json::array();
        for (const auto& [k, c] : t.duplicate_keys) dups.push_back({{"key", k}, {"count", c}});
        auto& cols = jt["columns"] = nlohmann::json::array();
        for (const auto& c : t.columns)
            cols.push_back({{"name", c.source_name},
                            {"output_name", c.output_name},
                            {"type", to_string(c.type)},
                            {"missing_in_table", c.missing_in_table},
                            {"sentinel_values", c.sentinels},
                            {"missing_after_join", c.missing_after_join}});
        tables.push_back(std::move(jt));
    }
}

}  // namespace leefbaar
