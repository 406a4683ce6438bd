#pragma once
// Random streams keyed by (seed, unit): each unit of work (a polygon in a
// permutation test, a Monte Carlo run) draws from its own generator whose state
// depends only on the seed and the unit's index, so results never depend on the
// number of threads or the order in which units are processed.
#include <cstdint>
#include <random>

#include <pcg_random.hpp>

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

// The permutation tests draw 10^8..10^10 bounded integers (n units x 999 permutations x
// k neighbours). PCG32 (O'Neill 2014; Debian's pcg-cpp) produces one 32-bit value per
// 64-bit LCG step, several times faster than mt19937_64, and has no 2.5 KB state to
// seed per unit. Both its starting state and its stream (LCG increment) are keyed by
// (seed, unit, purpose), so unit streams neither overlap by construction nor depend
// on the thread count.
using FastEngine = pcg32;

inline FastEngine fast_stream_for(std::uint64_t seed, std::uint64_t unit, std::uint64_t purpose = 0) {
    const std::uint64_t key = mix64(mix64(seed) ^ mix64(unit + 0x632be59bd9b4e019ULL * (purpose + 1)));
    return FastEngine(key, mix64(key ^ 0xd1b54a32d192ed03ULL));
}

// Uniform integer in [0, bound), bound < 2^32, without modulo bias: Lemire (2019),
// "Fast random integer generation in an interval", ACM TOMACS 29(1), with 32-bit words.
inline std::uint32_t uniform_below(FastEngine& rng, std::uint32_t bound) {
    std::uint64_t m = static_cast<std::uint64_t>(rng()) * bound;
    auto l = static_cast<std::uint32_t>(m);
    if (l < bound) {
        const std::uint32_t t = (0u - bound) % bound;
        while (l < t) {
            m = static_cast<std::uint64_t>(rng()) * bound;
            l = static_cast<std::uint32_t>(m);
        }
    }
    return static_cast<std::uint32_t>(m >> 32);
}

}  // namespace leefbaar
