// SPDX-License-Identifier: Apache-2.0
// Built-in templates: embedded copies equal the files in resources/templates, they parse
// without warnings, and they follow the risk analysis (no CAP_SYS_ADMIN, no config file mounted
// in the node, unshared namespaces, die-with-parent, no command execution).
#include "files.h"
#include "redpak/config/parser.h"
#include "redpak/tree/templates.h"

#include <QObject>

using namespace redpak;

class TestTemplates : public QObject {
    Q_OBJECT

private slots:
    void names();
    void unknownName();
    void embeddedEqualsSource_data() { templateRows(); }
    void embeddedEqualsSource();
    void parsesWithoutWarnings_data() { templateRows(); }
    void parsesWithoutWarnings();
    void followsRiskAnalysis_data() { templateRows(); }
    void followsRiskAnalysis();

private:
    static void templateRows();
};

void TestTemplates::names() {
    QCOMPARE(templateNames(), (std::vector<std::string>{"full", "leaf", "root", "wayland", "x11"}));
    QVERIFY(findTemplate(kDefaultTemplate));
}

void TestTemplates::unknownName() {
    QVERIFY(!findTemplate("nosuch"));
    QVERIFY(!findTemplate("root-admin"));
    QVERIFY(!findTemplate(""));
}

void TestTemplates::templateRows() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("admin");
    for (const std::string& name : templateNames()) {
        QTest::newRow((name + ".yaml").c_str()) << QString::fromStdString(name) << false;
        QTest::newRow((name + "-admin.yaml").c_str()) << QString::fromStdString(name) << true;
    }
}

void TestTemplates::embeddedEqualsSource() {
    QFETCH(QString, name);
    QFETCH(bool, admin);
    const auto tmpl = findTemplate(name.toStdString());
    QVERIFY(tmpl);
    const std::filesystem::path source = std::filesystem::path(REDPAK_SOURCE_DIR) /
                                         "resources/templates" /
                                         (name.toStdString() + (admin ? "-admin.yaml" : ".yaml"));
    const std::string_view embedded = admin ? tmpl->admin : tmpl->normal;
    QCOMPARE(QByteArray(embedded.data(), static_cast<qsizetype>(embedded.size())),
             testutil::readFile(source));
}

void TestTemplates::parsesWithoutWarnings() {
    QFETCH(QString, name);
    QFETCH(bool, admin);
    const auto tmpl = findTemplate(name.toStdString());
    std::vector<Diagnostic> warnings;
    try {
        parseConfig(admin ? tmpl->admin : tmpl->normal, name.toStdString(), &warnings);
    } catch (const InputError& error) {
        QFAIL(error.what());
    }
    QVERIFY(warnings.empty());
}

void TestTemplates::followsRiskAnalysis() {
    QFETCH(QString, name);
    QFETCH(bool, admin);
    const auto tmpl = findTemplate(name.toStdString());
    const Config config = parseConfig(admin ? tmpl->admin : tmpl->normal, "template");
    const ConfigSection section = config.config.value_or(ConfigSection{});
    // Recommendation 1: CAP_SYS_ADMIN is never granted; root templates drop it for the family.
    for (const CapabilityEntry& cap : section.capabilities) {
        QVERIFY2(!(cap.add && (cap.name == "cap_sys_admin" || cap.name == "all")),
                 cap.name.c_str());
    }
    if (!admin && name != "leaf") {
        const bool dropsSysAdmin = std::any_of(
            section.capabilities.begin(), section.capabilities.end(),
            [](const CapabilityEntry& cap) { return cap.name == "cap_sys_admin" && !cap.add; });
        QVERIFY(dropsSysAdmin);
    }
    // Recommendation 4: nothing of the node's own directory (its configs) is mounted.
    for (const ExportEntry& exp : config.exports) {
        const std::string source = exp.path.value_or(exp.mount);
        QVERIFY2(source != "$NODE_PATH" && source != "$NODE_PATH/" &&
                     source.rfind("$NODE_PATH/etc", 0) != 0 &&
                     source.find("redpak") == std::string::npos &&
                     source.find(".rednode") == std::string::npos,
                 source.c_str());
    }
    // Namespaces are never joined nor shared wholesale; the network is shared only by admin files.
    for (std::size_t i = 0; i < kNamespaceCount; ++i) {
        if (const auto& share = section.shares[i]) {
            QVERIFY(!share->value.joins());
            const bool isNet = static_cast<Namespace>(i) == Namespace::Net;
            QVERIFY2(share->value.state != Edu::Enabled || (isNet && admin),
                     toString(static_cast<Namespace>(i)).data());
        }
    }
    if (!admin) {
        QVERIFY(section.dieWithParent && section.dieWithParent->value == Edu::Enabled);
    }
    QVERIFY(!(section.unsafe && section.unsafe->value));
    QVERIFY(!(section.inheritEnv && section.inheritEnv->value));
    // Templates run no command taken from a config, but for the x11 template's Xauthority (a
    // cookie of the launcher's display only, made at each launch).
    for (const EnvEntry& env : config.environ) {
        QVERIFY(env.mode != EnvMode::Execfd);
    }
    for (const ExportEntry& exp : config.exports) {
        QVERIFY2(exp.mode != ExportMode::Execfd ||
                     (name == "x11" && exp.mount == "/run/user/$UID/Xauthority"),
                 exp.mount.c_str());
    }
}

QTEST_APPLESS_MAIN(TestTemplates)
#include "tst_templates.moc"
