// SPDX-License-Identifier: Apache-2.0
// The model of a node's status file, BASE/.rednode.yaml (spec: rednode-format.md §1). Read by
// tree/node.h, written by writer.h.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace redpak {

enum class NodeState { Enable, Disable };
std::string_view toString(NodeState state); // "Enable", "Disable"

// Content of BASE/.rednode.yaml.
struct NodeStatus {
    NodeState state = NodeState::Enable;
    std::string realpath;
    std::int64_t timestamp = 0; // ms since epoch
    std::string info;
};

} // namespace redpak
