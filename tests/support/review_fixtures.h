// SPDX-License-Identifier: Apache-2.0
// Fixtures of the review tests: configs written as YAML text (the way users write them),
// in-memory families placed at /r, /r/c, ... (nothing on disk: the rec. 3 file checks skip
// them), and real nodes on disk for audit records, drift and the command-line tests.
#pragma once

#include "families.h"
#include "files.h"
#include "redpak/config/parser.h"
#include "redpak/config/writer.h"
#include "redpak/merge/merge.h"
#include "redpak/review/diff.h"
#include "redpak/tree/node.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QtTest>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

namespace redpak::test {

// Enumerations of the review code compared by name (QCOMPARE then prints them).
template <typename Enum> QString name(Enum value) {
    const std::string_view text = toString(value);
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

// A whole config file: headers with `alias`, then `body` (YAML sections).
inline std::string configText(const std::string& alias, const std::string& body) {
    return "headers:\n  alias: " + alias + "\n" + body;
}

inline Config parseBody(const std::string& alias, const std::string& body) {
    return parseConfig(configText(alias, body), alias + ".yaml");
}

// One node of an in-memory family: normal body and optional admin body.
struct MemNode {
    std::string path;
    std::string body;
    std::optional<std::string> admin;
};

inline std::vector<FamilyMember> memFamily(const std::vector<MemNode>& nodes) {
    std::vector<FamilyMember> family;
    for (const MemNode& node : nodes) {
        const std::string alias = std::filesystem::path(node.path).filename().string();
        family.push_back(inMemoryMember(
            node.path, parseBody(alias, node.body),
            node.admin ? std::optional<Config>(parseBody(alias, *node.admin)) : std::nullopt));
    }
    return family;
}

inline EffectiveConfig memMerge(const std::vector<MemNode>& nodes,
                                MergeMode mode = MergeMode::Normal) {
    return mergeForReview(memFamily(nodes), mode);
}

// A rednode on disk: status file, normal config and, when given, admin config.
inline void writeNode(const std::filesystem::path& dir, const std::string& body,
                      const std::optional<std::string>& admin = std::nullopt) {
    const std::string alias = dir.filename().string();
    writeText(dir / "etc/redpak.yaml", configText(alias, body));
    if (admin) {
        writeText(dir / "etc/redpak-admin.yaml", configText(alias, *admin));
    }
    writeText(dir / ".rednode.yaml",
              writeStatus(NodeStatus{NodeState::Enable, dir.string(), 1700000000000, "test node"}));
}

// The change of `diff` about `item`, nullptr when there is none.
inline const Change* changeOf(const Diff& diff, const std::string& item) {
    for (const Change& change : diff.changes) {
        if (change.item == item) {
            return &change;
        }
    }
    return nullptr;
}

// A program of the build (build/bin) run to completion: its exit status (-1 when it crashed or
// did not finish within 30 s) and output.
struct Run {
    int status = -1;
    QByteArray out;
    QByteArray err;
    QJsonObject json() const { return QJsonDocument::fromJson(out).object(); }
};

inline Run run(const QString& program, const QStringList& args) {
    QProcess process;
    process.start(QStringLiteral(REDPAK_BIN_DIR) + "/" + program, args);
    if (!process.waitForFinished(30000)) {
        return {};
    }
    return Run{process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
               process.readAllStandardOutput(), process.readAllStandardError()};
}

} // namespace redpak::test
