// SPDX-License-Identifier: Apache-2.0
// A small rednode family on disk for GUI tests, made with core's createNode like
// `redconf create` does:
//   platform   root template (+ its admin file)
//   platform/apps      PS1 and an export redefined by...
//   platform/apps/browser
// plus `broken`, a node whose normal config does not parse.
#pragma once

#include "redpak/tree/create.h"

#include <QDir>
#include <QFile>
#include <QString>
#include <QTemporaryDir>

namespace redpak::gui::test {

inline constexpr const char* kAppsConfig = R"(headers:
  alias: apps
config:
  share_net: disabled
environ:
  - key: PS1
    value: 'apps> '
  - key: APPS_LAYER
    mode: Static
    value: demo
exports:
  - mode: Tmpfs
    mount: /home/apps
)";

inline constexpr const char* kBrowserConfig = R"(headers:
  alias: browser
config:
  hostname: browser
environ:
  - key: PS1
    value: 'browser> '
exports:
  - mode: Restricted
    mount: /opt/browser
    path: /usr/share
)";

class TestTree {
public:
    TestTree() {
        write(QStringLiteral("apps.yaml"), kAppsConfig);
        write(QStringLiteral("browser.yaml"), kBrowserConfig);
        create(platform(), QStringLiteral("platform"), {}, "root");
        create(apps(), QStringLiteral("apps"), m_files.filePath(QStringLiteral("apps.yaml")));
        create(browser(), QStringLiteral("browser"),
               m_files.filePath(QStringLiteral("browser.yaml")));
        create(broken(), QStringLiteral("broken"), {});
        QFile file(broken() + QStringLiteral("/etc/redpak.yaml"));
        file.open(QIODevice::WriteOnly | QIODevice::Truncate);
        file.write("headers:\n  alias: broken\nconfig:\n  share_net: sometimes\n");
    }

    bool isValid() const { return m_root.isValid() && m_files.isValid(); }
    QString root() const { return m_root.path(); }
    QString platform() const { return m_root.filePath(QStringLiteral("platform")); }
    QString apps() const { return platform() + QStringLiteral("/apps"); }
    QString browser() const { return apps() + QStringLiteral("/browser"); }
    QString broken() const { return m_root.filePath(QStringLiteral("broken")); }

private:
    void write(const QString& name, const char* text) {
        QFile file(m_files.filePath(name));
        file.open(QIODevice::WriteOnly);
        file.write(text);
    }
    static void create(const QString& dir, const QString& alias, const QString& config,
                       const char* templateName = "leaf") {
        CreateOptions options;
        options.dir = dir.toStdString();
        options.alias = alias.toStdString();
        options.templateName = templateName;
        if (!config.isEmpty()) {
            options.normalConfig = config.toStdString();
        }
        createNode(options);
    }

    QTemporaryDir m_root;
    QTemporaryDir m_files;
};

} // namespace redpak::gui::test
