#pragma once
// Areas (buurten rolled up to wijken, stadsdelen, programme areas): a project's
// [areas] section, its [[areas.level]] tables and the per-indicator keys it adds to
// [indicator.<name>] (how the indicator aggregates). docs/methods/areas.md.
#include <optional>
#include <string>
#include <vector>

#include "areas/aggregate.hpp"
#include "core/param_list.hpp"

namespace leefbaar::steps {

struct AreaLevelStep {
    std::string name, label;
    std::string by = "code";          // code | lookup | polygons
    std::string code = "wijk";        // by = code: wijk | gemeente
    std::string table;                // by = lookup: CSV (resolved)
    std::string key, area, area_name; // its columns: key, area code, area name (optional)
    std::string via;                  // by = lookup: key on the unit's area of this finer level
    std::string polygons, layer;      // by = polygons (resolved)
    std::string code_field, name_field;
    std::string assign = "largest";   // largest | share
    std::string parent;               // the coarser level the areas lie in
    bool allow_unassigned = false;
    std::string output_layer;         // default: areas_<name>
};

struct AreasStep {
    std::string population;           // inhabitants: weights of scores and means, residents' shares
    std::string households;           // households' shares (optional)
    int low_classes = -1;             // classes 1..N count as low; -1: the Leefbaarometer's onvoldoende or lower (3), else 1
    std::vector<std::string> reference;  // keys of rows of the first [[input.table]] used as references (e.g. GM0917)
    int strengths = 3;
    std::string profile;              // the area whose profile the run prints (code or name)
    std::vector<AreaLevelStep> levels;
};

struct IndicatorAreas {
    std::optional<areas::Rule> rule;  // unset: ratio for rates with parts, sum for log counts, else mean
    std::string weight;               // mean: weight column (default [areas] population)
};

void declare_areas(params::ParamList& list, AreasStep& a);
void declare_area_level(params::ParamList& list, AreaLevelStep& l);
// Checks across keys and levels (names unique, parents and via defined and coarser).
void check_areas(const AreasStep& a);
void declare_indicator_areas(params::ParamList& list, IndicatorAreas& a);

}  // namespace leefbaar::steps
