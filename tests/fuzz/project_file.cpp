// Fuzzes the project-file parser (engine/project/parser.cpp and the section
// parsers engine/project/section_*.cpp and the parameter declarations of engine/steps): toml++ parsing, the
// unknown section/key checks with their "did you mean" hints, typed values,
// method names, the checks across sections (finish_project).
//
// The text is parsed as if it were /nonexistent/leefbaar-fuzz/project.toml. The
// parser reads nothing but the text (project files have no include; paths in it
// are only resolved against the project's directory, never opened), so no input
// can make this target touch a file.
// Expected: UsageError (every project-file error), DataError (fuzz_support.hpp).
#include "fuzz_support.hpp"
#include "project/project.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace leefbaar;
    const std::string text = fuzz::as_string(data, size);
    fuzz::expect_typed_errors_only([&] {
        const project::Project p = project::parse_project(text, "/nonexistent/leefbaar-fuzz/project.toml");
        // A project that parses is complete enough to run: the required parts are there.
        if (p.input.polygons.empty() || p.input.key.empty()) fuzz::property_violated("a project without polygons or key was accepted");
        if (p.index.domains.empty() || p.index.indicators.empty()) fuzz::property_violated("a project without domains or indicators was accepted");
        if (p.output_gpkg.empty()) fuzz::property_violated("a project without an output path was accepted");
    });
    return 0;
}
