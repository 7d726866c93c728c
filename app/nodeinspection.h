// SPDX-License-Identifier: Apache-2.0
// What the tree shows about one node without opening it: alias, state, and the problems the
// core parser and merge report for it (badges). Computed by core, summarised here.
#pragma once

#include "redpak/merge/family_cache.h"
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
    QStringList errors;   // "FILE:LINE:COLUMN: message" from parser, status reader and merge
    QStringList warnings; // idem
    QString searchText;   // alias, path and config file contents, lower case
};

// The family caches of one thread: FamilyCache is not shared between threads, and a fresh pair
// per inspection run reads every file as it is now.
struct InspectionCaches {
    FamilyCache normal{MergeMode::Normal};
    FamilyCache admin{MergeMode::Admin};
};

// What is known before the node's files are read: its directory name as alias, whether it has
// an admin file, and its alias and path for the search.
NodeInspection uninspectedNode(const NodeLocation& location);

// Parses the node's files and merges its family (normal mode, and admin mode when the family
// has admin files), the families read through `caches`. Never throws.
NodeInspection inspectNode(const NodeLocation& location, InspectionCaches& caches);

} // namespace redpak::gui
