// SPDX-License-Identifier: Apache-2.0
// Golden tests of the bwrap plan (merge-and-launch.md §3) and of its dump text (§4).
#include "families.h"
#include "redpak/base/diagnostic.h"
#include "redpak/launch/plan.h"

#include <QtTest>
#include <set>

using namespace redpak;
using namespace redpak::test;

namespace {

ExportEntry exportOf(ExportMode mode, const std::string& mount,
                     std::optional<std::string> path = std::nullopt) {
    return ExportEntry{mode, mount, std::move(path), {}, {}, {}};
}

std::string dumpOf(const std::vector<NodeSpec>& nodes, MergeMode mode = MergeMode::Normal) {
    return formatDump(buildPlan(merge(nodes, mode)), "/usr/bin/bwrap", "redwrap");
}

constexpr const char* kDefaultTail = "  --cap-drop cap_sys_admin\n"
                                     "  --unshare-user\n"
                                     "  --unshare-cgroup\n"
                                     "  --unshare-ipc\n"
                                     "  --unshare-pid\n"
                                     "  --unshare-net\n";

} // namespace

class TestPlan : public QObject {
    Q_OBJECT

private slots:
    void emptyConfig() {
        QCOMPARE(dumpOf({makeNode("/r", "R")}),
                 std::string("DUMP: /usr/bin/bwrap (as redwrap)\n") + kDefaultTail);
    }

    void everyExportMode_data() {
        QTest::addColumn<int>("mode");
        QTest::addColumn<QString>("line");
        const auto row = [](ExportMode mode, const char* line) {
            QTest::newRow(toString(mode).data()) << int(mode) << QString(line);
        };
        row(ExportMode::Restricted, "--ro-bind /src /A");
        row(ExportMode::PrivateRestricted, "--ro-bind /src /A");
        row(ExportMode::RestrictedFile, "--ro-bind /src /A");
        row(ExportMode::Public, "--bind /src /A");
        row(ExportMode::Private, "--bind /src /A");
        row(ExportMode::PublicFile, "--bind /src /A");
        row(ExportMode::PrivateFile, "--bind /src /A");
        row(ExportMode::Symlink, "--symlink /src /A");
        row(ExportMode::Execfd, "--file 3 /A");
        row(ExportMode::Internal, "--file /src /A");
        row(ExportMode::Anonymous, "--dir /A");
        row(ExportMode::Tmpfs, "--tmpfs /A");
        row(ExportMode::Procfs, "--proc /A");
        row(ExportMode::Devfs, "--dev /A");
        row(ExportMode::Mqueue, "--mqueue /A");
        row(ExportMode::Lock, "--lock-file /A");
    }
    void everyExportMode() {
        QFETCH(int, mode);
        QFETCH(QString, line);
        NodeSpec node = makeNode("/r", "R");
        const auto exportMode = static_cast<ExportMode>(mode);
        const Presence presence = pathPresence(exportMode);
        node.normal.exports.push_back(exportOf(
            exportMode, "/A",
            presence == Presence::Ignored ? std::nullopt : std::optional<std::string>("/src")));
        QCOMPARE(QString::fromStdString(dumpOf({node})),
                 "DUMP: /usr/bin/bwrap (as redwrap)\n  " + line + "\n" + kDefaultTail);
    }

    // Parents before children, component-wise ("/a-b" after "/a/z"), fds in mount order.
    void mountsSortedByMountPoint() {
        NodeSpec root = makeNode("/r", "R");
        NodeSpec leaf = makeNode("/r/l", "L");
        root.normal.exports.push_back(exportOf(ExportMode::Execfd, "/a/z/f", "echo 1"));
        root.normal.exports.push_back(exportOf(ExportMode::Restricted, "/a-b", "/x"));
        leaf.normal.exports.push_back(exportOf(ExportMode::Tmpfs, "/a"));
        leaf.normal.exports.push_back(exportOf(ExportMode::Execfd, "/a/c", "echo 2"));
        leaf.normal.exports.push_back(exportOf(ExportMode::Restricted, "/", "/usr"));
        const BwrapPlan plan = buildPlan(merge({root, leaf}, MergeMode::Normal));
        QStringList mounts;
        for (const BwrapOption& option : plan.options) {
            if (option.name != "--setenv" && !option.values.empty() &&
                option.name.find("cap") == std::string::npos) {
                mounts << QString::fromStdString(option.name + " " + option.values.back());
            }
        }
        QCOMPARE(mounts, QStringList({"--ro-bind /", "--tmpfs /a", "--file /a/c", "--file /a/z/f",
                                      "--ro-bind /a-b"}));
        QCOMPARE(plan.fds.size(), std::size_t(2));
        QCOMPARE(plan.fds[0].fd, 3);
        QCOMPARE(plan.fds[0].source, std::string("echo 2"));
        QCOMPARE(plan.fds[1].fd, 4);
    }

    // Paths compare component by component: "/a-b" is not below "/a", "//" and a trailing '/'
    // change nothing.
    void pathComparisons_data() {
        QTest::addColumn<QString>("a");
        QTest::addColumn<QString>("b");
        QTest::addColumn<bool>("aLess"); // mountPointLess(a, b)
        QTest::addColumn<bool>("bLess"); // mountPointLess(b, a)
        QTest::addColumn<bool>("aInB");  // isSameOrBelow(a, b)
        QTest::addColumn<bool>("bInA");  // isSameOrBelow(b, a)
        // clang-format off
        QTest::newRow("parent first")           << "/a" << "/a/b" << true << false << false << true;
        QTest::newRow("sibling after subtree")  << "/a/b" << "/a-b" << true << false << false << false;
        QTest::newRow("same path")              << "/a/b" << "/a/b" << false << false << true << true;
        QTest::newRow("double and end slashes") << "//a//b/" << "/a/b" << false << false << true << true;
        QTest::newRow("prefix of a name")       << "/run/hostage" << "/run/host" << false << true << false << false;
        QTest::newRow("deep below")             << "/run/host/x" << "/run/host" << false << true << true << false;
        QTest::newRow("root above all")         << "/r/etc/redpak.yaml" << "/" << false << true << true << false;
        QTest::newRow("byte order of names")    << "/B" << "/a" << true << false << false << false;
        // clang-format on
    }
    void pathComparisons() {
        QFETCH(QString, a);
        QFETCH(QString, b);
        QFETCH(bool, aLess);
        QFETCH(bool, bLess);
        QFETCH(bool, aInB);
        QFETCH(bool, bInA);
        const std::string first = a.toStdString();
        const std::string second = b.toStdString();
        QCOMPARE(mountPointLess(first, second), aLess);
        QCOMPARE(mountPointLess(second, first), bLess);
        QCOMPARE(isSameOrBelow(first, second), aInB);
        QCOMPARE(isSameOrBelow(second, first), bInA);
    }

    void settingsGolden() {
        NodeSpec root = makeNode("/r", "R");
        ConfigSection& s = section(root.normal);
        s.hostname = Setting<std::string>{"box", {}};
        s.chdir = Setting<std::string>{"/home", {}};
        s.dieWithParent = Setting<Edu>{Edu::Enabled, {}};
        s.newSession = Setting<Edu>{Edu::Enabled, {}};
        s.path = Setting<std::string>{"/bin:/usr/bin", {}};
        s.ldpath = Setting<std::string>{"/lib", {}};
        s.capabilities.push_back(CapabilityEntry{"cap_chown", true, {}, {}, {}});
        s.capabilities.push_back(CapabilityEntry{"cap_net_raw", false, {}, {}, {}});
        s.share(Namespace::Net) = Setting<ShareValue>{ShareValue{Edu::Enabled, {}}, {}};
        s.share(Namespace::User) = Setting<ShareValue>{ShareValue{Edu::Disabled, {}}, {}};
        root.normal.environ.push_back(EnvEntry{"A", EnvMode::Static, "1", {}, {}, {}});
        root.normal.environ.push_back(EnvEntry{"B", EnvMode::Remove, {}, {}, {}, {}});
        QCOMPARE(dumpOf({root}), std::string("DUMP: /usr/bin/bwrap (as redwrap)\n"
                                             "  --setenv A 1\n"
                                             "  --unsetenv B\n"
                                             "  --setenv PATH /bin:/usr/bin\n"
                                             "  --setenv LD_LIBRARY_PATH /lib\n"
                                             "  --cap-add cap_chown\n"
                                             "  --cap-drop cap_net_raw\n"
                                             "  --cap-drop cap_sys_admin\n"
                                             "  --unshare-uts\n"
                                             "  --hostname box\n"
                                             "  --chdir /home\n"
                                             "  --die-with-parent\n"
                                             "  --new-session\n"
                                             "  --unshare-user\n"
                                             "  --unshare-cgroup\n"
                                             "  --unshare-ipc\n"
                                             "  --unshare-pid\n"
                                             "  --share-net\n"));
    }

    // Issue 7: every launch gets --new-session unless the configuration disables it; the
    // options (and so the dumps of the reference cases) hold it only when it is enabled.
    void newSessionByDefault_data() {
        QTest::addColumn<std::optional<Edu>>("setting");
        QTest::addColumn<bool>("newSession");
        QTest::addColumn<bool>("inOptions");
        QTest::newRow("not set") << std::optional<Edu>() << true << false;
        QTest::newRow("unset") << std::optional<Edu>(Edu::Unset) << true << false;
        QTest::newRow("enabled") << std::optional<Edu>(Edu::Enabled) << true << true;
        QTest::newRow("disabled") << std::optional<Edu>(Edu::Disabled) << false << false;
    }
    void newSessionByDefault() {
        QFETCH(std::optional<Edu>, setting);
        QFETCH(bool, newSession);
        QFETCH(bool, inOptions);
        NodeSpec node = makeNode("/r", "R");
        if (setting) {
            section(node.normal).newSession = Setting<Edu>{*setting, {}};
        }
        const BwrapPlan plan = buildPlan(merge({node}, MergeMode::Normal));
        QCOMPARE(plan.newSession, newSession);
        const BwrapOption option{"--new-session", {}, std::nullopt};
        QCOMPARE(std::find(plan.options.begin(), plan.options.end(), option) != plan.options.end(),
                 inOptions);
    }

    void sysAdminKeptOnlyWhenAdded_data() {
        QTest::addColumn<QString>("cap");
        QTest::addColumn<bool>("add");
        QTest::addColumn<bool>("defaultDrop");
        QTest::newRow("nothing") << "" << false << true;
        QTest::newRow("cap_sys_admin added") << "cap_sys_admin" << true << false;
        QTest::newRow("ALL added") << "all" << true << false;
        QTest::newRow("other added") << "cap_chown" << true << true;
    }
    void sysAdminKeptOnlyWhenAdded() {
        QFETCH(QString, cap);
        QFETCH(bool, add);
        QFETCH(bool, defaultDrop);
        NodeSpec node = makeNode("/r", "R");
        if (!cap.isEmpty()) {
            section(node.normal)
                .capabilities.push_back(CapabilityEntry{cap.toStdString(), add, {}, {}, {}});
        }
        const BwrapPlan plan = buildPlan(merge({node}, MergeMode::Normal));
        const BwrapOption drop{"--cap-drop", {"cap_sys_admin"}, std::nullopt};
        const bool dropped =
            std::find(plan.options.begin(), plan.options.end(), drop) != plan.options.end();
        QCOMPARE(dropped, defaultDrop);
        QCOMPARE(plan.dropSysAdminFromBoundingSet, defaultDrop);
        const BwrapPlan optedOut = buildPlan(merge({node}, MergeMode::Normal), PlanOptions{false});
        QVERIFY(std::find(optedOut.options.begin(), optedOut.options.end(), drop) ==
                optedOut.options.end());
    }

    // One unambiguous final set: ALL first, then only what differs from it, so that bwrap
    // (which applies the options in order) never re-adds what an earlier option dropped.
    // Rows are effective lists; the first is what the old merge produced for the issue's
    // attack (a parent's drop of cap_sys_admin, a child's ALL add).
    void capabilityFinalSet_data() {
        QTest::addColumn<QString>("effective");
        QTest::addColumn<QString>("options");
        QTest::addColumn<bool>("boundingDrop");
        QTest::newRow("drop cap_sys_admin, then ALL added")
            << "-cap_sys_admin +all"
            << "--cap-add ALL --cap-drop cap_sys_admin" << true;
        QTest::newRow("nothing: rec. 1 default") << ""
                                                 << "--cap-drop cap_sys_admin" << true;
        QTest::newRow("ALL added") << "+all"
                                   << "--cap-add ALL" << false;
        QTest::newRow("ALL dropped, one back") << "-all +cap_chown"
                                               << "--cap-drop ALL --cap-add cap_chown" << true;
        QTest::newRow("one back before ALL dropped")
            << "+cap_chown -all"
            << "--cap-drop ALL --cap-add cap_chown" << true;
        QTest::newRow("specific only")
            << "+cap_chown -cap_net_raw"
            << "--cap-add cap_chown --cap-drop cap_net_raw --cap-drop cap_sys_admin" << true;
        QTest::newRow("redundant under ALL") << "+all +cap_chown"
                                             << "--cap-add ALL" << false;
        QTest::newRow("cap_sys_admin added") << "+cap_sys_admin"
                                             << "--cap-add cap_sys_admin" << false;
    }
    void capabilityFinalSet() {
        QFETCH(QString, effective);
        QFETCH(QString, options);
        QFETCH(bool, boundingDrop);
        EffectiveConfig config;
        for (const QString& item : effective.split(' ', Qt::SkipEmptyParts)) {
            config.capabilities.push_back(
                EffectiveCapability{item.mid(1).toStdString(), item.startsWith('+'), {}});
        }
        const BwrapPlan plan = buildPlan(config);
        QStringList emitted;
        for (const BwrapOption& option : plan.options) {
            if (option.name.starts_with("--cap-")) {
                emitted << QString::fromStdString(option.name + " " + option.values.front());
            }
        }
        QCOMPARE(emitted.join(' '), options);
        QCOMPARE(plan.dropSysAdminFromBoundingSet, boundingDrop);
        // bwrap's reading (as root: every capability kept, then the options in order) gives
        // each capability the effective decision (undecided: kept, cap_sys_admin dropped).
        std::set<std::string> kept(capabilityNames().begin(), capabilityNames().end());
        for (const BwrapOption& option : plan.options) {
            if (!option.name.starts_with("--cap-")) {
                continue;
            }
            const bool add = option.name == "--cap-add";
            for (const std::string_view cap : capabilityNames()) {
                if (option.values.front() == "ALL" || option.values.front() == cap) {
                    add ? void(kept.insert(std::string(cap))) : void(kept.erase(std::string(cap)));
                }
            }
        }
        for (const std::string_view cap : capabilityNames()) {
            const EffectiveCapability* decision = effectiveCapability(config, cap);
            const bool expected = decision ? decision->add : cap != "cap_sys_admin";
            QVERIFY2(kept.contains(std::string(cap)) == expected, std::string(cap).c_str());
        }
    }

    void shareAllEnabledUnsharesNothing() {
        NodeSpec node = makeNode("/r", "R");
        section(node.normal).share(Namespace::All) =
            Setting<ShareValue>{ShareValue{Edu::Enabled, {}}, {}};
        QCOMPARE(dumpOf({node}), std::string("DUMP: /usr/bin/bwrap (as redwrap)\n"
                                             "  --cap-drop cap_sys_admin\n"
                                             "  --share-net\n"));
    }

    // bwrap cannot create a time namespace: the launcher creates user + time namespaces.
    void timeNamespaceDisabled() {
        NodeSpec node = makeNode("/r", "R");
        section(node.normal).share(Namespace::Time) =
            Setting<ShareValue>{ShareValue{Edu::Disabled, {}}, {}};
        const BwrapPlan plan = buildPlan(merge({node}, MergeMode::Normal));
        QVERIFY(plan.launcherCreatesTimeNamespace);
        QVERIFY(plan.launcherCreatesUserNamespace);
        const auto args = plan.arguments();
        QVERIFY(std::find(args.begin(), args.end(), "--unshare-user") == args.end());
    }

    // Literal values are checked by the parser; expanded ones when the plan is built, so that
    // an alias used as host name cannot give bwrap what the parser would refuse.
    void expandedValuesChecked_data() {
        QTest::addColumn<QString>("hostname");
        QTest::addColumn<QString>("chdir");
        QTest::addColumn<QString>("refusal");
        QTest::newRow("valid") << "$LEAF_ALIAS"
                               << "/home/$LEAF_ALIAS"
                               << "";
        QTest::newRow("alias not a host name") << "$LEAF_ALIAS+x"
                                               << "/"
                                               << "for 'hostname'";
        QTest::newRow("empty expansion") << "$UNSET_IN_TESTS"
                                         << "/"
                                         << "expected a host name";
        QTest::newRow("relative once expanded") << "h"
                                                << "$UNSET_IN_TESTS"
                                                << "absolute path";
    }
    void expandedValuesChecked() {
        QFETCH(QString, hostname);
        QFETCH(QString, chdir);
        QFETCH(QString, refusal);
        NodeSpec node = makeNode("/r", "leaf_1");
        section(node.normal).hostname = Setting<std::string>{hostname.toStdString(), {}};
        section(node.normal).chdir = Setting<std::string>{chdir.toStdString(), {}};
        const Expander expander(CommandPolicy::refuse(),
                                [](const std::string&) { return std::optional<std::string>(); });
        const EffectiveConfig config = merge({node}, MergeMode::Normal, &expander);
        QVERIFY(config.expanded);
        if (refusal.isEmpty()) {
            QCOMPARE(buildPlan(config).options.empty(), false);
            return;
        }
        try {
            buildPlan(config);
            QFAIL("the plan was built");
        } catch (const InputError& error) {
            QVERIFY2(QString::fromStdString(error.what()).contains(refusal), error.what());
        }
    }

    void joinPathsBecomeSetns() {
        NodeSpec node = makeNode("/r", "R");
        section(node.normal).share(Namespace::Net) =
            Setting<ShareValue>{ShareValue{Edu::Enabled, "/proc/1/ns/net"}, {}};
        section(node.normal).share(Namespace::User) =
            Setting<ShareValue>{ShareValue{Edu::Enabled, "/proc/1/ns/user"}, {}};
        const BwrapPlan plan = buildPlan(merge({node}, MergeMode::Normal));
        QCOMPARE(plan.joins.size(), std::size_t(2));
        QVERIFY(plan.joins[0].ns == Namespace::User);
        QCOMPARE(plan.joins[1].path, std::string("/proc/1/ns/net"));
    }

    // Risk analysis rec. 4: config/status files of the family never reach the node.
    void familyFilesAreNeverExported_data() {
        QTest::addColumn<QString>("source");
        QTest::addColumn<int>("mode");
        QTest::addColumn<bool>("refused");
        QTest::newRow("config file")
            << "/r/etc/redpak.yaml" << int(ExportMode::RestrictedFile) << true;
        QTest::newRow("admin of the leaf")
            << "/r/l/etc/redpak-admin.yaml" << int(ExportMode::PublicFile) << true;
        QTest::newRow("directory holding it") << "/r/etc" << int(ExportMode::Restricted) << true;
        QTest::newRow("whole root") << "/" << int(ExportMode::Restricted) << true;
        QTest::newRow("status via Internal")
            << "/r/l/.rednode.yaml" << int(ExportMode::Internal) << true;
        QTest::newRow("sibling directory")
            << "/r/etc-other" << int(ExportMode::Restricted) << false;
        QTest::newRow("symlink target")
            << "/r/etc/redpak.yaml" << int(ExportMode::Symlink) << false;
    }
    void familyFilesAreNeverExported() {
        QFETCH(QString, source);
        QFETCH(int, mode);
        QFETCH(bool, refused);
        NodeSpec root = makeNode("/r", "R");
        NodeSpec leaf = makeNode("/r/l", "L");
        leaf.adminFile();
        leaf.normal.exports.push_back(
            exportOf(static_cast<ExportMode>(mode), "/A", source.toStdString()));
        const EffectiveConfig config = merge({root, leaf}, MergeMode::Normal);
        if (!refused) {
            QCOMPARE(buildPlan(config).options.front().values.front(), source.toStdString());
            return;
        }
        try {
            buildPlan(config);
            QFAIL("the export must be refused");
        } catch (const InputError& error) {
            QCOMPARE(error.diagnostic().file, std::string("/r/l/etc/redpak.yaml"));
            QVERIFY(error.diagnostic().message.find("recommendation 4") != std::string::npos);
        }
    }

    void mergeErrorsRefuseThePlan() {
        NodeSpec root = makeNode("/r", "R");
        NodeSpec leaf = makeNode("/r/l", "L");
        section(root.normal)
            .capabilities.push_back(CapabilityEntry{"cap_chown", false, {}, {}, {}});
        section(leaf.normal).capabilities.push_back(CapabilityEntry{"cap_chown", true, {}, {}, {}});
        QVERIFY_THROWS_EXCEPTION(InputError, buildPlan(merge({root, leaf}, MergeMode::Normal)));
    }

    void cgroupStepsFollowTheFamily() {
        NodeSpec root = makeNode("/r", "R");
        NodeSpec leaf = makeNode("/r/l", "L");
        section(root.normal).cgroups.push_back({CgroupController::Mem, "swap_max", "0", {}});
        section(leaf.normal).cgroups.push_back({CgroupController::Pids, "max", "10", {}});
        section(leaf.normal).cgroups.push_back({CgroupController::Mem, "low", "1M", {}});
        section(leaf.normal)
            .cgroups.push_back({CgroupController::Cpuset, "cpus_partition", "root", {}});
        const BwrapPlan plan = buildPlan(merge({root, leaf}, MergeMode::Normal));
        QCOMPARE(plan.cgroups.size(), std::size_t(2));
        // Named ALIAS-HASH, HASH = the first 12 hex digits of SHA-256 of the node's real path.
        QCOMPARE(plan.cgroups[0].relativeDir, std::string("R-6588117f7b51"));
        QCOMPARE(plan.cgroups[0].node, std::string("/r"));
        QCOMPARE(plan.cgroups[0].files.front().first, std::string("memory.swap.max"));
        QCOMPARE(plan.cgroups[1].relativeDir, std::string("R-6588117f7b51/L-3fbed38b2368"));
        QCOMPARE(plan.cgroups[1].node, std::string("/r/l"));
        QCOMPARE(plan.cgroups[1].files.size(), std::size_t(2)); // memory.low has no effect
        QCOMPARE(plan.cgroups[1].files[1].first, std::string("cpuset.cpus.partition"));
        QVERIFY(buildPlan(merge({makeNode("/r", "R")}, MergeMode::Normal)).cgroups.empty());
    }

    // Issue 13 item 13: a value with ESC [2K (erase line) and CR made a terminal show
    // `--ro-bind` for a read-write bind; bidi overrides reorder what is shown. The dump shows
    // them escaped, one option per line, whatever the values hold.
    void dumpEscapesHostileValues_data() {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("shown");
        QTest::newRow("erase line and carriage return") << "/srv\x1b[2K\r  --ro-bind /srv"
                                                        << "/srv\\x1b[2K\\r  --ro-bind /srv";
        QTest::newRow("new line forging an option") << "/srv\n  --ro-bind /srv"
                                                    << "/srv\\n  --ro-bind /srv";
        QTest::newRow("right-to-left override") << "/srv/\u202ednib-or--"
                                                << "/srv/\\u202ednib-or--";
        QTest::newRow("C1 CSI") << "/srv/\u009b2K"
                                << "/srv/\\u009b2K";
        QTest::newRow("invalid UTF-8") << QString::fromLatin1("/srv/\xff") << "/srv/\\xff";
    }

    void dumpEscapesHostileValues() {
        QFETCH(QString, source);
        QFETCH(QString, shown);
        NodeSpec node = makeNode("/r", "R");
        std::string path = source.toStdString();
        if (source.contains(QChar(0xff))) {
            path = "/srv/\xff"; // a byte that is not UTF-8 (a path read from disk may hold one)
        }
        node.normal.exports.push_back(exportOf(ExportMode::Public, "/data", path));
        node.normal.environ.push_back(EnvEntry{"PS1", EnvMode::Static, path, {}, {}, {}});
        const std::string dump = dumpOf({node});
        for (const char c : dump) {
            QVERIFY2(c == '\n' || static_cast<unsigned char>(c) >= 0x20, dump.c_str());
        }
        const std::string expected = shown.toStdString();
        QVERIFY2(dump.find("\n  --bind " + expected + " /data\n") != std::string::npos,
                 dump.c_str());
        QVERIFY2(dump.find("\n  --setenv PS1 " + expected + "\n") != std::string::npos,
                 dump.c_str());
        QVERIFY2(dump.find("\xe2\x80\xae") == std::string::npos, dump.c_str());
        // The plan itself keeps the exact bytes bwrap gets.
        const BwrapPlan plan = buildPlan(merge({node}, MergeMode::Normal));
        QVERIFY(std::any_of(plan.options.begin(), plan.options.end(), [&](const BwrapOption& o) {
            return o.name == "--bind" && o.values.front() == path;
        }));
    }

    // Issue 13 item 16: two unrelated families whose nodes share an alias never share a cgroup
    // (by alias alone, launching one rewrote the limits of the other's running processes).
    void cgroupsOfNodesWithTheSameAliasDiffer() {
        NodeSpec first = makeNode("/r", "R");
        NodeSpec second = makeNode("/other/r", "R");
        section(first.normal).cgroups.push_back({CgroupController::Pids, "max", "10", {}});
        section(second.normal).cgroups.push_back({CgroupController::Pids, "max", "99", {}});
        const BwrapPlan a = buildPlan(merge({first}, MergeMode::Normal));
        const BwrapPlan b = buildPlan(merge({second}, MergeMode::Normal));
        QCOMPARE(a.cgroups.at(0).relativeDir, std::string("R-6588117f7b51"));
        QCOMPARE(b.cgroups.at(0).relativeDir, std::string("R-e94f1ceffe72"));
        // A long alias is cut so that the directory name stays within NAME_MAX.
        const std::string name = nodeCgroupName(std::string(255, 'a'), "/r");
        QCOMPARE(name, std::string(64, 'a') + "-6588117f7b51");
    }
};

QTEST_APPLESS_MAIN(TestPlan)
#include "tst_plan.moc"
