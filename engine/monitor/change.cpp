#include "monitor/change.hpp"

#include <algorithm>
#include <cmath>

#include "core/error.hpp"
#include "index/ranking.hpp"
#include "index/stats.hpp"

namespace leefbaar::monitor {

int development_class(double change, const Thresholds& t) {
    if (std::isnan(change)) return 0;
    if (change >= t[2]) return 7;
    if (change >= t[1]) return 6;
    if (change >= t[0]) return 5;
    if (change <= -t[2]) return 1;
    if (change <= -t[1]) return 2;
    if (change <= -t[0]) return 3;
    return 4;
}

const std::vector<std::string>& development_labels() {
    static const std::vector<std::string> labels = {"grote achteruitgang", "achteruitgang",      "geringe achteruitgang", "geen verandering",
                                                    "geringe vooruitgang", "vooruitgang", "grote vooruitgang"};
    return labels;
}

Thresholds default_thresholds(const std::vector<double>& pooled) {
    std::vector<double> present;
    for (double v : pooled)
        if (!std::isnan(v)) present.push_back(v);
    const double step = present.size() > 1 ? kStepPerSd * index::sample_sd(present) : NAN;
    if (!(step > 0)) throw DataError("the development classes need scores that vary", {}, "give the thresholds (development_thresholds)");
    return {step, 2 * step, 3 * step};
}

void check_thresholds(const Thresholds& t) {
    if (!(t[0] > 0 && t[0] < t[1] && t[1] < t[2]))
        throw UsageError("the development thresholds must be three increasing positive numbers", {}, "e.g. {{development_thresholds}} = [2, 4, 6]");
}

std::vector<std::int32_t> ranks_per_year(const std::vector<double>& score, std::size_t units, std::size_t years) {
    std::vector<std::int32_t> out(score.size(), 0), r;
    for (std::size_t y = 0; y < years; ++y) {
        const auto b = score.begin() + static_cast<std::ptrdiff_t>(y * units);
        index::competition_ranks(std::vector<double>(b, b + static_cast<std::ptrdiff_t>(units)), r);
        std::copy(r.begin(), r.end(), out.begin() + static_cast<std::ptrdiff_t>(y * units));
    }
    return out;
}

YearChange compare_years(const std::vector<double>& score, const std::vector<int>& cls, std::size_t units, const std::vector<int>& years, int from, int to,
                         const Thresholds& t) {
    const auto yi = [&](int year) {
        const auto it = std::find(years.begin(), years.end(), year);
        if (it == years.end())
            throw UsageError("the year " + std::to_string(year) + " is not one of the editions", {}, "compare two of the years the project names");
        return static_cast<std::size_t>(it - years.begin());
    };
    const std::size_t a = yi(from), b = yi(to);
    const auto ranks = ranks_per_year(score, units, years.size());
    YearChange c;
    c.from = from;
    c.to = to;
    for (std::size_t u = 0; u < units; ++u) {
        const std::size_t ra = a * units + u, rb = b * units + u;
        const bool both = !std::isnan(score[ra]) && !std::isnan(score[rb]);
        c.score_from.push_back(score[ra]);
        c.score_to.push_back(score[rb]);
        c.change.push_back(both ? score[rb] - score[ra] : NAN);
        c.rank_from.push_back(ranks[ra]);
        c.rank_to.push_back(ranks[rb]);
        c.rank_change.push_back(both ? ranks[ra] - ranks[rb] : 0);
        c.class_from.push_back(cls[ra]);
        c.class_to.push_back(cls[rb]);
        c.class_change.push_back(both && cls[ra] > 0 && cls[rb] > 0 ? cls[rb] - cls[ra] : 0);
        c.development.push_back(development_class(c.change.back(), t));
    }
    return c;
}

}  // namespace leefbaar::monitor
