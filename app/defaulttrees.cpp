// SPDX-License-Identifier: Apache-2.0
#include "defaulttrees.h"

#include "helperclient.h"
#include "redpak/base/diagnostic.h"
#include "redpak/tree/create.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

namespace redpak::gui {

QString userTreePath() {
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) +
           QStringLiteral("/redpak/nodes");
}

bool ensureUserTree(QString* error) {
    const QString tree = userTreePath();
    if (QFileInfo(tree).isDir()) {
        return true; // made before: whatever the user did with it since is theirs
    }
    if (!QDir().mkpath(tree)) {
        *error = tree + QStringLiteral(": cannot be created");
        return false;
    }
    try {
        CreateOptions options;
        options.dir = (tree + QStringLiteral("/sandbox")).toStdString();
        options.alias = "sandbox";
        options.templateName = "root";
        createNode(options);
    } catch (const InputError& e) {
        *error = QString::fromStdString(e.diagnostic().format());
        return false;
    }
    return true;
}

void openDefaultTrees(Workspace* workspace) {
    QString error;
    if (ensureUserTree(&error)) {
        workspace->openRoot(userTreePath());
    } else {
        workspace->setOpenError(error);
    }
    HelperClient::shared().listRoots(workspace, [workspace](const QStringList& roots) {
        for (const QString& root : roots) {
            workspace->addRoot(root); // a listed root that is not there is skipped
        }
    });
}

} // namespace redpak::gui
