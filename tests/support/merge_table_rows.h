// SPDX-License-Identifier: Apache-2.0
// The rows of the merge tables of merge-and-launch.md §2 and the families they describe, shared
// by the merge tests (tst_merge_tables) and the GUI/CLI "why" agreement test.
#pragma once

#include "families.h"

#include <QString>
#include <QStringList>

namespace redpak::test {

// Rows of the 21-row table (capabilities and sharings), copied from the spec; '*' is expanded
// to '-', '0' and '1' by the data functions.
struct GuardedRow {
    const char* parent;
    const char* normal;
    const char* admin;
    const char* effect;
    bool capabilityWarning;
};
inline constexpr GuardedRow kGuardedTable[] = {
    {"-", "-", "-", "-", false},   {"-", "0", "-", "0N", false},
    {"-", "1", "-", "1N", false},  {"-", "*", "0", "0A", false},
    {"-", "*", "1", "1A", false},  {"0N", "-", "-", "0N", false},
    {"0N", "0", "-", "0N", false}, {"0N", "1", "-", "ERROR", false},
    {"0N", "*", "0", "0A", false}, {"0N", "*", "1", "1A", false},
    {"1N", "-", "-", "1N", false}, {"1N", "0", "-", "0N", true},
    {"1N", "1", "-", "1N", true},  {"1N", "*", "0", "0A", false},
    {"1N", "*", "1", "1A", false}, {"0A", "*", "-", "0A", false},
    {"0A", "*", "0", "0A", true},  {"0A", "*", "1", "ERROR", false},
    {"1A", "*", "-", "1A", false}, {"1A", "*", "0", "0A", true},
    {"1A", "*", "1", "1A", true},
};

inline QStringList expandStar(const char* cell) {
    return QString(cell) == "*" ? QStringList{"-", "0", "1"} : QStringList{cell};
}

// Builds /r and /r/c for one row. `define(config, on)` writes one definition.
template <typename Define>
std::vector<NodeSpec> guardedFamily(const QString& parent, const QString& normal,
                                    const QString& admin, bool poisonAdminFiles, Define define) {
    NodeSpec root = makeNode("/r", "ROOT");
    NodeSpec child = makeNode("/r/c", "C");
    if (parent != "-") {
        define(root.file(parent.endsWith('A')), parent.startsWith('1'));
    }
    if (normal != "-") {
        define(child.normal, normal == "1");
    }
    if (admin != "-") {
        define(child.adminFile(), admin == "1");
    }
    if (poisonAdminFiles) {
        define(root.adminFile(), true);
        define(child.adminFile(), true);
    }
    return {root, child};
}

// Rows of the table shared by environ and exports; '*' expanded.
struct OverrideRow {
    const char* parent;
    const char* normal;
    const char* admin;
    const char* effect;
    bool warning;
};
// "* * A -> A, warning": the warning is about what the admin definition replaces, so there is
// none when it replaces nothing (P=- N=-).
inline constexpr OverrideRow kOverrideTable[] = {
    {"-", "N", "-", "N", false}, {"NP", "-", "-", "NP", false}, {"AP", "-", "-", "AP", false},
    {"NP", "N", "-", "N", true}, {"AP", "N", "-", "AP", false}, {"-", "-", "A", "A", false},
    {"-", "N", "A", "A", true},  {"NP", "-", "A", "A", true},   {"NP", "N", "A", "A", true},
    {"AP", "-", "A", "A", true}, {"AP", "N", "A", "A", true},
};

// /r defines the value "P" (normal or admin file), /r/c defines "N" and/or "A".
template <typename Define>
std::vector<NodeSpec> overrideFamily(const QString& parent, const QString& normal,
                                     const QString& admin, Define define) {
    NodeSpec root = makeNode("/r", "ROOT");
    NodeSpec child = makeNode("/r/c", "C");
    if (parent != "-") {
        define(root.file(parent == "AP"), "P");
    }
    if (normal != "-") {
        define(child.normal, "N");
    }
    if (admin != "-") {
        define(child.adminFile(), "A");
    }
    return {root, child};
}

// ---- the five layouts of the reference cases (conformance/README.md) ----
//
// Two configs C1 and C2 placed as the reference cases place them.
using Fill = void (*)(Config&);

struct Layout {
    const char* name;
    bool single;     // one node /r with C1 normal, C2 admin
    bool rootAdmin;  // C1 in the admin file of /r
    bool childAdmin; // C2 in the admin file of /r/c
};
inline constexpr Layout kLayouts[] = {{"node", true, false, true},
                                      {"rootnn", false, false, false},
                                      {"rootna", false, false, true},
                                      {"rootan", false, true, false},
                                      {"rootaa", false, true, true}};

inline std::vector<NodeSpec> layoutFamily(const Layout& layout, Fill c1, Fill c2) {
    NodeSpec root = makeNode("/r", "ROOT");
    if (layout.single) {
        c1(root.normal);
        c2(root.adminFile());
        return {root};
    }
    NodeSpec child = makeNode("/r/c", "C");
    c1(root.file(layout.rootAdmin));
    c2(child.file(layout.childAdmin));
    return {root, child};
}

} // namespace redpak::test
