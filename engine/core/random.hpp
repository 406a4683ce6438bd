#pragma once
// Random streams keyed by (seed, unit): each unit of work (a polygon in a
// permutation test, a Monte Carlo run) draws from its own generator whose state
// depends only on the seed and the unit's index, so results never depend on the
// number of threads or the order in which units are processed.
#include <cstdint>
#include <random>

namespace leefbaar {

// SplitMix64 finaliser: decorrelates nearby (seed, unit) pairs before seeding.
constexpr std::uint64_t mix64(std::uint64_t x) {
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

using RandomEngine = std::mt19937_64;

inline RandomEngine stream_for(std::uint64_t seed, std::uint64_t unit, std::uint64_t purpose = 0) {
    return RandomEngine(mix64(mix64(seed) ^ mix64(unit + 0x632be59bd9b4e019ULL * (purpose + 1))));
}

// Uniform integer in [0, bound) without modulo bias (Lemire); std::uniform_int_distribution
// is implementation-defined, which would make results differ between standard libraries.
inline std::uint64_t uniform_below(RandomEngine& rng, std::uint64_t bound) {
    __extension__ typedef unsigned __int128 u128;  // GCC/Clang extension: exact 64x64->128 multiply
    std::uint64_t x = rng();
    u128 m = static_cast<u128>(x) * bound;
    std::uint64_t l = static_cast<std::uint64_t>(m);
    if (l < bound) {
        const std::uint64_t t = (0 - bound) % bound;
        while (l < t) {
            x = rng();
            m = static_cast<u128>(x) * bound;
            l = static_cast<std::uint64_t>(m);
        }
    }
    return static_cast<std::uint64_t>(m >> 64);
}

// Uniform double in [0, 1) from the top 53 bits (portable, unlike uniform_real_distribution).
inline double uniform01(RandomEngine& rng) { return static_cast<double>(rng() >> 11) * 0x1.0p-53; }

}  // namespace leefbaar
