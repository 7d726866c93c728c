// SPDX-License-Identifier: Apache-2.0
// What the tree shows about one node without opening it: alias, state, and the problems the
// core parser and merge report for it (badges). Computed by core, summarised here.
#pragma once

#include "redpak/merge/tree_index.h"
#include "redpak/tree/node.h"

#include <QByteArray>
#include <QSet>
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
    // Alias, directory name and config file contents, lower case, in UTF-8: half the memory of
    // a QString, and every node's config is held.
    QByteArray searchText;
};

// One copy of each problem text across the tree's inspections (QString shares its data): a
// merge reports the warnings of an ancestor's files again for each of its descendants.
class SharedTexts {
public:
    QString shared(const QString& text);
    void clear() { m_texts.clear(); }

private:
    QSet<QString> m_texts;
};

// What is known before the node's files are read: its directory name as alias, whether it has
// an admin file, and its alias and directory name for the search.
NodeInspection uninspectedNode(const NodeLocation& location);

// Parses the node's files and merges its family (normal mode, and admin mode when the family
// has admin files), each file read and parsed once through `index` (one per thread, merging
// without expansion: TreeIndex(nullptr)), its problem texts shared through `texts`. Never
// throws.
NodeInspection inspectNode(const NodeLocation& location, TreeIndex& index, SharedTexts& texts);

} // namespace redpak::gui
