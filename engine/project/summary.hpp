#pragma once
// A short plain-text account of a pipeline run for the command line: what was
// written where, how many units were scored (and why the others were not), the top
// and bottom units and what drives the rank uncertainty.
#include <string>

#include "project/pipeline.hpp"

namespace leefbaar::project {

std::string summarise(const Project& project, const PipelineResult& result, bool written);

}  // namespace leefbaar::project
