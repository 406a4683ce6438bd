#pragma once
// Small text helpers shared by the QML, SLD, project and HTML writers (private to output/).
#include <string>

namespace leefbaar::output::detail {

// Escapes the five XML special characters (valid for attributes and text, and for HTML).
inline std::string xml_escape(const std::string& s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&apos;"; break;
            default: out += c;
        }
    }
    return out;
}

// "#rrggbb" -> "r,g,b,255", the colour form QGIS symbol properties use.
inline std::string qgis_rgba(const std::string& hex) {
    auto byte = [&](std::size_t i) { return std::to_string(std::stoi(hex.substr(i, 2), nullptr, 16)); };
    if (hex.size() != 7 || hex[0] != '#') return "128,128,128,255";
    return byte(1) + "," + byte(3) + "," + byte(5) + ",255";
}

// A field name as a QGIS expression: "name", with inner quotes doubled.
inline std::string qgis_field_ref(const std::string& field) {
    std::string out = "\"";
    for (char c : field) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

}  // namespace leefbaar::output::detail
