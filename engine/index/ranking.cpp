#include "index/ranking.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <utility>

namespace leefbaar::index {

std::size_t competition_ranks(const std::vector<double>& score, std::vector<std::int32_t>& rank) {
    rank.assign(score.size(), 0);
    // (score, unit) pairs sort contiguously: several times faster than sorting unit
    // numbers through an indirect comparator, which matters in the Monte Carlo.
    std::vector<std::pair<double, std::int32_t>> order;
    order.reserve(score.size());
    for (std::size_t i = 0; i < score.size(); ++i)
        if (!std::isnan(score[i])) order.emplace_back(score[i], static_cast<std::int32_t>(i));
    std::sort(order.begin(), order.end(), [](const auto& a, const auto& b) { return a.first > b.first || (a.first == b.first && a.second < b.second); });
    for (std::size_t i = 0; i < order.size(); ++i) {
        const auto u = static_cast<std::size_t>(order[i].second);
        if (i > 0 && order[i].first == order[i - 1].first) rank[u] = rank[static_cast<std::size_t>(order[i - 1].second)];
        else rank[u] = static_cast<std::int32_t>(i + 1);
    }
    return order.size();
}

double rank_percentile(std::int32_t rank, std::size_t n) {
    if (n <= 1) return 100.0;
    return 100.0 * (static_cast<double>(n) - static_cast<double>(rank)) / (static_cast<double>(n) - 1.0);
}

}  // namespace leefbaar::index
