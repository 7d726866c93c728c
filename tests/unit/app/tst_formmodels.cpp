// SPDX-License-Identifier: Apache-2.0
// The editor's forms: each field shows the core parser's message for its own value, refused
// scalar input is kept without touching the document, modes drive the value/path fields.
#include "capabilitiesmodel.h"
#include "cgroupsmodel.h"
#include "configdocument.h"
#include "environmodel.h"
#include "exportsmodel.h"
#include "headersform.h"
#include "redpak/config/schema.h"
#include "settingsmodel.h"

#include <QTest>

using namespace redpak::gui;

namespace {

const char* kBase = "headers:\n  alias: node\n";

void loadText(ConfigDocument& document, const QString& text) {
    document.setLoadedContent(ConfigFileContent{{}, true, text, contentDigest(text.toUtf8())});
}

int settingRow(const SettingsModel& model, const QString& key) {
    for (int row = 0; row < model.rowCount(); ++row) {
        if (model.index(row).data(SettingsModel::KeyRole).toString() == key) {
            return row;
        }
    }
    return -1;
}

// A settings form on a document loaded with `text`.
struct SettingsForm {
    explicit SettingsForm(const QString& text) {
        loadText(document, text);
        settings.setDocument(&document);
    }
    ConfigDocument document{nullptr, ConfigKind::Normal};
    SettingsModel settings;
};

} // namespace

class TestFormModels : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void settingsParseTypedValues_data() {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("input");
        QTest::addColumn<bool>("accepted");
        QTest::addColumn<QString>("shown");
        QTest::newRow("umask octal") << "umask"
                                     << "027" << true << "027";
        QTest::newRow("umask not octal") << "umask"
                                         << "089" << false << "";
        QTest::newRow("EDU") << "die-with-parent"
                             << "Enabled" << true << "enabled";
        QTest::newRow("EDU unknown") << "die-with-parent"
                                     << "often" << false << "";
        QTest::newRow("share joins") << "share_net"
                                     << "/proc/1/ns/net" << true << "/proc/1/ns/net";
        QTest::newRow("bool") << "gpgcheck"
                              << "yes" << true << "true";
        QTest::newRow("integer") << "verbose"
                                 << "x2" << false << "";
        QTest::newRow("text") << "smack"
                              << "App: with colon" << true << "App: with colon";
        QTest::newRow("host name syntax") << "hostname"
                                          << "my host!!" << false << "";
        QTest::newRow("relative chdir") << "chdir"
                                        << "srv" << false << "";
    }
    void settingsParseTypedValues() {
        QFETCH(QString, key);
        QFETCH(QString, input);
        QFETCH(bool, accepted);
        QFETCH(QString, shown);
        SettingsForm form(QString::fromLatin1(kBase));
        ConfigDocument& document = form.document;
        SettingsModel& settings = form.settings;
        const int row = settingRow(settings, key);
        QVERIFY(row >= 0);
        const QString before = document.text();
        settings.setValue(row, input);
        const QModelIndex index = settings.index(row);
        if (accepted) {
            QCOMPARE(index.data(SettingsModel::ValueRole).toString(), shown);
            QVERIFY(index.data(SettingsModel::IsSetRole).toBool());
            QVERIFY(index.data(SettingsModel::ErrorRole).toString().isEmpty());
            QVERIFY(document.isValid());
            QCOMPARE(settings.setCount(), 1);
        } else {
            QCOMPARE(document.text(), before); // the document is untouched
            QCOMPARE(index.data(SettingsModel::PendingTextRole).toString(), input);
            QVERIFY(!index.data(SettingsModel::ErrorRole).toString().isEmpty());
            QVERIFY(!index.data(SettingsModel::IsSetRole).toBool());
        }
    }

    // The form's rows are the schema's keys: each one is shown, and a value set in the form is
    // the one the file then holds under the canonical spelling.
    void everySchemaKeyIsAFormRow_data() {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("input");
        for (const redpak::ScalarKey& key : redpak::kScalarKeys) {
            const char* input =
                key.kind == redpak::ScalarKind::Umask        ? "077"
                : key.kind == redpak::ScalarKind::Integer    ? "2"
                : key.kind == redpak::ScalarKind::Boolean    ? "true"
                : key.syntax == redpak::TextSyntax::HostName ? "srv-x"
                : key.kind == redpak::ScalarKind::Text || key.kind == redpak::ScalarKind::PathList
                    ? "/srv/x"
                    : "disabled";
            const std::string name(key.key);
            QTest::newRow(name.c_str())
                << QString::fromStdString(name) << QString::fromLatin1(input);
        }
    }
    void everySchemaKeyIsAFormRow() {
        QFETCH(QString, key);
        QFETCH(QString, input);
        SettingsForm form(QString::fromLatin1(kBase));
        ConfigDocument& document = form.document;
        SettingsModel& settings = form.settings;
        const int row = settingRow(settings, key);
        QVERIFY(row >= 0);
        settings.setValue(row, input);
        QCOMPARE(settings.index(row).data(SettingsModel::ValueRole).toString(), input);
        QVERIFY(document.text().contains(key + QStringLiteral(": ")));
        QCOMPARE(settings.rowCount(), static_cast<int>(redpak::kScalarKeys.size()));
    }

    void settingsUnset() {
        SettingsForm form(QString::fromLatin1(kBase) + "config:\n  hostname: h\n");
        ConfigDocument& document = form.document;
        SettingsModel& settings = form.settings;
        const int row = settingRow(settings, QStringLiteral("hostname"));
        QVERIFY(settings.index(row).data(SettingsModel::IsSetRole).toBool());
        settings.unset(row);
        QVERIFY(!settings.index(row).data(SettingsModel::IsSetRole).toBool());
        QVERIFY(!document.text().contains(QStringLiteral("hostname")));
    }

    // A form edit rewrites the text from the model and carries its comments over.
    void settingsEditKeepsComments() {
        SettingsForm form(QString::fromLatin1(kBase) +
                          "config:\n  # why this host\n  hostname: h  # set by hand\n");
        form.settings.setValue(settingRow(form.settings, QStringLiteral("hostname")),
                               QStringLiteral("g"));
        const QString text = form.document.text();
        QVERIFY2(text.contains(QStringLiteral("  # why this host\n  hostname: g  # set by hand\n")),
                 qPrintable(text));
    }

    void environMessagesPointAtTheRow() {
        ConfigDocument document(nullptr, ConfigKind::Normal);
        loadText(document,
                 QString::fromLatin1(kBase) +
                     "environ:\n  - key: OK\n    value: a\n  - key: ALSO_OK\n    value: b\n");
        EnvironModel environ;
        environ.setDocument(&document);
        environ.setKey(1, QStringLiteral("9X"));
        QVERIFY(!document.isValid());
        QVERIFY(environ.index(0).data(EnvironModel::ErrorRole).toString().isEmpty());
        QVERIFY(!environ.index(1).data(EnvironModel::ErrorRole).toString().isEmpty());
    }

    // An unknown `$TAG` (a typo: "" at launch) is shown as a warning on its own field; the
    // value is still accepted. Predefined tags, escaped dollars and commands are not.
    void unknownTagWarnsAtTheField_data() {
        QTest::addColumn<QString>("hostname");
        QTest::addColumn<QString>("warning"); // start of the warning, "" for none
        QTest::newRow("typo") << "$LEAF_ALIASx"
                              << "unknown tag $LEAF_ALIASx in hostname";
        QTest::newRow("predefined") << "$leaf_alias"
                                    << "";
        QTest::newRow("escaped") << "\\$NOPE"
                                 << "";
        QTest::newRow("command") << "$(echo $NOPE)"
                                 << "";
    }
    void unknownTagWarnsAtTheField() {
        QFETCH(QString, hostname);
        QFETCH(QString, warning);
        ConfigDocument document(nullptr, ConfigKind::Normal);
        loadText(document,
                 QString::fromLatin1(kBase) +
                     "environ:\n  - key: OK\n    value: a\n  - key: V\n    value: $NOPE_Y\n");
        SettingsModel settings;
        settings.setDocument(&document);
        const int row = settingRow(settings, QStringLiteral("hostname"));
        settings.setValue(row, hostname);
        QVERIFY(document.isValid());
        const QString shown = settings.index(row).data(SettingsModel::WarningRole).toString();
        QVERIFY2(warning.isEmpty() ? shown.isEmpty() : shown.startsWith(warning),
                 qPrintable(shown));
        QVERIFY(settings.index(settingRow(settings, QStringLiteral("chdir")))
                    .data(SettingsModel::WarningRole)
                    .toString()
                    .isEmpty());
        EnvironModel environ;
        environ.setDocument(&document);
        QVERIFY(environ.index(0).data(EnvironModel::WarningRole).toString().isEmpty());
        QVERIFY(environ.index(1).data(EnvironModel::WarningRole).toString().contains("$NOPE_Y"));
    }

    void environModeDrivesValue_data() {
        QTest::addColumn<QString>("mode");
        QTest::addColumn<bool>("valueEnabled");
        QTest::addColumn<bool>("valid");
        QTest::newRow("Default") << "Default" << true << true;
        QTest::newRow("Static") << "Static" << true << true;
        QTest::newRow("Remove") << "Remove" << false << true;
        QTest::newRow("Inherit") << "Inherit" << false << true;
    }
    void environModeDrivesValue() {
        QFETCH(QString, mode);
        QFETCH(bool, valueEnabled);
        QFETCH(bool, valid);
        ConfigDocument document(nullptr, ConfigKind::Normal);
        loadText(document, QString::fromLatin1(kBase) + "environ:\n  - key: A\n    value: a\n");
        EnvironModel environ;
        environ.setDocument(&document);
        QVERIFY(environ.modes().contains(mode));
        environ.setMode(0, mode);
        QCOMPARE(environ.index(0).data(EnvironModel::ModeRole).toString(), mode);
        QCOMPARE(environ.index(0).data(EnvironModel::ValueEnabledRole).toBool(), valueEnabled);
        // The form's mode list shows the entry's mode (C++ gives its index).
        QCOMPARE(environ.index(0).data(EnvironModel::ModeIndexRole).toInt(),
                 environ.modes().indexOf(mode));
        QCOMPARE(document.isValid(), valid);
    }

    void exportModeDrivesPath_data() {
        QTest::addColumn<QString>("mode");
        QTest::addColumn<bool>("pathEnabled");
        QTest::newRow("Restricted") << "Restricted" << true;
        QTest::newRow("Symlink") << "Symlink" << true;
        QTest::newRow("Tmpfs") << "Tmpfs" << false;
        QTest::newRow("Procfs") << "Procfs" << false;
    }
    void exportModeDrivesPath() {
        QFETCH(QString, mode);
        QFETCH(bool, pathEnabled);
        ConfigDocument document(nullptr, ConfigKind::Normal);
        loadText(document,
                 QString::fromLatin1(kBase) + "exports:\n  - mode: Tmpfs\n    mount: /x\n");
        ExportsModel exports;
        exports.setDocument(&document);
        QCOMPARE(exports.modes().size(), 16);
        exports.setMode(0, mode);
        QCOMPARE(exports.index(0).data(ExportsModel::PathEnabledRole).toBool(), pathEnabled);
        QCOMPARE(exports.index(0).data(ExportsModel::ModeIndexRole).toInt(),
                 exports.modes().indexOf(mode));
        QVERIFY(document.isValid());
    }

    void capabilitiesAreCanonical() {
        ConfigDocument document(nullptr, ConfigKind::Normal);
        loadText(document, QString::fromLatin1(kBase));
        CapabilitiesModel capabilities;
        capabilities.setDocument(&document);
        QCOMPARE(capabilities.names().size(), 42); // ALL + 41
        capabilities.append();
        capabilities.setName(0, QStringLiteral("CAP_NET_ADMIN"));
        capabilities.setAdd(0, true);
        QCOMPARE(capabilities.index(0).data(CapabilitiesModel::NameRole).toString(),
                 QStringLiteral("cap_net_admin"));
        QVERIFY(capabilities.index(0).data(CapabilitiesModel::AddRole).toBool());
        QVERIFY(document.isValid());
        capabilities.setName(0, QStringLiteral("cap_flying"));
        QVERIFY(!document.isValid());
        QVERIFY(!capabilities.index(0).data(CapabilitiesModel::ErrorRole).toString().isEmpty());
    }

    void cgroupLimits() {
        ConfigDocument document(nullptr, ConfigKind::Normal);
        loadText(document, QString::fromLatin1(kBase));
        CgroupsModel cgroups;
        cgroups.setDocument(&document);
        cgroups.append();
        QCOMPARE(cgroups.rowCount(), 1);
        QVERIFY(document.isValid());
        cgroups.setKey(0, QStringLiteral("maximum"));
        QVERIFY(!document.isValid());
        QVERIFY(!cgroups.index(0).data(CgroupsModel::ErrorRole).toString().isEmpty());
        cgroups.setKey(0, QStringLiteral("high"));
        QVERIFY(document.isValid());
        QVERIFY(document.text().contains(QStringLiteral("high")));
    }

    void aliasMessage() {
        ConfigDocument document(nullptr, ConfigKind::Normal);
        loadText(document, QString::fromLatin1(kBase));
        HeadersForm headers;
        headers.setDocument(&document);
        QVERIFY(headers.aliasError().isEmpty());
        headers.setAlias(QStringLiteral("has space"));
        QVERIFY(!headers.aliasError().isEmpty());
        QVERIFY(!document.isValid());
        headers.setAlias(QStringLiteral("ok-alias"));
        QVERIFY(headers.aliasError().isEmpty());
        QVERIFY(document.text().contains(QStringLiteral("alias: ok-alias")));
    }
};

QTEST_GUILESS_MAIN(TestFormModels)
#include "tst_formmodels.moc"
