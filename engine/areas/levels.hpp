#pragma once
// Area levels: which area of a level each unit (buurt) belongs to. Programmes and
// budgets are decided for areas (a wijk, a stadsdeel, Heerlen-Noord), so every
// area statistic starts from this membership. Three ways to define a level:
//   code     from the CBS unit code: buurt BUggggwwbb -> wijk WKggggww, gemeente GMgggg
//   lookup   a table: the unit's key (or its area of a finer level) -> area code
//   polygons areas drawn by the user (e.g. in QGIS): each unit goes to the area
//            covering most of it ("largest"), or is split between the areas by the
//            share of its area each covers ("share"; counts are then apportioned)
// A level may name a parent level; every area must lie in one area of its parent.
// Pure computation on keys and shares: the caller reads the lookup table or
// intersects the polygons (io/polygon_overlap.hpp).
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace leefbaar::areas {

enum class CodeRule { Wijk, Gemeente };
CodeRule parse_code_rule(const std::string& s);  // "wijk" | "gemeente"; UsageError otherwise
const char* to_string(CodeRule r);

// A unit's share in an area: 1 for a whole unit; the covered share of its area for a
// unit split between drawn areas.
struct Member {
    std::size_t unit = 0;
    double share = 1.0;
};

struct AreaLevel {
    std::string name;                         // e.g. "wijk"
    std::string label;                        // for QGIS and reports
    std::string parent;                       // name of the coarser level, or empty
    std::vector<std::string> codes;           // per area, sorted
    std::vector<std::string> names;           // per area (the code when none is known)
    std::vector<std::vector<Member>> members;  // per area, by unit
    std::vector<std::int64_t> main_area;       // per unit: the area with its largest share, -1 for none
    std::vector<std::int64_t> parent_area;     // per area: index in the parent level, -1 without one
    std::vector<std::string> split_units;      // keys of units split between areas
    std::vector<std::string> warnings;

    std::size_t areas() const { return codes.size(); }
    std::size_t find(const std::string& code) const;  // index, or areas() when absent
};

// The codes of the units' areas by the CBS code rule. A key that is not a CBS buurt
// code (BU + 8 digits) is a DataError naming it.
AreaLevel level_from_codes(const std::string& name, const std::vector<std::string>& unit_keys, CodeRule rule);

// The units' areas from a lookup (key -> area code), keyed by the unit key, or, when
// `via` is given, by the unit's area in that finer level (e.g. wijk -> stadsdeel).
// A key the lookup lacks is a DataError naming it (up to five) and the table, unless
// allow_unassigned: then the unit belongs to no area of the level and a warning says so.
struct Lookup {
    std::string file;                          // for messages
    std::map<std::string, std::string> area;   // key -> area code
    std::map<std::string, std::string> names;  // area code -> name (optional)
};
AreaLevel level_from_lookup(const std::string& name, const std::vector<std::string>& unit_keys, const Lookup& lookup,
                            const AreaLevel* via, bool allow_unassigned);

// The units' areas from drawn polygons: overlap[u] lists (area, share of unit u's area)
// for every area polygon that overlaps unit u. `split` keeps the shares; otherwise each
// unit goes whole to the area with the largest share. Areas that overlap each other
// (a unit covered more than once) are a DataError naming the unit and the areas; a unit
// not covered at all belongs to no area (warning), one covered in part keeps its share.
struct Overlap {
    std::size_t area = 0;
    double share = 0;
};
AreaLevel level_from_overlaps(const std::string& name, const std::vector<std::string>& unit_keys, const std::vector<std::string>& area_codes,
                              const std::vector<std::string>& area_names, const std::vector<std::vector<Overlap>>& overlap, bool split,
                              const std::string& file);

// Links a level to its parent: every area must lie in one parent area (weighted by the
// members' shares, at least 99.9 %); DataError naming the area, its units and the
// parent areas they fall in otherwise.
void link_parent(AreaLevel& level, const AreaLevel& parent, const std::vector<std::string>& unit_keys);

}  // namespace leefbaar::areas
