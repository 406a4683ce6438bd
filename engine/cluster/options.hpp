#pragma once
// Plain options of a clustering run: strings, enums and numbers only, so that a
// [cluster] section of a project file and the command line map onto it directly.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace leefbaar::cluster {

enum class Method { KMeans, Ward, Average, Complete, Single, Skater, Redcap, MaxP, Azp };
enum class Scaling { None, Demean, ZScore, Mad, Range };
enum class Distance { Euclidean, Manhattan };
enum class MissingPolicy { Exclude, ImputeMean };
// Heterogeneity of a region in SKATER/REDCAP cuts:
//   Ssd      sum of squared Euclidean deviations from the region mean (Assunção et al. 2006, Guo 2008);
//   Distance sum of distances (the chosen metric) from the region mean — spdep's `ssw` and spopt's
//            default (reduction = sum, center = mean). Exact but O(n²) per cut evaluation.
enum class TreeCost { Ssd, Distance };
enum class RedcapLinkage { Average, Ward };
enum class AzpSearch { Greedy, Annealing, Tabu };

struct ClusterOptions {
    Method method = Method::Ward;
    std::vector<std::string> fields;  // clustering variables
    Scaling scaling = Scaling::ZScore;
    Distance distance = Distance::Euclidean;
    MissingPolicy missing = MissingPolicy::Exclude;
    int k = 5;                        // clusters/regions (not used by max-p)
    std::uint64_t seed = 1;
    unsigned threads = 0;

    // Size constraints of spatial methods: a region's sum of `floor_field` must reach
    // `floor` (max-p: required; SKATER/REDCAP/AZP: optional); `min_size` counts units.
    std::string floor_field;
    std::optional<double> floor;
    int min_size = 0;

    // k-means
    int restarts = 10;
    int max_iterations = 300;
    // SKATER/REDCAP
    TreeCost tree_cost = TreeCost::Ssd;
    RedcapLinkage redcap_linkage = RedcapLinkage::Ward;
    // max-p and AZP
    int construction_iterations = 100;  // max-p greedy constructions (best kept)
    AzpSearch local_search = AzpSearch::Greedy;
    int max_passes = 100;               // local-search sweeps without improvement before stopping
    double annealing_cooling = 0.85;
    int tabu_length = 10;

    // Elbow / pseudo-F table over [k_min, k_max] (both 0: not requested).
    int table_k_min = 0;
    int table_k_max = 0;
};

const char* to_string(Method m);
const char* to_string(Scaling s);
const char* to_string(Distance d);
const char* to_string(MissingPolicy m);
const char* to_string(TreeCost c);
const char* to_string(RedcapLinkage l);
const char* to_string(AzpSearch s);
// Parsers throw UsageError listing the accepted names.
Method parse_method(const std::string& s);
Scaling parse_scaling(const std::string& s);
Distance parse_distance(const std::string& s);
MissingPolicy parse_missing(const std::string& s);
TreeCost parse_tree_cost(const std::string& s);
RedcapLinkage parse_redcap_linkage(const std::string& s);
AzpSearch parse_azp_search(const std::string& s);

// The accepted names, in order (the choices of the parameters, steps/cluster_params.cpp).
std::vector<std::string> method_names();
std::vector<std::string> scaling_names();
std::vector<std::string> distance_names();
std::vector<std::string> missing_names();
std::vector<std::string> tree_cost_names();
std::vector<std::string> redcap_linkage_names();
std::vector<std::string> azp_search_names();

bool is_spatial(Method m);

}  // namespace leefbaar::cluster
