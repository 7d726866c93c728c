// SPDX-License-Identifier: Apache-2.0
// What the window opens when it is started with no --root, as from the desktop menu: the
// user's own tree ($XDG_DATA_HOME/redpak/nodes, made on first run with a root node to create
// applications' nodes under) and the system roots the privileged helper serves, when it runs.
#pragma once

#include "workspace.h"

#include <QString>

namespace redpak::gui {

// $XDG_DATA_HOME/redpak/nodes (default ~/.local/share/redpak/nodes).
QString userTreePath();

// Creates the user's tree on first run: the directory and, in it, the root node `sandbox`
// (template root). Returns false with `error` set when it cannot.
bool ensureUserTree(QString* error);

// Opens the user's tree in `workspace`, then, once the helper answers, its system roots.
void openDefaultTrees(Workspace* workspace);

} // namespace redpak::gui
