#pragma once

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QStringList>

namespace zp::test {

// Every file under `dir` whose bytes contain `secret` in plain text: the API key must be in
// none of them.
inline QStringList filesContaining(const QString &dir, const QString &secret) {
    QStringList hits;
    QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile f(it.next());
        if (f.open(QIODevice::ReadOnly) && f.readAll().contains(secret.toUtf8()))
            hits << f.fileName();
    }
    return hits;
}

} // namespace zp::test
