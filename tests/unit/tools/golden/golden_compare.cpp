// SPDX-License-Identifier: Apache-2.0
#include "golden_compare.h"

#include "config/yaml/yaml_tree.h"
#include "redpak/base/diagnostic.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>
#include <QSet>
#include <algorithm>
#include <functional>
#include <optional>
#include <vector>

namespace golden {

namespace {

enum class Edit { Same, Removed, Added };

struct Step {
    Edit edit;
    qsizetype index; // in the golden sequence for Same and Removed, in the output for Added
};

// A longest common subsequence alignment, so that one inserted line or array element is
// reported once instead of shifting every comparison after it. The sequences are small (an
// output is a few hundred lines at most): the quadratic table is fine.
std::vector<Step> align(qsizetype goldenSize, qsizetype outputSize,
                        const std::function<bool(qsizetype, qsizetype)>& same) {
    const auto width = static_cast<std::size_t>(outputSize + 1);
    std::vector<int> common(static_cast<std::size_t>(goldenSize + 1) * width, 0);
    const auto at = [&](qsizetype g, qsizetype o) -> int& {
        return common[static_cast<std::size_t>(g) * width + static_cast<std::size_t>(o)];
    };
    for (qsizetype g = goldenSize - 1; g >= 0; --g) {
        for (qsizetype o = outputSize - 1; o >= 0; --o) {
            at(g, o) = same(g, o) ? at(g + 1, o + 1) + 1 : std::max(at(g + 1, o), at(g, o + 1));
        }
    }
    std::vector<Step> steps;
    qsizetype g = 0;
    qsizetype o = 0;
    while (g < goldenSize || o < outputSize) {
        if (g < goldenSize && o < outputSize && same(g, o)) {
            steps.push_back({Edit::Same, g++});
            ++o;
        } else if (o == outputSize || (g < goldenSize && at(g + 1, o) >= at(g, o + 1))) {
            steps.push_back({Edit::Removed, g++});
        } else {
            steps.push_back({Edit::Added, o++});
        }
    }
    return steps;
}

QString compact(const QJsonValue& value) {
    constexpr qsizetype kShown = 160;
    QString text =
        QString::fromUtf8(QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact));
    text = text.mid(1, text.size() - 2); // the value without the array around it
    return text.size() > kShown ? text.left(kShown) + QStringLiteral("...") : text;
}

QString child(const QString& path, const QString& key) {
    return path.isEmpty() ? key : path + QLatin1Char('.') + key;
}

void diffJson(const QString& path, const QJsonValue& golden, const QJsonValue& output,
              QStringList& out);

void diffObjects(const QString& path, const QJsonObject& golden, const QJsonObject& output,
                 QStringList& out) {
    QStringList keys = golden.keys() + output.keys();
    keys.sort();
    keys.removeDuplicates();
    for (const QString& key : keys) {
        if (!output.contains(key)) {
            out << child(path, key) + QStringLiteral(": only in the golden file: ") +
                       compact(golden.value(key));
        } else if (!golden.contains(key)) {
            out << child(path, key) + QStringLiteral(": only in the output: ") +
                       compact(output.value(key));
        } else {
            diffJson(child(path, key), golden.value(key), output.value(key), out);
        }
    }
}

void diffArrays(const QString& path, const QJsonArray& golden, const QJsonArray& output,
                QStringList& out) {
    const auto item = [&path](qsizetype index) {
        return path + QLatin1Char('[') + QString::number(index) + QLatin1Char(']');
    };
    if (golden.size() == output.size()) {
        for (qsizetype i = 0; i < golden.size(); ++i) {
            diffJson(item(i), golden.at(i), output.at(i), out);
        }
        return;
    }
    const auto same = [&](qsizetype g, qsizetype o) { return golden.at(g) == output.at(o); };
    for (const Step& step : align(golden.size(), output.size(), same)) {
        if (step.edit == Edit::Removed) {
            out << item(step.index) + QStringLiteral(": only in the golden file: ") +
                       compact(golden.at(step.index));
        } else if (step.edit == Edit::Added) {
            out << item(step.index) + QStringLiteral(" of the output: only in the output: ") +
                       compact(output.at(step.index));
        }
    }
}

void diffJson(const QString& path, const QJsonValue& golden, const QJsonValue& output,
              QStringList& out) {
    if (golden == output) {
        return;
    }
    if (golden.isObject() && output.isObject()) {
        diffObjects(path, golden.toObject(), output.toObject(), out);
    } else if (golden.isArray() && output.isArray()) {
        diffArrays(path, golden.toArray(), output.toArray(), out);
    } else {
        out << (path.isEmpty() ? QStringLiteral("(top)") : path) + QStringLiteral(": golden ") +
                   compact(golden) + QStringLiteral(", output ") + compact(output);
    }
}

// YAML as the JSON value of its structure: scalars are strings (quoting and style do not
// count), maps are objects (their order does not count).
QJsonValue yamlToJson(const redpak::detail::YamlNode& node) {
    using Kind = redpak::detail::YamlNode::Kind;
    switch (node.kind) {
    case Kind::Scalar:
        return QString::fromStdString(node.text);
    case Kind::Sequence: {
        QJsonArray array;
        for (const redpak::detail::YamlNode& item : node.items) {
            array.append(yamlToJson(item));
        }
        return array;
    }
    case Kind::Map: {
        QJsonObject object;
        for (const redpak::detail::YamlEntry& entry : node.entries) {
            object.insert(QString::fromStdString(entry.key), yamlToJson(entry.value));
        }
        return object;
    }
    case Kind::Null:
        break;
    }
    return QJsonValue(QJsonValue::Null);
}

// The parsed value, or nullopt with the reason in `error`.
std::optional<QJsonValue> parse(Format format, const QByteArray& text, QString& error) {
    if (format == Format::Yaml) {
        try {
            return yamlToJson(redpak::detail::parseYaml(text.toStdString(), "text"));
        } catch (const redpak::InputError& e) {
            error = QStringLiteral("not valid YAML: ") + QString::fromStdString(e.what());
            return std::nullopt;
        }
    }
    QJsonParseError parseError{};
    const QJsonDocument document = QJsonDocument::fromJson(text, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        error = QStringLiteral("not valid JSON: %1 at offset %2")
                    .arg(parseError.errorString())
                    .arg(parseError.offset);
        return std::nullopt;
    }
    return document.isArray() ? QJsonValue(document.array()) : QJsonValue(document.object());
}

QStringList normalisedLines(const QByteArray& text) {
    QStringList lines = QString::fromUtf8(text).split(QLatin1Char('\n'));
    for (QString& line : lines) {
        qsizetype end = line.size();
        while (end > 0 && line.at(end - 1).isSpace()) {
            --end;
        }
        line.truncate(end);
    }
    while (!lines.isEmpty() && lines.constLast().isEmpty()) {
        lines.removeLast();
    }
    return lines;
}

QStringList diffText(const QByteArray& golden, const QByteArray& output) {
    const QStringList g = normalisedLines(golden);
    const QStringList o = normalisedLines(output);
    QStringList out;
    const auto same = [&](qsizetype a, qsizetype b) { return g.at(a) == o.at(b); };
    for (const Step& step : align(g.size(), o.size(), same)) {
        if (step.edit == Edit::Removed) {
            out << QStringLiteral("golden line %1, not in the output: %2")
                       .arg(step.index + 1)
                       .arg(g.at(step.index));
        } else if (step.edit == Edit::Added) {
            out << QStringLiteral("output line %1, not in the golden file: %2")
                       .arg(step.index + 1)
                       .arg(o.at(step.index));
        }
    }
    return out;
}

} // namespace

QStringList differences(Format format, const QByteArray& golden, const QByteArray& output) {
    QStringList out;
    if (format == Format::Text) {
        out = diffText(golden, output);
    } else {
        QString goldenError;
        QString outputError;
        const std::optional<QJsonValue> g = parse(format, golden, goldenError);
        const std::optional<QJsonValue> o = parse(format, output, outputError);
        if (!g) {
            out << QStringLiteral("the golden file is ") + goldenError;
        }
        if (!o) {
            out << QStringLiteral("the output is ") + outputError;
        }
        if (g && o) {
            diffJson(QString(), *g, *o, out);
        }
    }
    if (out.size() > kMaxDifferences) {
        const qsizetype rest = out.size() - kMaxDifferences;
        out.resize(kMaxDifferences);
        out << QStringLiteral("... and %1 more differences").arg(rest);
    }
    return out;
}

} // namespace golden
