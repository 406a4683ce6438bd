#include "cluster/region_state.hpp"

#include <algorithm>
#include <cmath>
#include <deque>
#include <limits>

namespace leefbaar::cluster {

RegionState::RegionState(const DataMatrix& m, const Graph& g, const std::vector<RegionFloor>& floors, std::vector<std::int32_t> labels)
    : m_(m), g_(g), floors_(floors), centre_(m.p, 0.0), mark_(m.n, 0) {
    for (std::size_t i = 0; i < m.n; ++i)
        for (std::size_t j = 0; j < m.p; ++j) centre_[j] += m.row(i)[j];
    for (auto& c : centre_) c /= static_cast<double>(std::max<std::size_t>(1, m.n));
    reset(std::move(labels));
}

void RegionState::reset(std::vector<std::int32_t> labels) {
    labels_ = std::move(labels);
    std::int32_t k = 0;
    for (auto l : labels_) k = std::max(k, l + 1);
    const std::size_t p = m_.p;
    sum_.assign(static_cast<std::size_t>(k) * p, 0.0);
    sq_.assign(static_cast<std::size_t>(k), 0.0);
    count_.assign(static_cast<std::size_t>(k), 0);
    bound_.assign(floors_.size(), std::vector<double>(static_cast<std::size_t>(k), 0.0));
    for (std::size_t i = 0; i < m_.n; ++i) {
        const auto r = labels_[i];
        if (r < 0) continue;
        ++count_[r];
        for (std::size_t j = 0; j < p; ++j) {
            const double c = m_.row(i)[j] - centre_[j];
            sum_[r * p + j] += c;
            sq_[r] += c * c;
        }
        for (std::size_t f = 0; f < floors_.size(); ++f) bound_[f][r] += floors_[f].weight[i];
    }
}

double RegionState::ssd(std::size_t r) const {
    if (count_[r] == 0) return 0;
    double s2 = 0;
    for (std::size_t j = 0; j < m_.p; ++j) s2 += sum_[r * m_.p + j] * sum_[r * m_.p + j];
    return sq_[r] - s2 / static_cast<double>(count_[r]);
}

double RegionState::objective() const {
    double t = 0;
    for (std::size_t r = 0; r < count_.size(); ++r) t += ssd(r);
    return t;
}

double RegionState::move_delta(std::int32_t u, std::int32_t to) const {
    const auto from = labels_[u];
    const std::size_t p = m_.p;
    double sa_before = 0, sa_after = 0, sb_before = 0, sb_after = 0;
    for (std::size_t j = 0; j < p; ++j) {
        const double x = m_.row(u)[j] - centre_[j];
        const double a = sum_[from * p + j], b = sum_[to * p + j];
        sa_before += a * a;
        sa_after += (a - x) * (a - x);
        sb_before += b * b;
        sb_after += (b + x) * (b + x);
    }
    const double na = static_cast<double>(count_[from]), nb = static_cast<double>(count_[to]);
    // SSD = Σ||x||² − ||Σx||²/n; the Σ||x||² parts cancel between donor and receiver.
    const double before = -sa_before / na - (nb > 0 ? sb_before / nb : 0.0);
    const double after = (na > 1 ? -sa_after / (na - 1) : 0.0) - sb_after / (nb + 1);
    return after - before;
}

bool RegionState::can_leave(std::int32_t u) const {
    const auto r = labels_[u];
    if (count_[r] <= 1) return false;
    for (std::size_t f = 0; f < floors_.size(); ++f)
        if (bound_[f][r] - floors_[f].weight[u] < floors_[f].floor) return false;
    std::int32_t start = -1;
    std::size_t inside = 0;
    for (auto v : g_.adj[u])
        if (labels_[v] == r) ++inside, start = v;
    if (inside == 0) return false;  // cannot happen in a contiguous region of more than one unit
    if (inside == 1) return true;   // a leaf: removing it cannot disconnect the rest
    if (++stamp_ == 0) std::fill(mark_.begin(), mark_.end(), 0), stamp_ = 1;
    mark_[u] = stamp_;
    mark_[start] = stamp_;
    std::vector<std::int32_t> stack{start};
    std::size_t reached = 1;
    // Early exit once all of u's neighbours in r are reached: then the rest is connected through them.
    std::size_t nb_reached = 1;
    while (!stack.empty()) {
        const auto v = stack.back();
        stack.pop_back();
        for (auto w : g_.adj[v]) {
            if (labels_[w] != r || mark_[w] == stamp_) continue;
            mark_[w] = stamp_;
            ++reached;
            if (std::binary_search(g_.adj[u].begin(), g_.adj[u].end(), w) && ++nb_reached == inside) return true;
            stack.push_back(w);
        }
    }
    return reached == count_[r] - 1;
}

void RegionState::move(std::int32_t u, std::int32_t to) {
    const auto from = labels_[u];
    const std::size_t p = m_.p;
    for (std::size_t j = 0; j < p; ++j) {
        const double x = m_.row(u)[j] - centre_[j];
        sum_[from * p + j] -= x;
        sum_[to * p + j] += x;
        sq_[from] -= x * x;
        sq_[to] += x * x;
    }
    --count_[from];
    ++count_[to];
    for (std::size_t f = 0; f < floors_.size(); ++f) {
        bound_[f][from] -= floors_[f].weight[u];
        bound_[f][to] += floors_[f].weight[u];
    }
    labels_[u] = to;
}

std::vector<std::int32_t> RegionState::neighbour_regions(std::int32_t u) const {
    std::vector<std::int32_t> out;
    for (auto v : g_.adj[u])
        if (labels_[v] >= 0 && labels_[v] != labels_[u]) out.push_back(labels_[v]);
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

namespace {

std::vector<std::int32_t> shuffled_units(const RegionState& s, RandomEngine& rng) {
    std::vector<std::int32_t> order;
    for (std::size_t i = 0; i < s.labels().size(); ++i)
        if (s.labels()[i] >= 0) order.push_back(static_cast<std::int32_t>(i));
    for (std::size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[uniform_below(rng, i)]);
    return order;
}

constexpr double kEps = 1e-12;

std::size_t greedy(RegionState& s, const LocalSearchOptions& o, RandomEngine& rng) {
    std::size_t moves = 0;
    for (int pass = 0; pass < o.max_passes; ++pass) {
        std::size_t moved = 0;
        for (auto u : shuffled_units(s, rng)) {
            const auto nbr = s.neighbour_regions(u);
            if (nbr.empty()) continue;
            std::int32_t best = -1;
            double bd = -kEps;
            for (auto r : nbr) {
                const double d = s.move_delta(u, r);
                if (d < bd) bd = d, best = r;
            }
            if (best >= 0 && s.can_leave(u)) s.move(u, best), ++moved;
        }
        moves += moved;
        if (moved == 0) break;
    }
    return moves;
}

std::size_t annealing(RegionState& s, const LocalSearchOptions& o, RandomEngine& rng) {
    std::size_t moves = 0;
    double current = s.objective(), best = current;
    std::vector<std::int32_t> best_labels = s.labels();
    double t = current / static_cast<double>(std::max<std::size_t>(1, s.labels().size()));  // mean SSD per unit
    int stale = 0;
    while (stale < o.max_passes && t > 0) {
        bool improved = false;
        for (auto u : shuffled_units(s, rng)) {
            const auto nbr = s.neighbour_regions(u);
            if (nbr.empty()) continue;
            const auto r = nbr[uniform_below(rng, nbr.size())];
            const double d = s.move_delta(u, r);
            if ((d < 0 || uniform01(rng) < std::exp(-d / t)) && s.can_leave(u)) {
                s.move(u, r);
                ++moves;
                current += d;
                if (current < best - kEps) best = current, best_labels = s.labels(), improved = true;
            }
        }
        stale = improved ? 0 : stale + 1;
        t *= o.cooling;
    }
    s.reset(std::move(best_labels));
    return moves + greedy(s, o, rng);
}

std::size_t tabu(RegionState& s, const LocalSearchOptions& o, RandomEngine& rng) {
    struct Move {
        std::int32_t unit, region;
    };
    std::deque<Move> tabu_list;
    auto is_tabu = [&](std::int32_t u, std::int32_t r) {
        for (const auto& m : tabu_list)
            if (m.unit == u && m.region == r) return true;
        return false;
    };
    double current = s.objective(), best = current;
    std::vector<std::int32_t> best_labels = s.labels();
    std::size_t moves = 0;
    int stale = 0;
    while (stale < o.max_passes) {
        std::int32_t bu = -1, br = -1;
        double bd = std::numeric_limits<double>::infinity();
        for (auto u : shuffled_units(s, rng)) {
            for (auto r : s.neighbour_regions(u)) {
                const double d = s.move_delta(u, r);
                // Aspiration: a tabu move is allowed when it beats the best solution so far.
                if (d < bd && (!is_tabu(u, r) || current + d < best - kEps) && s.can_leave(u)) bd = d, bu = u, br = r;
            }
        }
        if (bu < 0) break;
        const auto from = s.labels()[bu];
        s.move(bu, br);
        ++moves;
        current += bd;
        tabu_list.push_back({bu, from});
        if (static_cast<int>(tabu_list.size()) > o.tabu_length) tabu_list.pop_front();
        if (current < best - kEps) best = current, best_labels = s.labels(), stale = 0;
        else ++stale;
    }
    s.reset(std::move(best_labels));
    return moves;
}

}  // namespace

std::size_t local_search(RegionState& state, const LocalSearchOptions& options, RandomEngine& rng) {
    switch (options.search) {
        case AzpSearch::Greedy: return greedy(state, options, rng);
        case AzpSearch::Annealing: return annealing(state, options, rng);
        case AzpSearch::Tabu: return tabu(state, options, rng);
    }
    return 0;
}

}  // namespace leefbaar::cluster
