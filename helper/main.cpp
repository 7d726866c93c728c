// SPDX-License-Identifier: Apache-2.0
// redpak-helper: the privileged D-Bus service of RedPak Manager (org.redpak.Helper on the system
// bus). Started by D-Bus activation through systemd; quits when idle.
//
// Usage: redpak-helper [--config FILE]   (FILE defaults to /etc/redpak/helper.conf; tests
// point it at a private node root)
#include "authority.h"
#include "helper1adaptor.h"
#include "helperconfig.h"
#include "helpererror.h"
#include "helperservice.h"
#include "journal.h"
#include "launcher.h"
#include "nodestore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDBusConnection>
#include <QDBusError>
#include <cap-ng.h>
#include <cstdio>
#include <unistd.h>

namespace {

// What the helper and the launches it starts may ever need (they inherit this bounding set):
// change identity and clear capabilities before bwrap (SETUID, SETGID, SETPCAP), manage files
// of any owner in node roots (CHOWN, FOWNER, DAC_OVERRIDE, DAC_READ_SEARCH) and stop launches
// that run under another uid (KILL). No CAP_SYS_ADMIN.
bool keepOnlyNeededCapabilities() {
    capng_clear(CAPNG_SELECT_BOTH);
    capng_clear(CAPNG_SELECT_BOUNDS);
    const auto selection =
        static_cast<capng_type_t>(CAPNG_EFFECTIVE | CAPNG_PERMITTED | CAPNG_BOUNDING_SET);
    for (const int capability : {CAP_SETUID, CAP_SETGID, CAP_SETPCAP, CAP_CHOWN, CAP_FOWNER,
                                 CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_KILL}) {
        if (capng_update(CAPNG_ADD, selection, static_cast<unsigned>(capability)) != 0) {
            return false;
        }
    }
    return capng_apply(CAPNG_SELECT_BOTH) == 0 && capng_apply(CAPNG_SELECT_BOUNDS) == 0;
}

} // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("redpak-helper"));
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("RedPak Manager privileged helper"));
    parser.addHelpOption();
    const QCommandLineOption configOption(
        QStringLiteral("config"), QStringLiteral("Helper configuration file."),
        QStringLiteral("FILE"), QString::fromLatin1(redpak::helper::kDefaultConfigFile));
    parser.addOption(configOption);
    parser.process(app);

    if (::geteuid() != 0) {
        std::fprintf(stderr, "redpak-helper: must run as root\n");
        return 1;
    }
    if (!keepOnlyNeededCapabilities()) {
        std::fprintf(stderr, "redpak-helper: cannot restrict its capabilities\n");
        return 1;
    }
    redpak::helper::HelperConfig config;
    try {
        config = redpak::helper::HelperConfig::load(parser.value(configOption).toStdString());
    } catch (const redpak::helper::HelperError& error) {
        std::fprintf(stderr, "redpak-helper: %s\n", error.what());
        return 1;
    }

    QDBusConnection bus = QDBusConnection::systemBus();
    if (!bus.isConnected()) {
        std::fprintf(stderr, "redpak-helper: cannot connect to the system bus: %s\n",
                     qPrintable(bus.lastError().message()));
        return 1;
    }
    redpak::helper::Journal journal(config.stateDir);
    redpak::helper::NodeStore store(config, journal);
    redpak::helper::PolkitAuthority authority(bus);
    redpak::helper::Launcher launcher(
        store, QCoreApplication::applicationDirPath() + QStringLiteral("/redpak-helper-launch"),
        parser.value(configOption));
    redpak::helper::HelperService service(bus, store, authority, launcher);
    new Helper1Adaptor(&service); // owned by `service`; exports org.redpak.Helper1
    if (!bus.registerObject(QStringLiteral("/org/redpak/Helper"), &service)) {
        std::fprintf(stderr, "redpak-helper: cannot register /org/redpak/Helper\n");
        return 1;
    }
    if (!bus.registerService(QStringLiteral("org.redpak.Helper"))) {
        std::fprintf(stderr, "redpak-helper: cannot own org.redpak.Helper: %s\n",
                     qPrintable(bus.lastError().message()));
        return 1;
    }
    return app.exec();
}
