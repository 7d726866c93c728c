// SPDX-License-Identifier: Apache-2.0
// Every row of every merge table of merge-and-launch.md §2, in admin mode (where all columns
// exist) and in normal mode (where admin files must have no effect). A root /r is the PARENT
// column, its child /r/c holds the NORMAL and ADMIN columns.
#include "merge_table_rows.h"
#include "redpak/launch/plan.h"

#include <QtTest>

using namespace redpak;
using namespace redpak::test;

namespace {

void addGuardedColumns() {
    QTest::addColumn<QString>("parent");
    QTest::addColumn<QString>("normal");
    QTest::addColumn<QString>("admin");
    QTest::addColumn<QString>("effect");
    QTest::addColumn<bool>("capabilityWarning");
}

// Admin mode: every row as written.
void addGuardedRowsAdminMode() {
    addGuardedColumns();
    for (const GuardedRow& row : kGuardedTable) {
        for (const QString& normal : expandStar(row.normal)) {
            for (const QString& admin : expandStar(row.admin)) {
                const QString tag =
                    QString("P=%1 N=%2 A=%3 -> %4").arg(row.parent, normal, admin, row.effect);
                QTest::newRow(qPrintable(tag)) << QString(row.parent) << normal << admin
                                               << QString(row.effect) << row.capabilityWarning;
            }
        }
    }
}

// Normal mode: admin files exist but are not read, so only the rows without admin
// definitions apply. The admin files get the opposite of the expected value: if they were
// read, the result would differ.
void addGuardedRowsNormalMode() {
    addGuardedColumns();
    for (const GuardedRow& row : kGuardedTable) {
        const QString parent(row.parent);
        if (QString(row.admin) != "-" || parent.endsWith('A')) {
            continue;
        }
        for (const QString& normal : expandStar(row.normal)) {
            const QString tag =
                QString("normal mode P=%1 N=%2 -> %3").arg(parent, normal, row.effect);
            QTest::newRow(qPrintable(tag))
                << parent << normal << QString("-") << QString(row.effect) << row.capabilityWarning;
        }
    }
}

void addCapability(Config& config, bool add) {
    section(config).capabilities.push_back(CapabilityEntry{"cap_chown", add, {}, {}, {}});
}

void setShare(Config& config, Namespace ns, Edu state, const std::string& joinPath = {}) {
    section(config).share(ns) = Setting<ShareValue>{ShareValue{state, joinPath}, {}};
}

// The effective state as the table writes it: "-", "0N", "1A"...
QString stateText(bool on, const Provenance& provenance) {
    return QString(on ? "1" : "0") + (provenance.origin.kind == ConfigKind::Admin ? "A" : "N");
}

void addOverrideRows(bool adminMode) {
    QTest::addColumn<QString>("parent");
    QTest::addColumn<QString>("normal");
    QTest::addColumn<QString>("admin");
    QTest::addColumn<QString>("effect");
    QTest::addColumn<bool>("warning");
    for (const OverrideRow& row : kOverrideTable) {
        if (!adminMode && (QString(row.admin) != "-" || QString(row.parent) == "AP")) {
            continue;
        }
        const QString tag =
            QString("P=%1 N=%2 A=%3 -> %4").arg(row.parent, row.normal, row.admin, row.effect);
        QTest::newRow(qPrintable(tag)) << QString(row.parent) << QString(row.normal)
                                       << QString(row.admin) << QString(row.effect) << row.warning;
    }
}

// "NP"/"AP" -> "P": the effect names the value, the column also its file.
QString expectedValue(const QString& effect) {
    return effect.endsWith('P') ? "P" : effect;
}

// Each layout (merge_table_rows.h) merged in normal and in admin mode: ten blocks, in the order
// node, rootnn, rootna, rootan, rootaa, normal mode first.
// One row per layout and mode; `expected` holds the ten blocks separated by '|'.
void addLayoutRows(const char* example, Fill c1, Fill c2, const char* expected) {
    const QStringList blocks = QString(expected).split('|');
    QCOMPARE(blocks.size(), 10);
    for (std::size_t i = 0; i < std::size(kLayouts); ++i) {
        for (const int mode : {int(MergeMode::Normal), int(MergeMode::Admin)}) {
            const QString tag = QString("%1, %2, %3 mode")
                                    .arg(example, kLayouts[i].name,
                                         mode == int(MergeMode::Admin) ? "admin" : "normal");
            QTest::newRow(qPrintable(tag))
                << int(i) << mode << reinterpret_cast<quintptr>(c1)
                << reinterpret_cast<quintptr>(c2)
                << blocks[qsizetype(2 * i) + (mode == int(MergeMode::Admin) ? 1 : 0)].trimmed();
        }
    }
}

void addLayoutColumns() {
    QTest::addColumn<int>("layout");
    QTest::addColumn<int>("mode");
    QTest::addColumn<quintptr>("c1");
    QTest::addColumn<quintptr>("c2");
    QTest::addColumn<QString>("expected");
}

EffectiveConfig mergeLayoutRow() {
    QFETCH(int, layout);
    QFETCH(int, mode);
    QFETCH(quintptr, c1);
    QFETCH(quintptr, c2);
    return merge(
        layoutFamily(kLayouts[layout], reinterpret_cast<Fill>(c1), reinterpret_cast<Fill>(c2)),
        static_cast<MergeMode>(mode));
}

void noConfig(Config&) {}

QString eduText(const std::optional<Effective<Edu>>& value) {
    if (!value) {
        return "-";
    }
    return value->value == Edu::Enabled ? "1" : value->value == Edu::Disabled ? "0" : "unset";
}

// share_user, share_cgroup, share_ipc, share_pid, share_net, share_time after the fallback.
QString effectiveShares(const EffectiveConfig& config) {
    QString text;
    for (const Namespace ns : {Namespace::User, Namespace::Cgroup, Namespace::Ipc, Namespace::Pid,
                               Namespace::Net, Namespace::Time}) {
        const EffectiveShare* share = effectiveShare(config, ns);
        text += !share ? '-' : share->value.state == Edu::Enabled ? '1' : '0';
    }
    return text;
}

// The capability options of the plan, "+ALL -cap_sys_admin", or "ERROR".
QString capabilityOptions(const EffectiveConfig& config) {
    if (!config.ok()) {
        return "ERROR";
    }
    QStringList options;
    for (const BwrapOption& option : buildPlan(config).options) {
        if (option.name == "--cap-add" || option.name == "--cap-drop") {
            options << (option.name == "--cap-add" ? "+" : "-") +
                           QString::fromStdString(option.values.front());
        }
    }
    return options.join(' ');
}

// The export of mount point /A or /data: "-" (none), else its source; "(2 mounts)" when the
// mount point is held twice.
QString exportAt(const EffectiveConfig& config, const std::string& mount) {
    QString found = "-";
    int count = 0;
    for (const EffectiveExport& exp : config.exports) {
        if (isSameOrBelow(exp.mount, mount) && isSameOrBelow(mount, exp.mount)) {
            found = QString::fromStdString(exp.source);
            ++count;
        }
    }
    return count > 1 ? QString("(%1 mounts)").arg(count) : found;
}

void setEdu(Config& config, std::optional<Setting<Edu>> ConfigSection::*member, Edu value) {
    section(config).*member = Setting<Edu>{value, {}};
}

void addExport(Config& config, ExportMode mode, const std::string& mount,
               const std::string& source) {
    config.exports.push_back(ExportEntry{mode, mount, source, {}, {}, {}});
}

void addCap(Config& config, const std::string& name, bool add) {
    section(config).capabilities.push_back(CapabilityEntry{name, add, {}, {}, {}});
}

} // namespace

class TestMergeTables : public QObject {
    Q_OBJECT

private:
    void checkCapability(MergeMode mode, bool poison) {
        QFETCH(QString, parent);
        QFETCH(QString, normal);
        QFETCH(QString, admin);
        QFETCH(QString, effect);
        QFETCH(bool, capabilityWarning);
        const EffectiveConfig result =
            merge(guardedFamily(parent, normal, admin, poison, addCapability), mode);
        if (effect == "ERROR") {
            QCOMPARE(result.errors.size(), std::size_t(1));
            const MergeError& error = result.errors.front();
            QCOMPARE(error.node, std::string("/r/c"));
            QCOMPARE(error.ancestor, std::string("/r"));
            QVERIFY2(error.diagnostic.message.starts_with("cannot add cap_chown in /r/c"),
                     error.diagnostic.message.c_str());
            QVERIFY(error.diagnostic.message.find("forbidden by /r") != std::string::npos);
            QCOMPARE(error.diagnostic.file, std::string(admin == "1" ? "/r/c/etc/redpak-admin.yaml"
                                                                     : "/r/c/etc/redpak.yaml"));
            return;
        }
        QVERIFY(result.ok());
        if (effect == "-") {
            QVERIFY(result.capabilities.empty());
        } else {
            QCOMPARE(result.capabilities.size(), std::size_t(1));
            const EffectiveCapability& cap = result.capabilities.front();
            QCOMPARE(stateText(cap.add, cap.provenance), effect);
        }
        QCOMPARE(result.warnings.size(), std::size_t(capabilityWarning ? 1 : 0));
    }

    void checkShare(MergeMode mode, bool poison) {
        QFETCH(QString, parent);
        QFETCH(QString, normal);
        QFETCH(QString, admin);
        QFETCH(QString, effect);
        for (const Namespace ns :
             {Namespace::All, Namespace::User, Namespace::Cgroup, Namespace::Net, Namespace::Pid,
              Namespace::Ipc, Namespace::Time}) {
            const auto define = [ns](Config& config, bool on) {
                setShare(config, ns, on ? Edu::Enabled : Edu::Disabled);
            };
            const EffectiveConfig result =
                merge(guardedFamily(parent, normal, admin, poison, define), mode);
            const QByteArray name(toString(ns).data(), qsizetype(toString(ns).size()));
            if (effect == "ERROR") {
                QCOMPARE(result.errors.size(), std::size_t(1));
                const std::string expected =
                    "cannot share " + std::string(toString(ns)) + " in /r/c";
                QVERIFY2(result.errors.front().diagnostic.message.starts_with(expected),
                         result.errors.front().diagnostic.message.c_str());
                continue;
            }
            QVERIFY2(result.ok(), name.constData());
            const auto& share = result.share(ns);
            if (effect == "-") {
                QVERIFY2(!share, name.constData());
            } else {
                QVERIFY2(share.has_value(), name.constData());
                QCOMPARE(stateText(share->value.state == Edu::Enabled, share->provenance), effect);
                QCOMPARE(share->key, "share_" + std::string(toString(ns)));
            }
            // The "(warning for capabilities)" notes do not apply to sharings.
            QVERIFY(result.warnings.empty());
        }
    }

private slots:
    void capabilities_data() { addGuardedRowsAdminMode(); }
    void capabilities() { checkCapability(MergeMode::Admin, false); }

    void capabilitiesNormalMode_data() { addGuardedRowsNormalMode(); }
    void capabilitiesNormalMode() { checkCapability(MergeMode::Normal, true); }

    void sharings_data() { addGuardedRowsAdminMode(); }
    void sharings() { checkShare(MergeMode::Admin, false); }

    void sharingsNormalMode_data() { addGuardedRowsNormalMode(); }
    void sharingsNormalMode() { checkShare(MergeMode::Normal, true); }

    // A namespace to join counts as "shared" (1) in the table.
    void joinPathCountsAsEnabled() {
        NodeSpec root = makeNode("/r", "ROOT");
        NodeSpec child = makeNode("/r/c", "C");
        setShare(root.normal, Namespace::Net, Edu::Disabled);
        setShare(child.normal, Namespace::Net, Edu::Enabled, "/proc/1/ns/net");
        EffectiveConfig refused = merge({root, child}, MergeMode::Normal);
        QCOMPARE(refused.errors.size(), std::size_t(1));
        QCOMPARE(refused.errors.front().diagnostic.message,
                 std::string("cannot share net in /r/c: forbidden by /r"));

        root.normal.config->share(Namespace::Net).reset();
        const EffectiveConfig joined = merge({root, child}, MergeMode::Normal);
        QVERIFY(joined.ok());
        QCOMPARE(joined.share(Namespace::Net)->value.joinPath, std::string("/proc/1/ns/net"));
    }

    // Spec §2: an ancestor's share_all is no bound; to forbid a namespace it names it.
    void shareAllOfParentDoesNotBoundChild() {
        NodeSpec root = makeNode("/r", "ROOT");
        NodeSpec child = makeNode("/r/c", "C");
        setShare(root.normal, Namespace::All, Edu::Disabled);
        setShare(child.normal, Namespace::Pid, Edu::Enabled);
        const EffectiveConfig allowed = merge({root, child}, MergeMode::Normal);
        QVERIFY(allowed.ok());
        QVERIFY(effectiveShare(allowed, Namespace::Pid)->value.state == Edu::Enabled);
        QVERIFY(effectiveShare(allowed, Namespace::Net)->value.state == Edu::Disabled);
        setShare(root.normal, Namespace::Pid, Edu::Disabled);
        const EffectiveConfig refused = merge({root, child}, MergeMode::Normal);
        QCOMPARE(refused.errors.size(), std::size_t(1));
        QCOMPARE(refused.errors.front().item, std::string("share pid"));
        QCOMPARE(refused.errors.front().ancestor, std::string("/r"));
    }

    // An ancestor's `ALL` capability rule bounds every capability.
    void capabilityAllOfParentBoundsChild() {
        NodeSpec root = makeNode("/r", "ROOT");
        NodeSpec child = makeNode("/r/c", "C");
        section(root.normal).capabilities.push_back(CapabilityEntry{"all", false, {}, {}, {}});
        addCapability(child.normal, true);
        const EffectiveConfig result = merge({root, child}, MergeMode::Normal);
        QCOMPARE(result.errors.size(), std::size_t(1));
        QCOMPARE(result.errors.front().item, std::string("capability cap_chown"));
    }

    // Within one file, dropping ALL and adding one capability back is allowed.
    void capabilityAllOfSameNodeDoesNotForbid() {
        NodeSpec node = makeNode("/r", "ROOT");
        section(node.normal).capabilities.push_back(CapabilityEntry{"all", false, {}, {}, {}});
        addCapability(node.normal, true);
        const EffectiveConfig result = merge({node}, MergeMode::Normal);
        QVERIFY(result.ok());
        QCOMPARE(result.capabilities.size(), std::size_t(2));
        QVERIFY(result.capabilities[1].add);
    }

    void environ_data() { addOverrideRows(true); }
    void environ() {
        QFETCH(QString, parent);
        QFETCH(QString, normal);
        QFETCH(QString, admin);
        QFETCH(QString, effect);
        QFETCH(bool, warning);
        const auto define = [](Config& config, const char* value) {
            config.environ.push_back(EnvEntry{
                "VAR", EnvMode::Static, std::string(value), {}, std::string("keep it"), {}});
        };
        const EffectiveConfig result =
            merge(overrideFamily(parent, normal, admin, define), MergeMode::Admin);
        QVERIFY(result.ok());
        QCOMPARE(result.environ.size(), std::size_t(1));
        const EffectiveEnv& env = result.environ.front();
        QCOMPARE(QString::fromStdString(*env.value), expectedValue(effect));
        QCOMPARE(result.warnings.size(), std::size_t(warning ? 1 : 0));
        QCOMPARE(env.provenance.warning.empty(), !warning);
        if (warning) {
            // The `warn` text of the replaced definition is shown.
            QVERIFY(env.provenance.warning.ends_with(": keep it"));
            QVERIFY(env.provenance.overrode.has_value());
        }
    }

    void environNormalMode_data() { addOverrideRows(false); }
    void environNormalMode() {
        QFETCH(QString, parent);
        QFETCH(QString, normal);
        QFETCH(QString, effect);
        const auto define = [](Config& config, const char* value) {
            config.environ.push_back(
                EnvEntry{"VAR", EnvMode::Static, std::string(value), {}, {}, {}});
        };
        std::vector<NodeSpec> nodes = overrideFamily(parent, normal, "-", define);
        // Admin files with their own value, which normal mode must not read.
        define(nodes[0].adminFile(), "X");
        define(nodes[1].adminFile(), "X");
        const EffectiveConfig result = merge(nodes, MergeMode::Normal);
        QCOMPARE(result.environ.size(), std::size_t(1));
        QCOMPARE(QString::fromStdString(*result.environ.front().value), expectedValue(effect));
    }

    void exports_data() { addOverrideRows(true); }
    void exports() {
        QFETCH(QString, parent);
        QFETCH(QString, normal);
        QFETCH(QString, admin);
        QFETCH(QString, effect);
        QFETCH(bool, warning);
        // Mount points written differently but equal once normalised are one key.
        const auto define = [](Config& config, const char* value) {
            const std::string mount = value[0] == 'P' ? "/m" : "//m/";
            config.exports.push_back(
                ExportEntry{ExportMode::Public, mount, "/" + std::string(value), {}, {}, {}});
        };
        const EffectiveConfig result =
            merge(overrideFamily(parent, normal, admin, define), MergeMode::Admin);
        QCOMPARE(result.exports.size(), std::size_t(1));
        QCOMPARE(result.exports.front().mount, std::string("/m"));
        QCOMPARE(QString::fromStdString(result.exports.front().source),
                 "/" + expectedValue(effect));
        QCOMPARE(result.warnings.size(), std::size_t(warning ? 1 : 0));
    }

    void exportsNormalMode_data() { addOverrideRows(false); }
    void exportsNormalMode() {
        QFETCH(QString, parent);
        QFETCH(QString, normal);
        QFETCH(QString, effect);
        const auto define = [](Config& config, const char* value) {
            config.exports.push_back(
                ExportEntry{ExportMode::Public, "/m", "/" + std::string(value), {}, {}, {}});
        };
        std::vector<NodeSpec> nodes = overrideFamily(parent, normal, "-", define);
        define(nodes[0].adminFile(), "X");
        define(nodes[1].adminFile(), "X");
        const EffectiveConfig result = merge(nodes, MergeMode::Normal);
        QCOMPARE(result.exports.size(), std::size_t(1));
        QCOMPARE(QString::fromStdString(result.exports.front().source),
                 "/" + expectedValue(effect));
    }

    void otherValuesNormalMode_data() { addOverrideRows(false); }
    void otherValuesNormalMode() {
        QFETCH(QString, parent);
        QFETCH(QString, normal);
        QFETCH(QString, effect);
        const auto define = [](Config& config, const char* value) {
            section(config).chdir = Setting<std::string>{value, {}};
        };
        std::vector<NodeSpec> nodes = overrideFamily(parent, normal, "-", define);
        define(nodes[0].adminFile(), "X");
        define(nodes[1].adminFile(), "X");
        const EffectiveConfig result = merge(nodes, MergeMode::Normal);
        QCOMPARE(QString::fromStdString(result.chdir->value), expectedValue(effect));
        QVERIFY(result.chdir->provenance.origin.kind == ConfigKind::Normal);
    }

    void privateExportsOfAncestorsAreDropped_data() {
        QTest::addColumn<int>("mode");
        QTest::addColumn<bool>("definedByLeaf");
        QTest::addColumn<bool>("mounted");
        for (const ExportMode mode : {ExportMode::Private, ExportMode::PrivateFile}) {
            const QByteArray name(toString(mode).data(), qsizetype(toString(mode).size()));
            QTest::newRow((name + " by ancestor").constData()) << int(mode) << false << false;
            QTest::newRow((name + " by leaf").constData()) << int(mode) << true << true;
        }
        // As recorded by the reference cases (export-privaterestricted-A, rootnn layout).
        QTest::newRow("PrivateRestricted by ancestor")
            << int(ExportMode::PrivateRestricted) << false << true;
        QTest::newRow("PrivateRestricted by leaf")
            << int(ExportMode::PrivateRestricted) << true << true;
        QTest::newRow("Public by ancestor") << int(ExportMode::Public) << false << true;
    }
    void privateExportsOfAncestorsAreDropped() {
        QFETCH(int, mode);
        QFETCH(bool, definedByLeaf);
        QFETCH(bool, mounted);
        NodeSpec root = makeNode("/r", "ROOT");
        NodeSpec leaf = makeNode("/r/c", "C");
        (definedByLeaf ? leaf : root)
            .normal.exports.push_back(
                ExportEntry{static_cast<ExportMode>(mode), "/p", "/src", {}, {}, {}});
        const EffectiveConfig result = merge({root, leaf}, MergeMode::Normal);
        QCOMPARE(result.exports.size(), std::size_t(mounted ? 1 : 0));
    }

    void otherValues_data() {
        QTest::addColumn<QString>("parent");
        QTest::addColumn<QString>("normal");
        QTest::addColumn<QString>("admin");
        QTest::addColumn<QString>("effect");
        // | P | - | - | P |, | - | N | - | N |, | NP | N | - | N |, | AP | N | - | AP |,
        // | * | * | A | A |
        const char* rows[][4] = {
            {"NP", "-", "-", "NP"}, {"AP", "-", "-", "AP"}, {"-", "N", "-", "N"},
            {"NP", "N", "-", "N"},  {"AP", "N", "-", "AP"}, {"-", "-", "A", "A"},
            {"-", "N", "A", "A"},   {"NP", "-", "A", "A"},  {"NP", "N", "A", "A"},
            {"AP", "-", "A", "A"},  {"AP", "N", "A", "A"}};
        for (const auto& row : rows) {
            QTest::newRow(
                qPrintable(QString("P=%1 N=%2 A=%3 -> %4").arg(row[0], row[1], row[2], row[3])))
                << QString(row[0]) << QString(row[1]) << QString(row[2]) << QString(row[3]);
        }
    }
    void otherValues() {
        QFETCH(QString, parent);
        QFETCH(QString, normal);
        QFETCH(QString, admin);
        QFETCH(QString, effect);
        const auto valueOf = [](const char* v) { return std::string(v); };
        // hostname (string), umask (octal), gpgcheck (bool), die-with-parent (EDU), verbose.
        const auto define = [&valueOf](Config& config, const char* v) {
            ConfigSection& s = section(config);
            const char c = v[0];
            s.hostname = Setting<std::string>{valueOf(v), {}};
            s.umask = Setting<std::uint32_t>{static_cast<std::uint32_t>(c), {}};
            s.gpgcheck = Setting<bool>{c == 'N', {}};
            s.dieWithParent = Setting<Edu>{c == 'A' ? Edu::Enabled : Edu::Disabled, {}};
            s.verbose = Setting<std::int64_t>{c, {}};
        };
        const EffectiveConfig result =
            merge(overrideFamily(parent, normal, admin, define), MergeMode::Admin);
        const QString value = expectedValue(effect);
        const char c = value.toLatin1().at(0);
        QCOMPARE(QString::fromStdString(result.hostname->value), value);
        QCOMPARE(result.umask->value, static_cast<std::uint32_t>(c));
        QCOMPARE(result.gpgcheck->value, c == 'N');
        QVERIFY(result.dieWithParent->value == (c == 'A' ? Edu::Enabled : Edu::Disabled));
        QCOMPARE(result.verbose->value, std::int64_t(c));
        const bool fromAdmin = result.hostname->provenance.origin.kind == ConfigKind::Admin;
        QCOMPARE(fromAdmin, effect == "A" || effect == "AP");
        // Deviation of the original tool not copied: false overrides true, 0 overrides numbers.
        QVERIFY(result.warnings.empty());
    }

    void pathAndLdpathOrder_data() {
        QTest::addColumn<int>("mode");
        QTest::addColumn<QString>("expected");
        QTest::newRow("normal") << int(MergeMode::Normal) << "/c:/shared:/r";
        QTest::newRow("admin") << int(MergeMode::Admin) << "/ca:/c:/shared:/ra:/r";
    }
    void pathAndLdpathOrder() {
        QFETCH(int, mode);
        QFETCH(QString, expected);
        NodeSpec root = makeNode("/r", "ROOT");
        NodeSpec child = makeNode("/r/c", "C");
        section(root.normal).path = Setting<std::string>{"/r:/shared", {}};
        section(root.adminFile()).path = Setting<std::string>{"/ra", {}};
        section(child.normal).path = Setting<std::string>{"/c:/shared", {}};
        section(child.adminFile()).path = Setting<std::string>{"/ca::/c", {}};
        section(root.normal).ldpath = section(root.normal).path;
        section(root.adminFile()).ldpath = section(root.adminFile()).path;
        section(child.normal).ldpath = section(child.normal).path;
        section(child.adminFile()).ldpath = section(child.adminFile()).path;
        const EffectiveConfig result = merge({root, child}, static_cast<MergeMode>(mode));
        for (const auto* list : {&result.path, &result.ldpath}) {
            QStringList dirs;
            for (const EffectivePathEntry& entry : *list) {
                dirs << QString::fromStdString(entry.dir);
            }
            QCOMPARE(dirs.join(':'), expected);
        }
    }

    void cgroupsPerNodeAdminOverNormal() {
        NodeSpec root = makeNode("/r", "ROOT");
        NodeSpec child = makeNode("/r/c", "C");
        section(root.normal).cgroups.push_back({CgroupController::Mem, "max", "1G", {}});
        section(child.normal).cgroups.push_back({CgroupController::Mem, "max", "512M", {}});
        section(child.normal).cgroups.push_back({CgroupController::Pids, "max", "10", {}});
        section(child.adminFile()).cgroups.push_back({CgroupController::Mem, "max", "256M", {}});
        const EffectiveConfig admin = merge({root, child}, MergeMode::Admin);
        QCOMPARE(admin.cgroups.size(), std::size_t(2));
        QCOMPARE(admin.cgroups[0].limits.front().limit.value, std::string("1G"));
        QCOMPARE(admin.cgroups[1].limits.size(), std::size_t(2));
        QCOMPARE(admin.cgroups[1].limits[0].limit.value, std::string("256M"));
        QVERIFY(admin.cgroups[1].limits[0].provenance.overrode.has_value());
        const EffectiveConfig normal = merge({root, child}, MergeMode::Normal);
        QCOMPARE(normal.cgroups[1].limits[0].limit.value, std::string("512M"));
    }

    // ---- spec §2 rules in the five layouts, normal and admin mode -------------------------

    // `unset` is not a definition: it neither overrides a parent nor hides a child.
    void unsetIsNotADefinition_data() {
        addLayoutColumns();
        // die-with-parent and new-session get the same value in each file.
        addLayoutRows(
            "C1 enabled, C2 unset",
            +[](Config& c) {
                setEdu(c, &ConfigSection::dieWithParent, Edu::Enabled);
                setEdu(c, &ConfigSection::newSession, Edu::Enabled);
            },
            +[](Config& c) {
                setEdu(c, &ConfigSection::dieWithParent, Edu::Unset);
                setEdu(c, &ConfigSection::newSession, Edu::Unset);
            },
            "1|1|1|1|1|1|-|1|-|1");
        addLayoutRows(
            "C1 unset, C2 enabled",
            +[](Config& c) {
                setEdu(c, &ConfigSection::dieWithParent, Edu::Unset);
                setEdu(c, &ConfigSection::newSession, Edu::Unset);
            },
            +[](Config& c) {
                setEdu(c, &ConfigSection::dieWithParent, Edu::Enabled);
                setEdu(c, &ConfigSection::newSession, Edu::Enabled);
            },
            "-|1|1|1|-|1|1|1|-|1");
        addLayoutRows(
            "C1 disabled, C2 unset",
            +[](Config& c) {
                setEdu(c, &ConfigSection::dieWithParent, Edu::Disabled);
                setEdu(c, &ConfigSection::newSession, Edu::Disabled);
            },
            +[](Config& c) {
                setEdu(c, &ConfigSection::dieWithParent, Edu::Unset);
                setEdu(c, &ConfigSection::newSession, Edu::Unset);
            },
            "0|0|0|0|0|0|-|0|-|0");
    }
    void unsetIsNotADefinition() {
        QFETCH(QString, expected);
        const EffectiveConfig result = mergeLayoutRow();
        QVERIFY(result.ok());
        QCOMPARE(eduText(result.dieWithParent), expected);
        QCOMPARE(eduText(result.newSession), expected);
        const BwrapPlan plan = buildPlan(result);
        const auto has = [&plan](const char* option) {
            return std::any_of(plan.options.begin(), plan.options.end(),
                               [option](const BwrapOption& o) { return o.name == option; });
        };
        QCOMPARE(has("--die-with-parent"), expected == "1");
        QCOMPARE(has("--new-session"), expected == "1");
    }

    // The same for sharings (user, cgroup, ipc, pid, net, time after the share_all fallback).
    void unsetShareIsNotADefinition_data() {
        addLayoutColumns();
        addLayoutRows(
            "share_net C1 disabled, C2 unset",
            +[](Config& c) { setShare(c, Namespace::Net, Edu::Disabled); },
            +[](Config& c) { setShare(c, Namespace::Net, Edu::Unset); },
            "----0-|----0-|----0-|----0-|----0-|----0-|------|----0-|------|----0-");
        addLayoutRows(
            "share_net C1 unset, C2 enabled",
            +[](Config& c) { setShare(c, Namespace::Net, Edu::Unset); },
            +[](Config& c) { setShare(c, Namespace::Net, Edu::Enabled); },
            "------|----1-|----1-|----1-|------|----1-|----1-|----1-|------|----1-");
        addLayoutRows(
            "share_all C1 disabled, C2 unset",
            +[](Config& c) { setShare(c, Namespace::All, Edu::Disabled); },
            +[](Config& c) { setShare(c, Namespace::All, Edu::Unset); },
            "00000-|00000-|00000-|00000-|00000-|00000-|------|00000-|------|00000-");
        addLayoutRows(
            "share_time C1 disabled, C2 unset",
            +[](Config& c) { setShare(c, Namespace::Time, Edu::Disabled); },
            +[](Config& c) { setShare(c, Namespace::Time, Edu::Unset); },
            "-----0|-----0|-----0|-----0|-----0|-----0|------|-----0|------|-----0");
    }
    void unsetShareIsNotADefinition() {
        QFETCH(QString, expected);
        const EffectiveConfig result = mergeLayoutRow();
        QVERIFY(result.ok());
        QCOMPARE(effectiveShares(result), expected);
    }

    // share_all is a fallback, not a bound; share_time never falls back.
    void shareAllIsAFallback_data() {
        addLayoutColumns();
        addLayoutRows(
            "root share_all disabled, child share_ipc enabled",
            +[](Config& c) { setShare(c, Namespace::All, Edu::Disabled); },
            +[](Config& c) { setShare(c, Namespace::Ipc, Edu::Enabled); },
            "00000-|00100-|00100-|00100-|00000-|00100-|--1---|00100-|------|00100-");
        addLayoutRows(
            "root share_all enabled, child share_net disabled",
            +[](Config& c) { setShare(c, Namespace::All, Edu::Enabled); },
            +[](Config& c) { setShare(c, Namespace::Net, Edu::Disabled); },
            "11111-|11110-|11110-|11110-|11111-|11110-|----0-|11110-|------|11110-");
        addLayoutRows(
            "share_time never falls back",
            +[](Config& c) { setShare(c, Namespace::All, Edu::Disabled); }, noConfig,
            "00000-|00000-|00000-|00000-|00000-|00000-|------|00000-|------|00000-");
    }
    void shareAllIsAFallback() {
        QFETCH(QString, expected);
        const EffectiveConfig result = mergeLayoutRow();
        QVERIFY2(result.ok(), result.ok() ? "" : result.errors.front().diagnostic.message.c_str());
        QCOMPARE(effectiveShares(result), expected);
        const BwrapPlan plan = buildPlan(result);
        QCOMPARE(plan.launcherCreatesTimeNamespace, false);
        const auto has = [&plan](const char* option) {
            return std::any_of(plan.options.begin(), plan.options.end(),
                               [option](const BwrapOption& o) { return o.name == option; });
        };
        QCOMPARE(has("--unshare-ipc"), expected[2] != '1');
        QCOMPARE(has("--share-net"), expected[4] == '1');
    }

    // An ancestor's Private/PrivateFile exports take no part in the merge, even from its admin
    // file; PrivateRestricted stays, as the reference cases record.
    void ancestorPrivateExports_data() {
        addLayoutColumns();
        addLayoutRows(
            "C1 Private /A, C2 Public /A",
            +[](Config& c) { addExport(c, ExportMode::Private, "/A", "/p"); },
            +[](Config& c) { addExport(c, ExportMode::Public, "/A", "/c"); },
            "/p|/c|/c|/c|-|/c|/c|/c|-|/c");
        addLayoutRows(
            "C1 PrivateFile /A, C2 PublicFile /A",
            +[](Config& c) { addExport(c, ExportMode::PrivateFile, "/A", "/p"); },
            +[](Config& c) { addExport(c, ExportMode::PublicFile, "/A", "/c"); },
            "/p|/c|/c|/c|-|/c|/c|/c|-|/c");
        addLayoutRows(
            "C1 Private /A, C2 nothing",
            +[](Config& c) { addExport(c, ExportMode::Private, "/A", "/p"); }, noConfig,
            "/p|/p|-|-|-|-|-|-|-|-");
        addLayoutRows(
            "C1 PrivateRestricted /A, C2 Public /A",
            +[](Config& c) { addExport(c, ExportMode::PrivateRestricted, "/A", "/p"); },
            +[](Config& c) { addExport(c, ExportMode::Public, "/A", "/c"); },
            "/p|/c|/c|/c|/p|/c|/c|/p|-|/c");
    }
    void ancestorPrivateExports() {
        QFETCH(QString, expected);
        const EffectiveConfig result = mergeLayoutRow();
        QVERIFY(result.ok());
        QCOMPARE(exportAt(result, "/A"), expected);
    }

    // `/data/.`, `//data`, `/data/`... are the mount point /data: a read-write mount of a child
    // cannot stack over the read-only one of an admin parent (rootan, admin mode).
    void mountPointsNormalised_data() {
        addLayoutColumns();
        const char* expected = "/ro|/rw|/rw|/rw|/ro|/rw|/rw|/ro|-|/rw";
        const auto parent =
            +[](Config& c) { addExport(c, ExportMode::Restricted, "/data", "/ro"); };
        addLayoutRows(
            "/data then /data/.", parent,
            +[](Config& c) { addExport(c, ExportMode::Public, "/data/.", "/rw"); }, expected);
        addLayoutRows(
            "/data then //data", parent,
            +[](Config& c) { addExport(c, ExportMode::Public, "//data", "/rw"); }, expected);
        addLayoutRows(
            "/data then /data/", parent,
            +[](Config& c) { addExport(c, ExportMode::Public, "/data/", "/rw"); }, expected);
        addLayoutRows(
            "/data then /./data/./", parent,
            +[](Config& c) { addExport(c, ExportMode::Public, "/./data/./", "/rw"); }, expected);
        addLayoutRows(
            "/data/. then /data",
            +[](Config& c) { addExport(c, ExportMode::Restricted, "/data/.", "/ro"); },
            +[](Config& c) { addExport(c, ExportMode::Public, "/data", "/rw"); }, expected);
    }
    void mountPointsNormalised() {
        QFETCH(QString, expected);
        const EffectiveConfig result = mergeLayoutRow();
        QCOMPARE(exportAt(result, "/data"), expected);
        for (const EffectiveExport& exp : result.exports) {
            QCOMPARE(exp.mount, std::string("/data"));
        }
    }

    void normalizeMountPath_data() {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("normal");
        for (const char* path : {"/data", "/data/", "/data/.", "//data", "/data//", "/./data",
                                 "/data/./", "/data/.//.", "///data///./"}) {
            QTest::newRow(path) << path << "/data";
        }
        QTest::newRow("root") << "/"
                              << "/";
        QTest::newRow("root dot") << "/."
                                  << "/";
        QTest::newRow("inner") << "/a//./b/"
                               << "/a/b";
        QTest::newRow("dot-dot kept") << "/a/../b"
                                      << "/a/../b";
        QTest::newRow("relative symlink target") << "usr/bin/"
                                                 << "usr/bin";
        QTest::newRow("dot") << "./"
                             << ".";
        QTest::newRow("empty") << ""
                               << "";
    }
    void normalizeMountPath() {
        QFETCH(QString, path);
        QFETCH(QString, normal);
        QCOMPARE(QString::fromStdString(redpak::normalizeMountPath(path.toStdString())), normal);
    }

    // ALL is a capability rule for every capability at once. Expected: the plan's capability
    // options ("+ALL -cap_sys_admin"; the default drop of rec. 1 included), or ERROR.
    void capabilityAll_data() {
        addLayoutColumns();
        addLayoutRows(
            "C1 cap_sys_admin drop, C2 ALL add",
            +[](Config& c) { addCap(c, "cap_sys_admin", false); },
            +[](Config& c) { addCap(c, "all", true); },
            "-cap_sys_admin|+ALL|ERROR|ERROR|-cap_sys_admin|+ALL|+ALL|+ALL -cap_sys_admin|"
            "-cap_sys_admin|ERROR");
        addLayoutRows(
            "C1 cap_chown drop, C2 ALL add", +[](Config& c) { addCap(c, "cap_chown", false); },
            +[](Config& c) { addCap(c, "all", true); },
            "-cap_chown -cap_sys_admin|+ALL|ERROR|ERROR|-cap_chown -cap_sys_admin|+ALL|+ALL|"
            "+ALL -cap_chown|-cap_sys_admin|ERROR");
        addLayoutRows(
            "C1 ALL drop, C2 cap_net_raw add", +[](Config& c) { addCap(c, "all", false); },
            +[](Config& c) { addCap(c, "cap_net_raw", true); },
            "-ALL|-ALL +cap_net_raw|ERROR|ERROR|-ALL|-ALL +cap_net_raw|"
            "+cap_net_raw -cap_sys_admin|-ALL|-cap_sys_admin|ERROR");
        addLayoutRows(
            "C1 ALL drop, C2 ALL add", +[](Config& c) { addCap(c, "all", false); },
            +[](Config& c) { addCap(c, "all", true); },
            "-ALL|+ALL|ERROR|ERROR|-ALL|+ALL|+ALL|-ALL|-cap_sys_admin|ERROR");
        addLayoutRows(
            "C1 ALL add, C2 cap_sys_admin drop", +[](Config& c) { addCap(c, "all", true); },
            +[](Config& c) { addCap(c, "cap_sys_admin", false); },
            "+ALL|+ALL -cap_sys_admin|+ALL -cap_sys_admin|+ALL -cap_sys_admin|+ALL|"
            "+ALL -cap_sys_admin|-cap_sys_admin|+ALL|-cap_sys_admin|+ALL -cap_sys_admin");
        addLayoutRows(
            "C1 ALL drop and cap_chown add, C2 nothing",
            +[](Config& c) {
                addCap(c, "cap_chown", true);
                addCap(c, "all", false);
            },
            noConfig,
            "-ALL +cap_chown|-ALL +cap_chown|-ALL +cap_chown|-ALL +cap_chown|-ALL +cap_chown|"
            "-ALL +cap_chown|-cap_sys_admin|-ALL +cap_chown|-cap_sys_admin|-ALL +cap_chown");
    }
    void capabilityAll() {
        QFETCH(QString, expected);
        QCOMPARE(capabilityOptions(mergeLayoutRow()), expected);
    }

    // A child's `cap: ALL, add: 1` under an ancestor dropping any capability: the ERROR row
    // for that capability, and only for it.
    void childAllUnderAncestorDrop_data() {
        QTest::addColumn<QString>("cap");
        for (const std::string_view name : capabilityNames()) {
            QTest::newRow(std::string(name).c_str()) << QString::fromUtf8(name.data(), name.size());
        }
    }
    void childAllUnderAncestorDrop() {
        QFETCH(QString, cap);
        NodeSpec root = makeNode("/r", "ROOT");
        NodeSpec child = makeNode("/r/c", "C");
        addCap(root.normal, cap.toStdString(), false);
        addCap(child.normal, "all", true);
        const EffectiveConfig result = merge({root, child}, MergeMode::Normal);
        QCOMPARE(result.errors.size(), std::size_t(1));
        const MergeError& error = result.errors.front();
        QCOMPARE(QString::fromStdString(error.item), "capability " + cap);
        QCOMPARE(error.ancestor, std::string("/r"));
        QCOMPARE(QString::fromStdString(error.diagnostic.message),
                 "cannot add " + cap + " (cap: ALL) in /r/c: forbidden by /r");
    }

    // An ancestor's `cap: ALL, add: 0` forbids every capability, and ALL itself (one error).
    void ancestorAllDropForbidsEverything_data() { childAllUnderAncestorDrop_data(); }
    void ancestorAllDropForbidsEverything() {
        QFETCH(QString, cap);
        NodeSpec root = makeNode("/r", "ROOT");
        NodeSpec child = makeNode("/r/c", "C");
        NodeSpec leaf = makeNode("/r/c/l", "L");
        addCap(root.normal, "all", false);
        addCap(leaf.normal, cap.toStdString(), true);
        const EffectiveConfig result = merge({root, child, leaf}, MergeMode::Normal);
        QCOMPARE(result.errors.size(), std::size_t(1));
        QCOMPARE(QString::fromStdString(result.errors.front().item), "capability " + cap);
        QCOMPARE(QString::fromStdString(result.errors.front().diagnostic.message),
                 "cannot add " + cap + " in /r/c/l: forbidden by /r");
    }
    void ancestorAllDropForbidsAll() {
        NodeSpec root = makeNode("/r", "ROOT");
        NodeSpec child = makeNode("/r/c", "C");
        addCap(root.normal, "all", false);
        addCap(child.normal, "all", true);
        const EffectiveConfig result = merge({root, child}, MergeMode::Normal);
        QCOMPARE(result.errors.size(), std::size_t(1));
        QCOMPARE(result.errors.front().item, std::string("capability all"));
        QCOMPARE(result.errors.front().diagnostic.message,
                 std::string("cannot add ALL in /r/c: forbidden by /r"));
    }

    // Within one file a capability's own rule wins over ALL, whatever their order.
    void ownRuleWinsOverAllInOneFile_data() {
        QTest::addColumn<bool>("allFirst");
        QTest::newRow("ALL first") << true;
        QTest::newRow("ALL last") << false;
    }
    void ownRuleWinsOverAllInOneFile() {
        QFETCH(bool, allFirst);
        NodeSpec node = makeNode("/r", "ROOT");
        if (allFirst) {
            addCap(node.normal, "all", false);
        }
        addCap(node.normal, "cap_net_raw", true);
        if (!allFirst) {
            addCap(node.normal, "all", false);
        }
        const EffectiveConfig result = merge({node}, MergeMode::Normal);
        QCOMPARE(capabilityOptions(result), QString("-ALL +cap_net_raw"));
        QVERIFY(effectiveCapability(result, "cap_net_raw")->add);
        QVERIFY(!effectiveCapability(result, "cap_sys_admin")->add);
    }

    // One ALL rule over another gives one warning, not one per capability.
    void allOverAllWarnsOnce() {
        NodeSpec root = makeNode("/r", "ROOT");
        NodeSpec child = makeNode("/r/c", "C");
        addCap(root.normal, "all", true);
        addCap(child.normal, "all", false);
        const EffectiveConfig result = merge({root, child}, MergeMode::Normal);
        QVERIFY(result.ok());
        QCOMPARE(result.warnings.size(), std::size_t(1));
        QCOMPARE(result.warnings.front().message,
                 std::string("capability all of /r redefined in /r/c"));
        QCOMPARE(capabilityOptions(result), QString("-ALL"));
    }

    // Merge errors name the node, the forbidding ancestor and the file kind.
    void errorMessageNamesAdminFiles() {
        NodeSpec root = makeNode("/r", "ROOT");
        NodeSpec child = makeNode("/r/c", "C");
        addCapability(root.adminFile(), false);
        addCapability(child.adminFile(), true);
        const EffectiveConfig result = merge({root, child}, MergeMode::Admin);
        QCOMPARE(result.errors.size(), std::size_t(1));
        QCOMPARE(result.errors.front().diagnostic.message,
                 std::string("cannot add cap_chown in /r/c (admin): forbidden by /r (admin)"));
    }
};

QTEST_APPLESS_MAIN(TestMergeTables)
#include "tst_merge_tables.moc"
