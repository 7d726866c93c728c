// SPDX-License-Identifier: Apache-2.0
// Risk findings: for each finding one configuration that raises it and one that does not;
// severities that depend on what the launch really does; the exposure score.
#include "redpak/review/findings.h"
#include "redpak/tree/create.h"
#include "redpak/tree/templates.h"
#include "review_fixtures.h"

#include <QtTest>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

using namespace redpak;
using namespace redpak::test;

Q_DECLARE_METATYPE(redpak::Severity)

namespace {

const Finding* findingOf(const NodeFindings& findings, const std::string& id) {
    for (const Finding& f : findings.findings) {
        if (f.id == id) {
            return &f;
        }
    }
    return nullptr;
}

std::string listOf(const NodeFindings& findings) {
    std::string out;
    for (const Finding& f : findings.findings) {
        out += f.id + "(" + std::string(toString(f.severity)) + ") ";
    }
    return out;
}

const char* const kAllLimits = "  cgroups:\n    pids:\n      max: '100'\n    mem:\n      max: 1G\n "
                               "   cpu:\n      max: '50000 100000'\n";

} // namespace

class TestFindings : public QObject {
    Q_OBJECT

private slots:
    void findings_data();
    void findings();
    void quietNodeHasNoFinding();
    void familyFileFindings();
    void fileProtection();
    void treeSameUser();
    void hostSystemDirectories_data();
    void hostSystemDirectories();
    void launchView();
    void score();
    void widenedByAnIntermediateNode_data();
    void widenedByAnIntermediateNode();
    void textOutputIsEscaped();
    void nodeFromEveryTemplate_data();
    void nodeFromEveryTemplate();
    void graphicalTemplatesSound_data();
    void graphicalTemplatesSound();
};

void TestFindings::findings_data() {
    QTest::addColumn<QString>("parent"); // body of /r ("" when the node has no parent)
    QTest::addColumn<QString>("body");   // body of the analysed node
    QTest::addColumn<QString>("id");
    QTest::addColumn<bool>("expected");
    QTest::addColumn<redpak::Severity>("severity");
    using S = redpak::Severity;
    const auto caps = [](std::initializer_list<const char*> names) {
        QString out = "  capabilities:\n";
        for (const char* name : names) {
            out += QString("    - cap: %1\n      add: 1\n").arg(name);
        }
        return out;
    };
    const QString procfs = "exports:\n  - mode: Procfs\n    mount: /proc\n";
    const QString execfd = "environ:\n  - key: WHO\n    mode: Execfd\n    value: id -un\n";

    QTest::newRow("cap.sys-admin +")
        << ""
        << "config:\n" + caps({"cap_sys_admin"}) << "cap.sys-admin" << true << S::Warning;
    QTest::newRow("cap.sys-admin real with shared user ns")
        << ""
        << "config:\n  share_user: enabled\n" + caps({"cap_sys_admin"}) << "cap.sys-admin" << true
        << S::Error;
    QTest::newRow("cap.sys-admin - (plan drops it)")
        << ""
        << "config:\n" + caps({"cap_chown"}) << "cap.sys-admin" << false << S::Info;
    QTest::newRow("cap.sys-admin - dropped after ALL")
        << ""
        << "config:\n  capabilities:\n    - cap: ALL\n      add: 1\n    - cap: cap_sys_admin\n     "
           " add: 0\n"
        << "cap.sys-admin" << false << S::Info;
    QTest::newRow("cap.sys-admin-chroot +")
        << ""
        << "config:\n" + caps({"cap_sys_admin", "cap_sys_chroot"}) << "cap.sys-admin-chroot" << true
        << S::Error;
    QTest::newRow("cap.sys-admin-chroot + root keeps all")
        << ""
        << "config:\n  set-user: app\n" + caps({"cap_sys_admin"}) << "cap.sys-admin-chroot" << true
        << S::Error;
    QTest::newRow("cap.sys-admin-chroot -")
        << ""
        << "config:\n" + caps({"cap_sys_admin"}) << "cap.sys-admin-chroot" << false << S::Info;
    QTest::newRow("ns.procfs-setns +")
        << ""
        << "config:\n" + caps({"cap_sys_admin"}) + procfs << "ns.procfs-setns" << true << S::Error;
    QTest::newRow("ns.procfs-setns -") << "" << procfs << "ns.procfs-setns" << false << S::Info;
    QTest::newRow("ns.shared net") << ""
                                   << "config:\n  share_net: enabled\n"
                                   << "ns.shared" << true << S::Warning;
    QTest::newRow("ns.shared pid via share_all") << ""
                                                 << "config:\n  share_all: enabled\n"
                                                 << "ns.shared" << true << S::Warning;
    QTest::newRow("ns.shared inherited from parent") << "config:\n  share_ipc: enabled\n"
                                                     << ""
                                                     << "ns.shared" << true << S::Warning;
    QTest::newRow("ns.shared -") << ""
                                 << ""
                                 << "ns.shared" << false << S::Info;
    QTest::newRow("export.system-writable /etc")
        << ""
        << "exports:\n  - mode: Public\n    mount: /host-etc\n    path: /etc\n"
        << "export.system-writable" << true << S::Error;
    QTest::newRow("export.system-writable /var itself")
        << ""
        << "exports:\n  - mode: Public\n    mount: /var\n"
        << "export.system-writable" << true << S::Error;
    QTest::newRow("export.system-writable /usr//lib/")
        << ""
        << "exports:\n  - mode: PublicFile\n    mount: /x\n    path: /usr//lib/\n"
        << "export.system-writable" << true << S::Error;
    QTest::newRow("export.system-writable - data dir")
        << ""
        << "exports:\n  - mode: Public\n    mount: /data\n    path: /var/lib/app\n"
        << "export.system-writable" << false << S::Info;
    QTest::newRow("export.system-writable - read-only /etc")
        << ""
        << "exports:\n  - mode: Restricted\n    mount: /etc\n"
        << "export.system-writable" << false << S::Info;
    QTest::newRow("export.system-writable - /etcetera")
        << ""
        << "exports:\n  - mode: Public\n    mount: /etcetera\n"
        << "export.system-writable" << false << S::Info;
    QTest::newRow("export.writable data dir")
        << ""
        << "exports:\n  - mode: Public\n    mount: /data\n    path: /var/lib/app\n"
        << "export.writable" << true << S::Info;
    QTest::newRow("desktop.x11 socket directory")
        << ""
        << "exports:\n  - mode: Restricted\n    mount: /tmp/.X11-unix\n"
        << "desktop.x11" << true << S::Warning;
    QTest::newRow("desktop.x11 host /tmp") << ""
                                           << "exports:\n  - mode: Public\n    mount: /tmp\n"
                                           << "desktop.x11" << true << S::Warning;
    QTest::newRow("desktop.x11 - private /tmp") << ""
                                                << "exports:\n  - mode: Tmpfs\n    mount: /tmp\n"
                                                << "desktop.x11" << false << S::Info;
    QTest::newRow("desktop.raw-bus session bus")
        << ""
        << "exports:\n  - mode: Restricted\n    mount: /run/user/1000/bus\n"
        << "desktop.raw-bus" << true << S::Warning;
    QTest::newRow("desktop.raw-bus whole runtime dir by tag")
        << ""
        << "exports:\n  - mode: Restricted\n    mount: /run/xdg\n    path: $XDG_RUNTIME_DIR\n"
        << "desktop.raw-bus" << true << S::Warning;
    QTest::newRow("desktop.raw-bus system bus")
        << ""
        << "exports:\n  - mode: RestrictedFile\n    mount: /run/dbus/system_bus_socket\n"
        << "desktop.raw-bus" << true << S::Warning;
    QTest::newRow("desktop.raw-bus - a proxy socket elsewhere")
        << ""
        << "exports:\n  - mode: Restricted\n    mount: /run/user/1000/redpak-bus\n"
        << "desktop.raw-bus" << false << S::Info;
    QTest::newRow("desktop.wayland")
        << ""
        << "exports:\n  - mode: RestrictedFile\n    mount: /run/user/1000/wayland-0\n"
        << "desktop.wayland" << true << S::Info;
    QTest::newRow("desktop.wayland by the launcher's WAYLAND_DISPLAY")
        << ""
        << "exports:\n  - mode: RestrictedFile\n    mount: /run/user/1000/wayland-0\n"
           "    path: $XDG_RUNTIME_DIR/$WAYLAND_DISPLAY\n"
        << "desktop.wayland" << true << S::Info;
    QTest::newRow("export.env-dependent - an Execfd command's shell variables")
        << ""
        << "exports:\n  - mode: Execfd\n    mount: /run/a\n    path: 'x=1; echo \\$x'\n"
        << "export.env-dependent" << false << S::Info;
    QTest::newRow("desktop.audio pipewire")
        << ""
        << "exports:\n  - mode: RestrictedFile\n    mount: /run/user/1000/pipewire-0\n"
        << "desktop.audio" << true << S::Info;
    QTest::newRow("desktop.audio pulse native")
        << ""
        << "exports:\n  - mode: RestrictedFile\n    mount: /run/user/1000/pulse/native\n"
        << "desktop.audio" << true << S::Info;
    QTest::newRow("priv.launch set-user") << ""
                                          << "config:\n  set-user: app\n"
                                          << "priv.launch" << true << S::Info;
    QTest::newRow("priv.launch join") << ""
                                      << "config:\n  share_net: /proc/1/ns/net\n"
                                      << "priv.launch" << true << S::Info;
    QTest::newRow("priv.launch - caps in own user ns")
        << ""
        << "config:\n" + caps({"cap_net_raw"}) << "priv.launch" << false << S::Info;
    QTest::newRow("priv.avoidable caps with shared user ns")
        << ""
        << "config:\n  share_user: enabled\n" + caps({"cap_net_raw"}) << "priv.avoidable" << true
        << S::Warning;
    QTest::newRow("priv.avoidable map-root-user shared")
        << ""
        << "config:\n  share_user: enabled\n  map-root-user: 1\n"
        << "priv.avoidable" << true << S::Warning;
    QTest::newRow("priv.avoidable - map-root-user private") << ""
                                                            << "config:\n  map-root-user: 1\n"
                                                            << "priv.avoidable" << false << S::Info;
    QTest::newRow("priv.root") << ""
                               << "config:\n  set-user: root\n"
                               << "priv.root" << true << S::Warning;
    QTest::newRow("priv.root -") << ""
                                 << "config:\n  set-user: app\n"
                                 << "priv.root" << false << S::Info;
    QTest::newRow("cmd.privileged execfd")
        << ""
        << "config:\n  set-user: app\n" + execfd << "cmd.privileged" << true << S::Error;
    QTest::newRow("cmd.privileged $() in parent") << "environ:\n  - key: D\n    value: $(date)\n"
                                                  << "config:\n  smack: App\n"
                                                  << "cmd.privileged" << true << S::Error;
    QTest::newRow("cmd.privileged - escaped")
        << ""
        << "config:\n  set-user: app\nenviron:\n  - key: D\n    value: \\$(date)\n"
        << "cmd.privileged" << false << S::Info;
    QTest::newRow("cmd.privileged - unprivileged")
        << "" << execfd << "cmd.privileged" << false << S::Info;
    QTest::newRow("cmd.present unprivileged") << "" << execfd << "cmd.present" << true << S::Info;
    QTest::newRow("limits.pids") << ""
                                 << ""
                                 << "limits.pids" << true << S::Info;
    QTest::newRow("limits.pids - parent limit")
        << "config:\n  cgroups:\n    pids:\n      max: '64'\n"
        << ""
        << "limits.pids" << false << S::Info;
    QTest::newRow("limits.pids - max is no limit")
        << ""
        << "config:\n  cgroups:\n    pids:\n      max: max\n"
        << "limits.pids" << true << S::Info;
    QTest::newRow("limits.memory") << ""
                                   << ""
                                   << "limits.memory" << true << S::Info;
    QTest::newRow("limits.memory -") << ""
                                     << "config:\n  cgroups:\n    mem:\n      high: 1G\n"
                                     << "limits.memory" << false << S::Info;
    QTest::newRow("limits.cpu") << ""
                                << ""
                                << "limits.cpu" << true << S::Info;
    QTest::newRow("limits.cpu -") << ""
                                  << "config:\n  cgroups:\n    cpu:\n      max: '50000'\n"
                                  << "limits.cpu" << false << S::Info;
    QTest::newRow("config.unsafe") << ""
                                   << "config:\n  unsafe: true\n"
                                   << "config.unsafe" << true << S::Warning;
    QTest::newRow("config.unsafe -") << ""
                                     << "config:\n  unsafe: false\n"
                                     << "config.unsafe" << false << S::Info;
    QTest::newRow("config.inherit-env") << ""
                                        << "config:\n  inherit-env: true\n"
                                        << "config.inherit-env" << true << S::Warning;
    QTest::newRow("config.inherit-env -") << ""
                                          << ""
                                          << "config.inherit-env" << false << S::Info;
    // Issue 13: `$ENVVAR` in an export let an approved config mount another path at each launch.
    const auto exportOf = [](const char* mode, const char* mount, const char* path) {
        QString out = QString("exports:\n  - mode: %1\n    mount: '%2'\n").arg(mode, mount);
        return path ? out + QString("    path: '%1'\n").arg(path) : out;
    };
    QTest::newRow("export.env-dependent source") << "" << exportOf("Public", "/data", "$HOME/data")
                                                 << "export.env-dependent" << true << S::Warning;
    QTest::newRow("export.env-dependent mount point")
        << "" << exportOf("Tmpfs", "/run/$XDG_SESSION_ID", nullptr) << "export.env-dependent"
        << true << S::Warning;
    QTest::newRow("export.env-dependent $NODE_PREFIX")
        << "" << exportOf("Restricted", "/opt", "$NODE_PREFIX/opt") << "export.env-dependent"
        << true << S::Warning;
    QTest::newRow("export.env-dependent privileged launch")
        << ""
        << "config:\n  set-user: nobody\n" + exportOf("Restricted", "/cfg", "$CFG_DIR")
        << "export.env-dependent" << true << S::Error;
    QTest::newRow("export.env-dependent in the parent")
        << exportOf("Restricted", "/cfg", "$CFG_DIR") << ""
        << "export.env-dependent" << true << S::Warning;
    QTest::newRow("export.env-dependent - predefined tags")
        << ""
        << exportOf("Public", "/var/$LEAF_ALIAS", "$NODE_PATH/var") +
               "  - mode: Tmpfs\n    mount: /run/$UUID\n"
        << "export.env-dependent" << false << S::Info;
    QTest::newRow("export.env-dependent - environ only")
        << ""
        << "environ:\n  - key: H\n    value: $HOME\n"
        << "export.env-dependent" << false << S::Info;
    // A child redefining an ancestor's export of the same mount point more widely.
    QTest::newRow("export.widened Restricted -> Public")
        << exportOf("Restricted", "/srv", nullptr) << exportOf("Public", "/srv", nullptr)
        << "export.widened" << true << S::Warning;
    QTest::newRow("export.widened RestrictedFile -> PublicFile")
        << exportOf("RestrictedFile", "/etc/hosts", nullptr)
        << exportOf("PublicFile", "/etc/hosts", nullptr) << "export.widened" << true << S::Warning;
    QTest::newRow("export.widened PrivateRestricted -> Private")
        << exportOf("PrivateRestricted", "/srv", nullptr) << exportOf("Private", "/srv", nullptr)
        << "export.widened" << true << S::Warning;
    QTest::newRow("export.widened Tmpfs -> Restricted host directory")
        << exportOf("Tmpfs", "/home", nullptr) << exportOf("Restricted", "/home", nullptr)
        << "export.widened" << true << S::Warning;
    QTest::newRow("export.widened - narrowing")
        << exportOf("Public", "/srv", nullptr) << exportOf("Restricted", "/srv", nullptr)
        << "export.widened" << false << S::Info;
    QTest::newRow("export.widened - same access")
        << exportOf("Restricted", "/srv", nullptr) << exportOf("Restricted", "/srv", "/opt/srv")
        << "export.widened" << false << S::Info;
    QTest::newRow("export.widened - another mount point")
        << exportOf("Restricted", "/srv", nullptr) << exportOf("Public", "/srv/data", nullptr)
        << "export.widened" << false << S::Info;
    QTest::newRow("export.widened - ancestor's Private takes no part")
        << exportOf("Private", "/srv", nullptr) << exportOf("Public", "/srv", nullptr)
        << "export.widened" << false << S::Info;
    // new-session off: the node's processes can type into the launching shell (TIOCSTI).
    QTest::newRow("config.new-session-off") << ""
                                            << "config:\n  new-session: disabled\n"
                                            << "config.new-session-off" << true << S::Warning;
    QTest::newRow("config.new-session-off over an enabled parent")
        << "config:\n  new-session: enabled\n"
        << "config:\n  new-session: disabled\n"
        << "config.new-session-off" << true << S::Warning;
    QTest::newRow("config.new-session-off - enabled")
        << "config:\n  new-session: disabled\n"
        << "config:\n  new-session: enabled\n"
        << "config.new-session-off" << false << S::Info;
    QTest::newRow("config.new-session-off - unset") << ""
                                                    << "config:\n  new-session: unset\n"
                                                    << "config.new-session-off" << false << S::Info;
    QTest::newRow("merge.error") << "config:\n  share_net: disabled\n"
                                 << "config:\n  share_net: enabled\n"
                                 << "merge.error" << true << S::Error;
    QTest::newRow("merge.error -") << "config:\n  share_net: enabled\n"
                                   << "config:\n  share_net: disabled\n"
                                   << "merge.error" << false << S::Info;
    QTest::newRow("expand.unknown-tag") << ""
                                        << "config:\n  hostname: $LEAF_ALIASx\n"
                                        << "expand.unknown-tag" << true << S::Warning;
    QTest::newRow("expand.unknown-tag - in a parent")
        << "environ:\n  - key: V\n    value: $NOPE_X\n"
        << "config:\n  chdir: /\n"
        << "expand.unknown-tag" << true << S::Warning;
    QTest::newRow("expand.unknown-tag - predefined and environment")
        << ""
        << "config:\n  hostname: $leaf_alias-$HOME-\\$NOPE\n"
        << "expand.unknown-tag" << false << S::Info;
}

void TestFindings::findings() {
    QFETCH(QString, parent);
    QFETCH(QString, body);
    QFETCH(QString, id);
    QFETCH(bool, expected);
    QFETCH(redpak::Severity, severity);
    std::vector<MemNode> nodes;
    if (!parent.isEmpty()) {
        nodes.push_back({"/r", parent.toStdString(), {}});
    }
    nodes.push_back({nodes.empty() ? "/r" : "/r/c", body.toStdString(), {}});
    const std::vector<FamilyMember> family = memFamily(nodes);
    const NodeFindings found = analyzeNode(mergeForReview(family, MergeMode::Normal), &family);
    const Finding* finding = findingOf(found, id.toStdString());
    QVERIFY2((finding != nullptr) == expected, listOf(found).c_str());
    if (finding) {
        QCOMPARE(name(finding->severity), name(severity));
        QVERIFY(!finding->explanation.empty());
        QCOMPARE(finding->node, nodes.back().path);
    }
}

void TestFindings::quietNodeHasNoFinding() {
    const NodeFindings found =
        analyzeNode(memMerge({{"/r", std::string("config:\n") + kAllLimits, {}}}));
    QVERIFY2(found.findings.empty(), listOf(found).c_str());
    QCOMPARE(found.score, 0.0);
}

void TestFindings::familyFileFindings() {
    // Rec. 4: a config file of the family inside the node, worse when writable.
    const auto analyse = [](const char* mode, const char* path) {
        return analyzeNode(memMerge({{"/r",
                                      std::string("exports:\n  - mode: ") + mode +
                                          "\n    mount: /cfg\n    path: " + path + "\n",
                                      {}}}));
    };
    const NodeFindings readOnly = analyse("Restricted", "/r/etc");
    QVERIFY(findingOf(readOnly, "export.family-file"));
    QCOMPARE(name(findingOf(readOnly, "export.family-file")->severity), name(Severity::Warning));
    const NodeFindings writable = analyse("Public", "/r");
    QVERIFY(findingOf(writable, "export.family-file"));
    QCOMPARE(name(findingOf(writable, "export.family-file")->severity), name(Severity::Error));
    const NodeFindings record = analyse("RestrictedFile", "/r/.rednode-audit.json");
    QVERIFY2(findingOf(record, "export.family-file"), listOf(record).c_str());
    QVERIFY(!findingOf(analyse("Restricted", "/r/var"), "export.family-file"));
    QVERIFY(!findingOf(analyse("Restricted", "/rr"), "export.family-file"));
}

void TestFindings::fileProtection() {
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const std::filesystem::path node = std::filesystem::path(tmp.path().toStdString()) / "n";
    writeNode(node, std::string("config:\n") + kAllLimits);
    ::chmod((node / "etc/redpak.yaml").c_str(), 0644);
    NodeFindings found = analyzeNodeAt(node);
    QVERIFY2(!findingOf(found, "file.writable") && !findingOf(found, "file.owner"),
             listOf(found).c_str());

    ::chmod((node / "etc/redpak.yaml").c_str(), 0666);
    found = analyzeNodeAt(node);
    QVERIFY2(findingOf(found, "file.writable"), listOf(found).c_str());
    QCOMPARE(findingOf(found, "file.writable")->item, (node / "etc/redpak.yaml").string());
    // Reviewed by root, the node is judged as root would launch it: the launcher refuses it.
    QCOMPARE(name(findingOf(found, "file.writable")->severity),
             name(::geteuid() == 0 ? Severity::Error : Severity::Warning));
    ::chmod((node / "etc/redpak.yaml").c_str(), 0644);
    ::chmod((node / "etc").c_str(), 0777);
    QVERIFY(findingOf(analyzeNodeAt(node), "file.writable"));
    ::chmod((node / "etc").c_str(), 0755);

    if (::geteuid() != 0) {
        QSKIP("changing a file's owner needs root; the owner rule cannot be exercised here");
    }
    QVERIFY(::chown((node / ".rednode.yaml").c_str(), 12345, 12345) == 0);
    found = analyzeNodeAt(node);
    QVERIFY2(findingOf(found, "file.owner"), listOf(found).c_str());
    // Launched privileged (set-user), the files must be root's: error.
    writeNode(node, std::string("config:\n  set-user: app\n") + kAllLimits);
    QVERIFY(::chown((node / "etc/redpak.yaml").c_str(), 12345, 12345) == 0);
    found = analyzeNodeAt(node);
    QVERIFY(findingOf(found, "file.owner"));
    QCOMPARE(name(findingOf(found, "file.owner")->severity), name(Severity::Error));
}

void TestFindings::treeSameUser() {
    const EffectiveConfig a = memMerge({{"/t", "", {}}, {"/t/a", "", {}}});
    const EffectiveConfig b = memMerge({{"/t", "", {}}, {"/t/b", "", {}}});
    const std::vector<Finding> same = analyzeTree({treeIdentityOf(a), treeIdentityOf(b)});
    QCOMPARE(same.size(), std::size_t(1));
    QCOMPARE(same.front().id, std::string("tree.same-user"));
    QVERIFY(same.front().item.find("/t/a") != std::string::npos);
    QVERIFY(same.front().item.find("/t/b") != std::string::npos);

    const EffectiveConfig labelled =
        memMerge({{"/t", "", {}}, {"/t/b", "config:\n  smack: B\n", {}}});
    const EffectiveConfig labelledA =
        memMerge({{"/t", "", {}}, {"/t/a", "config:\n  smack: A\n", {}}});
    QVERIFY(analyzeTree({treeIdentityOf(labelledA), treeIdentityOf(labelled)}).empty());
    const EffectiveConfig sameLabel =
        memMerge({{"/t", "", {}}, {"/t/c", "config:\n  smack: A\n", {}}});
    QCOMPARE(analyzeTree({treeIdentityOf(labelledA), treeIdentityOf(sameLabel)}).size(),
             std::size_t(1));
    const EffectiveConfig otherUser =
        memMerge({{"/t", "", {}}, {"/t/b", "config:\n  set-user: b\n", {}}});
    QVERIFY(analyzeTree({treeIdentityOf(a), treeIdentityOf(otherUser)}).empty());
}

void TestFindings::hostSystemDirectories_data() {
    QTest::addColumn<QString>("path");
    QTest::addColumn<bool>("system");
    QTest::newRow("/") << "/" << true;
    QTest::newRow("/etc") << "/etc" << true;
    QTest::newRow("/etc/ssh") << "/etc/ssh" << true;
    QTest::newRow("/usr//lib/") << "/usr//lib/" << true;
    QTest::newRow("/var") << "/var" << true;
    QTest::newRow("/var/") << "/var/" << true;
    QTest::newRow("/var/lib/app") << "/var/lib/app" << false;
    QTest::newRow("/home") << "/home" << true;
    QTest::newRow("/home/user/data") << "/home/user/data" << false;
    QTest::newRow("/etcetera") << "/etcetera" << false;
    QTest::newRow("/proc/sys") << "/proc/sys" << true;
}

void TestFindings::hostSystemDirectories() {
    QFETCH(QString, path);
    QFETCH(bool, system);
    QCOMPARE(isHostSystemDirectory(path.toStdString()), system);
}

void TestFindings::launchView() {
    // Nothing shared: bwrap unshares user, cgroup, ipc, pid, net; time stays shared.
    const LaunchView closed = launchViewOf(memMerge({{"/r", "", {}}}));
    QVERIFY(!closed.isShared(Namespace::Net));
    QVERIFY(!closed.isShared(Namespace::User));
    QVERIFY(closed.isShared(Namespace::Time));
    QVERIFY(!closed.privileged());
    QVERIFY(closed.keptCapabilities.empty());
    // Root launch keeps everything but what the plan drops (CAP_SYS_ADMIN by default).
    const LaunchView root = launchViewOf(memMerge({{"/r", "config:\n  set-user: app\n", {}}}));
    QVERIFY(root.privileged());
    QVERIFY(root.keeps("cap_chown"));
    QVERIFY(!root.keeps("cap_sys_admin"));
    const LaunchView all = launchViewOf(memMerge({{"/r", "config:\n  share_all: enabled\n", {}}}));
    for (const Namespace ns :
         {Namespace::User, Namespace::Net, Namespace::Pid, Namespace::Ipc, Namespace::Cgroup}) {
        QVERIFY(all.isShared(ns));
    }
}

void TestFindings::score() {
    QCOMPARE(exposureScore({}), 0.0);
    QCOMPARE(exposureScore({Finding{"a", Severity::Info, "", "", "", "", 1.25},
                            Finding{"b", Severity::Info, "", "", "", "", 2}}),
             3.3);
    std::vector<Finding> many(20, Finding{"a", Severity::Error, "", "", "", "", 3});
    QCOMPARE(exposureScore(many), 10.0);
    QCOMPARE(formatScore(3.1), std::string("3.1"));
    QCOMPARE(formatScore(10), std::string("10.0"));
    // Sharing the network raises the score.
    const double closed = analyzeNode(memMerge({{"/r", "", {}}})).score;
    const double open =
        analyzeNode(memMerge({{"/r", "config:\n  share_net: enabled\n", {}}})).score;
    QVERIFY(open > closed);
}

// Root, middle, leaf: the middle node widens the root's export, the leaf says nothing of it.
void TestFindings::widenedByAnIntermediateNode_data() {
    QTest::addColumn<QString>("middleMode");
    QTest::addColumn<QString>("leafMode"); // empty: the leaf does not define /srv
    QTest::addColumn<bool>("expected");
    QTest::newRow("Public reaches the leaf") << "Public"
                                             << "" << true;
    QTest::newRow("Public, restated by the leaf") << "Public"
                                                  << "Public" << true;
    QTest::newRow("Public, narrowed back by the leaf") << "Public"
                                                       << "Restricted" << false;
    QTest::newRow("Private stays in the middle node") << "Private"
                                                      << "" << false;
    QTest::newRow("Restricted, nothing widened") << "Restricted"
                                                 << "" << false;
}

void TestFindings::widenedByAnIntermediateNode() {
    QFETCH(QString, middleMode);
    QFETCH(QString, leafMode);
    QFETCH(bool, expected);
    const auto srv = [](const QString& mode) {
        return mode.isEmpty() ? std::string()
                              : "exports:\n  - mode: " + mode.toStdString() + "\n    mount: /srv\n";
    };
    const std::string middle = srv(middleMode);
    const std::vector<FamilyMember> family =
        memFamily({{"/r", "exports:\n  - mode: Restricted\n    mount: /srv\n", {}},
                   {"/r/m", middle, {}},
                   {"/r/m/l", srv(leafMode), {}}});
    const NodeFindings found = analyzeNode(mergeForReview(family, MergeMode::Normal), &family);
    const Finding* finding = findingOf(found, "export.widened");
    QVERIFY2((finding != nullptr) == expected, listOf(found).c_str());
    if (finding) {
        QVERIFY2(finding->explanation.find("/r/m redefines Restricted") != std::string::npos,
                 finding->explanation.c_str());
    }
}

// What lint prints is what is true: names, paths and values from configurations reach the
// terminal escaped (an ESC or a bidi override in them would rewrite the line).
void TestFindings::textOutputIsEscaped() {
    // YAML escapes: ESC [2K (erase the line), carriage return, RIGHT-TO-LEFT OVERRIDE.
    const std::string hostile = "/srv/\\x1b[2K\\r\\u202e";
    const NodeFindings found = analyzeNode(
        memMerge({{"/r\x1b]0;title\x07/n",
                   "exports:\n  - mode: Public\n    mount: /srv\n    path: \"" + hostile + "\"\n",
                   {}}}));
    QVERIFY(findingOf(found, "export.writable"));
    const std::string text = formatFindingsText({found}, {});
    for (const char c : text) {
        QVERIFY2(c == '\n' || static_cast<unsigned char>(c) >= 0x20, text.c_str());
    }
    QVERIFY2(text.find("\u202e") == std::string::npos, text.c_str());
    QVERIFY2(text.find("/r\\x1b]0;title\\x07/n (n)") != std::string::npos, text.c_str());
    QVERIFY2(text.find("/srv/\\x1b[2K\\r\\u202e") != std::string::npos, text.c_str());
}

void TestFindings::nodeFromEveryTemplate_data() {
    QTest::addColumn<QString>("templateName");
    QTest::addColumn<QStringList>("aboveInfo"); // finding ids, sorted
    QTest::addColumn<QStringList>("someInfo");
    for (const std::string& name : templateNames()) {
        QStringList aboveInfo;
        QStringList someInfo;
        if (name == "x11") {
            aboveInfo = QStringList{"desktop.x11"};
            someInfo = QStringList{"cmd.present"}; // the node's Xauthority
        } else if (name == "wayland") {
            aboveInfo = QStringList{"export.env-dependent"};
            someInfo = QStringList{"desktop.wayland"};
        }
        QTest::newRow(name.c_str()) << QString::fromStdString(name) << aboveInfo << someInfo;
    }
}

void TestFindings::nodeFromEveryTemplate() {
    // A node nobody has touched yet must not fail `redconf lint` (default --fail-on warning):
    // nothing above info in normal mode, but the graphical templates' documented findings (the
    // X11 display; the Wayland socket named by the launcher's environment). README "New nodes"
    // lists the exceptions of admin mode and of trees (tst_review_cli checks them).
    QFETCH(QString, templateName);
    QFETCH(QStringList, aboveInfo);
    QFETCH(QStringList, someInfo);
    // As in a desktop session: the Wayland socket's tags are set.
    qputenv("XDG_RUNTIME_DIR", "/run/user/1000");
    qputenv("WAYLAND_DISPLAY", "wayland-0");
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    CreateOptions options;
    options.dir = std::filesystem::path(tmp.path().toStdString()) / "node";
    options.templateName = templateName.toStdString();
    createNode(options);
    const NodeFindings found = analyzeNodeAt(options.dir);
    QStringList above;
    for (const Finding& finding : found.findings) {
        if (finding.severity != Severity::Info) {
            above << QString::fromStdString(finding.id);
        }
    }
    above.sort();
    QVERIFY2(above == aboveInfo, listOf(found).c_str());
    for (const QString& id : someInfo) {
        QVERIFY2(findingOf(found, id.toStdString()), listOf(found).c_str());
    }
}

void TestFindings::graphicalTemplatesSound_data() {
    QTest::addColumn<QString>("templateName");
    QTest::newRow("x11") << "x11";
    QTest::newRow("wayland") << "wayland";
}

// Sound is left out of the graphical templates (a missing socket fails the launch); the
// commented exports a user uncomments give the node the sound server, and lint says so.
void TestFindings::graphicalTemplatesSound() {
    QFETCH(QString, templateName);
    const auto tmpl = findTemplate(templateName.toStdString());
    QVERIFY(tmpl);
    std::string text(tmpl->normal);
    const std::size_t sound = text.find("# Sound:");
    QVERIFY(sound != std::string::npos);
    // memMerge writes the headers.
    const std::size_t config = text.find("\nconfig:");
    std::string uncommented = text.substr(config + 1, sound - config - 1);
    std::istringstream lines(text.substr(sound));
    for (std::string line; std::getline(lines, line);) {
        const std::size_t hash = line.find("# ");
        const bool entry = hash != std::string::npos &&
                           (line.find("# - mode:") == hash || line.find("#   ") == hash);
        uncommented += (entry ? line.substr(0, hash) + line.substr(hash + 2) : line) + "\n";
    }
    qputenv("XDG_RUNTIME_DIR", "/run/user/1000");
    NodeFindings found;
    try {
        found = analyzeNode(memMerge({{"/r", uncommented, {}}}));
    } catch (const InputError& error) {
        QFAIL((error.what() + std::string("\n") + uncommented).c_str());
    }
    int audio = 0;
    for (const Finding& finding : found.findings) {
        audio += finding.id == "desktop.audio" ? 1 : 0;
    }
    QVERIFY2(audio == 2, listOf(found).c_str());
}

QTEST_GUILESS_MAIN(TestFindings)
#include "tst_findings.moc"
