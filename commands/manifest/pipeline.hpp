#pragma once
// What inject, uninject and the linkerd-inject personality share: reading inputs, processing every
// one before writing anything, then writing stdout, files in place or a diff, and the report.

#include <string>
#include <vector>

#include "cli/command.hpp"
#include "libmesh/inject/inject_config.hpp"
#include "libmesh/inject/stream_processor.hpp"

namespace mesh::commands {

/// Input and output flags common to the manifest commands.
struct ManifestOptions {
    std::vector<std::string> filenames;
    bool recursive = false;
    std::string output;       ///< "" keeps each document's format; "yaml" or "json"
    std::string output_file;  ///< write stdout's content to this file instead (linkerd-inject -o)
    bool in_place = false;
    bool diff = false;
    std::string report = "text";          ///< text, json or none
    std::vector<std::string> kind_paths;  ///< KIND=DOTTED.PATH
    bool fail_on_warning = false;         ///< exit 3 when a workload has a warning or is not routed
};

/// Adds -f/-R/-o/--in-place/--diff/--report/--kind-path to a command (--no-color is everyone's).
void add_manifest_flags(CLI::App& command, ManifestOptions& options);

/// Parses --kind-path values into the config; a usage error names the bad value.
core::Result<void> apply_kind_paths(const std::vector<std::string>& values, inject::InjectConfig& config);

/// Runs the operation over every input: the exit code, or the error that stopped it.
cli::Outcome run_manifest_command(cli::Io& io, const ManifestOptions& options, inject::Operation operation,
                                  const inject::InjectConfig& config);

/// The limits, as `--help` states them.
std::string limits_help(const core::Limits& limits);

}  // namespace mesh::commands
