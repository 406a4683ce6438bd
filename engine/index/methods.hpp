#pragma once
// The method choices of the composite index (OECD/JRC Handbook, Nardo et al. 2008;
// COINr), as enums with the names users write in project files. Parsing throws
// UsageError listing the known names.
#include <string>
#include <vector>

namespace leefbaar::index {

enum class Direction { HigherIsBetter, LowerIsBetter };
enum class Imputation { None, Mean, Median, NeighbourMean };
enum class OutlierMethod { None, Coinr, PercentileClip };
enum class Normalisation { MinMax, ZScore, Rank, PercentileRank, DistanceToReference, Goalposts };
enum class Aggregation { Arithmetic, Geometric, Harmonic };
// Calibrated and Optimised: domain weights estimated before the index (the project
// pipeline sets DomainSpec::weight), equal weights within a domain.
enum class Weighting { Equal, Explicit, Pca, Calibrated, Optimised };
enum class ClassMethod { Quantiles, EqualInterval, FisherJenks, StdDev, UserBreaks, Leefbaarometer };

Direction parse_direction(const std::string& s);
Imputation parse_imputation(const std::string& s);
OutlierMethod parse_outlier_method(const std::string& s);
Normalisation parse_normalisation(const std::string& s);
Aggregation parse_aggregation(const std::string& s);
Weighting parse_weighting(const std::string& s);
ClassMethod parse_class_method(const std::string& s);

const char* to_string(Direction v);
const char* to_string(Imputation v);
const char* to_string(OutlierMethod v);
const char* to_string(Normalisation v);
const char* to_string(Aggregation v);
const char* to_string(Weighting v);
const char* to_string(ClassMethod v);

// The names accepted by the parsers, for error messages and docs.
std::vector<std::string> names_direction();
std::vector<std::string> names_imputation();
std::vector<std::string> names_outlier_method();
std::vector<std::string> names_normalisation();
std::vector<std::string> names_aggregation();
std::vector<std::string> names_weighting();
std::vector<std::string> names_class_method();

}  // namespace leefbaar::index
