// SPDX-License-Identifier: Apache-2.0
// explain() over the rows of the merge tables (merge-and-launch.md §2): the applied definition
// is the merge's, its value is the effective value, and each rule of §2 is named.
#include "families.h"
#include "redpak/config/schema.h"
#include "redpak/merge/explain.h"

#include <QtTest>

using namespace redpak;
using namespace redpak::test;

namespace {

// "-", "0", "1" for /r's file (N or A suffix) and /r/c's normal and admin files.
void setCell(NodeSpec& node, bool admin, const QString& cell, Namespace ns) {
    if (cell == "-" || cell.isEmpty()) {
        return;
    }
    section(node.file(admin)).share(ns) =
        Setting<ShareValue>{ShareValue{cell.startsWith('1') ? Edu::Enabled : Edu::Disabled, {}},
                            SourcePos{admin ? 3 : 2, 1}};
}

int applied(const Explanation& e) {
    return static_cast<int>(std::count_if(e.definitions.begin(), e.definitions.end(), [](auto& d) {
        return d.effect == DefinitionEffect::Applied;
    }));
}

const ItemDefinition* appliedDefinition(const Explanation& e) {
    for (const ItemDefinition& d : e.definitions) {
        if (d.effect == DefinitionEffect::Applied) {
            return &d;
        }
    }
    return nullptr;
}

} // namespace

class TestExplain : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void guardedShareRows_data() {
        QTest::addColumn<QString>("parent");
        QTest::addColumn<QString>("normal");
        QTest::addColumn<QString>("admin");
        for (const char* p : {"-", "0N", "1N", "0A", "1A"}) {
            for (const char* n : {"-", "0", "1"}) {
                for (const char* a : {"-", "0", "1"}) {
                    QTest::newRow(qPrintable(QString("P=%1 N=%2 A=%3").arg(p, n, a)))
                        << QString(p) << QString(n) << QString(a);
                }
            }
        }
    }
    void guardedShareRows() {
        QFETCH(QString, parent);
        QFETCH(QString, normal);
        QFETCH(QString, admin);
        NodeSpec root = makeNode("/r", "ROOT");
        NodeSpec child = makeNode("/r/c", "C");
        setCell(root, parent.endsWith('A'), parent, Namespace::Net);
        setCell(child, false, normal, Namespace::Net);
        setCell(child, true, admin, Namespace::Net);
        const auto members = family({root, child});
        const EffectiveConfig merged = mergeFamily(members, MergeOptions{MergeMode::Admin});
        const Explanation e = explain(members, "share_net", MergeMode::Admin);
        QCOMPARE(int(e.rule), int(ExplainRule::ShareAllFallback));
        const EffectiveShare* share = effectiveShare(merged, Namespace::Net);
        QCOMPARE(e.effective.has_value(), share != nullptr);
        if (share) {
            QCOMPARE(*e.effective, valueText(share->value));
            QCOMPARE(applied(e), 1);
            QCOMPARE(appliedDefinition(e)->value, *e.effective);
            QCOMPARE(appliedDefinition(e)->node, share->provenance.origin.node);
        } else {
            QCOMPARE(applied(e), 0);
        }
    }

    void unsetIsNotADefinition() {
        NodeSpec root = makeNode("/r", "ROOT");
        NodeSpec child = makeNode("/r/c", "C");
        section(root.normal).dieWithParent = Setting<Edu>{Edu::Enabled, SourcePos{2, 1}};
        section(child.normal).dieWithParent = Setting<Edu>{Edu::Unset, SourcePos{4, 1}};
        const Explanation e = explain(family({root, child}), "die-with-parent", MergeMode::Normal);
        QCOMPARE(e.effective, std::optional<std::string>("enabled"));
        QCOMPARE(e.definitions.size(), std::size_t(2));
        QCOMPARE(int(e.definitions[0].effect), int(DefinitionEffect::Applied));
        QCOMPARE(int(e.definitions[1].effect), int(DefinitionEffect::NotADefinition));
    }

    void shareAllIsAFallback() {
        NodeSpec root = makeNode("/r", "ROOT");
        NodeSpec child = makeNode("/r/c", "C");
        section(root.normal).share(Namespace::All) =
            Setting<ShareValue>{ShareValue{Edu::Disabled, {}}, SourcePos{2, 1}};
        section(child.normal).share(Namespace::Ipc) =
            Setting<ShareValue>{ShareValue{Edu::Enabled, {}}, SourcePos{3, 1}};
        const auto members = family({root, child});
        const Explanation ipc = explain(members, "share_ipc", MergeMode::Normal);
        QCOMPARE(ipc.effective, std::optional<std::string>("enabled"));
        QCOMPARE(ipc.definitions.size(), std::size_t(1)); // share_all is no bound of share_ipc
        QCOMPARE(appliedDefinition(ipc)->key, std::string("share_ipc"));
        const Explanation net = explain(members, "share_net", MergeMode::Normal);
        QCOMPARE(net.effective, std::optional<std::string>("disabled"));
        QCOMPARE(appliedDefinition(net)->key, std::string("share_all"));
    }

    void capabilityAllIsPerCapability() {
        NodeSpec root = makeNode("/r", "ROOT");
        NodeSpec child = makeNode("/r/c", "C");
        section(root.normal).capabilities.push_back({"all", false, {}, {}, SourcePos{2, 1}});
        section(child.normal).capabilities.push_back({"cap_chown", false, {}, {}, SourcePos{3, 1}});
        const Explanation e = explain(family({root, child}), "cap_chown", MergeMode::Normal);
        QCOMPARE(int(e.rule), int(ExplainRule::CapabilityPerRule));
        QCOMPARE(e.definitions.size(), std::size_t(2));
        QCOMPARE(e.effective, std::optional<std::string>("drop"));
    }

    void exportsByNormalisedMountAncestorPrivateSetAside() {
        NodeSpec root = makeNode("/r", "ROOT");
        NodeSpec child = makeNode("/r/c", "C");
        root.adminFile().exports.push_back(
            {ExportMode::Private, "/data/", std::string("/srv/p"), {}, {}, SourcePos{2, 1}});
        child.normal.exports.push_back(
            {ExportMode::Restricted, "/data", std::string("/srv/c"), {}, {}, SourcePos{5, 1}});
        const Explanation e = explain(family({root, child}), "export:/data//", MergeMode::Admin);
        QCOMPARE(e.item, std::string("export:/data"));
        QCOMPARE(e.definitions.size(), std::size_t(2));
        QCOMPARE(int(e.definitions[0].effect), int(DefinitionEffect::NotADefinition));
        QCOMPARE(int(e.definitions[1].effect), int(DefinitionEffect::Applied));
    }

    void environByKeyLeafWins() {
        NodeSpec root = makeNode("/r", "ROOT");
        NodeSpec child = makeNode("/r/c", "C");
        root.normal.environ.push_back({"LANG", EnvMode::Static, "C", {}, {}, SourcePos{2, 1}});
        child.normal.environ.push_back({"LANG", EnvMode::Static, "fr", {}, {}, SourcePos{3, 1}});
        const Explanation e = explain(family({root, child}), "environ:LANG", MergeMode::Normal);
        QCOMPARE(int(e.definitions[1].effect), int(DefinitionEffect::Applied));
        QCOMPARE(int(e.definitions[0].effect), int(DefinitionEffect::Overridden));
    }

    // The ALL rule is the item cap_all; a path entry is path:DIR (the child's list first).
    void capabilityAllAndPathItems() {
        NodeSpec root = makeNode("/r", "ROOT");
        NodeSpec child = makeNode("/r/c", "C");
        section(root.normal).capabilities.push_back({"all", false, {}, {}, SourcePos{2, 1}});
        section(root.normal).path = Setting<std::string>{"/r:/shared", SourcePos{3, 1}};
        section(child.normal).path = Setting<std::string>{"/c:/shared", SourcePos{4, 1}};
        const auto members = family({root, child});
        const Explanation all = explain(members, "cap_all", MergeMode::Normal);
        QCOMPARE(all.item, std::string("cap_all"));
        QCOMPARE(all.effective, std::optional<std::string>("drop"));
        QCOMPARE(applied(all), 1);
        const Explanation shared = explain(members, "path:/shared", MergeMode::Normal);
        QCOMPARE(int(shared.rule), int(ExplainRule::PathListOrder));
        QCOMPARE(shared.definitions.size(), std::size_t(2));
        QCOMPARE(appliedDefinition(shared)->line, 4); // the child's list comes first
        QCOMPARE(explain(members, "ldpath:/shared", MergeMode::Normal).definitions.size(),
                 std::size_t(0));
    }

    void unknownItemIsRefused() {
        const auto members = family({makeNode("/r", "ROOT")});
        QVERIFY_THROWS_EXCEPTION(InputError, explain(members, "hostnam", MergeMode::Normal));
    }
};

QTEST_APPLESS_MAIN(TestExplain)
#include "tst_explain.moc"
