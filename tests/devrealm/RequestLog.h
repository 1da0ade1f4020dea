// The request log: in memory for in-process tests, and as JSON lines in a file that tests can
// tail (flushed per line). It never holds an API key or a password.
#pragma once

#include "DevRealm.h"

#include <QFile>
#include <QList>

namespace zp::devrealm {

class RequestLog {
public:
    bool openFile(const QString &path);
    void append(const RequestLogEntry &entry);
    const QList<RequestLogEntry> &entries() const { return m_entries; }
    void clear() { m_entries.clear(); }

private:
    QList<RequestLogEntry> m_entries;
    QFile m_file;
};

} // namespace zp::devrealm
