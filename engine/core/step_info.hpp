#pragma once
// What a step reads and writes, for `leefbaar describe` (the contract for front
// ends other than the CLI, such as a QGIS Processing provider): its inputs and
// outputs by parameter, the layers it writes and the fields it adds to them.
#include <string>
#include <vector>

namespace leefbaar::steps {

struct FieldInfo {
    std::string name;  // may hold a pattern: lisa_<field>_i, n_<indicator>
    std::string type;  // integer, real, text
    std::string description;
};

struct LayerInfo {
    std::string name;  // or how it is named: "the input layer's name (--output-layer)"
    std::string description;
    std::vector<FieldInfo> fields;
};

struct IoInfo {
    std::string param;  // the parameter that names it (polygons, output, report)
    std::string kind;   // vector, table, geopackage, json, html, gal/gwt, toml
    std::string description;
    std::vector<LayerInfo> layers;
};

struct StepIo {
    std::vector<IoInfo> inputs, outputs;
};

}  // namespace leefbaar::steps
