// SPDX-License-Identifier: Apache-2.0
// What the integration tests share: running the real programs (as root or, through setpriv, as
// another identity), writing input files, the exports every runnable node starts from, and
// system users made for a test run and removed after it.
#pragma once

#include <QFile>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <optional>
#include <pwd.h>
#include <sys/types.h>

namespace redpak::test {

// Where redwrap and redconf of this build are.
inline const QString kBin = QStringLiteral(REDPAK_BIN_DIR);

struct Run {
    int exitCode = -1; // -1 when the program crashed or did not finish in time
    QString out;
    QString err;
};

struct Identity {
    uid_t uid = 0;
    gid_t gid = 0;
};

inline const Identity kNobody{65534, 65534};

// Runs `program args`, through setpriv as `as` (no supplementary groups) when given; killed
// after 30 s.
inline Run runProgram(const QString& program, const QStringList& args,
                      std::optional<Identity> as = std::nullopt) {
    QProcess process;
    if (as) {
        process.start("setpriv", QStringList{"--reuid=" + QString::number(as->uid),
                                             "--regid=" + QString::number(as->gid),
                                             "--clear-groups", "--", program} +
                                     args);
    } else {
        process.start(program, args);
    }
    if (!process.waitForFinished(30000)) {
        process.kill();
        process.waitForFinished();
    }
    return Run{process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
               QString::fromUtf8(process.readAllStandardOutput()),
               QString::fromUtf8(process.readAllStandardError())};
}

inline bool writeFile(const QString& path, const QByteArray& content) {
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) &&
           file.write(content) == content.size();
}

// The items of an `exports:` list that a shell needs: the host's /usr read-only and a minimal
// /dev and /proc.
inline const QByteArray kBaseExports = R"(
  - mode: Restricted
    mount: /usr
  - mode: Symlink
    mount: /bin
    path: usr/bin
  - mode: Symlink
    mount: /lib
    path: usr/lib
  - mode: Symlink
    mount: /lib64
    path: usr/lib64
  - mode: Procfs
    mount: /proc
  - mode: Devfs
    mount: /dev
)";

// A system user without home or login shell, made with useradd for the test run and removed
// with userdel when this object goes. With IfExists::Reuse, a user of that name already there
// is taken as it is and left in place; with IfExists::Fail, useradd refuses it.
class TestUser {
public:
    enum class IfExists { Fail, Reuse };

    TestUser(const QString& name, IfExists ifExists, const QStringList& useraddOptions = {})
        : m_name(name) {
        if (!(ifExists == IfExists::Reuse && lookUp())) {
            const Run added = runProgram("useradd", QStringList{"--system"} + useraddOptions +
                                                        QStringList{"--no-create-home", "--shell",
                                                                    "/usr/sbin/nologin", name});
            m_created = added.exitCode == 0;
            m_error = added.err;
            if (m_created && !lookUp()) {
                m_error = "useradd made " + name + " but getpwnam does not find it";
            }
        }
    }
    ~TestUser() {
        if (m_created) {
            runProgram("userdel", {m_name});
        }
    }
    TestUser(const TestUser&) = delete;
    TestUser& operator=(const TestUser&) = delete;

    bool isValid() const { return m_identity.has_value(); }
    const QString& name() const { return m_name; }
    Identity identity() const { return m_identity.value_or(Identity{}); }
    const QString& error() const { return m_error; } // why it is not valid

private:
    bool lookUp() {
        const passwd* entry = ::getpwnam(m_name.toLocal8Bit().constData());
        if (entry) {
            m_identity = Identity{entry->pw_uid, entry->pw_gid};
        }
        return entry != nullptr;
    }

    QString m_name;
    std::optional<Identity> m_identity;
    bool m_created = false;
    QString m_error;
};

} // namespace redpak::test
