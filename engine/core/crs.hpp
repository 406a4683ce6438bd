#pragma once
// A coordinate reference system as the engine carries it: enough to write it back,
// to tell geographic from projected, and to convert linear units to metres.
// PROJ (through io/crs_ops) does the real work; this is plain data.
#include <optional>
#include <string>

namespace leefbaar {

struct Crs {
    std::string wkt;                 // WKT2 (empty: no CRS known)
    std::string name;                // e.g. "Amersfoort / RD New"
    std::optional<int> epsg;         // authority code when EPSG
    bool geographic = false;         // degrees: distances and areas need care
    double linear_unit_metres = 1.0; // metres per CRS unit for projected CRS

    bool empty() const { return wkt.empty(); }
    std::string label() const;       // "EPSG:28992 (Amersfoort / RD New)"
};

}  // namespace leefbaar
