// SPDX-License-Identifier: Apache-2.0
// What the tree shows about one node without opening it: alias, state, and the problems the
// core parser and merge report for it (badges). Computed by core, summarised here.
#pragma once

#include "redpak/merge/tree_index.h"
#include "redpak/tree/node.h"

#include <QString>
#include <QStringList>

namespace redpak::gui {

struct NodeInspection {
    QString alias; // headers.alias, or the directory name when the config is unreadable
    bool disabled = false;
    bool hasAdminConfig = false;
    // The family's files differ from the last approved review (core audit: drifted or a
    // damaged record). Never-reviewed nodes are not flagged.
    bool unaudited = false;
    // "FILE:LINE:COLUMN: message" from parser and status reader, and from the merge in normal
    // mode; the same with the merge in admin mode (the files' problems when the family has no
    // admin file): a view counts those of the mode it shows.
    QStringList errors;
    QStringList warnings;
    QStringList adminErrors;
    QStringList adminWarnings;
    QString searchText; // alias, directory name and config file contents, lower case
};

// What is known before the node's files are read: its directory name as alias, whether it has
// an admin file, and its alias and directory name for the search.
NodeInspection uninspectedNode(const NodeLocation& location);

// Parses the node's files and merges its family (normal mode, and admin mode when the family
// has admin files), each file read and parsed once through `index` (one per thread, merging
// without expansion: TreeIndex(nullptr)). Never throws.
NodeInspection inspectNode(const NodeLocation& location, TreeIndex& index);

} // namespace redpak::gui
