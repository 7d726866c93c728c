// SPDX-License-Identifier: Apache-2.0
// How the GUI's model tests start: a fresh TestTree opened as the only root of a new Workspace.
#pragma once

#include "testtree.h"
#include "workspace.h"

#include <QTest>
#include <memory>

namespace redpak::gui::test {

// Makes `tree` and `workspace`; the test fails when the tree cannot be made or opened.
inline void openTestTree(std::unique_ptr<TestTree>& tree, std::unique_ptr<Workspace>& workspace) {
    tree = std::make_unique<TestTree>();
    QVERIFY(tree->isValid());
    workspace = std::make_unique<Workspace>();
    QVERIFY(workspace->addRoot(tree->root()));
}

} // namespace redpak::gui::test
