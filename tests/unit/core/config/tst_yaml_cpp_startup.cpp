// SPDX-License-Identifier: Apache-2.0
// yaml-cpp's static constructors are deferred to its first use (core/CMakeLists.txt moves them
// out of .init_array, core/src/yaml_tree.cpp runs them once): the deferred section must hold
// them, and yaml-cpp must read documents and report errors once they ran, every time.
#include "config/yaml/yaml_tree.h"
#include "redpak/base/diagnostic.h"

#include <QTest>

extern "C" {
extern void (*const __start_redpak_yamlcpp_init[])();
extern void (*const __stop_redpak_yamlcpp_init[])();
}

using redpak::detail::YamlNode;

class TestYamlCppStartup : public QObject {
    Q_OBJECT

private slots:
    // None would mean that this yaml-cpp keeps its constructors elsewhere (.ctors, prioritized
    // .init_array.N) and runs them at every start again.
    void constructorsAreDeferred() {
        QVERIFY(__stop_redpak_yamlcpp_init - __start_redpak_yamlcpp_init > 0);
    }

    // Texts the subset reader leaves to yaml-cpp (flow style at the top, an error); each row
    // runs twice, the constructors only once.
    void yamlCppReads_data() {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("firstValue"); // of the first key's first item
        QTest::addColumn<QString>("error");      // part of the diagnostic, "" when valid
        QTest::newRow("flow map") << QByteArray("{a: [x, y]}\n") << "x"
                                  << "";
        QTest::newRow("unterminated flow sequence")
            << QByteArray("a: [x, y\n") << ""
            << "invalid YAML: end of sequence flow not found";
    }
    void yamlCppReads() {
        QFETCH(QByteArray, text);
        QFETCH(QString, firstValue);
        QFETCH(QString, error);
        for (int run = 0; run < 2; ++run) {
            try {
                const YamlNode root = redpak::detail::readYamlCpp(text.toStdString(), "t.yaml");
                QVERIFY2(error.isEmpty(), "accepted");
                QCOMPARE(root.kind, YamlNode::Kind::Map);
                QCOMPARE(QString::fromStdString(root.entries.at(0).value.items.at(0).text),
                         firstValue);
            } catch (const redpak::InputError& e) {
                const QString message = QString::fromStdString(e.diagnostic().format());
                QVERIFY2(!error.isEmpty() && message.contains(error), qPrintable(message));
            }
        }
    }
};

QTEST_APPLESS_MAIN(TestYamlCppStartup)
#include "tst_yaml_cpp_startup.moc"
