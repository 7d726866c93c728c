// SPDX-License-Identifier: Apache-2.0
// Desktop entries: what is accepted and refused (with the line), how Exec splits and expands,
// that what is written reads back, and that desktop-file-validate agrees with the parser.
#include "files.h"
#include "redpak/base/diagnostic.h"
#include "redpak/config/desktop_entry.h"

#include <QObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>

using namespace redpak;

namespace {

using Arguments = std::vector<std::string>;

const char* const kHeader = "[Desktop Entry]\nType=Application\nName=App\n";

std::string entryWithExec(const std::string& exec) {
    return std::string(kHeader) + "Exec=" + exec + "\n";
}

Arguments argumentsOf(const QStringList& list) {
    Arguments out;
    for (const QString& item : list) {
        out.push_back(item.toStdString());
    }
    return out;
}

// desktop-file-validate's verdict on `text`, nullopt when the host does not have it.
std::optional<bool> validatorAccepts(const std::string& text) {
    const QString validator = QStandardPaths::findExecutable("desktop-file-validate");
    if (validator.isEmpty()) {
        return std::nullopt;
    }
    QTemporaryDir dir;
    const std::filesystem::path file = dir.filePath("app.desktop").toStdString();
    test::writeText(file, text);
    QProcess process;
    process.start(validator, {QString::fromStdString(file.string())});
    process.waitForFinished();
    return process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
}

} // namespace

class TestDesktopEntry : public QObject {
    Q_OBJECT

private slots:
    void accepts_data();
    void accepts();
    void refuses_data();
    void refuses();
    void expandsFieldCodes_data();
    void expandsFieldCodes();
    void writtenEntriesReadBack_data();
    void writtenEntriesReadBack();
    void decodesValuesAndLists();
    void newApplicationKeepsItsFileCode();
    void fileArgumentsCodeFollowsTheEntry_data();
    void fileArgumentsCodeFollowsTheEntry();
    void sessionBusNames_data();
    void sessionBusNames();
};

void TestDesktopEntry::accepts_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("exec");
    QTest::newRow("minimal") << QString::fromStdString(entryWithExec("xeyes"))
                             << QStringList{"xeyes"};
    QTest::newRow("comments, blank lines, spaces around =")
        << "# a comment\n\n[Desktop Entry]\nType = Application\nName= App\nExec =xterm -e top\n"
        << QStringList{"xterm", "-e", "top"};
    QTest::newRow("quoted argument with escapes")
        << QString::fromStdString(entryWithExec(R"(sh -c "echo \\"a b\\" \\$HOME \\\\")"))
        << QStringList{"sh", "-c", R"(echo "a b" $HOME \)"};
    QTest::newRow("locale keys and actions")
        << "[Desktop Entry]\nType=Application\nName=App\nName[fr]=Appli\nExec=app %U\n"
           "Actions=new;\n\n[Desktop Action new]\nName=New\nExec=app --new\n"
        << QStringList{"app", "%U"};
    QTest::newRow("booleans") << QString::fromStdString(
                                     std::string(kHeader) +
                                     "Exec=app\nTerminal=true\nNoDisplay=false\n")
                              << QStringList{"app"};
}

void TestDesktopEntry::accepts() {
    QFETCH(QString, text);
    QFETCH(QStringList, exec);
    const DesktopEntry entry = DesktopEntry::parse(text.toStdString(), "app.desktop");
    QCOMPARE(entry.name(), std::string("App"));
    QCOMPARE(entry.execTokens(), argumentsOf(exec));
    if (const auto verdict = validatorAccepts(text.toStdString())) {
        QVERIFY2(*verdict, "desktop-file-validate refuses an entry the parser accepts");
    }
}

void TestDesktopEntry::refuses_data() {
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("line");
    QTest::addColumn<QString>("message");
    // Whether desktop-file-validate refuses it too; it only warns about unknown escapes and an
    // empty Exec, and a Link is valid for it (a node only runs applications).
    QTest::addColumn<bool>("invalidForValidator");
    QTest::newRow("no group") << QByteArray("Name=App\n") << 1 << "before the first group" << true;
    QTest::newRow("first group") << QByteArray("[Other]\nName=App\n") << 1
                                 << "must be [Desktop Entry]" << true;
    QTest::newRow("not a key") << QByteArray(
                                      "[Desktop Entry]\nType=Application\nName=App\nExec=a\njunk\n")
                               << 5 << "Key=Value" << true;
    QTest::newRow("repeated key")
        << QByteArray("[Desktop Entry]\nType=Application\nName=A\nName=B\nExec=a\n") << 4
        << "already set on line 3" << true;
    QTest::newRow("bad key") << QByteArray(
                                    "[Desktop Entry]\nType=Application\nName=A\nExec=a\nX_Y=1\n")
                             << 5 << "invalid key" << true;
    QTest::newRow("no name") << QByteArray("[Desktop Entry]\nType=Application\nExec=a\n") << 1
                             << "no Name" << true;
    QTest::newRow("no exec") << QByteArray("[Desktop Entry]\nType=Application\nName=A\n") << 1
                             << "no Exec" << false;
    QTest::newRow("link") << QByteArray("[Desktop Entry]\nType=Link\nName=A\nURL=http://x\n") << 2
                          << "only Type=Application" << false;
    QTest::newRow("bad boolean") << QByteArray::fromStdString(std::string(kHeader) +
                                                              "Exec=a\nTerminal=yes\n")
                                 << 5 << "expected true or false" << true;
    QTest::newRow("bad escape") << QByteArray::fromStdString(std::string(kHeader) +
                                                             "Exec=a\nComment=a\\qb\n")
                                << 5 << "invalid escape" << false;
    QTest::newRow("unclosed quote")
        << QByteArray::fromStdString(entryWithExec("sh -c \"echo")) << 4 << "not closed" << true;
    QTest::newRow("reserved character unquoted")
        << QByteArray::fromStdString(entryWithExec("sh -c echo;ls")) << 4 << "double-quoted"
        << true;
    QTest::newRow("bad escape in quotes")
        << QByteArray::fromStdString(entryWithExec(R"(sh -c "\\n")")) << 4 << "backslash must"
        << true;
    QTest::newRow("empty exec") << QByteArray::fromStdString(entryWithExec("")) << 4
                                << "Exec is empty" << false;
    QTest::newRow("invalid UTF-8")
        << QByteArray("[Desktop Entry]\nName=\xff\n") << 2 << "UTF-8" << true;
}

void TestDesktopEntry::refuses() {
    QFETCH(QByteArray, text);
    QFETCH(int, line);
    QFETCH(QString, message);
    QFETCH(bool, invalidForValidator);
    const std::string bytes = text.toStdString();
    try {
        DesktopEntry::parse(bytes, "app.desktop");
        QFAIL("accepted");
    } catch (const InputError& error) {
        QCOMPARE(error.diagnostic().file, std::string("app.desktop"));
        QCOMPARE(error.diagnostic().line, line);
        QVERIFY2(QString::fromStdString(error.diagnostic().message).contains(message),
                 error.diagnostic().message.c_str());
    }
    if (const auto verdict = validatorAccepts(bytes); verdict && invalidForValidator) {
        QVERIFY2(!*verdict, "desktop-file-validate accepts an entry the parser refuses");
    }
}

void TestDesktopEntry::expandsFieldCodes_data() {
    QTest::addColumn<QString>("exec");
    QTest::addColumn<QStringList>("files");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("%U with two") << "app %U" << QStringList{"a", "b c"}
                                 << QStringList{"app", "a", "b c"};
    QTest::newRow("%U with none") << "app %U" << QStringList{} << QStringList{"app"};
    QTest::newRow("%f takes the first")
        << "app %f" << QStringList{"a", "b"} << QStringList{"app", "a"};
    QTest::newRow("%f with none") << "app %f --x" << QStringList{} << QStringList{"app", "--x"};
    QTest::newRow("files not asked for are dropped")
        << "app" << QStringList{"a"} << QStringList{"app"};
    QTest::newRow("%i %c %k %%") << "app %i --title=%c %k 100%%" << QStringList{}
                                 << QStringList{
                                        "app", "--icon", "icon", "--title=App", "/apps/app.desktop",
                                        "100%"};
    QTest::newRow("deprecated codes") << "app %d %n %m" << QStringList{} << QStringList{"app"};
    QTest::newRow("embedded %u") << "app --open=%u" << QStringList{"x"}
                                 << QStringList{"app", "--open=x"};
}

void TestDesktopEntry::expandsFieldCodes() {
    QFETCH(QString, exec);
    QFETCH(QStringList, files);
    QFETCH(QStringList, expected);
    const DesktopEntry entry = DesktopEntry::parse(
        std::string(kHeader) + "Icon=icon\nExec=" + exec.toStdString() + "\n", "app.desktop");
    QCOMPARE(execArguments(entry, argumentsOf(files), "/apps/app.desktop", "app.desktop"),
             argumentsOf(expected));
}

void TestDesktopEntry::writtenEntriesReadBack_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<QStringList>("command");
    QTest::newRow("plain") << "Eyes" << QStringList{"/usr/bin/xeyes"};
    QTest::newRow("shell with quotes")
        << "Shell" << QStringList{"/bin/sh", "-c", R"(echo "$HOME" 'x' \ `id` 100% ; ls)"};
    QTest::newRow("empty and spaced arguments")
        << "Name with spaces" << QStringList{"prog", "", " lead", "tab\there", "new\nline"};
    QTest::newRow("field-code look-alikes") << "Percent" << QStringList{"printf", "%U %f %%"};
}

void TestDesktopEntry::writtenEntriesReadBack() {
    QFETCH(QString, name);
    QFETCH(QStringList, command);
    NewApplication application;
    application.name = name.toStdString();
    application.command = argumentsOf(command);
    application.icon = "utilities-terminal";
    application.categories = {"Utility", "System"};
    const std::string text = formatDesktopEntry(application, "app.desktop");
    const DesktopEntry entry = DesktopEntry::parse(text, "app.desktop");
    QCOMPARE(entry.name(), application.name);
    QCOMPARE(entry.icon(), application.icon);
    QCOMPARE(entry.categories(), application.categories);
    // Literal arguments come back literally: no field code is left in them.
    QCOMPARE(execArguments(entry, {"file"}, "", "app.desktop"), application.command);
    if (const auto verdict = validatorAccepts(text)) {
        QVERIFY2(*verdict, text.c_str());
    }
}

void TestDesktopEntry::decodesValuesAndLists() {
    const DesktopEntry entry =
        DesktopEntry::parse(std::string(kHeader) + "Exec=a\nComment=\\sone\\ttwo\\nthree\\\\\n"
                                                   "Categories=A;B\\;C;;D\nKeywords=x\\;y\n",
                            "app.desktop");
    QCOMPARE(*entry.value("Comment"), std::string(" one\ttwo\nthree\\"));
    QCOMPARE(entry.categories(), (Arguments{"A", "B;C", "D"}));
    QCOMPARE(*entry.value("Keywords"), std::string("x;y"));
    QVERIFY(!entry.value("Missing"));
    QCOMPARE(encodeDesktopString(" a\\b\n"), std::string("\\sa\\\\b\\n"));
}

void TestDesktopEntry::newApplicationKeepsItsFileCode() {
    NewApplication application;
    application.name = "Viewer";
    application.command = {"viewer", "--title=%F", "%F", "100%"};
    const DesktopEntry entry =
        DesktopEntry::parse(formatDesktopEntry(application, "app.desktop"), "app.desktop");
    QCOMPARE(execArguments(entry, {"a", "b"}, "", "app.desktop"),
             (Arguments{"viewer", "--title=%F", "a", "b", "100%"}));
    QCOMPARE(std::string(fileArgumentsCode(entry)), std::string("%F"));
}

void TestDesktopEntry::fileArgumentsCodeFollowsTheEntry_data() {
    QTest::addColumn<QString>("exec");
    QTest::addColumn<QString>("code");
    QTest::newRow("none") << "app --x"
                          << "";
    QTest::newRow("%f") << "app %f"
                        << "%F";
    QTest::newRow("%F") << "app %F"
                        << "%F";
    QTest::newRow("%u") << "app %u"
                        << "%U";
    QTest::newRow("%U after %f") << "app %f --url=%U"
                                 << "%U";
    QTest::newRow("%%f is not a file") << "printf 100%%f"
                                       << "";
}

void TestDesktopEntry::fileArgumentsCodeFollowsTheEntry() {
    QFETCH(QString, exec);
    QFETCH(QString, code);
    const DesktopEntry entry =
        DesktopEntry::parse(entryWithExec(exec.toStdString()), "app.desktop");
    QCOMPARE(QString::fromStdString(std::string(fileArgumentsCode(entry))), code);
}

void TestDesktopEntry::sessionBusNames_data() {
    QTest::addColumn<QString>("line"); // "" for no key
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QStringList>("names");
    QTest::newRow("absent: no bus") << "" << true << QStringList{};
    QTest::newRow("portals") << "X-RedPak-Session-Bus=portals;\n"
                             << true << QStringList{"org.freedesktop.portal.*"};
    QTest::newRow("names, sorted, once")
        << "X-RedPak-Session-Bus=org.b.C;portals;org.a_1.B-2;org.b.C\n"
        << true << QStringList{"org.a_1.B-2", "org.b.C", "org.freedesktop.portal.*"};
    QTest::newRow("prefix") << "X-RedPak-Session-Bus=org.example.*\n"
                            << true << QStringList{"org.example.*"};
    QTest::newRow("one element") << "X-RedPak-Session-Bus=org\n" << false << QStringList{};
    QTest::newRow("unique name") << "X-RedPak-Session-Bus=:1.5\n" << false << QStringList{};
    QTest::newRow("digit first") << "X-RedPak-Session-Bus=org.1a\n" << false << QStringList{};
    QTest::newRow("everything") << "X-RedPak-Session-Bus=*\n" << false << QStringList{};
    QTest::newRow("empty element") << "X-RedPak-Session-Bus=org..a\n" << false << QStringList{};
    QTest::newRow("option") << "X-RedPak-Session-Bus=--own=org.a.B\n" << false << QStringList{};
}

void TestDesktopEntry::sessionBusNames() {
    QFETCH(QString, line);
    QFETCH(bool, valid);
    QFETCH(QStringList, names);
    const std::string text = std::string(kHeader) + "Exec=a\n" + line.toStdString();
    if (!valid) {
        QVERIFY_THROWS_EXCEPTION(InputError, DesktopEntry::parse(text, "app.desktop"));
        return;
    }
    const DesktopEntry entry = DesktopEntry::parse(text, "app.desktop");
    QCOMPARE(entry.sessionBus().has_value(), !line.isEmpty());
    QStringList got;
    for (const std::string& name : entry.sessionBus().value_or(std::vector<std::string>())) {
        got << QString::fromStdString(name);
    }
    QCOMPARE(got, names);
}

QTEST_APPLESS_MAIN(TestDesktopEntry)
#include "tst_desktop_entry.moc"
