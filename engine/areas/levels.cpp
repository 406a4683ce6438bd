#include "areas/levels.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <set>

#include "core/error.hpp"

namespace leefbaar::areas {
namespace {

std::string first_of(const std::vector<std::string>& keys, std::size_t max = 5) {
    std::string s;
    for (std::size_t i = 0; i < keys.size() && i < max; ++i) s += (i ? ", " : "") + ("'" + keys[i] + "'");
    if (keys.size() > max) s += " and " + std::to_string(keys.size() - max) + " more";
    return s;
}

// Areas sorted by code; units' whole memberships from one code per unit ("" = none).
AreaLevel from_unit_codes(const std::string& name, const std::vector<std::string>& unit_area, const std::map<std::string, std::string>& names) {
    AreaLevel l;
    l.name = name;
    std::set<std::string> codes;
    for (const auto& c : unit_area)
        if (!c.empty()) codes.insert(c);
    l.codes.assign(codes.begin(), codes.end());
    for (const auto& c : l.codes) {
        const auto it = names.find(c);
        l.names.push_back(it != names.end() && !it->second.empty() ? it->second : c);
    }
    l.members.resize(l.codes.size());
    l.main_area.assign(unit_area.size(), -1);
    for (std::size_t u = 0; u < unit_area.size(); ++u) {
        if (unit_area[u].empty()) continue;
        const std::size_t a = l.find(unit_area[u]);
        l.members[a].push_back({u, 1.0});
        l.main_area[u] = static_cast<std::int64_t>(a);
    }
    l.parent_area.assign(l.codes.size(), -1);
    return l;
}

bool is_buurt_code(const std::string& k) {
    return k.size() == 10 && k[0] == 'B' && k[1] == 'U' && std::all_of(k.begin() + 2, k.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
}

}  // namespace

CodeRule parse_code_rule(const std::string& s) {
    if (s == "wijk") return CodeRule::Wijk;
    if (s == "gemeente") return CodeRule::Gemeente;
    throw UsageError("unknown code rule '" + s + "'", {}, "use \"wijk\" (BUggggwwbb -> WKggggww) or \"gemeente\" (-> GMgggg)");
}

const char* to_string(CodeRule r) { return r == CodeRule::Wijk ? "wijk" : "gemeente"; }

std::size_t AreaLevel::find(const std::string& code) const {
    const auto it = std::lower_bound(codes.begin(), codes.end(), code);
    return it != codes.end() && *it == code ? static_cast<std::size_t>(it - codes.begin()) : codes.size();
}

AreaLevel level_from_codes(const std::string& name, const std::vector<std::string>& unit_keys, CodeRule rule) {
    std::vector<std::string> area(unit_keys.size()), bad;
    for (std::size_t u = 0; u < unit_keys.size(); ++u) {
        std::string k = unit_keys[u];
        std::transform(k.begin(), k.end(), k.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
        if (!is_buurt_code(k)) {
            bad.push_back(unit_keys[u]);
            continue;
        }
        area[u] = rule == CodeRule::Wijk ? "WK" + k.substr(2, 6) : "GM" + k.substr(2, 4);
    }
    if (!bad.empty())
        throw DataError("area level '" + name + "': " + std::to_string(bad.size()) + " unit key(s) are not CBS buurt codes (BU + 8 digits): " + first_of(bad), {},
                        "define the level with a lookup table (by = \"lookup\") or by polygons instead of by = \"code\"");
    return from_unit_codes(name, area, {});
}

AreaLevel level_from_lookup(const std::string& name, const std::vector<std::string>& unit_keys, const Lookup& lookup, const AreaLevel* via,
                            bool allow_unassigned) {
    std::vector<std::string> area(unit_keys.size()), missing;
    std::set<std::string> missing_set;
    for (std::size_t u = 0; u < unit_keys.size(); ++u) {
        std::string key = unit_keys[u];
        if (via) {
            if (via->main_area[u] < 0) continue;  // not in the finer level: said there
            key = via->codes[static_cast<std::size_t>(via->main_area[u])];
        }
        const auto it = lookup.area.find(key);
        if (it == lookup.area.end()) {
            if (missing_set.insert(key).second) missing.push_back(key);
            continue;
        }
        area[u] = it->second;
    }
    const std::string what = via ? "area(s) of level '" + via->name + "'" : "unit(s)";
    AreaLevel l = from_unit_codes(name, area, lookup.names);
    if (!missing.empty()) {
        const std::string msg = "area level '" + name + "': " + std::to_string(missing.size()) + " " + what + " are not in the lookup table: " + first_of(missing);
        if (!allow_unassigned)
            throw DataError(msg, ErrorContext{lookup.file}, "add them to the table, or set allow_unassigned = true to leave them out of this level");
        l.warnings.push_back(msg + "; they belong to no area of this level");
    }
    return l;
}

AreaLevel level_from_overlaps(const std::string& name, const std::vector<std::string>& unit_keys, const std::vector<std::string>& area_codes,
                              const std::vector<std::string>& area_names, const std::vector<std::vector<Overlap>>& overlap, bool split,
                              const std::string& file) {
    // Areas keep the codes as given, sorted (a stable order for the layer).
    std::vector<std::size_t> order(area_codes.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return area_codes[a] < area_codes[b]; });
    AreaLevel l;
    l.name = name;
    std::vector<std::size_t> pos(area_codes.size());
    for (std::size_t i = 0; i < order.size(); ++i) {
        if (i && area_codes[order[i]] == area_codes[order[i - 1]])
            throw DataError("area level '" + name + "': two area polygons have the code '" + area_codes[order[i]] + "'", ErrorContext{file},
                            "give every polygon its own code, or dissolve them into one in QGIS");
        pos[order[i]] = i;
        l.codes.push_back(area_codes[order[i]]);
        l.names.push_back(area_names.empty() || area_names[order[i]].empty() ? area_codes[order[i]] : area_names[order[i]]);
    }
    l.members.resize(l.codes.size());
    l.main_area.assign(unit_keys.size(), -1);
    l.parent_area.assign(l.codes.size(), -1);
    std::vector<std::string> uncovered, partial;
    for (std::size_t u = 0; u < unit_keys.size(); ++u) {
        double total = 0, best = 0;
        std::size_t best_area = 0;
        for (const auto& o : overlap[u]) {
            total += o.share;
            if (o.share > best) best = o.share, best_area = pos[o.area];
        }
        if (total > 1.001) {
            std::vector<std::string> which;
            for (const auto& o : overlap[u]) which.push_back(area_codes[o.area]);
            throw DataError("area level '" + name + "': unit '" + unit_keys[u] + "' is covered " + std::to_string(static_cast<int>(std::lround(total * 100))) +
                                " % by the area polygons " + first_of(which) + ", which overlap",
                            ErrorContext{file}, "make the area polygons not overlap (QGIS: Vector > Geometry Tools > Check Validity, or snap the edges)");
        }
        if (best <= 0) {
            uncovered.push_back(unit_keys[u]);
            continue;
        }
        if (total < 0.99) partial.push_back(unit_keys[u]);
        l.main_area[u] = static_cast<std::int64_t>(best_area);
        if (!split) {
            l.members[best_area].push_back({u, 1.0});
            if (best < 0.99 * total) l.split_units.push_back(unit_keys[u]);
            continue;
        }
        for (const auto& o : overlap[u]) l.members[pos[o.area]].push_back({u, o.share / total});
        if (overlap[u].size() > 1 && best < 0.99 * total) l.split_units.push_back(unit_keys[u]);
    }
    for (auto& m : l.members) std::sort(m.begin(), m.end(), [](const Member& a, const Member& b) { return a.unit < b.unit; });
    if (!uncovered.empty())
        l.warnings.push_back("area level '" + name + "': " + std::to_string(uncovered.size()) + " unit(s) lie outside every area polygon: " + first_of(uncovered) +
                             "; they belong to no area of this level");
    if (!partial.empty())
        l.warnings.push_back("area level '" + name + "': " + std::to_string(partial.size()) + " unit(s) are only partly covered by the area polygons: " + first_of(partial) +
                             "; each counts with the part that is covered");
    if (!l.split_units.empty())
        l.warnings.push_back("area level '" + name + "': " + std::to_string(l.split_units.size()) + " unit(s) lie in more than one area: " + first_of(l.split_units) +
                             (split ? "; their counts are apportioned by area share" : "; each is counted whole in the area covering most of it"));
    return l;
}

void link_parent(AreaLevel& level, const AreaLevel& parent, const std::vector<std::string>& unit_keys) {
    level.parent = parent.name;
    level.parent_area.assign(level.areas(), -1);
    for (std::size_t a = 0; a < level.areas(); ++a) {
        std::map<std::int64_t, double> in;
        double total = 0;
        for (const auto& m : level.members[a]) {
            in[parent.main_area[m.unit]] += m.share;
            total += m.share;
        }
        if (in.empty()) continue;
        const auto best = std::max_element(in.begin(), in.end(), [](const auto& x, const auto& y) { return x.second < y.second; });
        if (best->first >= 0 && best->second >= 0.999 * total) {
            level.parent_area[a] = best->first;
            continue;
        }
        std::vector<std::string> where;
        for (const auto& m : level.members[a]) {
            const auto p = parent.main_area[m.unit];
            where.push_back(unit_keys[m.unit] + " in " + (p < 0 ? std::string("no area") : parent.codes[static_cast<std::size_t>(p)]));
        }
        throw DataError("area '" + level.codes[a] + "' of level '" + level.name + "' does not lie in one area of its parent level '" + parent.name +
                            "': its units are " + first_of(where, 6),
                        {}, "correct the lookup or the polygons so that each " + level.name + " lies in one " + parent.name + ", or remove parent = \"" + parent.name + "\"");
    }
}

}  // namespace leefbaar::areas
