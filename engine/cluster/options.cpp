#include "cluster/options.hpp"

#include <array>
#include <utility>

#include "core/error.hpp"

namespace leefbaar::cluster {
namespace {

template <typename E, std::size_t N>
E parse_enum(const std::string& s, const std::array<std::pair<const char*, E>, N>& names, const char* what) {
    std::vector<std::string> all;
    for (const auto& [n, v] : names) {
        if (s == n) return v;
        all.emplace_back(n);
    }
    const std::string near = nearest_name(s, all);
    throw UsageError("unknown " + std::string(what) + " '" + s + "'", {},
                     (near.empty() ? std::string() : "did you mean '" + near + "'? ") + "use one of: " + join_names(all));
}

template <typename E, std::size_t N>
const char* name_of(E v, const std::array<std::pair<const char*, E>, N>& names) {
    for (const auto& [n, e] : names)
        if (e == v) return n;
    return "?";
}

constexpr std::array<std::pair<const char*, Method>, 9> kMethods{{{"kmeans", Method::KMeans},
                                                                  {"ward", Method::Ward},
                                                                  {"average", Method::Average},
                                                                  {"complete", Method::Complete},
                                                                  {"single", Method::Single},
                                                                  {"skater", Method::Skater},
                                                                  {"redcap", Method::Redcap},
                                                                  {"maxp", Method::MaxP},
                                                                  {"azp", Method::Azp}}};
constexpr std::array<std::pair<const char*, Scaling>, 5> kScalings{
    {{"none", Scaling::None}, {"demean", Scaling::Demean}, {"zscore", Scaling::ZScore}, {"mad", Scaling::Mad}, {"range", Scaling::Range}}};
constexpr std::array<std::pair<const char*, Distance>, 2> kDistances{{{"euclidean", Distance::Euclidean}, {"manhattan", Distance::Manhattan}}};
constexpr std::array<std::pair<const char*, MissingPolicy>, 2> kMissing{{{"exclude", MissingPolicy::Exclude}, {"mean", MissingPolicy::ImputeMean}}};
constexpr std::array<std::pair<const char*, TreeCost>, 2> kCosts{{{"ssd", TreeCost::Ssd}, {"distance", TreeCost::Distance}}};
constexpr std::array<std::pair<const char*, RedcapLinkage>, 2> kLinkages{{{"average", RedcapLinkage::Average}, {"ward", RedcapLinkage::Ward}}};
constexpr std::array<std::pair<const char*, AzpSearch>, 3> kSearches{
    {{"greedy", AzpSearch::Greedy}, {"annealing", AzpSearch::Annealing}, {"tabu", AzpSearch::Tabu}}};

template <typename E, std::size_t N>
std::vector<std::string> names_of(const std::array<std::pair<const char*, E>, N>& names) {
    std::vector<std::string> out;
    for (const auto& [n, e] : names) out.emplace_back(n);
    return out;
}

}  // namespace

std::vector<std::string> method_names() { return names_of(kMethods); }
std::vector<std::string> scaling_names() { return names_of(kScalings); }
std::vector<std::string> distance_names() { return names_of(kDistances); }
std::vector<std::string> missing_names() { return names_of(kMissing); }
std::vector<std::string> tree_cost_names() { return names_of(kCosts); }
std::vector<std::string> redcap_linkage_names() { return names_of(kLinkages); }
std::vector<std::string> azp_search_names() { return names_of(kSearches); }

const char* to_string(Method m) { return name_of(m, kMethods); }
const char* to_string(Scaling s) { return name_of(s, kScalings); }
const char* to_string(Distance d) { return name_of(d, kDistances); }
const char* to_string(MissingPolicy m) { return name_of(m, kMissing); }
const char* to_string(TreeCost c) { return name_of(c, kCosts); }
const char* to_string(RedcapLinkage l) { return name_of(l, kLinkages); }
const char* to_string(AzpSearch s) { return name_of(s, kSearches); }
Method parse_method(const std::string& s) { return parse_enum(s, kMethods, "clustering method"); }
Scaling parse_scaling(const std::string& s) { return parse_enum(s, kScalings, "scaling"); }
Distance parse_distance(const std::string& s) { return parse_enum(s, kDistances, "distance"); }
MissingPolicy parse_missing(const std::string& s) { return parse_enum(s, kMissing, "missing-value policy"); }
TreeCost parse_tree_cost(const std::string& s) { return parse_enum(s, kCosts, "tree cost"); }
RedcapLinkage parse_redcap_linkage(const std::string& s) { return parse_enum(s, kLinkages, "REDCAP linkage"); }
AzpSearch parse_azp_search(const std::string& s) { return parse_enum(s, kSearches, "local search"); }

bool is_spatial(Method m) { return m == Method::Skater || m == Method::Redcap || m == Method::MaxP || m == Method::Azp; }

}  // namespace leefbaar::cluster
