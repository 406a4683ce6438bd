#pragma once
// A cheap, conservative validity check for the commonest polygon: one shell, no holes,
// few vertices (a Voronoi cell, a block). Private to engine/io.
//
// Why: at 10^6 features GEOS's IsValid (which nodes the rings) was the largest cost of
// reading. For a shell alone, validity in the OGC sense that GEOS checks comes down
// to: finite coordinates, a closed ring of at least 3 distinct points, and no two
// segments meeting anywhere but at the vertex two neighbouring segments share. This
// function answers "certainly valid" only when every orientation it needs has a
// certain sign (Shewchuk's error bound for the floating-point determinant, Adaptive
// Precision Floating-Point Arithmetic and Fast Robust Geometric Predicates, 1997,
// orient2d's first filter); in every other case (a collinear or touching vertex, a
// repeated point, holes, several parts, more than kMaxVertices) it answers false and
// the caller asks GEOS. So it never calls valid what GEOS calls invalid.
#include "core/geometry.hpp"

namespace leefbaar::io::detail {

constexpr std::size_t kMaxSimpleRingVertices = 64;  // O(k^2) segment pairs below this

// True only when the polygon is certainly valid (see above); false means "ask GEOS".
bool certainly_valid_shell(const Polygon& poly);

}  // namespace leefbaar::io::detail
