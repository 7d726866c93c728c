// SPDX-License-Identifier: Apache-2.0
// The capabilities a node really gets (merge-and-launch.md §2, risk analysis rec. 1): for every
// row of the capability table, and for the rules of `ALL`, a family /r, /r/c is created with
// build/bin/redconf and its leaf launched as root with build/bin/redwrap and the system's
// bwrap; a shell inside reads the five capability sets of /proc/self/status. CAP_SYS_ADMIN must
// be absent unless the effective configuration grants it, and a merge error launches nothing.
// Each row runs with real capabilities (share_user: enabled, no user namespace) and in bwrap's
// user namespace.
#include "integration_support.h"

#include <QTemporaryDir>
#include <QtTest>
#include <unistd.h>

namespace {

using namespace redpak::test;

// Bit numbers of capabilities(7) used by the rows.
int capabilityBit(const QString& name) {
    static const QHash<QString, int> bits{
        {"cap_chown", 0}, {"cap_net_raw", 13}, {"cap_sys_chroot", 18}, {"cap_sys_admin", 21}};
    return bits.value(name, -1);
}

// "-cap_sys_admin +all" -> a `capabilities:` block (empty text for an empty list).
QByteArray capabilityBlock(const QString& rules) {
    QByteArray block;
    for (const QString& rule : rules.split(' ', Qt::SkipEmptyParts)) {
        const QString name = rule.mid(1) == "all" ? "ALL" : rule.mid(1);
        block += "    - cap: " + name.toUtf8() +
                 "\n      add: " + (rule.startsWith('+') ? "1" : "0") + "\n";
    }
    return block.isEmpty() ? block : "  capabilities:\n" + block;
}

// Rows of the capability and sharing table, copied from the spec; '*' expanded to '-', '0', '1'.
struct TableRow {
    const char* parent;
    const char* normal;
    const char* admin;
    const char* effect;
};
constexpr TableRow kTable[] = {
    {"-", "-", "-", "-"},   {"-", "0", "-", "0N"},     {"-", "1", "-", "1N"},
    {"-", "*", "0", "0A"},  {"-", "*", "1", "1A"},     {"0N", "-", "-", "0N"},
    {"0N", "0", "-", "0N"}, {"0N", "1", "-", "ERROR"}, {"0N", "*", "0", "0A"},
    {"0N", "*", "1", "1A"}, {"1N", "-", "-", "1N"},    {"1N", "0", "-", "0N"},
    {"1N", "1", "-", "1N"}, {"1N", "*", "0", "0A"},    {"1N", "*", "1", "1A"},
    {"0A", "*", "-", "0A"}, {"0A", "*", "0", "0A"},    {"0A", "*", "1", "ERROR"},
    {"1A", "*", "-", "1A"}, {"1A", "*", "0", "0A"},    {"1A", "*", "1", "1A"},
};

QStringList expandStar(const char* cell) {
    return QString(cell) == "*" ? QStringList{"-", "0", "1"} : QStringList{cell};
}

QString rule(const QString& state, const char* cap) {
    return state.startsWith('-') ? QString() : (state.startsWith('1') ? "+" : "-") + QString(cap);
}

void addColumns() {
    QTest::addColumn<QString>("rootNormal");
    QTest::addColumn<QString>("rootAdmin");
    QTest::addColumn<QString>("childNormal");
    QTest::addColumn<QString>("childAdmin");
    QTest::addColumn<bool>("adminMode");
    QTest::addColumn<bool>("realCapabilities");
    // "ERROR", or what must hold inside: "-cap_sys_admin +cap_net_raw".
    QTest::addColumn<QString>("expected");
}

void addRow(const QString& tag, const QStringList& files, bool adminMode, const QString& expected) {
    for (const bool real : {true, false}) {
        const QString name = tag + (real ? ", real capabilities" : ", user namespace");
        QTest::newRow(qPrintable(name))
            << files[0] << files[1] << files[2] << files[3] << adminMode << real << expected;
    }
}

} // namespace

class TestCapabilities : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_serial = 0;

    // Creates a rednode with the given config bodies (admin file only when `admin` is set).
    QString createNode(const QString& dir, const QByteArray& normal,
                       const std::optional<QByteArray>& admin) {
        const QString alias = "n" + QString::number(++m_serial);
        const QString normalFile = m_dir.path() + "/" + alias + ".yaml";
        const QByteArray headers = "headers:\n  alias: " + alias.toUtf8() + "\n";
        if (!writeFile(normalFile, headers + normal)) {
            return {};
        }
        QStringList args{"create", "--alias", alias, "--config", normalFile};
        if (admin) {
            const QString adminFile = m_dir.path() + "/" + alias + "-admin.yaml";
            if (!writeFile(adminFile, headers + *admin)) {
                return {};
            }
            args << "--config-adm" << adminFile;
        }
        const Run created = runProgram(kBin + "/redconf", args << dir);
        if (created.exitCode != 0) {
            qWarning() << "redconf create failed:" << created.err;
            return {};
        }
        return dir;
    }

    static QByteArray configOf(const QString& rules, const QByteArray& before = {}) {
        const QByteArray block = capabilityBlock(rules);
        return before.isEmpty() && block.isEmpty() ? QByteArray() : "config:\n" + before + block;
    }

    static std::optional<QByteArray> adminOf(const QString& rules) {
        return rules.isEmpty() ? std::nullopt : std::optional<QByteArray>(configOf(rules));
    }

    void launchAndCheck() {
        QFETCH(QString, rootNormal);
        QFETCH(QString, rootAdmin);
        QFETCH(QString, childNormal);
        QFETCH(QString, childAdmin);
        QFETCH(bool, adminMode);
        QFETCH(bool, realCapabilities);
        QFETCH(QString, expected);
        const QString base = m_dir.path() + "/f" + QString::number(m_serial);
        const QByteArray sharing = realCapabilities ? "  share_user: enabled\n" : "";
        const QString root = createNode(
            base, "exports:" + kBaseExports + configOf(rootNormal, sharing), adminOf(rootAdmin));
        QVERIFY(!root.isEmpty());
        const QString child = createNode(root + "/c", configOf(childNormal), adminOf(childAdmin));
        QVERIFY(!child.isEmpty());
        QStringList args{
            "--redpath", child,
            "--",        "/bin/sh",
            "-c",        "grep -E '^(Cap(Inh|Prm|Eff|Bnd|Amb)|NoNewPrivs):' /proc/self/status"};
        if (adminMode) {
            args.prepend("--admin");
        }
        const Run run = runProgram(kBin + "/redwrap", args);
        if (expected == "ERROR") {
            QVERIFY2(run.exitCode != 0, qPrintable(run.out));
            QVERIFY2(run.out.isEmpty(), qPrintable(run.out)); // nothing was launched
            QVERIFY2(run.err.contains("forbidden by " + root), qPrintable(run.err));
            return;
        }
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QHash<QString, quint64> sets;
        for (const QString& line : run.out.split('\n', Qt::SkipEmptyParts)) {
            sets.insert(line.section(':', 0, 0),
                        line.section(':', 1).trimmed().toULongLong(nullptr, 16));
        }
        QCOMPARE(sets.size(), 6);
        for (const QString& item : expected.split(' ', Qt::SkipEmptyParts)) {
            const int bit = capabilityBit(item.mid(1));
            QVERIFY2(bit >= 0, qPrintable(item));
            const quint64 mask = 1ULL << bit;
            if (item.startsWith('+')) {
                QVERIFY2((sets["CapEff"] & mask) && (sets["CapPrm"] & mask) &&
                             (sets["CapBnd"] & mask),
                         qPrintable(item + "\n" + run.out));
                continue;
            }
            for (const char* set : {"CapInh", "CapPrm", "CapEff", "CapAmb"}) {
                QVERIFY2(!(sets[set] & mask), qPrintable(item + " in " + set + "\n" + run.out));
            }
            // In bwrap's user namespace the bounding set loses it too; with real capabilities
            // bwrap (running as root) keeps it there but sets no_new_privs, so that no exec can
            // bring it back.
            if (realCapabilities) {
                QCOMPARE(sets["NoNewPrivs"], quint64(1));
            } else {
                QVERIFY2(!(sets["CapBnd"] & mask), qPrintable(item + " in CapBnd\n" + run.out));
            }
        }
    }

private slots:
    void initTestCase() {
        if (geteuid() != 0) {
            QSKIP("needs root: the capability sets of a launch as root are the ones to check");
        }
        QVERIFY(m_dir.isValid());
        const Run probe = runProgram("bwrap", {"--unshare-user", "--ro-bind", "/", "/", "true"});
        if (probe.exitCode != 0) {
            QSKIP(qPrintable("bwrap cannot create a user namespace here: " + probe.err));
        }
    }

    // Every row of the table for cap_sys_admin: in admin mode as written, in normal mode the
    // rows without admin definitions (the admin files then hold the opposite, unread).
    void capabilityTable_data() {
        addColumns();
        for (const TableRow& row : kTable) {
            const QString parent(row.parent);
            for (const QString& normal : expandStar(row.normal)) {
                for (const QString& admin : expandStar(row.admin)) {
                    const QString effect(row.effect);
                    const QString expected =
                        effect == "ERROR"
                            ? effect
                            : (effect.startsWith('1') ? "+" : "-") + QString("cap_sys_admin");
                    const QStringList files{
                        parent.endsWith('N') ? rule(parent, "cap_sys_admin") : QString(),
                        parent.endsWith('A') ? rule(parent, "cap_sys_admin") : QString(),
                        rule(normal, "cap_sys_admin"), rule(admin, "cap_sys_admin")};
                    addRow(QString("P=%1 N=%2 A=%3 -> %4").arg(parent, normal, admin, effect),
                           files, true, expected);
                    if (admin == "-" && !parent.endsWith('A')) {
                        const QString opposite =
                            effect.startsWith('1') ? "-cap_sys_admin" : "+cap_sys_admin";
                        addRow(QString("normal mode P=%1 N=%2 -> %3").arg(parent, normal, effect),
                               {files[0], opposite, files[2], opposite}, false, expected);
                    }
                }
            }
        }
    }
    void capabilityTable() { launchAndCheck(); }

    // ALL is a rule for every capability at once (spec §2).
    void allRules_data() {
        addColumns();
        // Issue 13 item 3: a child's ALL under a parent's drop of cap_sys_admin is refused.
        addRow("child ALL add under parent cap_sys_admin drop", {"-cap_sys_admin", "", "+all", ""},
               false, "ERROR");
        addRow("child ALL add under parent cap_sys_admin drop, admin mode",
               {"-cap_sys_admin", "", "+all", ""}, true, "ERROR");
        // An admin file over a normal parent may (table row 0N * 1 -> 1A).
        addRow("child admin ALL add over parent normal drop", {"-cap_sys_admin", "", "", "+all"},
               true, "+cap_sys_admin +cap_net_raw");
        // A normal child under an admin parent's drop: the drop stays, the rest is added.
        addRow("child ALL add under parent admin drop", {"", "-cap_sys_admin", "+all", ""}, true,
               "-cap_sys_admin +cap_net_raw +cap_chown");
        addRow("parent ALL drop forbids cap_sys_admin", {"-all", "", "+cap_sys_admin", ""}, false,
               "ERROR");
        addRow("parent ALL drop forbids ALL", {"-all", "", "+all", ""}, false, "ERROR");
        addRow("parent ALL drop, one added back", {"-all +cap_net_raw", "", "", ""}, false,
               "-cap_sys_admin +cap_net_raw -cap_chown");
        addRow("parent ALL add, child drops cap_sys_admin", {"+all", "", "-cap_sys_admin", ""},
               false, "-cap_sys_admin +cap_chown +cap_sys_chroot");
    }
    void allRules() { launchAndCheck(); }
};

QTEST_GUILESS_MAIN(TestCapabilities)
#include "tst_capabilities.moc"
