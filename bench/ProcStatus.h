#pragma once

#include <QByteArray>
#include <QFile>

namespace zp::bench {

// A "kB" line of this process's /proc/self/status (VmRSS, VmHWM, ...) in MB; -1 if absent.
inline double procStatusMb(const QByteArray &key) {
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n'))
        if (line.startsWith(key + ':'))
            return line.mid(key.size() + 1).trimmed().split(' ').value(0).toDouble() / 1024.0;
    return -1;
}

} // namespace zp::bench
