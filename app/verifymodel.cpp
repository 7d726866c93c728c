// SPDX-License-Identifier: Apache-2.0
#include "verifymodel.h"

#include "redpak/review/verify_run.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <algorithm>

namespace redpak::gui {

struct VerifyModel::Prepared {
    QString nodeDir;
    VerifyPreparation preparation;
    QString error; // English, from core: the node could not be built
};

VerifyModel::VerifyModel(LaunchModel::LauncherFor launcherFor, QObject* parent)
    : QAbstractListModel(parent), m_launcherFor(std::move(launcherFor)),
      m_probePath(locateProbe()) {}

VerifyModel::~VerifyModel() {
    if (m_worker) {
        m_worker->wait();
    }
}

QString VerifyModel::locateProbe() {
    const QString besideUs =
        QCoreApplication::applicationDirPath() + QStringLiteral("/redpak-probe");
    if (QFileInfo(besideUs).isExecutable()) {
        return besideUs;
    }
    return QStringLiteral(REDPAK_INSTALL_LIBEXECDIR "/redpak-probe");
}

QString VerifyModel::groupTitle(const std::string& group) {
    static const std::pair<const char*, const char*> kTitles[] = {
        {"namespace", QT_TR_NOOP("Namespaces")}, {"capability", QT_TR_NOOP("Capabilities")},
        {"mount", QT_TR_NOOP("Mounts")},         {"family", QT_TR_NOOP("Configuration files")},
        {"identity", QT_TR_NOOP("Identity")},    {"launcher", QT_TR_NOOP("Launcher")},
        {"process", QT_TR_NOOP("Process")},      {"environment", QT_TR_NOOP("Environment")},
    };
    for (const auto& [id, title] : kTitles) {
        if (group == id) {
            return tr(title);
        }
    }
    return QString::fromStdString(group);
}

void VerifyModel::setProbePath(const QString& path) {
    if (path != m_probePath) {
        m_probePath = path;
        Q_EMIT probePathChanged();
    }
}

int VerifyModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_checks.size());
}

QVariant VerifyModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount()) {
        return {};
    }
    const VerifyCheck& check = m_checks[static_cast<std::size_t>(index.row())];
    const auto text = [](const std::string& value) { return QString::fromStdString(value); };
    switch (role) {
    case GroupRole:
        return text(check.group);
    case GroupTitleRole:
        return groupTitle(check.group);
    case SubjectRole:
        return text(check.subject);
    case ExpectedRole:
        return text(check.expected);
    case ObservedRole:
        return text(check.observed.value_or(std::string()));
    case OutcomeRole:
        return QVariant::fromValue(check.outcome == CheckOutcome::Pass   ? Outcome::Pass
                                   : check.outcome == CheckOutcome::Fail ? Outcome::Fail
                                                                         : Outcome::Unknown);
    case OutcomeTextRole:
        return check.outcome == CheckOutcome::Pass   ? tr("pass")
               : check.outcome == CheckOutcome::Fail ? tr("fail")
                                                     : tr("not observable");
    case FailedRole:
        return check.outcome == CheckOutcome::Fail;
    case SeverityRole:
        return text(std::string(toString(check.severity)));
    case ProvenanceRole:
        return text(check.provenance);
    default:
        return {};
    }
}

QHash<int, QByteArray> VerifyModel::roleNames() const {
    return {{GroupRole, "group"},
            {GroupTitleRole, "groupTitle"},
            {SubjectRole, "subject"},
            {ExpectedRole, "expected"},
            {ObservedRole, "observed"},
            {OutcomeRole, "outcome"},
            {OutcomeTextRole, "outcomeText"},
            {FailedRole, "failed"},
            {SeverityRole, "severity"},
            {ProvenanceRole, "provenance"}};
}

int VerifyModel::count(CheckOutcome outcome) const {
    return static_cast<int>(
        std::count_if(m_checks.begin(), m_checks.end(),
                      [outcome](const VerifyCheck& c) { return c.outcome == outcome; }));
}

bool VerifyModel::groupPassed(const QString& title) const {
    return std::none_of(m_checks.begin(), m_checks.end(), [&title](const VerifyCheck& c) {
        return c.outcome != CheckOutcome::Pass && groupTitle(c.group) == title;
    });
}

void VerifyModel::setStatus(Status status, const QString& error) {
    m_status = status;
    m_errorText = error;
    Q_EMIT statusChanged();
}

void VerifyModel::verify(const QString& nodeDir, bool admin) {
    const quint64 generation = ++m_generation;
    beginResetModel();
    m_checks.clear();
    m_contradicted.clear();
    endResetModel();
    m_nodePath = nodeDir;
    Launcher* launcher = m_launcherFor(nodeDir);
    if (!launcher || !launcher->capturesFromThisProcess()) {
        setStatus(Status::Unsupported);
        return;
    }
    setStatus(Status::Preparing);
    auto prepared = std::make_shared<Prepared>();
    prepared->nodeDir = nodeDir;
    const std::string probe = m_probePath.toStdString();
    // Merging runs the node's commands and analysing reads its files: off the GUI thread.
    QThread* worker = QThread::create([prepared, probe, admin] {
        try {
            prepared->preparation =
                prepareVerify(prepared->nodeDir.toStdString(),
                              admin ? MergeMode::Admin : MergeMode::Normal, probe);
        } catch (const std::exception& error) { // InputError, or the file system's
            prepared->error = QString::fromLocal8Bit(error.what());
        }
    });
    m_worker = worker;
    connect(worker, &QThread::finished, worker, &QObject::deleteLater);
    connect(worker, &QThread::finished, this, [this, generation, prepared, admin] {
        if (generation != m_generation) {
            return;
        }
        if (!prepared->error.isEmpty()) {
            setStatus(Status::Error, prepared->error);
            return;
        }
        launchProbe(generation, prepared, admin);
    });
    worker->start();
}

void VerifyModel::launchProbe(quint64 generation, const std::shared_ptr<Prepared>& prepared,
                              bool admin) {
    Launcher* launcher = m_launcherFor(prepared->nodeDir);
    if (!launcher) {
        setStatus(Status::Unsupported);
        return;
    }
    LaunchRequest request{prepared->nodeDir, {}, admin};
    for (const std::string& arg : prepared->preparation.probeCommand) {
        request.command << QString::fromStdString(arg);
    }
    setStatus(Status::Running);
    launcher->capture(request, this, [this, generation, prepared](const CaptureResult& result) {
        if (generation != m_generation) {
            return;
        }
        if (!result.ok) {
            setStatus(Status::Error, result.error);
            return;
        }
        finish(prepared, result.standardOutput);
    });
}

void VerifyModel::finish(const std::shared_ptr<Prepared>& prepared, const QByteArray& probeOutput) {
    VerifyResult result;
    try {
        result = completeVerify(std::move(prepared->preparation), probeOutput.toStdString());
    } catch (const InputError& error) {
        setStatus(Status::Error, QString::fromLocal8Bit(error.what()));
        return;
    }
    beginResetModel();
    m_checks = std::move(result.checks);
    endResetModel();
    for (const CheckedFinding& checked : result.findings) {
        if (const auto& c = checked.contradiction) {
            m_contradicted.append(
                QVariantMap{{QStringLiteral("id"), QString::fromStdString(checked.finding.id)},
                            {QStringLiteral("item"), QString::fromStdString(checked.finding.item)},
                            {QStringLiteral("claimed"), QString::fromStdString(c->claimed)},
                            {QStringLiteral("check"),
                             QString::fromStdString(c->checkGroup + " " + c->checkSubject)},
                            {QStringLiteral("observed"), QString::fromStdString(c->observed)}});
        }
    }
    setStatus(Status::Done);
}

} // namespace redpak::gui
