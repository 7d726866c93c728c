// SPDX-License-Identifier: Apache-2.0
// openFamilyForLaunch (the family snapshot, then checkLaunchPreconditions), the rules every
// launcher (redwrap, the privileged helper) applies before anything of a node is used: the launch
// policy (audit required by the policy file or by the caller) and the node's status (`state:
// Disable` is not launched, a dump still is), on a real two-node tree with real audit records.
#include "redpak/base/diagnostic.h"
#include "redpak/config/writer.h"
#include "redpak/launch/launch.h"
#include "redpak/review/audit_status.h"
#include "redpak/tree/node.h"

#include <QTemporaryDir>
#include <QtTest>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sys/stat.h>
#include <unistd.h>

using namespace redpak;

namespace {

bool writeText(const std::filesystem::path& file, const std::string& content) {
    std::filesystem::create_directories(file.parent_path());
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out << content;
    return out.good();
}

// A node at `dir` whose status file says `state` ("none": no status file at all; any other
// text is written as the state, valid or not).
bool writeNode(const std::filesystem::path& dir, const QString& state) {
    if (!writeText(dir / "etc/redpak.yaml",
                   "headers:\n  alias: " + dir.filename().string() + "\n")) {
        return false;
    }
    if (state == "none") {
        return true;
    }
    const NodeStatus status{NodeState::Enable, dir.string(), 1700000000000, "test node"};
    std::string text = writeStatus(status);
    const std::size_t at = text.find("Enable");
    if (at == std::string::npos) {
        return false;
    }
    text.replace(at, 6, state.toStdString());
    return writeText(dir / kStatusFileName, text);
}

} // namespace

class TestLaunchPreconditions : public QObject {
    Q_OBJECT

private slots:
    void init() {
        m_tmp = std::make_unique<QTemporaryDir>();
        QVERIFY(m_tmp->isValid());
        m_root = std::filesystem::path(m_tmp->path().toStdString()) / "r";
        m_leaf = m_root / "app";
    }

    void rules_data() {
        QTest::addColumn<QString>("state");  // of the leaf's status file
        QTest::addColumn<QString>("policy"); // policy file content, "" when there is no file
        QTest::addColumn<bool>("approved");  // an audit record of the family as it is
        QTest::addColumn<bool>("drifted");   // the root config changed after the approval
        QTest::addColumn<bool>("requireAudit");
        QTest::addColumn<bool>("dumpOnly");
        QTest::addColumn<QString>("refusal"); // part of the formatted error, "" when accepted

        const QString disabled = ".rednode.yaml: rednode %1 is disabled (state: Disable)";
        const QString neverApproved = "this node was never approved";
        const QString driftedNode = "the launch policy requires an audit and this node drifted";
        // clang-format off
        QTest::newRow("enabled node")
            << "Enable" << "" << false << false << false << false << "";
        QTest::newRow("disabled node refused, naming its status file")
            << "Disable" << "" << false << false << false << false << disabled;
        QTest::newRow("disabled node still dumped")
            << "Disable" << "" << false << false << false << true << "";
        QTest::newRow("invalid status file refused even for a dump")
            << "Paused" << "" << false << false << false << true << "expected Enable or Disable";
        QTest::newRow("no status file: not a rednode")
            << "none" << "" << false << false << false << false << "not a rednode: no .rednode.yaml";
        QTest::newRow("caller requires an audit, never approved")
            << "Enable" << "" << false << false << true << true << neverApproved;
        QTest::newRow("caller requires an audit, approved")
            << "Enable" << "" << true << false << true << false << "";
        QTest::newRow("caller requires an audit, drifted")
            << "Enable" << "" << true << true << true << false << driftedNode;
        QTest::newRow("policy requires an audit, never approved")
            << "Enable" << "audit: required\n" << false << false << false << false << neverApproved;
        QTest::newRow("policy requires an audit, approved")
            << "Enable" << "audit: required\n" << true << false << false << false << "";
        QTest::newRow("policy requires an audit, drifted")
            << "Enable" << "audit: required\n" << true << true << false << false << driftedNode;
        QTest::newRow("optional policy, never approved")
            << "Enable" << "audit: optional\n" << false << false << false << false << "";
        QTest::newRow("optional policy, caller requires an audit")
            << "Enable" << "audit: optional\n" << false << false << true << false << neverApproved;
        QTest::newRow("invalid policy file refused")
            << "Enable" << "audit: sometimes\n" << false << false << false << false
            << "launch-policy:1:1: expected 'audit: required' or 'audit: optional'";
        QTest::newRow("policy comes first: disabled and never approved")
            << "Disable" << "audit: required\n" << false << false << false << false << neverApproved;
        QTest::newRow("approved but disabled node refused")
            << "Disable" << "audit: required\n" << true << false << false << false << disabled;
        // clang-format on
    }

    void rules() {
        QFETCH(QString, state);
        QFETCH(QString, policy);
        QFETCH(bool, approved);
        QFETCH(bool, drifted);
        QFETCH(bool, requireAudit);
        QFETCH(bool, dumpOnly);
        QFETCH(QString, refusal);

        QVERIFY(writeNode(m_root, "Enable"));
        QVERIFY(writeNode(m_leaf, state));
        LaunchPreconditions preconditions;
        preconditions.requireAudit = requireAudit;
        preconditions.dumpOnly = dumpOnly;
        preconditions.policyFile =
            std::filesystem::path(m_tmp->path().toStdString()) / "launch-policy";
        if (!policy.isEmpty()) {
            if (::geteuid() != 0) {
                QSKIP("the launch policy must be owned by root: creating one needs root");
            }
            QVERIFY(writeText(preconditions.policyFile, policy.toStdString()));
            QCOMPARE(::chmod(preconditions.policyFile.c_str(), 0644), 0);
        }
        if (approved) {
            approveNode(m_leaf, "reviewed");
        }
        if (drifted) {
            QVERIFY(writeText(m_root / "etc/redpak.yaml", "headers:\n  alias: changed\n"));
        }

        // %1: the leaf's canonical directory, as the refusal names it.
        const QString expected =
            refusal.contains("%1")
                ? refusal.arg(QString::fromStdString(std::filesystem::canonical(m_leaf).string()))
                : refusal;
        try {
            openFamilyForLaunch(m_leaf, preconditions);
            QVERIFY2(expected.isEmpty(), qPrintable("accepted, expected: " + expected));
        } catch (const InputError& error) {
            const QString message = QString::fromStdString(error.diagnostic().format());
            QVERIFY2(!expected.isEmpty(), qPrintable("refused: " + message));
            QVERIFY2(message.contains(expected), qPrintable(message));
        }
    }

private:
    std::unique_ptr<QTemporaryDir> m_tmp;
    std::filesystem::path m_root;
    std::filesystem::path m_leaf;
};

QTEST_APPLESS_MAIN(TestLaunchPreconditions)
#include "tst_launch_preconditions.moc"
