#include "Avatars.h"

#include <QCryptographicHash>
#include <QtEndian>
#include <array>

namespace zp::devrealm {

namespace {

quint32 crc32(const QByteArray &data) {
    static const std::array<quint32, 256> table = [] {
        std::array<quint32, 256> t{};
        for (quint32 n = 0; n < 256; ++n) {
            quint32 c = n;
            for (int k = 0; k < 8; ++k)
                c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            t[n] = c;
        }
        return t;
    }();
    quint32 c = 0xFFFFFFFFu;
    for (const char byte : data)
        c = table[(c ^ quint8(byte)) & 0xFF] ^ (c >> 8);
    return c ^ 0xFFFFFFFFu;
}

QByteArray bigEndian(quint32 v) {
    QByteArray out(4, '\0');
    qToBigEndian(v, out.data());
    return out;
}

QByteArray chunk(const char *type, const QByteArray &data) {
    const QByteArray typed = QByteArray(type) + data;
    return bigEndian(quint32(data.size())) + typed + bigEndian(crc32(typed));
}

} // namespace

QByteArray avatarPng(const QByteArray &key, int size) {
    const QByteArray hash = QCryptographicHash::hash(key, QCryptographicHash::Md5);
    const quint8 r = quint8(hash[0]), g = quint8(hash[1]), b = quint8(hash[2]);
    const int cells = 5; // a symmetric 5x5 pattern, like Gravatar's identicons
    QByteArray raw;
    raw.reserve((size * 3 + 1) * size);
    for (int y = 0; y < size; ++y) {
        raw.append('\0'); // filter: none
        for (int x = 0; x < size; ++x) {
            const int cx = std::min(x * cells / size, cells - 1 - x * cells / size);
            const int cy = y * cells / size;
            const bool on = (quint8(hash[3 + cy]) >> cx) & 1;
            raw.append(char(on ? r : 240)).append(char(on ? g : 240)).append(char(on ? b : 240));
        }
    }
    QByteArray header = bigEndian(quint32(size)) + bigEndian(quint32(size));
    header.append(char(8)).append(char(2)).append('\0').append('\0').append('\0'); // 8-bit RGB
    const QByteArray zlib = qCompress(raw).mid(4); // qCompress prefixes the length
    return QByteArray("\x89PNG\r\n\x1a\n", 8) + chunk("IHDR", header) + chunk("IDAT", zlib) +
           chunk("IEND", {});
}

} // namespace zp::devrealm
