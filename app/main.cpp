// SPDX-License-Identifier: Apache-2.0
// redpak-manager: opens node roots, shows the GUI, or renders it to an image (--screenshot), or
// prints how long it takes to show and inspect the tree (--bench-timings).
#include "benchtimings.h"
#include "defaulttrees.h"
#include "helperlauncher.h"
#include "locallauncher.h"
#include "redpak/base/diagnostic.h"
#include "redpak/tree/node.h"
#include "session.h"
#include "workspace.h"

#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QGuiApplication>
#include <QIcon>
#include <QImage>
#include <QLibraryInfo>
#include <QLocale>
#include <QQmlApplicationEngine>
#include <QQmlContext>
#include <QQmlExtensionPlugin>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QStandardPaths>
#include <QTimer>
#include <QTranslator>
#include <cstdio>

Q_IMPORT_QML_PLUGIN(RedPak_ModelsPlugin)
Q_IMPORT_QML_PLUGIN(RedPak_ManagerPlugin)

using namespace redpak::gui;

namespace {

// Time given to asynchronous loads (documents, merge) before a screenshot is taken.
constexpr int kScreenshotDelayMs = 1200;
// How often a screenshot waiting for the tree's inspection looks again.
constexpr int kInspectionPollMs = 50;

void installTranslations(QCoreApplication& app) {
    auto* qtTranslator = new QTranslator(&app);
    if (qtTranslator->load(QLocale(), QStringLiteral("qt"), QStringLiteral("_"),
                           QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qtTranslator);
    }
    auto* translator = new QTranslator(&app);
    if (translator->load(QLocale(), QStringLiteral("redpak-manager"), QStringLiteral("_"),
                         QStringLiteral(":/i18n"))) {
        QCoreApplication::installTranslator(translator);
    }
}

// The root directory of the family of `nodeDir` (its top node), or nodeDir itself.
QString familyRoot(const QString& nodeDir) {
    try {
        const auto family = redpak::locateFamily(nodeDir.toStdString());
        if (!family.empty()) {
            return QString::fromStdString(family.front().base.string());
        }
    } catch (const redpak::InputError&) {
    }
    return nodeDir;
}

struct CommandLineOptions {
    QCommandLineOption root;
    QCommandLineOption redpath;
    QCommandLineOption screenshot;
    QCommandLineOption bench;
};

CommandLineOptions addOptions(QCommandLineParser& parser) {
    parser.setApplicationDescription(
        QCoreApplication::translate("main", "Browse, edit, review and launch rednodes."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption rootOption(
        QStringLiteral("root"),
        QCoreApplication::translate("main", "Open the node root DIR (repeatable)."),
        QStringLiteral("DIR"));
    const QCommandLineOption redpathOption(
        QStringLiteral("redpath"), QCoreApplication::translate("main", "Select the node DIR."),
        QStringLiteral("DIR"));
    const QCommandLineOption screenshotOption(
        QStringLiteral("screenshot"),
        QCoreApplication::translate("main", "Render the main window to FILE (PNG) and exit."),
        QStringLiteral("FILE"));
    const QCommandLineOption benchOption(
        QStringLiteral("bench-timings"),
        QCoreApplication::translate("main",
                                    "Print as JSON the time to the first frame, to the tree "
                                    "inspected and to a leaf's change shown, and exit."));
    parser.addOptions({rootOption, redpathOption, screenshotOption, benchOption});
    return {rootOption, redpathOption, screenshotOption, benchOption};
}

void setApplicationNames() {
    QCoreApplication::setOrganizationName(QStringLiteral("redpak"));
    QCoreApplication::setApplicationName(QStringLiteral("redpak-manager"));
    QCoreApplication::setApplicationVersion(QStringLiteral(REDPAK_VERSION));
}

// --help and --version are answered without a display: QGuiApplication needs one (xcb aborts
// without it), a QCoreApplication does not.
void answerHelpOrVersion(int argc, char* argv[]) {
    const QStringList helpOrVersion{QStringLiteral("-h"), QStringLiteral("--help"),
                                    QStringLiteral("-?"), QStringLiteral("--help-all"),
                                    QStringLiteral("-v"), QStringLiteral("--version")};
    for (int i = 1; i < argc; ++i) {
        if (helpOrVersion.contains(QString::fromLocal8Bit(argv[i]))) {
            QCoreApplication app(argc, argv);
            setApplicationNames();
            installTranslations(app);
            QCommandLineParser parser;
            addOptions(parser);
            parser.process(app); // prints and exits
        }
    }
}

// Renders `window` to `file` and exits, once every badge of the tree arrived.
void screenshotWhenInspected(QQuickWindow* window, const NodeTreeModel* tree, const QString& file) {
    if (tree->isInspecting()) {
        QTimer::singleShot(kInspectionPollMs, window,
                           [window, tree, file] { screenshotWhenInspected(window, tree, file); });
        return;
    }
    const QImage image = window->grabWindow();
    if (image.isNull() || !image.save(file)) {
        std::fprintf(stderr, "redpak-manager: could not write %s\n", qPrintable(file));
        QCoreApplication::exit(1);
        return;
    }
    QCoreApplication::exit(0);
}

} // namespace

int main(int argc, char* argv[]) {
    QElapsedTimer sinceStart;
    sinceStart.start();
    // Software rendering unless the user chose a backend: the machines this runs on (build
    // servers, remote sessions) often have no GPU.
    if (qEnvironmentVariableIsEmpty("QT_QUICK_BACKEND")) {
        QQuickWindow::setGraphicsApi(QSGRendererInterface::Software);
    }
    answerHelpOrVersion(argc, argv);
    QGuiApplication app(argc, argv);
    setApplicationNames();
    QGuiApplication::setApplicationDisplayName(QStringLiteral("RedPak Manager"));
    QGuiApplication::setDesktopFileName(QStringLiteral("org.redpak.Manager"));
    QGuiApplication::setWindowIcon(
        QIcon::fromTheme(QStringLiteral("org.redpak.Manager"),
                         QIcon(QStringLiteral(":/icons/org.redpak.Manager.png"))));
    installTranslations(app);
    if (qEnvironmentVariableIsEmpty("QT_QUICK_CONTROLS_STYLE")) {
        QQuickStyle::setStyle(QStringLiteral("Fusion"));
    }

    QCommandLineParser parser;
    const CommandLineOptions options = addOptions(parser);
    parser.process(app);

    Workspace workspace;
    // A root that cannot be opened is said in the window (and on stderr), not a silent exit.
    for (const QString& root : parser.values(options.root)) {
        if (!workspace.openRoot(root)) {
            std::fprintf(stderr, "redpak-manager: %s: not a directory\n", qPrintable(root));
        }
    }
    if (!parser.isSet(options.root) && !parser.isSet(options.redpath)) {
        openDefaultTrees(&workspace);
    }
    const QString redpath =
        parser.isSet(options.redpath)
            ? QDir::cleanPath(QDir(parser.value(options.redpath)).absolutePath())
            : QString();
    if (!redpath.isEmpty() && !workspace.storeFor(redpath)) {
        workspace.addRoot(familyRoot(redpath));
    }

    LocalLauncher localLauncher(LocalLauncher::locateRedwrap());
    std::unique_ptr<HelperLauncher> helperLauncher; // created when a system node launches
    Session session(&workspace, [&](const QString& nodeDir) -> Launcher* {
        const NodeStore* store = workspace.storeFor(nodeDir);
        if (store && store->usesHelper()) {
            if (!helperLauncher) {
                helperLauncher = std::make_unique<HelperLauncher>();
            }
            return helperLauncher.get();
        }
        return &localLauncher;
    });
    if (!redpath.isEmpty()) {
        session.setCurrentNode(redpath);
    }

    QQmlApplicationEngine engine;
    engine.addImportPath(QStringLiteral("qrc:/qt/qml"));
    engine.setInitialProperties({{QStringLiteral("session"), QVariant::fromValue(&session)}});
    engine.load(QUrl(QStringLiteral("qrc:/qt/qml/RedPak/Manager/Main.qml")));
    if (engine.rootObjects().isEmpty()) {
        return 1;
    }
    auto* window = qobject_cast<QQuickWindow*>(engine.rootObjects().constFirst());
    if (parser.isSet(options.screenshot) && window) {
        const QString file = parser.value(options.screenshot);
        QTimer::singleShot(kScreenshotDelayMs, &app, [window, tree = session.tree(), file] {
            screenshotWhenInspected(window, tree, file);
        });
    }
    if (parser.isSet(options.bench) && window) {
        new BenchTimings(&session, window, sinceStart, &app);
    }
    return app.exec();
}
