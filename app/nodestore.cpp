// SPDX-License-Identifier: Apache-2.0
#include "nodestore.h"

#include "redpak/base/digest.h"
#include "redpak/review/audit_status.h"
#include "redpak/tree/node.h"

#include <QDir>

namespace redpak::gui {

QByteArray contentDigest(const QByteArray& bytes) {
    return QByteArray::fromStdString(
        sha256Hex(std::string_view(bytes.constData(), static_cast<std::size_t>(bytes.size()))));
}

QString configFilePath(const QString& nodeDir, ConfigKind kind) {
    const auto location = locateNode(nodeDir.toStdString());
    if (location) {
        if (kind == ConfigKind::Normal) {
            return QString::fromStdString(location->normalConfig.string());
        }
        if (location->adminConfig) {
            return QString::fromStdString(location->adminConfig->string());
        }
    }
    return QDir(nodeDir).filePath(kind == ConfigKind::Normal
                                      ? QStringLiteral("etc/redpak.yaml")
                                      : QStringLiteral("etc/redpak-admin.yaml"));
}

QList<ReviewedFile> reviewedFiles(const std::vector<AuditedFile>& files) {
    QList<ReviewedFile> reviewed;
    for (const AuditedFile& file : files) {
        reviewed.append(ReviewedFile{QString::fromStdString(file.path),
                                     QByteArray::fromStdString(file.digest)});
    }
    return reviewed;
}

QList<ReviewedFile> currentReviewedFiles(const QString& nodeDir) {
    return reviewedFiles(currentFamilyFiles(nodeDir.toStdString()));
}

} // namespace redpak::gui
