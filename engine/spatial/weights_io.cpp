#include "spatial/weights_io.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <unordered_map>

#include "core/error.hpp"
#include "spatial/weights_ops.hpp"

namespace leefbaar {
namespace {

struct Token {
    std::string text;
    int line = 0;
};

// Whitespace tokens with their line numbers: GAL writers differ in whether a unit
// without neighbours gets an empty line, so the parser reads tokens, not lines.
std::vector<Token> tokenise(const std::string& text, std::vector<std::vector<Token>>* by_line) {
    std::vector<Token> out;
    std::istringstream in(text);
    std::string line;
    int no = 0;
    while (std::getline(in, line)) {
        ++no;
        std::vector<Token> row;
        std::size_t i = 0;
        while (i < line.size()) {
            while (i < line.size() && std::isspace(static_cast<unsigned char>(line[i]))) ++i;
            std::size_t j = i;
            while (j < line.size() && !std::isspace(static_cast<unsigned char>(line[j]))) ++j;
            if (j > i) row.push_back({line.substr(i, j - i), no});
            i = j;
        }
        for (const auto& t : row) out.push_back(t);
        if (by_line) by_line->push_back(std::move(row));
    }
    return out;
}

[[noreturn]] void fail(const std::string& name, int line, const std::string& msg, const std::string& hint = {}) {
    ErrorContext ctx;
    ctx.file = name;
    if (line > 0) ctx.line = line;
    throw DataError(msg, ctx, hint.empty() ? "check the file: it should be a GAL/GWT weights file as written by GeoDa or PySAL" : hint);
}

long long parse_count(const Token& t, const std::string& name, const char* what) {
    char* end = nullptr;
    const long long v = std::strtoll(t.text.c_str(), &end, 10);
    if (end == t.text.c_str() || *end != '\0' || v < 0) fail(name, t.line, std::string("expected ") + what + ", found '" + t.text + "'");
    return v;
}

double parse_weight(const Token& t, const std::string& name) {
    char* end = nullptr;
    const double v = std::strtod(t.text.c_str(), &end);
    if (end == t.text.c_str() || *end != '\0') fail(name, t.line, "expected a weight (number), found '" + t.text + "'");
    // strtod accepts "nan", "inf" and overflows like 1e400 (to inf): such a weight
    // makes every statistic NaN while the permutation p-values still look valid.
    if (!std::isfinite(v))
        fail(name, t.line, "the weight '" + t.text + "' is not a finite number",
             "weights must be finite numbers of 0 or more; correct or remove that link");
    if (v < 0)
        fail(name, t.line, "the weight '" + t.text + "' is negative",
             "spatial weights must be 0 or more; correct or remove that link");
    return v;
}

// Header: "n" | "0 n" | "0 n source idfield" (also "0 n source" tolerated).
WeightsFileHeader parse_header(const std::vector<Token>& line, const std::string& name) {
    WeightsFileHeader h;
    if (line.empty()) fail(name, 1, "empty file: no header line");
    const int no = line[0].line;
    if (line.size() == 1) {
        h.n = static_cast<std::size_t>(parse_count(line[0], name, "the number of units"));
    } else {
        if (line[0].text != "0") fail(name, no, "header should be 'n', '0 n' or '0 n <source> <id field>', found '" + line[0].text + " ...'");
        h.n = static_cast<std::size_t>(parse_count(line[1], name, "the number of units"));
        if (line.size() >= 3) h.source = line[2].text;
        if (line.size() >= 4) h.id_field = line[3].text;
        if (line.size() > 4) fail(name, no, "header has more than 4 items");
    }
    return h;
}

struct Resolver {
    const std::string& name;
    std::unordered_map<std::string, std::int32_t> index;
    std::vector<std::string> ids;
    bool fixed = false;

    Resolver(const std::string& nm, const std::vector<std::string>& order) : name(nm) {
        if (order.empty()) return;
        fixed = true;
        ids = order;
        index.reserve(order.size());
        for (std::size_t i = 0; i < order.size(); ++i)
            if (!index.emplace(order[i], static_cast<std::int32_t>(i)).second)
                throw DataError("duplicate key '" + order[i] + "' in the table the weights are matched to", {}, "weights need unique keys");
    }
    std::int32_t get(const Token& t, bool create) {
        auto it = index.find(t.text);
        if (it != index.end()) return it->second;
        if (fixed || !create) {
            if (fixed) fail(name, t.line, "id '" + t.text + "' is not a key of the table", "the weights file must use the same keys as the {{key}} column");
            return -1;
        }
        const auto k = static_cast<std::int32_t>(ids.size());
        index.emplace(t.text, k);
        ids.push_back(t.text);
        return k;
    }
};

void check_size(const WeightsFileHeader& h, std::size_t found, const std::string& name, const Resolver& r) {
    if (h.n != found) fail(name, 1, "header says " + std::to_string(h.n) + " units but the file has " + std::to_string(found));
    if (r.fixed && r.ids.size() != h.n)
        fail(name, 1, "the file has " + std::to_string(h.n) + " units but the table has " + std::to_string(r.ids.size()),
             "build the weights from the same table (same filter) you analyse");
}

std::string read_text(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw DataError("cannot open weights file", ErrorContext{path, {}, {}, {}, {}}, "check the path");
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

std::string lower_ext(const std::string& path) {
    const auto dot = path.find_last_of('.');
    std::string e = dot == std::string::npos ? "" : path.substr(dot + 1);
    std::transform(e.begin(), e.end(), e.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return e;
}

std::string header_line(const SpatialWeights& w, const std::string& source, const std::string& id_field) {
    if (!source.empty() && !id_field.empty()) return "0 " + std::to_string(w.size()) + " " + source + " " + id_field + "\n";
    return std::to_string(w.size()) + "\n";
}

std::string shortest(double v) {
    std::ostringstream s;
    s.precision(17);
    s << v;
    // Round-trip precision, but print 1 and 0.5 as such.
    std::ostringstream t;
    t.precision(15);
    t << v;
    return std::strtod(t.str().c_str(), nullptr) == v ? t.str() : s.str();
}

}  // namespace

SpatialWeights parse_gal(const std::string& text, const std::string& name, const std::vector<std::string>& order, WeightsFileHeader* header) {
    std::vector<std::vector<Token>> lines;
    tokenise(text, &lines);
    std::size_t first = 0;
    while (first < lines.size() && lines[first].empty()) ++first;
    if (first == lines.size()) fail(name, 1, "empty file: no header line");
    const WeightsFileHeader h = parse_header(lines[first], name);
    std::vector<Token> toks;
    for (std::size_t l = first + 1; l < lines.size(); ++l)
        for (const auto& t : lines[l]) toks.push_back(t);

    struct Record {
        Token focal;
        std::vector<Token> nbs;
    };
    std::vector<Record> recs;
    std::size_t p = 0;
    while (p < toks.size()) {
        Record r;
        r.focal = toks[p++];
        if (p >= toks.size()) fail(name, r.focal.line, "unit '" + r.focal.text + "' has no neighbour count");
        const Token& ct = toks[p++];
        if (ct.line != r.focal.line) fail(name, ct.line, "expected '<id> <count>' on one line for unit '" + r.focal.text + "'");
        const long long c = parse_count(ct, name, "a neighbour count");
        if (p + static_cast<std::size_t>(c) > toks.size())
            fail(name, ct.line, "unit '" + r.focal.text + "' announces " + std::to_string(c) + " neighbours but the file ends first");
        for (long long k = 0; k < c; ++k) r.nbs.push_back(toks[p++]);
        if (c > 0 && r.nbs.front().line == ct.line) fail(name, ct.line, "neighbour ids must be on the line after '<id> <count>'");
        if (c > 0 && r.nbs.back().line != r.nbs.front().line)
            fail(name, r.nbs.back().line, "unit '" + r.focal.text + "' announces " + std::to_string(c) + " neighbours but its line lists " +
                                              std::to_string(std::count_if(r.nbs.begin(), r.nbs.end(), [&](const Token& t) { return t.line == r.nbs.front().line; })));
        recs.push_back(std::move(r));
    }
    Resolver res(name, order);
    std::vector<std::int32_t> focal_index(recs.size());
    std::unordered_map<std::int32_t, int> first_line;  // unit -> line of its first record
    for (std::size_t r = 0; r < recs.size(); ++r) {
        focal_index[r] = res.get(recs[r].focal, true);
        const auto [it, fresh] = first_line.emplace(focal_index[r], recs[r].focal.line);
        if (!fresh)
            fail(name, recs[r].focal.line,
                 "unit '" + recs[r].focal.text + "' is listed twice (lines " + std::to_string(it->second) + " and " +
                     std::to_string(recs[r].focal.line) + ")",
                 "each unit id may head one record; the weights were probably built from a table with duplicate keys");
    }
    check_size(h, recs.size(), name, res);
    SpatialWeights w;
    w.ids = res.ids;
    w.neighbours.resize(w.ids.size());
    w.weights.resize(w.ids.size());
    for (std::size_t r = 0; r < recs.size(); ++r) {
        const auto i = static_cast<std::size_t>(focal_index[r]);
        for (const auto& t : recs[r].nbs) {
            const auto j = res.get(t, false);
            if (j < 0) fail(name, t.line, "neighbour id '" + t.text + "' is not a unit of the file");
            w.neighbours[i].push_back(j);
            w.weights[i].push_back(1.0);
        }
    }
    normalise_rows(w);
    w.transform = WeightsTransform::Binary;
    w.kind = "gal file " + name;
    if (header) *header = h;
    return w;
}

SpatialWeights parse_gwt(const std::string& text, const std::string& name, const std::vector<std::string>& order, WeightsFileHeader* header) {
    std::vector<std::vector<Token>> lines;
    tokenise(text, &lines);
    std::size_t first = 0;
    while (first < lines.size() && lines[first].empty()) ++first;
    if (first == lines.size()) fail(name, 1, "empty file: no header line");
    const WeightsFileHeader h = parse_header(lines[first], name);
    Resolver res(name, order);
    struct Link {
        std::int32_t i, j;
        double w;
    };
    std::vector<Link> links;
    // A link given twice would count twice in every statistic.
    std::unordered_map<std::uint64_t, int> link_line;
    for (std::size_t l = first + 1; l < lines.size(); ++l) {
        const auto& row = lines[l];
        if (row.empty()) continue;
        if (row.size() != 3) fail(name, row[0].line, "expected '<id> <neighbour id> <weight>', found " + std::to_string(row.size()) + " items");
        const auto i = res.get(row[0], true);
        const auto j = res.get(row[1], true);
        const std::uint64_t pair = (static_cast<std::uint64_t>(static_cast<std::uint32_t>(i)) << 32) | static_cast<std::uint32_t>(j);
        const auto [it, fresh] = link_line.emplace(pair, row[0].line);
        if (!fresh)
            fail(name, row[0].line,
                 "the link '" + row[0].text + "' -> '" + row[1].text + "' is listed twice (lines " + std::to_string(it->second) + " and " +
                     std::to_string(row[0].line) + ")",
                 "give each link once; the weights were probably built from a table with duplicate keys");
        links.push_back({i, j, parse_weight(row[2], name)});
    }
    if (!res.fixed && res.ids.size() != h.n)
        fail(name, 1, "header says " + std::to_string(h.n) + " units but the links name " + std::to_string(res.ids.size()),
             "units without neighbours do not appear in a GWT file: read it with the table's keys ({{weights}} with {{key}})");
    check_size(h, res.ids.size(), name, res);
    SpatialWeights w;
    w.ids = res.ids;
    w.neighbours.resize(w.ids.size());
    w.weights.resize(w.ids.size());
    for (const auto& k : links) {
        w.neighbours[static_cast<std::size_t>(k.i)].push_back(k.j);
        w.weights[static_cast<std::size_t>(k.i)].push_back(k.w);
    }
    normalise_rows(w);
    w.transform = WeightsTransform::Binary;
    bool all_one = true;
    for (const auto& r : w.weights)
        for (double v : r) all_one = all_one && v == 1.0;
    w.kind = std::string("gwt file ") + name + (all_one ? "" : " (general weights)");
    if (header) *header = h;
    return w;
}

SpatialWeights read_gal(const std::string& path, const std::vector<std::string>& order) { return parse_gal(read_text(path), path, order); }
SpatialWeights read_gwt(const std::string& path, const std::vector<std::string>& order) { return parse_gwt(read_text(path), path, order); }

SpatialWeights read_weights_file(const std::string& path, const std::vector<std::string>& order) {
    const auto e = lower_ext(path);
    if (e == "gal") return read_gal(path, order);
    if (e == "gwt") return read_gwt(path, order);
    throw UsageError("unknown weights file type '." + e + "'", ErrorContext{path, {}, {}, {}, {}}, "use a .gal or .gwt file");
}

std::string format_gal(const SpatialWeights& w, const std::string& source, const std::string& id_field) {
    std::string out = header_line(w, source, id_field);
    for (std::size_t i = 0; i < w.size(); ++i) {
        out += w.ids[i] + " " + std::to_string(w.neighbours[i].size()) + "\n";
        for (std::size_t k = 0; k < w.neighbours[i].size(); ++k) {
            if (k) out += ' ';
            out += w.ids[static_cast<std::size_t>(w.neighbours[i][k])];
        }
        out += '\n';
    }
    return out;
}

std::string format_gwt(const SpatialWeights& w, const std::string& source, const std::string& id_field) {
    std::string out = header_line(w, source.empty() ? "unknown" : source, id_field.empty() ? "id" : id_field);
    for (std::size_t i = 0; i < w.size(); ++i)
        for (std::size_t k = 0; k < w.neighbours[i].size(); ++k)
            out += w.ids[i] + " " + w.ids[static_cast<std::size_t>(w.neighbours[i][k])] + " " + shortest(w.weights[i][k]) + "\n";
    return out;
}

}  // namespace leefbaar
