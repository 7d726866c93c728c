// SPDX-License-Identifier: Apache-2.0
// The helper's audit journal (helper.conf state-dir, default /var/lib/redpak/journal): one JSON
// object per line, appended for every change made through the helper (who from the bus, when,
// node, action, digests before and after) and for every launch, stop and exit of a launch
// (launch id, the identity it runs as, admin mode, exit status), root-owned, mode 0600, never
// rewritten.
#pragma once

#include "nodeidentity.h"

#include <QString>
#include <filesystem>
#include <mutex>
#include <optional>
#include <sys/types.h>

namespace redpak::helper {

struct JournalEntry {
    uid_t uid = 0;
    // "node.create", "node.delete", "config.write", "application.write",
    // "application.remove", "audit.approve", "node.launch", "node.stop", "node.exit"
    QString action;
    QString node; // NodeName text
    QString file; // "normal", "admin", "applications/ID.desktop" or empty
    QString oldDigest;
    QString newDigest;
    // Launches ("launch"; "user", "group", "admin" for node.launch; "status" for node.exit:
    // exit code or 128 + signal, -1 when the launcher could not start).
    std::optional<qulonglong> launchId;
    std::optional<NodeIdentity> identity;
    std::optional<bool> admin;
    std::optional<int> status;

    // A change of a node's files (no launch fields).
    static JournalEntry change(uid_t uid, QString action, QString node, QString file,
                               QString oldDigest, QString newDigest);
};

class Journal {
public:
    explicit Journal(std::filesystem::path stateDir);

    // Appends one line (with the current time) and syncs it; creates the state directory
    // when missing. Throws HelperError(Failed).
    void append(const JournalEntry& entry);

private:
    std::filesystem::path m_stateDir;
    std::mutex m_mutex; // one writer at a time: lines never interleave
};

} // namespace redpak::helper
