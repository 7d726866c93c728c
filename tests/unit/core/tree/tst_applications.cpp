// SPDX-License-Identifier: Apache-2.0
// Applications of a node: IDs, the store (atomic writes, nothing invalid written), what the
// snapshot reads (the leaf's, real files only), lookup by ID or name, the audit record and the
// launch policy covering them, and the desktop menu entries made for them.
#include "files.h"
#include "redpak/base/diagnostic.h"
#include "redpak/launch/audit_record.h"
#include "redpak/tree/application_menu.h"
#include "redpak/tree/applications.h"
#include "redpak/tree/create.h"

#include <QObject>
#include <QTemporaryDir>
#include <functional>
#include <unistd.h>

using namespace redpak;
namespace fs = std::filesystem;

namespace {

using test::refusal;

void makeNode(const fs::path& dir, const std::string& alias,
              const std::string& templateName = "leaf") {
    CreateOptions options;
    options.dir = dir;
    options.alias = alias;
    options.templateName = templateName;
    createNode(options);
}

std::string entryText(const std::string& name, const std::string& exec) {
    return "[Desktop Entry]\nType=Application\nName=" + name + "\nExec=" + exec + "\n";
}

std::vector<std::string> idsOf(const std::vector<NodeApplication>& applications) {
    std::vector<std::string> ids;
    for (const NodeApplication& application : applications) {
        ids.push_back(application.id);
    }
    return ids;
}

} // namespace

class TestApplications : public QObject {
    Q_OBJECT

private slots:
    void init();
    void idFromName_data();
    void idFromName();
    void invalidIdsAreRefused_data();
    void invalidIdsAreRefused();
    void storeWritesAndSnapshotReads();
    void invalidEntryIsNeverWritten();
    void onlyRealFilesAreRead();
    void lookupByIdThenName();
    void auditRecordCoversApplications();
    void menuEntryRunsTheApplicationInItsNode();
    void deletedNodeLosesItsMenuEntries();

private:
    fs::path node(const std::string& name) const {
        return fs::path(m_tmp->path().toStdString()) / name;
    }
    std::unique_ptr<QTemporaryDir> m_tmp;
};

void TestApplications::init() {
    m_tmp = std::make_unique<QTemporaryDir>();
    makeNode(node("root"), "root", "root");
    makeNode(node("root/leaf"), "leaf");
}

void TestApplications::idFromName_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("id");
    QTest::newRow("words") << "Image Viewer 2"
                           << "image-viewer-2";
    QTest::newRow("punctuation runs") << "  X -- Eyes!! "
                                      << "x-eyes";
    QTest::newRow("non-ASCII dropped") << "Éditeur"
                                       << "diteur";
    QTest::newRow("nothing left") << "!!!"
                                  << "application";
}

void TestApplications::idFromName() {
    QFETCH(QString, name);
    QFETCH(QString, id);
    const std::string made = applicationIdFor(name.toStdString());
    QCOMPARE(QString::fromStdString(made), id);
    QVERIFY(isValidApplicationId(made));
}

void TestApplications::invalidIdsAreRefused_data() {
    QTest::addColumn<QString>("id");
    QTest::newRow("empty") << "";
    QTest::newRow("dot first") << ".hidden";
    QTest::newRow("dash first") << "-x";
    QTest::newRow("slash") << "../etc/redpak";
    QTest::newRow("space") << "a b";
    QTest::newRow("too long") << QString(129, 'a');
}

void TestApplications::invalidIdsAreRefused() {
    QFETCH(QString, id);
    QVERIFY(!isValidApplicationId(id.toStdString()));
    const std::string error = refusal(
        [&] { writeApplication(node("root/leaf"), id.toStdString(), entryText("A", "a")); });
    QVERIFY2(error.find("not a valid application ID") != std::string::npos, error.c_str());
    QVERIFY(!fs::exists(node("root/leaf/etc/redpak.yaml.desktop")));
}

void TestApplications::storeWritesAndSnapshotReads() {
    writeApplication(node("root/leaf"), "b", entryText("Bee", "bee %U"));
    writeApplication(node("root/leaf"), "a", entryText("Ant", "ant"));
    writeApplication(node("root"), "parent", entryText("Parent", "p"));
    const fs::path file = node("root/leaf/applications/a.desktop");
    QCOMPARE(fs::status(file).permissions() & fs::perms::all,
             fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read |
                 fs::perms::others_read);
    const FamilySnapshot family = FamilySnapshot::open(node("root/leaf"));
    const std::vector<NodeApplication> applications = leafApplications(family);
    // Sorted by ID; the parent's applications are its own, not the leaf's.
    QCOMPARE(idsOf(applications), (std::vector<std::string>{"a", "b"}));
    QCOMPARE(applications[1].entry.name(), std::string("Bee"));
    QVERIFY(family.members().front().applicationsDir.has_value());
    QVERIFY(family.members().front().applications.empty());
    // Recommendation 4 protects the directory and each file by identity.
    std::vector<std::string> protectedPaths;
    for (const FamilyObject& object : family.leaf().objects()) {
        protectedPaths.push_back(object.path);
    }
    for (const fs::path& expected : {node("root/leaf/applications"), file}) {
        QVERIFY2(std::find(protectedPaths.begin(), protectedPaths.end(), expected.string()) !=
                     protectedPaths.end(),
                 expected.c_str());
    }
    removeApplication(node("root/leaf"), "a");
    QCOMPARE(idsOf(leafApplications(FamilySnapshot::open(node("root/leaf")))),
             std::vector<std::string>{"b"});
    QVERIFY(!refusal([&] { removeApplication(node("root/leaf"), "a"); }).empty());
}

void TestApplications::invalidEntryIsNeverWritten() {
    writeApplication(node("root/leaf"), "a", entryText("Ant", "ant"));
    const std::string before = test::readText(node("root/leaf/applications/a.desktop"));
    const std::string error = refusal([&] {
        writeApplication(node("root/leaf"), "a", "[Desktop Entry]\nType=Application\nName=A\n");
    });
    QVERIFY2(error.find("no Exec") != std::string::npos, error.c_str());
    QCOMPARE(test::readText(node("root/leaf/applications/a.desktop")), before);
    QCOMPARE(std::distance(fs::directory_iterator(node("root/leaf/applications")),
                           fs::directory_iterator()),
             1);
}

void TestApplications::onlyRealFilesAreRead() {
    writeApplication(node("root/leaf"), "a", entryText("Ant", "ant"));
    test::writeText(node("root/leaf/applications/notes.txt"), "ignored: not a desktop entry");
    QCOMPARE(leafApplications(FamilySnapshot::open(node("root/leaf"))).size(), std::size_t(1));
    fs::create_symlink("/etc/passwd", node("root/leaf/applications/link.desktop"));
    QVERIFY(refusal([&] { FamilySnapshot::open(node("root/leaf")); }).find("symbolic link") !=
            std::string::npos);
    fs::remove(node("root/leaf/applications/link.desktop"));
    fs::create_hard_link(node("root/leaf/applications/a.desktop"), node("root/a-copy.desktop"));
    QVERIFY(refusal([&] { FamilySnapshot::open(node("root/leaf")); }).find("hard links") !=
            std::string::npos);
    fs::remove(node("root/a-copy.desktop"));
    fs::remove_all(node("root/leaf/applications"));
    fs::create_directory_symlink(node("root"), node("root/leaf/applications"));
    QVERIFY(refusal([&] { FamilySnapshot::open(node("root/leaf")); }).find("real directory") !=
            std::string::npos);
    QVERIFY(refusal([&] {
                writeApplication(node("root/leaf"), "a", entryText("A", "a"));
            }).find("real directory") != std::string::npos);
}

void TestApplications::lookupByIdThenName() {
    writeApplication(node("root/leaf"), "viewer", entryText("Viewer", "v"));
    writeApplication(node("root/leaf"), "v1", entryText("Same", "a"));
    writeApplication(node("root/leaf"), "v2", entryText("Same", "b"));
    writeApplication(node("root/leaf"), "Viewer", entryText("Other", "o"));
    const auto applications = leafApplications(FamilySnapshot::open(node("root/leaf")));
    QCOMPARE(findApplication(applications, "Viewer", node("root/leaf")).id, std::string("Viewer"));
    QCOMPARE(findApplication(applications, "viewer", node("root/leaf")).id, std::string("viewer"));
    const std::string ambiguous =
        refusal([&] { findApplication(applications, "Same", node("root/leaf")); });
    QVERIFY2(ambiguous.find("v1, v2") != std::string::npos, ambiguous.c_str());
    QVERIFY(refusal([&] {
                findApplication(applications, "none", node("root/leaf"));
            }).find("no application 'none'") != std::string::npos);
}

void TestApplications::auditRecordCoversApplications() {
    writeApplication(node("root/leaf"), "a", entryText("Ant", "ant"));
    writeApplication(node("root"), "parent", entryText("Parent", "p"));
    const std::vector<AuditedFile> audited = currentFamilyFiles(node("root/leaf"));
    QVERIFY(audited.back().role == FileRole::Application);
    QCOMPARE(audited.back().path, node("root/leaf/applications/a.desktop").string());
    QCOMPARE(std::count_if(audited.begin(), audited.end(),
                           [](const AuditedFile& f) { return f.role == FileRole::Application; }),
             1);
    writeApplication(node("root/leaf"), "a", entryText("Ant", "sh -c \"cat /etc/shadow\""));
    writeApplication(node("root/leaf"), "b", entryText("Bee", "bee"));
    const std::vector<FileDrift> drift = fileDrift(audited, currentFamilyFiles(node("root/leaf")));
    QCOMPARE(drift.size(), std::size_t(2));
    QVERIFY(drift[0].kind == DriftKind::Modified);
    QVERIFY(drift[1].kind == DriftKind::Added);
    // The record's form keeps the role.
    AuditRecord record;
    record.node = node("root/leaf").string();
    record.files = audited;
    QVERIFY(parseAuditRecord(formatAuditRecord(record), "record").files.back().role ==
            FileRole::Application);
}

void TestApplications::menuEntryRunsTheApplicationInItsNode() {
    writeApplication(node("root/leaf"), "eyes",
                     "[Desktop Entry]\nType=Application\nName=Eyes\nIcon=xeyes\n"
                     "Categories=Game;\nExec=xeyes %f\n");
    const auto applications = leafApplications(FamilySnapshot::open(node("root/leaf")));
    const fs::path menuDir = node("menu");
    const fs::path file = installMenuEntry(
        menuDir, {node("root/leaf"), "leaf", &applications.front(), "/usr/bin/redwrap"});
    QCOMPARE(file.parent_path(), menuDir);
    QCOMPARE(file.filename().string(), menuEntryId(node("root/leaf"), "eyes") + ".desktop");
    const DesktopEntry entry = DesktopEntry::parse(test::readText(file), file.string());
    QCOMPARE(entry.name(), std::string("Eyes (leaf)"));
    QCOMPARE(entry.icon(), std::string("xeyes"));
    QCOMPARE(entry.categories(), std::vector<std::string>{"Game"});
    QCOMPARE(*entry.value("X-RedPak-Node"), node("root/leaf").string());
    QCOMPARE(execArguments(entry, {"f"}, "", file.string()),
             (std::vector<std::string>{"/usr/bin/redwrap", "--redpath", node("root/leaf").string(),
                                       "--app", "eyes", "f"}));
    QVERIFY(removeMenuEntry(menuDir, node("root/leaf"), "eyes"));
    QVERIFY(!fs::exists(file));
    QVERIFY(!removeMenuEntry(menuDir, node("root/leaf"), "eyes"));
}

void TestApplications::deletedNodeLosesItsMenuEntries() {
    makeNode(node("root/leaf2"), "leaf2");
    makeNode(node("root/leaf/child"), "child");
    for (const char* dir : {"root/leaf", "root/leaf/child", "root/leaf2"}) {
        writeApplication(node(dir), "a", entryText("Ant", "ant"));
    }
    const fs::path menuDir = node("menu");
    for (const char* dir : {"root/leaf", "root/leaf/child", "root/leaf2"}) {
        const auto applications = leafApplications(FamilySnapshot::open(node(dir)));
        installMenuEntry(menuDir, {node(dir), dir, &applications.front(), "/usr/bin/redwrap"});
    }
    test::writeText(menuDir / "redpak-not-ours.desktop", entryText("Other", "other"));
    const auto removed = removeMenuEntriesOfNode(menuDir, node("root/leaf"));
    QCOMPARE(removed.size(), std::size_t(2)); // the node and its child, not leaf2
    QVERIFY(fs::exists(menuDir / (menuEntryId(node("root/leaf2"), "a") + ".desktop")));
    QVERIFY(fs::exists(menuDir / "redpak-not-ours.desktop"));
}

QTEST_APPLESS_MAIN(TestApplications)
#include "tst_applications.moc"
