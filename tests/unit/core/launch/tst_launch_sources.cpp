// SPDX-License-Identifier: Apache-2.0
// The source checks of the launcher on real files (no bwrap): bind sources compared with the
// family by device and inode (hard links, holding directories, replaced files, magic links),
// and Internal sources read once without links, as `readSourcesAs` when it is set (root only:
// a root-only file read as nobody is refused).
#include "redpak/launch/launch.h"

#include <QTemporaryDir>
#include <QtTest>
#include <filesystem>
#include <fstream>
#include <sys/stat.h>
#include <unistd.h>

using namespace redpak;
namespace fs = std::filesystem;

namespace {

bool writeText(const fs::path& file, const std::string& content, fs::perms perms) {
    fs::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary | std::ios::trunc) << content;
    std::error_code error;
    fs::permissions(file, perms, error);
    return !error && fs::file_size(file) == content.size();
}

FamilyObject objectAt(const fs::path& path) {
    struct stat info {};
    ::lstat(path.c_str(), &info);
    return FamilyObject{path.string(), FileIdentity{info.st_dev, info.st_ino, info.st_uid,
                                                    info.st_gid, info.st_mode, info.st_nlink}};
}

// The exception text of `check`, empty when it did not throw.
template <typename Check> QString errorOf(Check check) {
    try {
        check();
    } catch (const LaunchError& error) {
        return QString::fromStdString(error.what());
    }
    return {};
}

} // namespace

class TestLaunchSources : public QObject {
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_tmp;
    fs::path m_node;
    fs::path m_data;
    BwrapPlan m_plan; // familyObjects of the node at m_node

private slots:
    void init() {
        m_tmp = std::make_unique<QTemporaryDir>();
        QVERIFY(m_tmp->isValid());
        const fs::path top(m_tmp->path().toStdString());
        fs::permissions(top, fs::perms(0755)); // nobody reads below it
        m_node = top / "node";
        m_data = top / "data";
        const fs::perms file = fs::perms(0644);
        QVERIFY(writeText(m_node / "etc/redpak.yaml", "headers:\n  alias: n\n", file));
        QVERIFY(writeText(m_node / ".rednode.yaml", "state: Enable\n", file));
        QVERIFY(writeText(m_data / "readable", "readable\n", file));
        QVERIFY(writeText(m_data / "root-only", "secret\n", fs::perms(0600)));
        QVERIFY(writeText(m_data / "plain/file", "plain\n", file));
        m_plan = BwrapPlan{};
        for (const fs::path& p :
             {m_node, m_node / "etc", m_node / ".rednode.yaml", m_node / "etc/redpak.yaml"}) {
            m_plan.familyObjects.push_back(objectAt(p));
        }
    }

    void bindSourcesAreComparedByIdentity_data() {
        QTest::addColumn<QString>("setup");
        QTest::addColumn<QString>("source"); // relative to the temporary directory
        QTest::addColumn<bool>("directory");
        QTest::addColumn<QString>("error"); // empty: accepted
        QTest::newRow("unrelated directory") << ""
                                             << "data/plain" << true << "";
        QTest::newRow("unrelated file") << ""
                                        << "data/plain/file" << false << "";
        QTest::newRow("hard link to a config")
            << "hardlink"
            << "data/plain/config" << false << "would expose the rednode file";
        QTest::newRow("directory holding a hard link") << "hardlink"
                                                       << "data/plain" << true << "3 hard links";
        QTest::newRow("directory holding the node") << ""
                                                    << "." << true << "node";
        QTest::newRow("link to the node's etc/")
            << "etclink"
            << "data/etc-link" << true << "would expose the rednode file";
        QTest::newRow("config replaced after the read") << "replace"
                                                        << "data/plain" << true << "was replaced";
        QTest::newRow("magic link") << ""
                                    << "/proc/self/cwd" << true << "magic link";
        QTest::newRow("file where a directory is expected")
            << ""
            << "data/plain/file" << true << "is not a directory";
    }
    void bindSourcesAreComparedByIdentity() {
        QFETCH(QString, setup);
        QFETCH(QString, source);
        QFETCH(bool, directory);
        QFETCH(QString, error);
        const fs::path top(m_tmp->path().toStdString());
        const fs::path config = m_node / "etc/redpak.yaml";
        if (setup == "hardlink") {
            fs::create_hard_link(config, m_data / "plain/config");
            fs::create_hard_link(config, m_data / "other-name");
        } else if (setup == "etclink") {
            fs::create_directory_symlink(m_node / "etc", m_data / "etc-link");
        } else if (setup == "replace") {
            QVERIFY(writeText(m_node / "etc/new", "headers:\n  alias: x\n", fs::perms(0644)));
            fs::rename(m_node / "etc/new", config);
        }
        const fs::path path =
            source.startsWith('/') ? fs::path(source.toStdString()) : top / source.toStdString();
        BwrapPlan plan = m_plan;
        plan.sources.push_back(RequiredSource{path.lexically_normal().string(), directory,
                                              TextOrigin{"config.yaml", {3, 1}, std::nullopt}});
        const QString message = errorOf([&plan] { checkSources(plan); });
        if (error.isEmpty()) {
            QVERIFY2(message.isEmpty(), qPrintable(message));
        } else {
            QVERIFY2(message.contains(error), qPrintable(message));
            // A replaced family file is the family's fault, not the export's.
            QVERIFY2(setup == "replace" || message.startsWith("config.yaml:3: "),
                     qPrintable(message));
        }
    }

    void internalSourcesAreReadSafely_data() {
        QTest::addColumn<QString>("source"); // relative to the temporary directory
        QTest::addColumn<bool>("asNobody");
        QTest::addColumn<QString>("expected"); // content, or "error: TEXT"
        QTest::newRow("readable file") << "data/readable" << false << "readable\n";
        QTest::newRow("readable file as nobody") << "data/readable" << true << "readable\n";
        QTest::newRow("root-only file") << "data/root-only" << false << "secret\n";
        QTest::newRow("root-only file as nobody")
            << "data/root-only" << true << "error: Permission denied";
        QTest::newRow("link") << "data/link" << false << "error: symbolic link";
        QTest::newRow("link as nobody") << "data/link" << true << "error: symbolic link";
        QTest::newRow("directory on the way is a link")
            << "data/dir-link/readable" << false << "error: symbolic link";
        QTest::newRow("fifo") << "data/fifo" << false << "error: is not a regular file";
        QTest::newRow("a family file")
            << "node/etc/redpak.yaml" << false << "error: is the rednode file";
    }
    void internalSourcesAreReadSafely() {
        QFETCH(QString, source);
        QFETCH(bool, asNobody);
        QFETCH(QString, expected);
        if (geteuid() != 0) {
            QSKIP("needs root: reads as another identity and a root-only file");
        }
        const fs::path top(m_tmp->path().toStdString());
        fs::create_symlink(m_data / "readable", m_data / "link");
        fs::create_directory_symlink(m_data, m_data / "dir-link");
        QCOMPARE(::mkfifo((m_data / "fifo").c_str(), 0644), 0);
        LaunchOptions options;
        if (asNobody) {
            options.readSourcesAs = LaunchOptions::Identity{65534, 65534};
        }
        const FdContent content{FdContent::Kind::FileCopy, 3, (top / source.toStdString()).string(),
                                "/etc/x", TextOrigin{"config.yaml", {7, 1}, std::nullopt}};
        std::string bytes;
        const QString message =
            errorOf([&] { bytes = readInternalSource(m_plan, content, options); });
        if (expected.startsWith("error: ")) {
            QVERIFY2(message.contains(expected.mid(7)), qPrintable(message));
            QVERIFY2(message.startsWith("config.yaml:7: "), qPrintable(message));
        } else {
            QVERIFY2(message.isEmpty(), qPrintable(message));
            QCOMPARE(QString::fromStdString(bytes), expected);
        }
    }
};

QTEST_GUILESS_MAIN(TestLaunchSources)
#include "tst_launch_sources.moc"
