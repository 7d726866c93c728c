// SPDX-License-Identifier: Apache-2.0
// core SHA-256 (redpak/digest.h) against the FIPS 180-4 / NIST example vectors, including
// inputs that end right at and around the 56- and 64-byte padding boundaries.
#include "redpak/base/digest.h"

#include <QTest>

class TestDigest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void knownVectors_data() {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QByteArray>("digest");
        QTest::newRow("empty") << QByteArray()
                               << QByteArray("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495"
                                             "991b7852b855");
        QTest::newRow("abc") << QByteArray("abc")
                             << QByteArray("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff"
                                           "61f20015ad");
        QTest::newRow("56 bytes")
            << QByteArray("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
            << QByteArray("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
        QTest::newRow("112 bytes")
            << QByteArray("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnop"
                          "jklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu")
            << QByteArray("cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
        QTest::newRow("one million a")
            << QByteArray(1000000, 'a')
            << QByteArray("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
        QTest::newRow("55 a") << QByteArray(55, 'a')
                              << QByteArray("9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e"
                                            "910f734318");
        QTest::newRow("64 a") << QByteArray(64, 'a')
                              << QByteArray("ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337"
                                            "df154668eb");
    }
    void knownVectors() {
        QFETCH(QByteArray, input);
        QFETCH(QByteArray, digest);
        const std::string hex = redpak::sha256Hex(
            std::string_view(input.constData(), static_cast<size_t>(input.size())));
        QCOMPARE(QByteArray::fromStdString(hex), digest);
        QVERIFY(redpak::isSha256Hex(hex));
    }

    void incrementalEqualsOneShot() {
        const QByteArray data(1000, 'x');
        redpak::Sha256 hasher;
        for (int i = 0; i < data.size(); i += 7) {
            hasher.update(std::string_view(data.constData() + i,
                                           static_cast<size_t>(std::min(7, int(data.size()) - i))));
        }
        const auto bytes = hasher.finish();
        std::string hex;
        for (const auto byte : bytes) {
            hex += QByteArray(1, char(byte)).toHex().toStdString();
        }
        QCOMPARE(hex, redpak::sha256Hex(std::string(1000, 'x')));
    }

    void digestShape_data() {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<bool>("valid");
        QTest::newRow("valid") << QByteArray(64, 'a') << true;
        QTest::newRow("upper case") << QByteArray(64, 'A') << false;
        QTest::newRow("too short") << QByteArray(63, 'a') << false;
        QTest::newRow("not hex") << QByteArray(64, 'g') << false;
        QTest::newRow("empty") << QByteArray() << false;
    }
    void digestShape() {
        QFETCH(QByteArray, text);
        QFETCH(bool, valid);
        QCOMPARE(redpak::isSha256Hex(text.toStdString()), valid);
    }
};

QTEST_GUILESS_MAIN(TestDigest)
#include "tst_digest.moc"
