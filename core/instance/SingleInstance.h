#pragma once

#include <QObject>
#include <QString>

class QLocalServer;

namespace zp {

// One agent per person: the first agent listens on a private socket in XDG_RUNTIME_DIR (a
// per-user 0700 directory); a later start finds it there and asks it to show its popup instead
// of reporting a second time. A socket left behind by a crashed agent answers nobody and is
// replaced.
class SingleInstance : public QObject {
    Q_OBJECT
public:
    enum class Role { Tray, Headless };
    enum class Outcome {
        Primary,          // we are the only agent; keep going
        OtherShowedPopup, // a tray agent runs and showed its popup: exit quietly
        OtherIsHeadless,  // a headless agent runs; nothing to show, and we must not report too
        OtherIsTray,      // (for --headless) a tray agent already reports
        Failed,           // the socket could not be created; see error()
    };

    // `socketPath` empty = the per-user default.
    explicit SingleInstance(Role role, const QString &socketPath = {}, QObject *parent = nullptr);
    ~SingleInstance() override;

    static QString defaultSocketPath();

    // Either becomes the primary or talks to the one running (bounded: about 2 s at most).
    Outcome claim();
    QString error() const { return m_error; }
    QString socketPath() const { return m_path; }

Q_SIGNALS:
    // Another start asked us to show ourselves.
    void showRequested();

private:
    Role m_role;
    QString m_path;
    QString m_error;
    QLocalServer *m_server = nullptr;
};

} // namespace zp
